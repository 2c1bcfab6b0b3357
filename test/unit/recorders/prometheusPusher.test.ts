// The remote-write queue is bounded: with the receiver down, the oldest seconds are dropped and
// counted, never the master's memory; what is still queued at the end is counted too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../../engine/log';
import { createPusher, MAX_QUEUED_SNAPSHOTS } from '../../../engine/recorders/prometheusPusher';
import type { TimeSeries } from '../../../engine/recorders/prometheusRemoteWrite';
import { refusedPort } from '../http/servers';

const second = (t: number): TimeSeries[] =>
  ['a', 'b'].map((name) => ({
    labels: [{ name: '__name__', value: name }],
    samples: [{ value: t, timestamp: t }],
  }));

test('a receiver that is down: the queue keeps the newest 600 seconds, and every sample is accounted for', async () => {
  const warnings: string[] = [];
  const pusher = createPusher(`http://127.0.0.1:${await refusedPort()}/api/v1/write`, [], {
    ...silentLogger,
    warn: (m) => warnings.push(m),
  });
  const pushed = MAX_QUEUED_SNAPSHOTS + 150;
  for (let t = 1; t <= pushed; t++) pusher.push(second(t));
  assert.ok(pusher.pending() <= MAX_QUEUED_SNAPSHOTS + 60, `${pusher.pending()} snapshots held`);
  assert.ok(pusher.pending() >= MAX_QUEUED_SNAPSHOTS);
  const totals = await pusher.flush(1000);
  assert.equal(totals.sent, 0);
  assert.equal(totals.notSent, pushed * 2);
  assert.match(totals.lastError ?? '', /connection refused/);
  assert.equal(
    warnings.filter((w) => /cannot send/.test(w)).length,
    1,
    'one warning per outage, not one per retry',
  );
});
