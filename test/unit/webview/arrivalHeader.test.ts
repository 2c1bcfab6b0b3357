// The panel's headline for the open model shows the same started and dropped totals as the summary
// and the JSON result (the snapshot's), with the per-second figures beside them while running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunSnapshot } from '../../../common/snapshot';
import { arrivalTexts } from '../../../webview/header';

const snapshot = (state: RunSnapshot['state'], arrival?: RunSnapshot['arrival']): RunSnapshot =>
  ({ state, arrival }) as unknown as RunSnapshot;

test('open model headline: totals from the snapshot, per second while running, nothing for closed runs', () => {
  const arrival = {
    rate: 50_000,
    started: 227_500,
    dropped: 22_500,
    startedPerSec: 45_000,
    droppedPerSec: 5000,
    intended: { p50: 1, p95: 2, p99: 3, max: 4 },
  };
  assert.deepEqual(arrivalTexts(snapshot('running', arrival)), {
    started: '227,500 (45,000/s)',
    dropped: '22,500 (5,000/s)',
  });
  assert.deepEqual(arrivalTexts(snapshot('stopped', arrival)), { started: '227,500', dropped: '22,500' });
  assert.equal(arrivalTexts(snapshot('running')), undefined);
});
