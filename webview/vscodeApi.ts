// The one handle the webview has on VS Code. `acquireVsCodeApi` is injected by VS Code (and by the
// render test's fake); it may be called only once per page, so this module calls it once and shares it.
import type { FromWebview } from '../common/protocol/webview';

interface VsCodeApi<State> {
  postMessage(message: FromWebview): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export type { VsCodeApi };

let api: VsCodeApi<unknown> | undefined;

/** The VS Code API of this page, acquired on first use. */
export function vscodeApi<State>(): VsCodeApi<State> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<State>;
}
