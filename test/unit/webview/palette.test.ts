import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paletteFrom, withAlpha } from '../../../webview/charts/palette';

test('withAlpha understands the colour forms VS Code themes use', () => {
  assert.equal(withAlpha('#3794ff', 0.5), 'rgba(55, 148, 255, 0.5)');
  assert.equal(withAlpha('#fff', 0.2), 'rgba(255, 255, 255, 0.2)');
  assert.equal(withAlpha('#ffffff80', 0.5), 'rgba(255, 255, 255, 0.251)');
  assert.equal(withAlpha('#f008', 1), 'rgba(255, 0, 0, 0.533)');
  assert.equal(withAlpha(' rgb(1, 2, 3) ', 0.3), 'rgba(1, 2, 3, 0.3)');
  assert.equal(withAlpha('rgba(1, 2, 3, 0.5)', 0.5), 'rgba(1, 2, 3, 0.25)');
  assert.equal(withAlpha('red', 0.5), 'red', 'a named colour is returned as it is');
});

test('the palette reads the theme variables and falls back when one is missing', () => {
  const vars: Record<string, string> = {
    '--vscode-charts-blue': ' #1a85ff',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-font-size': '14px',
  };
  const p = paletteFrom((n) => vars[n] ?? '');
  assert.equal(p.series.blue, '#1a85ff');
  assert.equal(p.series.red, '#f14c4c', 'fallback');
  assert.equal(p.foreground, '#3b3b3b');
  assert.equal(p.muted, '#3b3b3b', 'description colour falls back to the foreground');
  assert.equal(p.grid, '#e5e5e5');
  assert.equal(p.fontSize, 14);
  assert.equal(p.highContrast, false);
  const hc = paletteFrom((n) => ({ '--vscode-panel-border': '#6fc3df' })[n] ?? '', true);
  assert.equal(hc.grid, 'rgba(111, 195, 223, 0.35)', 'high-contrast grid lines are toned down');
  assert.equal(paletteFrom(() => '').grid, 'rgba(204, 204, 204, 0.15)');
});
