// The panel's stylesheet. Every colour is a VS Code theme variable (with a fallback for pages
// outside VS Code), so dark, light and high-contrast themes all read well. Injected by main.ts in
// a <style> element carrying the page's CSP nonce; there are no inline style attributes.
export const PANEL_CSS = `
:root { color-scheme: light dark; }
body {
  margin: 0; padding: 0 16px 24px;
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground, #ccc);
  background: var(--vscode-editor-background, #1f1f1f);
}
h1 { font-size: 1.45em; font-weight: 600; margin: 0; }
h2 { font-size: 1.1em; font-weight: 600; margin: 20px 0 6px; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: 1px; }
button:focus-visible, input:focus-visible { outline-offset: 2px; }

.run-header { padding: 14px 0 6px; }
.title-row { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.state {
  font-size: 0.85em; padding: 1px 8px; border-radius: 10px; text-transform: uppercase; letter-spacing: 0.04em;
  background: var(--vscode-badge-background, #616161); color: var(--vscode-badge-foreground, #fff);
  border: 1px solid var(--vscode-contrastBorder, transparent);
}
.state[data-state="running"], .state[data-state="starting"] {
  background: var(--vscode-charts-green, #89d185); color: var(--vscode-editor-background, #1f1f1f);
}
.time-row { display: flex; align-items: center; gap: 12px; margin: 10px 0; font-variant-numeric: tabular-nums; }
.progress {
  flex: 0 1 320px; height: 6px; border-radius: 3px; overflow: hidden;
  background: var(--vscode-input-background, #313131);
  border: 1px solid var(--vscode-contrastBorder, transparent);
}
.progress-fill { height: 100%; width: 0; background: var(--vscode-progressBar-background, #0078d4); }
.stage { color: var(--vscode-descriptionForeground, #9d9d9d); }
.headline { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 8px 0; }
.stat dt { font-size: 0.85em; color: var(--vscode-descriptionForeground, #9d9d9d); }
.stat dd { margin: 0; font-size: 1.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.warning {
  margin: 8px 0; padding: 8px 10px; border-radius: 2px;
  background: var(--vscode-inputValidation-warningBackground, #352a05);
  border: 1px solid var(--vscode-inputValidation-warningBorder, #b89500);
  color: var(--vscode-foreground, #ccc);
}
.thresholds h2 { margin-top: 10px; }
.thresholds ul { list-style: none; margin: 0; padding: 0; }
.thresholds li { display: flex; gap: 12px; align-items: baseline; padding: 2px 0; }
.thresholds .mark { min-width: 4.5em; font-weight: 600; }
.thresholds .pass .mark, .thresholds h2.pass { color: var(--vscode-testing-iconPassed, #73c991); }
.thresholds .fail .mark, .thresholds h2.fail { color: var(--vscode-testing-iconFailed, #f14c4c); }
.thresholds .actual { color: var(--vscode-descriptionForeground, #9d9d9d); font-variant-numeric: tabular-nums; }
code { font-family: var(--vscode-editor-font-family, monospace); }

.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 0 4px; }
.controls .group { display: inline-flex; align-items: center; gap: 6px; }
.controls .exports { margin-left: auto; }
.controls .message { color: var(--vscode-descriptionForeground, #9d9d9d); }
.controls input[aria-invalid="true"] { border-color: var(--vscode-inputValidation-errorBorder, #be1100); }
button {
  font: inherit; padding: 4px 12px; border-radius: 2px; cursor: pointer;
  color: var(--vscode-button-foreground, #fff);
  background: var(--vscode-button-background, #0078d4);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent));
}
button:hover:not(:disabled) { background: var(--vscode-button-hoverBackground, #026ec1); }
button.secondary {
  color: var(--vscode-button-secondaryForeground, #ccc); background: var(--vscode-button-secondaryBackground, #313131);
}
button.secondary:hover:not(:disabled) { background: var(--vscode-button-secondaryHoverBackground, #3c3c3c); }
button:disabled { opacity: 0.5; cursor: default; }
input[type="number"] {
  font: inherit; width: 7em; padding: 3px 6px; border-radius: 2px;
  color: var(--vscode-input-foreground, #ccc); background: var(--vscode-input-background, #313131);
  border: 1px solid var(--vscode-input-border, var(--vscode-contrastBorder, #3c3c3c));
}

.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 12px 20px; margin: 8px 0; }
.chart { margin: 0; min-width: 0; }
.chart figcaption { font-weight: 600; margin: 6px 0 4px; }
.chart-box { position: relative; height: 220px; }

.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; text-align: left; border-bottom: 1px solid var(--vscode-panel-border, #2b2b2b); white-space: nowrap; }
td { overflow-wrap: anywhere; }
#errors td:last-child { white-space: normal; }
th.num, td.num { text-align: right; }
th { padding: 0; font-weight: 600; }
th button.sort {
  all: unset; box-sizing: border-box; display: block; width: 100%; padding: 4px 8px; cursor: pointer;
  text-align: inherit; font-weight: 600; color: var(--vscode-foreground, #ccc);
}
th button.sort:hover { background: var(--vscode-list-hoverBackground, #2a2d2e); }
th button.sort:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
th[data-sorted="asc"] button.sort::after { content: " \\25B2"; font-size: 0.75em; }
th[data-sorted="desc"] button.sort::after { content: " \\25BC"; font-size: 0.75em; }
tbody tr:hover { background: var(--vscode-list-hoverBackground, #2a2d2e); }
tfoot td { font-weight: 600; border-top: 2px solid var(--vscode-panel-border, #2b2b2b); }
td[data-tone="better"] { color: var(--vscode-testing-iconPassed, #73c991); }
td[data-tone="worse"] { color: var(--vscode-testing-iconFailed, #f14c4c); font-weight: 600; }
.baseline-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 4px 0; }
.baseline-label { color: var(--vscode-descriptionForeground, #9d9d9d); }
tr.empty td { color: var(--vscode-descriptionForeground, #9d9d9d); font-style: italic; }
tr.expandable { cursor: pointer; }
tr.expandable > td:first-child::before { content: '▸ '; color: var(--vscode-descriptionForeground, #9d9d9d); }
tr.expandable[aria-expanded="true"] > td:first-child::before { content: '▾ '; }
tr.details > td { text-align: left; padding: 4px 8px 10px; }
.failure-sample { margin: 4px 0 10px; }
.sample-title { font-weight: 600; margin-bottom: 4px; }
.sample-label { color: var(--vscode-descriptionForeground, #9d9d9d); font-size: 0.9em; }
.failure-sample pre {
  margin: 2px 0 6px; padding: 6px 8px; max-height: 20em; overflow: auto; white-space: pre-wrap; word-break: break-all;
  font-family: var(--vscode-editor-font-family, monospace);
  background: var(--vscode-textCodeBlock-background, #2b2b2b);
  border: 1px solid var(--vscode-contrastBorder, transparent);
}
`;
