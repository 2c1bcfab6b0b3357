// The bundled webview rendered in headless Chromium, fed a recorded run through a fake
// acquireVsCodeApi: charts are drawn, tables hold the run's rows, headers sort, a theme switch
// re-colours the charts, the controls post the right messages, and the CSP is never violated.
// Fails (never skips) when /usr/bin/chromium is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunSnapshot } from '../../common/snapshot';
import {
  buildBundle,
  canvasPixels,
  launch,
  loadRun,
  openPanel,
  screenshot,
  tableRows,
  type PanelPage,
} from './harness';
import { DARK, HIGH_CONTRAST, LIGHT } from './themes';

let browser: Browser;
let bundle: string;
const closed = loadRun('closed-model.json');
const open = loadRun('open-model.json');
const first = closed.messages[0];
if (first?.kind !== 'hydrate')
  throw new Error('test/fixtures/runs/closed-model.json must start with a hydrate message');
const hydrate = first;
const updates = closed.messages.slice(1);
const lastMessage = closed.messages[closed.messages.length - 1];
const final = lastMessage.snapshot!;
const midRun = closed.messages[10]; // an update while still running
const tOf = (m: (typeof closed.messages)[number]): number =>
  m.kind === 'update' ? m.point.t : m.history[m.history.length - 1].t;

before(async () => {
  [bundle, browser] = await Promise.all([buildBundle(), launch()]);
});
after(async () => {
  await browser?.close();
});

async function withPanel(
  theme: typeof DARK,
  fn: (p: PanelPage) => Promise<void>,
  saved?: unknown,
): Promise<void> {
  const p = await openPanel(browser, bundle, theme, saved);
  try {
    await fn(p);
    assert.deepEqual(p.problems, [], 'no console errors, page errors, CSP violations or outside requests');
  } finally {
    await p.close();
  }
}

test('a recorded run fills the header, the charts and the tables, and stays on screen when finished', async () => {
  await withPanel(DARK, async (p) => {
    await p.send([hydrate]);
    await p.rendered(tOf(hydrate), 'running');
    for (const id of ['throughput', 'latency', 'users']) {
      const { drawn } = await canvasPixels(p.page, id);
      assert.ok(drawn > 2000, `chart ${id} has drawn pixels (${drawn})`);
    }
    assert.equal(
      await p.page.locator('figure[data-chart="arrival"]').isHidden(),
      true,
      'no arrival chart for a closed-model run',
    );
    await screenshot(p.page, 'dark-running');

    await p.send(updates);
    await p.rendered(tOf(lastMessage), 'stopped');
    const header = await p.page.locator('.run-header').innerText();
    assert.match(header, /Shop checkout/);
    assert.match(header, /stopped/i);
    assert.match(header, /1:30 \/ 1:30/);
    assert.match(header, /Thresholds: 1 of 2 failed/);
    assert.match(header, /p95 < 300ms/);
    assert.match(header, /failures < 0\.5%/);
    assert.equal(await p.page.locator('.warning').isHidden(), true, 'no saturation warning');

    const rows = await tableRows(p.page, 'entries');
    const names = rows.map((r) => r[0]);
    assert.deepEqual(
      names,
      final.entries
        .map((e) => e.name)
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })),
    );
    const browse = rows.find((r) => r[0] === 'browse')!;
    const e = final.entries.find((x) => x.name === 'browse')!;
    assert.equal(browse[1], 'GET');
    assert.equal(browse[2], e.requests.toLocaleString('en-US'));
    assert.equal(rows.find((r) => r[0] === '/health')![4], '0.44', 'sub-millisecond median stays visible');
    const [aggregated] = await tableRows(p.page, 'entries', 'tfoot');
    assert.equal(aggregated[0], 'Aggregated');
    assert.equal(aggregated[2], final.total.requests.toLocaleString('en-US'));
    assert.equal((await tableRows(p.page, 'errors')).length, final.errors.length);
    assert.equal(
      (await tableRows(p.page, 'errors'))[0][0],
      String(Math.max(...final.errors.map((x) => x.count))),
      'errors sorted by count, largest first',
    );
    assert.deepEqual(
      (await tableRows(p.page, 'workers')).map((r) => [r[0], r[2]]),
      [
        ['w1', 'stopped'],
        ['w2', 'stopped'],
      ],
    );
    const trackers = await tableRows(p.page, 'trackers');
    assert.equal(trackers.length, final.trackers.length);
    assert.ok(
      trackers.some((r) => r[0] === 'job latency' && r[1] === '3'),
      'tracker rows per stage',
    );
    assert.equal(
      await p.page.locator('button.stop').isDisabled(),
      true,
      'Stop is disabled once the run has stopped',
    );
    await screenshot(p.page, 'dark-finished');
  });
});

test('clicking a header, or pressing Enter on it, sorts the table', async () => {
  await withPanel(DARK, async (p) => {
    await p.send(closed.messages);
    await p.rendered(tOf(lastMessage), 'stopped');
    const th = p.page.locator('#entries th[data-column="requests"]');
    await th.locator('button').click();
    assert.equal(await th.getAttribute('aria-sort'), 'descending');
    const byRequests = [...final.entries].sort((a, b) => b.requests - a.requests).map((e) => e.name);
    assert.deepEqual(
      (await tableRows(p.page, 'entries')).map((r) => r[0]),
      byRequests,
    );

    await th.locator('button').focus();
    await p.page.keyboard.press('Enter');
    assert.equal(await th.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(
      (await tableRows(p.page, 'entries')).map((r) => r[0]),
      [...byRequests].reverse(),
    );
    assert.equal(
      (await tableRows(p.page, 'entries', 'tfoot'))[0][0],
      'Aggregated',
      'the Aggregated row stays at the bottom',
    );

    const state = (await p.state()) as { sorts: Record<string, unknown> };
    assert.deepEqual(
      state.sorts.entries,
      { column: 'requests', direction: 'asc' },
      'the sort is kept in vscode state',
    );
  });
});

test('a theme switch re-colours the charts', async () => {
  await withPanel(DARK, async (p) => {
    await p.send(closed.messages);
    await p.rendered(tOf(lastMessage), 'stopped');
    const darkBlue = DARK.vars['--vscode-charts-blue'];
    const lightBlue = LIGHT.vars['--vscode-charts-blue'];
    const before = await canvasPixels(p.page, 'users', [darkBlue, lightBlue]);
    assert.ok(before.near[0] > 50, `dark blue line drawn (${before.near[0]})`);
    assert.equal(before.near[1], 0, 'no light blue yet');

    await p.setTheme(LIGHT);
    await p.page.waitForFunction(
      (c) => {
        const canvas = document.querySelector<HTMLCanvasElement>('figure[data-chart="users"] canvas')!;
        const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < d.length; i += 4)
          if (d[i] === c[0] && d[i + 1] === c[1] && d[i + 2] === c[2] && d[i + 3] === 255) return true;
        return false;
      },
      [0x1a, 0x85, 0xff],
    );
    const afterLight = await canvasPixels(p.page, 'users', [darkBlue, lightBlue]);
    assert.ok(
      afterLight.near[0] * 10 < before.near[0],
      `the dark blue is gone (${before.near[0]} -> ${afterLight.near[0]} pixels)`,
    );
    assert.ok(afterLight.near[1] > 50, `light blue line drawn (${afterLight.near[1]})`);
    const green = await canvasPixels(p.page, 'throughput', [LIGHT.vars['--vscode-charts-green']]);
    assert.ok(green.near[0] > 50, 'requests/s line uses the light theme green');
    await screenshot(p.page, 'light-finished');

    await p.setTheme(HIGH_CONTRAST);
    await p.page.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'));
    const hc = await canvasPixels(p.page, 'users', [HIGH_CONTRAST.vars['--vscode-charts-blue']]);
    assert.ok(hc.near[0] > 50, 'high-contrast blue line drawn');
    await screenshot(p.page, 'high-contrast-finished');
  });
});

test('Stop, Apply users and Export post the right messages; bad input posts nothing', async () => {
  await withPanel(LIGHT, async (p) => {
    await p.send(closed.messages.slice(0, 11));
    await p.rendered(tOf(midRun), 'running');
    const snapshot = midRun.snapshot as RunSnapshot;
    assert.equal(await p.page.inputValue('#users-input'), String(snapshot.targetUsers));

    await p.page.click('button.stop');
    await p.page.fill('#users-input', '42');
    await p.page.click('button[type="submit"]');
    await p.page.fill('#users-input', '7');
    await p.page.press('#users-input', 'Enter');
    await p.page.fill('#users-input', '');
    await p.page.click('button[type="submit"]');
    assert.match(await p.page.locator('.controls .message').innerText(), /whole number/);
    await p.page.click('button[data-export="json"]');
    await p.page.click('button[data-export="csv"]');
    assert.deepEqual((await p.posted()).slice(1), [
      { kind: 'stop' },
      { kind: 'setUsers', users: 42 },
      { kind: 'setUsers', users: 7 },
      { kind: 'export', format: 'json' },
      { kind: 'export', format: 'csv' },
    ]);
    assert.deepEqual((await p.posted())[0], { kind: 'ready' });

    // A value being typed is not overwritten by the next snapshot.
    await p.page.fill('#users-input', '123');
    await p.send([closed.messages[11]]);
    await p.rendered(tOf(closed.messages[11]), 'running');
    assert.equal(await p.page.inputValue('#users-input'), '123');
  });
});

test('an open-model run shows arrivals, dropped iterations and the saturation warning', async () => {
  await withPanel(HIGH_CONTRAST, async (p) => {
    await p.send(open.messages);
    const last = open.messages[open.messages.length - 1];
    await p.rendered(tOf(last), 'running');
    assert.equal(await p.page.locator('figure[data-chart="arrival"]').isVisible(), true);
    const { drawn } = await canvasPixels(p.page, 'arrival');
    assert.ok(drawn > 2000, `arrival chart drawn (${drawn})`);
    const warning = await p.page.locator('.warning').innerText();
    assert.match(warning, /the load generator is saturated: worker w1 uses \d+% of a core/i);
    assert.match(warning, /understate the server/);
    assert.equal(await p.page.locator('#trackers').isHidden(), true, 'no tracker table without trackers');
    assert.deepEqual(
      (await tableRows(p.page, 'workers')).map((r) => r[0]),
      ['w1', 'w2', 'w3'],
    );
    await screenshot(p.page, 'high-contrast-open-model');
  });
});

test('a re-shown panel draws its saved state at once, then takes the host hydrate', async () => {
  let saved: unknown;
  await withPanel(DARK, async (p) => {
    await p.send(closed.messages.slice(0, 11));
    await p.rendered(tOf(midRun), 'running');
    saved = await p.state();
  });
  await withPanel(
    DARK,
    async (p) => {
      await p.rendered(tOf(midRun), 'running');
      assert.ok((await canvasPixels(p.page, 'latency')).drawn > 2000, 'charts drawn from saved state');
      assert.equal((await tableRows(p.page, 'entries')).length, final.entries.length);
      await p.send([{ kind: 'hydrate', snapshot: null, history: [] }]);
      await p.page.waitForSelector('#app[data-run-state="idle"]', { state: 'attached' });
      assert.match(await p.page.locator('.run-header').innerText(), /No run yet/);
      assert.deepEqual(await tableRows(p.page, 'entries'), [['No requests yet.']]);
    },
    saved,
  );
});

test('a three-hour history is downsampled to a bounded number of points and still drawn', async () => {
  const base = hydrate.history[hydrate.history.length - 1];
  const history = Array.from({ length: 3 * 3600 }, (_, i) => ({
    ...base,
    t: (i + 1) * 1000,
    rps: 100 + (i % 60),
  }));
  const snapshot = { ...hydrate.snapshot!, elapsedMs: 3 * 3600 * 1000, plannedMs: 4 * 3600 * 1000 };
  await withPanel(DARK, async (p) => {
    await p.send([{ kind: 'hydrate', snapshot, history }]);
    await p.rendered(3 * 3600 * 1000, 'running');
    const points = Number(await p.page.getAttribute('#app', 'data-points'));
    assert.ok(points > 100 && points <= 600, `bounded points (${points})`);
    assert.ok((await canvasPixels(p.page, 'throughput')).drawn > 2000);
    assert.match(await p.page.locator('.run-header').innerText(), /3:00:00 \/ 4:00:00/);
  });
});

test('every control is reachable with Tab and shows a visible focus ring', async () => {
  await withPanel(DARK, async (p) => {
    await p.send(closed.messages.slice(0, 11));
    await p.rendered(tOf(midRun), 'running');
    const seen: string[] = [];
    for (let i = 0; i < 9; i++) {
      await p.page.keyboard.press('Tab');
      const focus = await p.page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { label: el.textContent || el.id, outline: style.outlineStyle, width: style.outlineWidth };
      });
      assert.notEqual(focus.outline, 'none', `${focus.label} shows focus`);
      seen.push(focus.label);
    }
    assert.deepEqual(seen, [
      'Stop',
      'users-input',
      'Apply',
      'Export JSON',
      'Export CSV',
      'Compare with an earlier run…',
      'Name',
      'Method',
      'Requests',
    ]);
    await screenshot(p.page, 'dark-keyboard-focus');
  });
});
