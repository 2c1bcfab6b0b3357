// The panel's baseline: the comparison of two runs (common/baseline.ts), how its cells read
// (webview/tables/comparisonColumns.ts), and the kept runs the host lists and reads from real
// files in a temporary folder (client/panel/keptRuns.ts, common/runFile.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { compareRuns } from '../../../common/baseline';
import { formatChange, formatPointsChange } from '../../../common/format';
import { asRunFile } from '../../../common/runFile';
import { listKeptRuns, readKeptRun } from '../../../client/panel/keptRuns';
import { COMPARISON_COLUMNS } from '../../../webview/tables/comparisonColumns';
import { cellText } from '../../../webview/tables/columns';
import { fillPercentiles } from '../percentiles';
import { entry, point, snapshot } from './fixtures';

const base = snapshot({
  runId: 'base',
  total: entry({ requests: 2000, failures: 2, rps: 100, percentiles: fillPercentiles(10, 40, 80) }),
  entries: [
    entry({
      name: 'browse',
      method: 'GET',
      requests: 1000,
      failures: 0,
      rps: 50,
      percentiles: fillPercentiles(10, 40, 80),
    }),
    entry({
      name: 'buy',
      method: 'POST',
      requests: 1000,
      failures: 2,
      rps: 50,
      percentiles: fillPercentiles(20, 50, 90),
    }),
    entry({ name: 'gone', method: 'GET', requests: 5, rps: 1 }),
  ],
});
const current = snapshot({
  runId: 'now',
  total: entry({ requests: 2000, failures: 30, rps: 90, percentiles: fillPercentiles(10.2, 60, 80) }),
  entries: [
    entry({
      name: 'browse',
      method: 'GET',
      requests: 1000,
      failures: 0,
      rps: 60,
      percentiles: fillPercentiles(8, 40.4, 79),
    }),
    entry({
      name: 'buy',
      method: 'POST',
      requests: 1000,
      failures: 30,
      rps: 30,
      percentiles: fillPercentiles(20, 75, 90),
    }),
    entry({ name: 'new', method: 'GET', requests: 5, rps: 1 }),
  ],
});

test('requests are matched by method and name; changes get a verdict, small ones are noise', () => {
  const c = compareRuns(current, base);
  assert.deepEqual(
    c.entries.map((e) => `${e.method} ${e.name}`),
    ['GET browse', 'POST buy'],
  );
  assert.deepEqual(c.onlyInBase, ['GET gone']);
  assert.deepEqual(c.onlyInCurrent, ['GET new']);
  const [browse, buy] = c.entries;
  assert.equal(browse.rps.verdict, 'better', 'more requests/s is better');
  assert.equal(browse.rps.relative, 0.2);
  assert.equal(browse.p50.verdict, 'better', 'lower latency is better');
  assert.equal(browse.p95.verdict, 'same', '+1 % is within noise');
  assert.equal(buy.rps.verdict, 'worse');
  assert.equal(buy.p95.verdict, 'worse');
  assert.equal(buy.p95.change, 25);
  assert.equal(buy.failures.verdict, 'worse', 'a higher failure share is worse');
  assert.equal(buy.failures.base, 0.002);
  assert.equal(buy.failures.current, 0.03);
  assert.equal(c.total.p95.verdict, 'worse');
  assert.equal(c.total.p50.verdict, 'same');
  // A metric whose base is 0 has no relative change but still a verdict by its sign.
  const zero = compareRuns(
    snapshot({ entries: [entry({ name: 'x', method: 'GET', rps: 3 })] }),
    snapshot({ entries: [entry({ name: 'x', method: 'GET', rps: 0 })] }),
  ).entries[0];
  assert.equal(zero.rps.relative, undefined);
  assert.equal(zero.rps.verdict, 'better');
});

test('comparison cells read base → current (change) and carry the verdict as their tone', () => {
  const buy = compareRuns(current, base).entries[1];
  const cells = Object.fromEntries(
    COMPARISON_COLUMNS.map((col) => [col.key, [cellText(col, buy), col.tone?.(buy)]]),
  );
  assert.deepEqual(cells.rps, ['50.0 → 30.0 (-40%)', 'worse']);
  assert.deepEqual(cells.failures, ['0.20% → 3.00% (+2.80 pp)', 'worse']);
  assert.deepEqual(cells.p95, ['50.0 ms → 75.0 ms (+50%)', 'worse']);
  assert.deepEqual(cells.p50, ['20.0 ms → 20.0 ms (0%)', undefined]);
  assert.equal(formatChange(-0.034), '-3.4%');
  assert.equal(formatChange(undefined), '\u2013');
  assert.equal(formatPointsChange(-0.015), '-1.50 pp');
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-kept-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) =>
  fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

test('kept runs: JSON results in the folders, newest run first; other JSON, broken and partial files are skipped', async () => {
  const history = [point(1000, { rps: 10, p95: 40, users: 2 })];
  write('old.json', { format: 'stampede-run/1', snapshot: { ...base, startedAt: 1000 }, history });
  write('new.json', { format: 'stampede-run/1', snapshot: { ...current, startedAt: 2000 }, history });
  write('package.json', { name: 'not a run' });
  write('broken.json', '{ "format": "stampede-run/1", ');
  write('partial.json', { format: 'stampede-run/1', snapshot: { ...base, total: { name: 'x' } }, history });
  write('notes.txt', 'hello');
  const runs = await listKeptRuns([dir, dir, path.join(dir, 'missing')]);
  assert.deepEqual(
    runs.map((r) => [path.basename(r.file), r.runId, r.requests, r.failures]),
    [
      ['new.json', 'now', 2000, 30],
      ['old.json', 'base', 2000, 2],
    ],
  );
  const read = await readKeptRun(path.join(dir, 'old.json'));
  assert.equal(read.snapshot.runId, 'base');
  assert.deepEqual(read.history, history);
  await assert.rejects(readKeptRun(path.join(dir, 'partial.json')), /snapshot\.total has no name and method/);
  await assert.rejects(readKeptRun(path.join(dir, 'broken.json')), /not valid JSON/);
  await assert.rejects(readKeptRun(path.join(dir, 'package.json')), /not a Stampede result/);
});

test('a result file is checked where handlers read it: history points need their numbers', () => {
  assert.equal(
    asRunFile({ format: 'stampede-run/1', snapshot: base, history: [{ t: 1, rps: 'x' }] }),
    'its chart history is incomplete (history[0])',
  );
  assert.equal(
    asRunFile({ format: 'stampede-run/1', snapshot: { runId: 1 }, history: [] }),
    'its snapshot has no run id, scenario name or start time',
  );
});
