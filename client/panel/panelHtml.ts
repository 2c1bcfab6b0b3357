// The results panel's HTML. A pure function (no vscode import) so the render test can build the
// very same page in a browser. The CSP allows only this page's nonce for scripts and styles,
// resources from the webview's own origin (`cspSource`), and data: images; nothing remote.

export interface PanelHtmlOptions {
  /** The webview URI of dist/webview.js (webview.asWebviewUri). */
  scriptUri: string;
  /** webview.cspSource: the origin the webview may load its own resources from. */
  cspSource: string;
  /** A fresh random nonce per page load (base64 or alphanumeric). */
  nonce: string;
  title?: string;
}

function escapeHtml(s: string): string {
  // Single quotes stay: every attribute here is double-quoted, and the CSP reads better unescaped.
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The CSP of the panel, exported so tests can check it. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { scriptUri, cspSource, nonce } = options;
  // A nonce with quotes or spaces, or a source list with `;`, `"` or a line break, would break out of
  // the CSP: refuse it loudly. cspSource itself may be a list (code-server gives "'self' https://…").
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce))
    throw new Error('panelHtml: the nonce must be at least 16 base64 or alphanumeric characters');
  if (/[;"\r\n<>]/.test(cspSource) || !cspSource.trim())
    throw new Error(
      `panelHtml: cspSource must be a list of CSP source expressions, got ${JSON.stringify(cspSource)}`,
    );
  const title = escapeHtml(options.title ?? 'Stampede results');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(panelCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${title}</title>
</head>
<body>
<main id="app" aria-live="off"></main>
<script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

/** A random nonce from the platform's CSPRNG (Web Crypto, present in Node 20 and browsers). */
export function createNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63];
  return s;
}
