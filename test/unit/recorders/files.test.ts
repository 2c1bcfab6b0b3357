import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRecorders, resolveOutputs } from '../../../engine/recorders/index';
import { openSqlite } from '../../../engine/recorders/sqliteDriver';
import { createSqliteRecorder } from '../../../engine/recorders/sqliteRecorder';
import { HISTORY_HEADER, STATS_HEADER } from '../../../engine/recorders/csvRecorder';
import type { Logger } from '../../../engine/log';
import type { RunResult } from '../../../engine/master/types';
import { history, snapshot } from '../stats/fixtures';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-rec-'));
}

function memoryLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (m: string) => void errors.push(m) };
}

/** A tiny CSV reader for the test (quoted fields with commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

const startedAt = new Date(2026, 10, 23, 14, 25, 1).getTime();

async function recordRun(dir: string, log: Logger): Promise<string[]> {
  const output = {
    json: 'results/{name}-{time}.json',
    csv: 'results/{name}',
    ndjson: 'results/live.ndjson',
    html: 'results/report.html',
    sqlite: 'db/runs.sqlite',
  };
  const rec = createRecorders(output, { scenarioPath: path.join(dir, 'shop.load.yaml'), scenarioName: 'Shop, "checkout"', startedAt }, log);
  const points = history(5);
  for (const p of points) rec.onSnapshot(snapshot({ state: 'running', elapsedMs: p.t }), p);
  const final = snapshot({ thresholds: [{ source: 'p95 < 300ms', ok: true, actual: 240 }] });
  const result: RunResult = { snapshot: final, history: points, started: true };
  return rec.finish(result);
}

test('paths expand {name} and {time} relative to the scenario folder', () => {
  const out = resolveOutputs({ json: 'out/{name}-{time}.json', html: '/abs/r.html' }, { scenarioPath: '/w/s/x.load.yaml', scenarioName: 'Shop, "checkout"', startedAt });
  assert.deepEqual(out, [
    ['json', '/w/s/out/Shop-checkout-20261123-142501.json'],
    ['html', '/abs/r.html'],
  ]);
  const withDir = resolveOutputs({}, { scenarioPath: '/w/s/x.load.yaml', scenarioName: 'a b', startedAt, resultsDir: '/r' });
  assert.deepEqual(withDir.map(([k]) => k), ['json', 'csv', 'html']);
  assert.equal(withDir[1][1], '/r/a-b-20261123-142501');
});

test('every recorder writes its files, and they read back', async () => {
  const dir = tmp();
  const log = memoryLog();
  const files = await recordRun(dir, log);
  assert.deepEqual(log.errors, []);
  const r = (p: string): string => path.join(dir, p);
  assert.deepEqual(files.sort(), [
    r('db/runs.sqlite'),
    r('results/Shop-checkout-20261123-142501.json'),
    r('results/Shop-checkout_failures.csv'),
    r('results/Shop-checkout_stats.csv'),
    r('results/Shop-checkout_stats_history.csv'),
    r('results/live.ndjson'),
    r('results/report.html'),
  ]);

  const json = JSON.parse(fs.readFileSync(r('results/Shop-checkout-20261123-142501.json'), 'utf8'));
  assert.equal(json.format, 'stampede-run/1');
  assert.equal(json.snapshot.total.requests, 1000);
  assert.equal(json.history.length, 5);

  const stats = parseCsv(fs.readFileSync(r('results/Shop-checkout_stats.csv'), 'utf8'));
  assert.deepEqual(stats[0], STATS_HEADER);
  assert.equal(stats.length, 1 + 3 + 1);
  assert.deepEqual(stats[4].slice(0, 4), ['', 'Aggregated', '1000', '15']);
  assert.equal(stats[1][1], '/cart');
  const failures = parseCsv(fs.readFileSync(r('results/Shop-checkout_failures.csv'), 'utf8'));
  assert.deepEqual(failures[1], ['POST', '/cart', 'HTTP 500, "internal"\nline two', '10']);
  const hist = parseCsv(fs.readFileSync(r('results/Shop-checkout_stats_history.csv'), 'utf8'));
  assert.equal(hist.length, 1 + 5);
  assert.deepEqual(hist[0], HISTORY_HEADER);
  assert.deepEqual(hist[0].slice(6, 17), ['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%']);
  assert.equal(hist[1][3], 'Aggregated');
  // Rates are each second's (the history points), not the snapshot's 10-second window.
  assert.deepEqual(hist.slice(1).map((row) => [row[4], row[5]]), history(5).map((p) => [String(p.rps), String(p.failuresPerSec)]));
  // Locust's whole set over the current window, in order (the fixture's p50 < p95 < p99).
  const windowPercentiles = hist[1].slice(6, 17).map(Number);
  assert.ok(windowPercentiles.every((v, i) => v > 0 && (i === 0 || v >= windowPercentiles[i - 1])), hist[1].join());
  assert.ok(windowPercentiles[0] < windowPercentiles[5] && windowPercentiles[5] < windowPercentiles[7]);

  const lines = fs.readFileSync(r('results/live.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 6);
  assert.equal(lines[0].point.t, 1000);
  assert.equal(lines[0].snapshot.state, 'running');
  assert.equal(lines[5].final, true);
  assert.equal(lines[5].snapshot.thresholds[0].ok, true);

  const html = fs.readFileSync(r('results/report.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /Shop, &#34;checkout&#34;/);
  assert.match(html, /<td class="text">Aggregated<\/td>/);
  // Self-contained: nothing is fetched (no src, no remote href, no CSS import or url()), and the
  // CSP admits only the inline script and stylesheet by their hashes. (The page script, chart.js,
  // is checked in a browser: test/browser/report.test.ts.)
  const markup = html.replace(/<script>[\s\S]*?<\/script>/, '<script></script>');
  assert.doesNotMatch(markup, /src=|href="(?!#)|@import|url\(/i);
  assert.match(html, /content="default-src &#39;none&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; style-src &#39;sha256-/);
  assert.match(html, /<script type="application\/json" id="report-data">\{"snapshot":/);

  const db = await openSqlite(r('db/runs.sqlite'), 'sql.js');
  try {
    assert.deepEqual(db.all('SELECT run_id, requests, failures, p95, thresholds_ok FROM runs'), [{ run_id: 'run-1', requests: 1000, failures: 15, p95: 240, thresholds_ok: 1 }]);
    assert.deepEqual(db.all('SELECT name, method, requests FROM entries ORDER BY requests'), [
      { name: 'login', method: 'POST', requests: 100 },
      { name: '/cart', method: 'POST', requests: 400 },
      { name: 'login', method: 'GET', requests: 500 },
    ]);
    assert.deepEqual(db.all('SELECT COUNT(*) AS n, MAX(p95) AS p95 FROM history'), [{ n: 5, p95: 220 }]);
    assert.deepEqual(db.all("SELECT count FROM errors WHERE error = 'ECONNRESET'"), [{ count: 5 }]);
  } finally {
    db.close();
  }
});

test('the SQLite file collects several runs', async () => {
  const file = path.join(tmp(), 'runs.sqlite');
  const log = memoryLog();
  for (const runId of ['a', 'b', 'a']) {
    const rec = createSqliteRecorder(file, log, 'sql.js');
    assert.deepEqual(await rec.finish({ snapshot: snapshot({ runId }), history: history(2), started: true }), [file]);
  }
  const db = await openSqlite(file, 'sql.js');
  try {
    assert.deepEqual(db.all('SELECT run_id FROM runs ORDER BY run_id'), [{ run_id: 'a' }, { run_id: 'b' }]);
    assert.deepEqual(db.all('SELECT COUNT(*) AS n FROM history'), [{ n: 4 }]);
  } finally {
    db.close();
  }
  assert.deepEqual(log.errors, []);
});

test('a write that fails is one clear logged error; the other recorders still write', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'blocked'), 'a file where a folder should be');
  const log = memoryLog();
  const rec = createRecorders({ json: 'blocked/run.json', ndjson: 'blocked/live.ndjson', html: 'ok/report.html' }, { scenarioPath: path.join(dir, 's.load.yaml'), scenarioName: 's', startedAt }, log);
  const points = history(3);
  for (const p of points) rec.onSnapshot(snapshot(), p);
  const files = await rec.finish({ snapshot: snapshot(), history: points, started: true });
  assert.deepEqual(files, [path.join(dir, 'ok/report.html')]);
  assert.equal(log.errors.length, 2);
  log.errors.sort(); // the two failures race; their order does not matter
  assert.match(log.errors[0], /^could not write the JSON results to .*blocked\/run\.json: a file is in the way of the folder$/);
  assert.match(log.errors[1], /^could not write the NDJSON results to .*blocked\/live\.ndjson: /);
});
