// The panel with a baseline picked, rendered from the real bundle in headless Chromium: the host's
// comparison shows as a table of base → current cells coloured better/worse, every chart with a
// baseline series draws a faint extra line, and the buttons post chooseBaseline / clearBaseline.
// Screenshot: test/e2e/screenshots/baseline.png. Fails (never skips) without /usr/bin/chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { compareRuns } from '../../common/baseline';
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { ToWebview } from '../../common/protocol/webview';
import { SCREENSHOTS, buildBundle, canvasPixels, launch, loadRun, openPanel, tableRows } from './harness';
import { DARK } from './themes';

let browser: Browser;
let bundle: string;
const run = loadRun('closed-model.json');
const points: HistoryPoint[] = run.messages.flatMap((m) => (m.kind === 'hydrate' ? m.history : [m.point]));
const final = run.messages[run.messages.length - 1].snapshot!;

/** The same run as it was "last week": slower at p95, more requests/s, fewer failures. */
const baseSnapshot: RunSnapshot = {
  ...final,
  runId: 'baseline-run',
  entries: final.entries.map((e) => ({
    ...e,
    rps: e.rps * 1.5,
    failures: 0,
    percentiles: { ...e.percentiles, p95: e.percentiles.p95 / 2 },
  })),
  total: { ...final.total, rps: final.total.rps * 1.5, failures: 0 },
};
const baseHistory = points.map((p) => ({
  ...p,
  rps: p.rps * 0.5,
  p95: p.p95 * 2.5,
  users: Math.round(p.users / 2),
}));
const comparison = compareRuns(final, baseSnapshot);

before(async () => {
  [bundle, browser] = await Promise.all([buildBundle(), launch()]);
});
after(async () => {
  await browser?.close();
});

test('a baseline shows deltas in a comparison table and a faint baseline line on each chart', async () => {
  const p = await openPanel(browser, bundle, DARK);
  try {
    await p.send([{ kind: 'hydrate', snapshot: final, history: points }]);
    await p.rendered(points[points.length - 1].t, 'stopped');
    assert.equal(
      await p.page.locator('#compared').isHidden(),
      true,
      'no comparison table without a baseline',
    );
    const before = await canvasPixels(p.page, 'throughput');

    await p.page.locator('button[data-action="choose-baseline"]').click();
    assert.deepEqual((await p.posted()).at(-1), { kind: 'chooseBaseline' });

    const message: ToWebview = {
      kind: 'baseline',
      baseline: { label: 'Shop checkout, last week', history: baseHistory },
      comparison,
    };
    await p.send([message]);
    await p.page.waitForSelector('#app[data-baseline="shown"]', { state: 'attached' });

    assert.match(await p.page.locator('.baseline-label').innerText(), /Baseline: Shop checkout, last week/);
    const rows = await tableRows(p.page, 'compared');
    assert.equal(rows.length, final.entries.length, 'one row per request in both runs');
    const browse = rows.find((r) => r[0] === 'browse')!;
    const e = final.entries.find((x) => x.name === 'browse')!;
    assert.match(browse[2], / → .*\(-33%\)$/, `rps fell by a third: ${browse[2]}`);
    assert.match(browse[5], / ms → .* ms \(\+100%\)$/, `p95 doubled: ${browse[5]}`);
    const tone = (row: string, column: string) =>
      p.page
        .locator(`#compared tbody tr[data-key="${e.method} ${row}"] td`)
        .nth(['name', 'method', 'rps', 'failures', 'p50', 'p95', 'p99'].indexOf(column));
    assert.equal(await tone('browse', 'rps').getAttribute('data-tone'), 'worse');
    assert.equal(await tone('browse', 'p95').getAttribute('data-tone'), 'worse');
    assert.equal(
      await tone('browse', 'p50').getAttribute('data-tone'),
      null,
      'an unchanged p50 has no colour',
    );
    const worseColour = await tone('browse', 'p95').evaluate((td) => getComputedStyle(td).color);
    const plainColour = await tone('browse', 'p50').evaluate((td) => getComputedStyle(td).color);
    assert.notEqual(worseColour, plainColour, 'worse cells are coloured');
    const [total] = await tableRows(p.page, 'compared', 'tfoot');
    assert.equal(total[0], 'Aggregated');

    for (const id of ['throughput', 'latency', 'users'])
      assert.equal(
        await p.page.locator(`figure[data-chart="${id}"]`).getAttribute('data-baseline-lines'),
        '1',
        `${id} draws one baseline line`,
      );
    const withBaseline = await canvasPixels(p.page, 'throughput');
    assert.ok(
      withBaseline.drawn > before.drawn + 200,
      `the baseline line adds pixels (${before.drawn} -> ${withBaseline.drawn})`,
    );
    const legend = await p.page.evaluate(
      () => document.querySelector('figure[data-chart="latency"]')?.textContent ?? '',
    );
    assert.ok(legend.includes('Response time'), legend);
    await p.page.screenshot({ path: path.join(SCREENSHOTS, 'baseline.png'), fullPage: true });

    await p.page.locator('button[data-action="clear-baseline"]').click();
    assert.deepEqual((await p.posted()).at(-1), { kind: 'clearBaseline' });
    await p.send([{ kind: 'baseline', baseline: null }]);
    await p.page.waitForSelector('#app[data-baseline="none"]', { state: 'attached' });
    assert.equal(await p.page.locator('#compared').isHidden(), true);
    assert.equal(
      await p.page.locator('figure[data-chart="throughput"]').getAttribute('data-baseline-lines'),
      '0',
    );
    assert.deepEqual(p.problems, [], 'no console errors, page errors, CSP violations or outside requests');
  } finally {
    await p.close();
  }
});
