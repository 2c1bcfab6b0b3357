// Webview entry point (bundled by esbuild to dist/webview.js, an IIFE). Posts `ready`, then renders
// every message from the extension through one exhaustive switch. Runs in the browser only.
import { asToWebview, type ToWebview } from '../common/protocol/webview';
import { Panel, type PanelState } from './panel';
import { PANEL_CSS } from './styles';
import { vscodeApi } from './vscodeApi';

// The CSP allows only elements carrying the page's nonce; take it from this script's own tag,
// which is only reachable while the bundle's top level runs.
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

function injectStyles(css: string): void {
  const style = document.createElement('style');
  style.nonce = nonce;
  style.textContent = css;
  document.head.append(style);
}

function handle(panel: Panel, message: ToWebview): void {
  switch (message.kind) {
    case 'hydrate':
      panel.hydrate(message.snapshot, message.history, message.comparison);
      break;
    case 'update':
      panel.update(message.snapshot, message.point, message.comparison);
      break;
    case 'baseline':
      panel.setBaseline(message.baseline, message.comparison);
      break;
    default: {
      const unreachable: never = message;
      throw new Error(`Unhandled message: ${JSON.stringify(unreachable)}`);
    }
  }
}

function start(): void {
  injectStyles(PANEL_CSS);
  const api = vscodeApi<PanelState>();
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
  const panel = new Panel(root, {
    post: (m) => api.postMessage(m),
    getState: () => api.getState(),
    setState: (s) => api.setState(s),
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = asToWebview(event.data);
    if (message) handle(panel, message);
  });
  api.postMessage({ kind: 'ready' });
}

start();
