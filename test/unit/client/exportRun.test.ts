import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entriesToCsv, exportFileName, runToJson } from '../../../client/panel/exportRun';
import { entry, point, snapshot } from './fixtures';

test('the CSV has Locust-like columns, one row per entry and the aggregate last', () => {
  const s = snapshot({
    elapsedMs: 10_000,
    entries: [
      entry({
        name: 'GET /cart, v2',
        method: 'GET',
        requests: 100,
        failures: 5,
        bytes: 10_240,
        rps: 10,
        meanMs: 12,
      }),
    ],
    total: entry({ requests: 100, failures: 5, bytes: 10_240, rps: 10 }),
  });
  const lines = entriesToCsv(s).trimEnd().split(/\r?\n/);
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^Type,Name,Request Count,Failure Count,Median Response Time,.*,50%,66%,.*,100%$/);
  assert.match(lines[1], /^GET,"GET \/cart, v2",100,5,0,12,0,0,102.4,10,0.5,/);
  assert.match(lines[2], /^,Aggregated,100,5,/);
});

test('the JSON export holds the snapshot and the history, and says what it is', () => {
  const parsed = JSON.parse(runToJson({ snapshot: snapshot(), history: [point(1000), point(2000)] }));
  assert.equal(parsed.format, 'stampede-run/1');
  assert.equal(parsed.snapshot.runId, 'run-1');
  assert.equal(parsed.history.length, 2);
});

test('export file names come from the scenario name and start time', () => {
  assert.equal(exportFileName(snapshot(), 'csv'), 'shop-checkout-2026-11-23T12-30-00.csv');
  assert.equal(exportFileName(snapshot({ scenario: '!!!' }), 'json'), 'run-2026-11-23T12-30-00.json');
});
