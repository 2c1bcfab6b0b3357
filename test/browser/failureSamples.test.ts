// The panel's error table opens an error row to show its failure samples: the request and the
// response as the worker kept them, the server's text shown as text (markup not run, control
// characters visible), and the row stays open while snapshots keep arriving.
// Fails (never skips) when /usr/bin/chromium is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ErrorStats, FailureSample, RunSnapshot } from '../../common/snapshot';
import type { ToWebview } from '../../common/protocol/webview';
import { buildBundle, launch, loadRun, openPanel, screenshot, tableRows } from './harness';
import { DARK } from './themes';

let browser: Browser;
let bundle: string;
const run = loadRun('closed-model.json');
const last = run.messages[run.messages.length - 1];
const final = last.snapshot!;

before(async () => {
  [bundle, browser] = await Promise.all([buildBundle(), launch()]);
});
after(async () => {
  await browser?.close();
});

const sample: FailureSample = {
  time: Date.UTC(2026, 0, 1, 12, 0, 0),
  error: 'HTTP 500',
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8080/cart',
    headers: 'Content-Type: application/json\nAuthorization: Bearer ***',
    body: '{"sku":"A1"}',
    bodyBytes: 12,
  },
  response: {
    status: 500,
    headers: 'HTTP/1.1 500 Internal Server Error\ncontent-type: text/html',
    body: '<script>window.__ran = true</script><b>database on fire</b>\u001b[31mred',
    bodyBytes: 5000,
  },
};

function withSamples(s: RunSnapshot): { snapshot: RunSnapshot; row: ErrorStats } {
  const [first, ...rest] = s.errors;
  const row = { ...first, samples: [sample, { ...sample, time: sample.time + 1000 }] };
  return { snapshot: { ...s, errors: [row, ...rest] }, row };
}

test('clicking an error row shows its samples as text, and it stays open across updates', async () => {
  const p = await openPanel(browser, bundle, DARK);
  try {
    const { snapshot, row } = withSamples(final);
    const hydrate: ToWebview = { kind: 'hydrate', snapshot, history: [] };
    await p.send([hydrate]);
    const key = `${row.method} ${row.name} ${row.error}`;
    const rowSel = `#errors tbody tr[data-key="${key.replace(/"/g, '\\"')}"]`;
    await p.page.waitForSelector(rowSel);
    assert.equal(await p.page.locator(rowSel).getAttribute('aria-expanded'), 'false');
    assert.equal(await p.page.locator('#errors tr.details').count(), 0, 'closed at first');
    // A row without samples does not open.
    const others = await p.page.locator('#errors tbody tr:not(.expandable)').count();
    assert.equal(others, snapshot.errors.length - 1);

    await p.page.locator(rowSel).click();
    const details = p.page.locator('#errors tr.details');
    await details.waitFor();
    assert.equal(await p.page.locator(rowSel).getAttribute('aria-expanded'), 'true');
    const text = await details.innerText();
    assert.match(text, /POST http:\/\/127\.0\.0\.1:8080\/cart/);
    assert.match(text, /Authorization: Bearer \*\*\*/);
    assert.match(text, /HTTP\/1\.1 500 Internal Server Error/);
    assert.match(text, /<script>window\.__ran = true<\/script><b>database on fire<\/b>\\x1b\[31mred/);
    assert.match(text, /5000 bytes in all/);
    assert.equal(await p.page.locator('#errors .failure-sample').count(), 2);
    assert.equal(await p.page.locator('#errors tr.details b').count(), 0, 'markup from the server is text');
    assert.equal(await p.page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran), undefined);
    await screenshot(p.page, 'failure-samples');

    // A new snapshot refills the table: the opened row stays open.
    const update: ToWebview = {
      kind: 'update',
      snapshot: { ...snapshot, elapsedMs: snapshot.elapsedMs + 1000 },
      point: { t: snapshot.elapsedMs + 1000, rps: 0, failuresPerSec: 0, p50: 0, p95: 0, p99: 0, users: 0 },
    };
    await p.send([update]);
    await p.rendered(snapshot.elapsedMs + 1000, snapshot.state);
    assert.equal(await details.count(), 1, 'still open after an update');

    // Enter closes it again (keyboard works as the mouse does).
    await p.page.locator(rowSel).press('Enter');
    await p.page.locator('#errors tr.details').waitFor({ state: 'detached' });
    assert.equal((await tableRows(p.page, 'errors')).length, snapshot.errors.length);
    assert.deepEqual(p.problems, [], 'no console errors, page errors, CSP violations or outside requests');
  } finally {
    await p.close();
  }
});
