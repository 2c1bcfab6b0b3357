// The HTML report's stylesheet, inlined (the CSP admits it by its hash). Colours are the
// `--vscode-*` variables the panel's chart code reads (webview/charts/palette.ts), given light
// values, dark ones under `prefers-color-scheme: dark`, and fixed by the theme button's classes.
const LIGHT = `
  --vscode-foreground: #1f2328; --vscode-descriptionForeground: #59636e;
  --vscode-editor-background: #ffffff; --vscode-panel-border: #d1d9e0;
  --vscode-charts-red: #cf222e; --vscode-charts-blue: #0969da; --vscode-charts-green: #1a7f37;
  --vscode-charts-yellow: #9a6700; --vscode-charts-orange: #bc4c00; --vscode-charts-purple: #8250df;
  --vscode-font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; --vscode-font-size: 14px;
  --surface: #f6f8fa; --bad: #cf222e; --good: #1a7f37; --stage-line: #59636e; color-scheme: light;`;
const DARK = `
  --vscode-foreground: #d1d7e0; --vscode-descriptionForeground: #9198a1;
  --vscode-editor-background: #151b23; --vscode-panel-border: #3d444d;
  --vscode-charts-red: #f85149; --vscode-charts-blue: #4493f8; --vscode-charts-green: #3fb950;
  --vscode-charts-yellow: #d29922; --vscode-charts-orange: #db6d28; --vscode-charts-purple: #ab7df8;
  --surface: #212830; --bad: #f85149; --good: #3fb950; --stage-line: #9198a1; color-scheme: dark;`;

export const REPORT_CSS = `
:root {${LIGHT} }
@media (prefers-color-scheme: dark) { :root:not(.theme-light) {${DARK} } }
:root.theme-dark {${DARK} }
body { margin: 0 auto; max-width: 1280px; padding: 16px 24px 48px; font: var(--vscode-font-size)/1.45 var(--vscode-font-family);
  color: var(--vscode-foreground); background: var(--vscode-editor-background); }
header { display: flex; align-items: flex-start; justify-content: space-between; gap: 16px; flex-wrap: wrap; }
h1 { font-size: 1.6em; margin: 8px 0 2px; } h2 { font-size: 1.2em; margin: 28px 0 8px; }
.muted { color: var(--vscode-descriptionForeground); }
.verdict { padding: 10px 14px; border-radius: 6px; margin: 12px 0; border: 1px solid var(--good); font-weight: 600; }
.verdict.fail { border-color: var(--bad); color: var(--bad); }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; margin: 12px 0; }
.tile { background: var(--surface); border-radius: 6px; padding: 8px 12px; }
.tile b { display: block; font-size: 1.4em; font-variant-numeric: tabular-nums; }
nav { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 8px 0; }
a { color: var(--vscode-charts-blue); }
button { font: inherit; color: inherit; background: var(--surface); border: 1px solid var(--vscode-panel-border); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
#charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 12px; }
figure.chart { margin: 0; background: var(--surface); border-radius: 6px; padding: 8px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.chart-box { position: relative; height: 240px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 4px 0 8px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--vscode-panel-border); text-align: right; white-space: nowrap; }
th { background: var(--surface); position: sticky; top: 0; }
th.text { text-align: left; }
td.text { text-align: left; white-space: normal; word-break: break-word; min-width: 4em; max-width: 48em; }
tr.bad td, td.bad { color: var(--bad); font-weight: 600; } td.good { color: var(--good); font-weight: 600; }
tr.total td { font-weight: 700; }
dl.settings { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.settings dt { color: var(--vscode-descriptionForeground); } dl.settings dd { margin: 0; word-break: break-word; }
pre { background: var(--surface); padding: 12px; border-radius: 6px; overflow-x: auto; font-size: 0.9em; }
details > summary { cursor: pointer; } .samples { margin: 8px 0; } .samples > p { margin: 4px 0; font-weight: 600; }
.samples pre { white-space: pre-wrap; word-break: break-all; max-height: 24em; overflow: auto; margin: 4px 0 8px; }
@media print { button, nav { display: none; } }
`;
