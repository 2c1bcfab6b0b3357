// Chart colours come from VS Code's theme variables, so the charts look native in dark, light and
// high-contrast themes. `paletteFrom` is pure (a lookup function in, colours out); the DOM read
// lives in theme.ts.

export type PaletteKey = 'red' | 'blue' | 'green' | 'yellow' | 'orange' | 'purple';

export interface Palette {
  series: Record<PaletteKey, string>;
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  fontFamily: string;
  fontSize: number;
  /** High-contrast themes get thicker lines. */
  highContrast: boolean;
}

/** VS Code's Dark Modern values, used when a variable is missing (e.g. outside VS Code). */
const FALLBACK = {
  red: '#f14c4c',
  blue: '#3794ff',
  green: '#89d185',
  yellow: '#cca700',
  orange: '#d18616',
  purple: '#b180d7',
  foreground: '#cccccc',
  background: '#1f1f1f',
};

/**
 * Builds the palette from a variable lookup (`name` -> value, '' when unset), e.g.
 * `(n) => getComputedStyle(document.documentElement).getPropertyValue(n)`.
 */
export function paletteFrom(lookup: (name: string) => string, highContrast = false): Palette {
  const v = (name: string, fallback: string): string => lookup(name).trim() || fallback;
  const foreground = v('--vscode-foreground', FALLBACK.foreground);
  const fontSize = Number.parseFloat(v('--vscode-font-size', '13'));
  return {
    series: {
      red: v('--vscode-charts-red', FALLBACK.red),
      blue: v('--vscode-charts-blue', FALLBACK.blue),
      green: v('--vscode-charts-green', FALLBACK.green),
      yellow: v('--vscode-charts-yellow', FALLBACK.yellow),
      orange: v('--vscode-charts-orange', FALLBACK.orange),
      purple: v('--vscode-charts-purple', FALLBACK.purple),
    },
    foreground,
    muted: v('--vscode-descriptionForeground', foreground),
    // High-contrast borders are loud by design; inside a chart they would drown the lines.
    grid: highContrast
      ? withAlpha(v('--vscode-panel-border', foreground), 0.35)
      : v('--vscode-panel-border', '') || withAlpha(foreground, 0.15),
    background: v('--vscode-editor-background', FALLBACK.background),
    fontFamily: v('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
    highContrast,
  };
}

/**
 * The colour with the given opacity, as rgba(). Understands #rgb, #rgba, #rrggbb, #rrggbbaa and
 * rgb()/rgba(); anything else (a named colour) is returned unchanged.
 */
export function withAlpha(colour: string, alpha: number): string {
  const c = colour.trim();
  let rgb: number[] | undefined;
  let a = 1;
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) {
    rgb = [0, 1, 2].map((i) => parseInt(hex[i] + hex[i], 16));
    if (hex.length === 4) a = parseInt(hex[3] + hex[3], 16) / 255;
  } else if (hex && (hex.length === 6 || hex.length === 8)) {
    rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    if (hex.length === 8) a = parseInt(hex.slice(6, 8), 16) / 255;
  } else {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(c);
    if (m) {
      rgb = [m[1], m[2], m[3]].map((x) => Math.round(Number(x)));
      if (m[4]) a = m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
    }
  }
  if (!rgb) return c;
  const out = Math.round(a * alpha * 1000) / 1000;
  return `rgba(${rgb.join(', ')}, ${out})`;
}
