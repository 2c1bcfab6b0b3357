// A master that holds the token but sends nonsense: a start before accepting the worker (ignored),
// a heartbeat every 0 ms, a master timeout of 1e308 ms (which would disable the no-orphan-load rule),
// reports every 0 ms, a million users. The worker brings each into range and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadShare } from '../../../engine/runner/types';
import { createMemoryHub } from '../../../engine/transport/memory';
import { boundAccepted, boundLoad, boundStart, WORKER_LIMITS } from '../../../engine/worker/bounds';
import { runWorker } from '../../../engine/worker/worker';
import { closedScenario, fakeGenerators } from '../master/fakes';

test('the worker ignores a start before accepted and bounds every timing and count', async () => {
  const hub = createMemoryHub();
  const fakes = fakeGenerators(1);
  const warnings: string[] = [];
  let shared!: (s: LoadShare) => void;
  const firstShare = new Promise<LoadShare>((r) => (shared = r));
  const deps = {
    ...fakes.deps,
    createLoadGenerator: (ctx: Parameters<typeof fakes.deps.createLoadGenerator>[0]) => {
      const inner = fakes.deps.createLoadGenerator(ctx);
      return {
        get users() {
          return inner.users;
        },
        setLoad(s: LoadShare) {
          inner.setLoad(s);
          shared(s);
        },
        drain: (final: boolean) => inner.drain(final),
        stop: () => inner.stop(),
      };
    },
  };
  const run = runWorker(hub.connect('w'), {
    workerId: 'w',
    deps,
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => warnings.push(m),
      error: (m) => warnings.push(m),
    },
  });
  const inbox = hub.master.messages[Symbol.asyncIterator]();
  assert.equal((await inbox.next()).value?.message.kind, 'ready');
  const start = {
    kind: 'start' as const,
    runId: 'r',
    scenarioSource: JSON.stringify(closedScenario(1, 60_000)),
    scenarioPath: 'hostile',
    reportIntervalMs: 0,
  };
  await hub.master.send('w', start);
  await hub.master.send('w', { kind: 'accepted', heartbeatMs: 0, masterTimeoutMs: 1e308 });
  await hub.master.send('w', start);
  await hub.master.send('w', {
    kind: 'load',
    model: 'closed',
    stage: 0,
    users: 1e6,
    spawnRate: 10,
    kinds: [1e6],
    segment: { index: 7, count: 2 },
  });
  const share = await firstShare;
  assert.equal(share.model === 'closed' ? share.users : -1, WORKER_LIMITS.users.max);
  assert.ok(
    warnings.some((w) => /ignored a start that came before the master accepted/.test(w)),
    warnings.join('\n'),
  );
  assert.ok(
    warnings.some((w) => /heartbeatMs 0 -> 20, masterTimeoutMs 1e\+308 -> 30000/.test(w)),
    warnings.join('\n'),
  );
  assert.ok(
    warnings.some((w) => /reportIntervalMs 0 -> 20/.test(w)),
    warnings.join('\n'),
  );
  assert.ok(
    warnings.some((w) => /segment index 7 -> 1/.test(w)),
    warnings.join('\n'),
  );
  assert.ok(
    warnings.some((w) => /users 1000000 -> 50000/.test(w)),
    warnings.join('\n'),
  );
  // Only one generator: the start before `accepted` made none.
  assert.deepEqual([...fakes.shares.keys()], ['w']);
  await hub.master.send('w', { kind: 'quit' });
  assert.equal((await run).code, 0);
  await hub.master.close();
});

test('bounds: NaN takes the fallback, values in range pass untouched', () => {
  const clamped: string[] = [];
  assert.deepEqual(
    boundAccepted({ kind: 'accepted', heartbeatMs: Number.NaN, masterTimeoutMs: 5000 }, clamped),
    {
      kind: 'accepted',
      heartbeatMs: 1000,
      masterTimeoutMs: 5000,
    },
  );
  assert.deepEqual(clamped, ['heartbeatMs NaN -> 1000']);
  const ok: string[] = [];
  const load = {
    kind: 'load' as const,
    model: 'open' as const,
    stage: 1,
    arrivalRate: 50,
    maxUsers: 100,
    segment: { index: 0, count: 1 },
  };
  assert.deepEqual(boundLoad(load, ok), load);
  const start = boundStart(
    {
      kind: 'start',
      runId: 'r',
      scenarioSource: '',
      scenarioPath: '',
      reportIntervalMs: 1000,
    },
    ok,
  );
  assert.equal(start.reportIntervalMs, 1000);
  assert.deepEqual(ok, []);
});
