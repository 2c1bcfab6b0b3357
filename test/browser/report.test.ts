// The HTML report, written by the real recorder from a recorded run (test/fixtures/runs), opened
// in headless Chromium as a file someone was sent: the charts draw (canvas pixels), stage
// boundaries are marked, every table is there with the run's rows, failure samples show, the
// scenario's text is escaped with its secret masked, no request leaves the page and the CSP is
// never violated, in the light and the dark theme (system and toggle). Screenshots land in
// test/e2e/screenshots/report-light.png and report-dark.png. Fails (never skips) without chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import { analyzeScenario } from '../../scenario/index';
import { createHtmlRecorder } from '../../engine/recorders/htmlReport';
import { createSecretMask } from '../../engine/secrets/mask';
import { runSettings } from '../../engine/session/runSettings';
import { canvasPixels, launch, loadRun, openReport, screenshot, tableRows, type ReportPage } from './harness';

const SECRET = 's3cr3t-token-value';
const SOURCE = `name: Shop checkout
target: http://127.0.0.1:9
env: { API_TOKEN: ${SECRET} }
secrets: [API_TOKEN]
load:
  stages:
    - { duration: 30s, users: 20, spawnRate: 5 }
    - { duration: 30s, users: 50, spawnRate: 5 }
    - { duration: 30s, users: 80, spawnRate: 5 }
workers: 2
users:
  - name: shopper
    tasks:
      - { name: browse, get: /products, headers: { Authorization: "Bearer {{ env.API_TOKEN }}" } }
      - name: buy
        steps:
          - { name: add to cart, post: /cart, check: { status: 201 } }
          - { name: show cart, get: /cart/1, check: { status: 200 } }
      - { name: submit job, post: /jobs }
      - { name: job status, get: /jobs/1 }
      - { name: /health, get: /health }
thresholds:
  - p95 < 300ms
  - failures < 0.5%
# <script>alert("not run")</script>
`;

const run = loadRun('closed-model.json');
const hydrate = run.messages[0];
if (hydrate?.kind !== 'hydrate') throw new Error('closed-model.json must start with a hydrate message');
const final = run.messages[run.messages.length - 1].snapshot!;
const history: HistoryPoint[] = [
  ...hydrate.history,
  ...run.messages.slice(1).flatMap((m) => (m.kind === 'update' ? [m.point] : [])),
];
const stageAt = (t: number): number => (t <= 30_000 ? 0 : t <= 60_000 ? 1 : 2);

const HOSTILE_SAMPLE = '<img src=x onerror=alert(1)>';
const snapshot: RunSnapshot = {
  ...final,
  errors: [
    ...final.errors,
    {
      name: 'show cart',
      method: 'GET',
      error: 'check status: expected 200, got 404',
      count: 7,
      samples: [
        {
          time: final.startedAt + 42_000,
          error: 'check status: expected 200, got 404',
          check: { check: 'status', saw: '404' },
          request: {
            method: 'GET',
            url: 'http://127.0.0.1:9/cart/1',
            headers: `Authorization: Bearer ${SECRET}`,
            body: '',
            bodyBytes: 0,
          },
          response: {
            status: 404,
            headers: 'HTTP/1.1 404 Not Found',
            body: HOSTILE_SAMPLE,
            bodyBytes: HOSTILE_SAMPLE.length,
          },
        },
      ],
    },
  ],
};

let browser: Browser;
let html: string;

before(async () => {
  const analysis = analyzeScenario(SOURCE);
  assert.ok(analysis.scenario, JSON.stringify(analysis.diagnostics));
  const scenario = analysis.scenario;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-report-')), 'report.html');
  const log = { debug() {}, info() {}, warn() {}, error: (m: string) => assert.fail(m) };
  const recorder = createHtmlRecorder(file, log, {
    scenarioPath: 'shop.load.yaml',
    scenarioName: scenario.name,
    startedAt: final.startedAt,
    about: {
      scenario,
      source: SOURCE,
      settings: runSettings('shop.load.yaml', scenario, {}, 'http://127.0.0.1:9', undefined),
      mask: createSecretMask([SECRET]),
    },
  });
  // The recorder sees every second's snapshot, as in a run: that is how it learns when stages began.
  for (const point of history)
    recorder.onSnapshot({ ...final, state: 'running', stage: { index: stageAt(point.t), count: 3 } }, point);
  assert.deepEqual(await recorder.finish({ snapshot, history, started: true }), [file]);
  html = fs.readFileSync(file, 'utf8');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function withReport(scheme: 'light' | 'dark', fn: (r: ReportPage) => Promise<void>): Promise<void> {
  const r = await openReport(browser, html, scheme);
  try {
    await fn(r);
    assert.deepEqual(r.problems, [], 'no console errors, page errors, CSP violations or requests');
  } finally {
    await r.close();
  }
}

const background = (r: ReportPage): Promise<string> =>
  r.page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the report draws its charts with stage boundaries, in the light theme, offline', async () => {
  await withReport('light', async (r) => {
    assert.equal(await background(r), 'rgb(255, 255, 255)');
    assert.equal(
      await r.page.getAttribute('body', 'data-charts-ready'),
      '3',
      'throughput, latency and users; no arrival chart for a closed run',
    );
    for (const id of ['throughput', 'latency', 'users']) {
      const { drawn, near } = await canvasPixels(r.page, id, ['#59636e']);
      assert.ok(drawn > 2000, `chart ${id} has drawn pixels (${drawn})`);
      assert.ok(near[0] > 100, `chart ${id} has its stage lines and labels (${near[0]} pixels)`);
    }
    await screenshot(r.page, 'light', 'report-');
  });
});

test('every table holds the run: requests with every percentile, thresholds, checks, errors with samples, trackers, workers, settings, scenario', async () => {
  await withReport('light', async (r) => {
    const requests = await tableRows(r.page, 'requests-table');
    assert.equal(requests.length, final.entries.length + 1);
    const headers = await r.page.$$eval('#requests-table th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(headers.slice(7, 18), [
      'p50',
      'p66',
      'p75',
      'p80',
      'p90',
      'p95',
      'p98',
      'p99',
      'p99.9',
      'p99.99',
      'Max',
    ]);
    assert.deepEqual(requests[requests.length - 1].slice(1, 3), [
      'Aggregated',
      final.total.requests.toLocaleString('en-US'),
    ]);

    assert.deepEqual(
      (await tableRows(r.page, 'thresholds-table')).map((row) => [row[0], row[1], row[3]]),
      [
        ['pass', 'p95 < 300ms', '< 300 ms'],
        ['FAIL', 'failures < 0.5%', '< 0.5 %'],
      ],
    );
    assert.deepEqual(
      (await tableRows(r.page, 'checks-table')).map((row) => [row[0], row[1], row[3], row[4]]),
      [
        [
          'pass',
          'POST add to cart',
          `0 of ${final.entries.find((e) => e.name === 'add to cart')!.requests.toLocaleString('en-US')}`,
          '',
        ],
        [
          'FAIL',
          'GET show cart',
          `7 of ${final.entries.find((e) => e.name === 'show cart')!.requests.toLocaleString('en-US')}`,
          'expected 200, got 404',
        ],
      ],
    );
    assert.equal((await tableRows(r.page, 'errors-table')).length, snapshot.errors.length);
    const sample = r.page.locator('details.sample');
    assert.equal(await sample.count(), 1);
    await sample.locator('summary').click();
    const sampleText = await sample.innerText();
    assert.match(sampleText, /404 Not Found/);
    assert.ok(sampleText.includes(HOSTILE_SAMPLE), 'the server text shows as text');
    assert.equal(await r.page.locator('.samples img').count(), 0, 'and never as markup');
    assert.doesNotMatch(sampleText, new RegExp(SECRET), 'a secret in a sample is masked');

    assert.equal((await tableRows(r.page, 'trackers-table')).length, final.trackers.length);
    assert.deepEqual(
      (await tableRows(r.page, 'workers-table')).map((row) => row[0]),
      ['w1', 'w2'],
    );
    const settings = await r.page.locator('#settings-list').innerText();
    assert.match(settings, /Target\s+http:\/\/127\.0\.0\.1:9/);
    assert.match(settings, /closed model, 3 stages: 20 users for 0:30/);
    const source = await r.page.locator('#scenario-source').innerText();
    assert.match(source, /# <script>alert\("not run"\)<\/script>/, 'the scenario shows as text');
    assert.doesNotMatch(source, new RegExp(SECRET));
    assert.match(source, /API_TOKEN: \*\*\*/);
    assert.doesNotMatch(html, new RegExp(SECRET), 'the secret is nowhere in the file');
  });
});

test('the dark theme follows the system, and the toggle switches light and dark and recolours the charts', async () => {
  await withReport('dark', async (r) => {
    assert.equal(await background(r), 'rgb(21, 27, 35)');
    const darkStage = await canvasPixels(r.page, 'latency', ['#9198a1']);
    assert.ok(darkStage.near[0] > 100, `dark stage lines drawn (${darkStage.near[0]})`);
    await screenshot(r.page, 'dark', 'report-');
    const toggle = r.page.locator('#theme-toggle');
    await toggle.click(); // system -> dark
    assert.equal(await toggle.innerText(), 'Theme: dark');
    await toggle.click(); // dark -> light
    assert.equal(await toggle.innerText(), 'Theme: light');
    assert.equal(await background(r), 'rgb(255, 255, 255)');
    const light = await canvasPixels(r.page, 'latency', ['#59636e', '#9198a1']);
    assert.ok(
      light.near[0] > 100 && light.near[1] < light.near[0] / 4,
      `the charts were redrawn in light colours (${light.near.join('/')})`,
    );
  });
});
