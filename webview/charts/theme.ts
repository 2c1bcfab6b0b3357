// Reads the theme from the page and tells listeners when it changes. VS Code switches the body's
// class (vscode-dark / vscode-light / vscode-high-contrast / vscode-high-contrast-light) and sets
// the --vscode-* variables on <html>; both are watched, so whichever lands last wins.
import { paletteFrom, type Palette } from './palette';

export function readPalette(): Palette {
  const styles = getComputedStyle(document.documentElement);
  const body = getComputedStyle(document.body);
  const lookup = (name: string): string => body.getPropertyValue(name) || styles.getPropertyValue(name);
  return paletteFrom(
    lookup,
    document.body.classList.contains('vscode-high-contrast') ||
      document.body.classList.contains('vscode-high-contrast-light'),
  );
}

/** Calls `onChange` with a fresh palette after every theme change. Returns a disposer. */
export function watchTheme(onChange: (palette: Palette) => void): () => void {
  const observer = new MutationObserver(() => onChange(readPalette()));
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
