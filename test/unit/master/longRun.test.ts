// A 600 h run (a 25-day soak) ends at 600 h. Node timers overflow past 2^31-1 ms and fired the
// stage timer after 1 ms, ending the run at once. setTimeout is Node's mock: the master's stage
// timer and its end-of-run wait run on it. Date and the intervals (snapshots, heartbeats) stay
// real, so the workers stay alive while the mock clock jumps 600 h and snapshots show the run going.
import { afterEach, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TIMER_MS } from '../../../engine/longTimeout';
import { startRun } from '../../../engine/master/index';
import type { RunSnapshot } from '../../../common/snapshot';
import { closedScenario, fakeGenerators } from './fakes';

afterEach(() => mock.timers.reset());

test('the engine schedules the end of a 600 h run at 600 h', async () => {
  const HOURS_600 = 600 * 3_600_000;
  mock.timers.enable({ apis: ['setTimeout'] });
  const fakes = fakeGenerators(1);
  const scenario = closedScenario(2, HOURS_600, 0);
  let waiting: ((s: RunSnapshot) => void) | undefined;
  const nextRunning = (): Promise<RunSnapshot> => new Promise((r) => (waiting = r));
  let first = nextRunning();
  const handle = startRun(
    {
      scenarioPath: 'soak.load.yaml',
      source: JSON.stringify(scenario),
      scenario,
      onSnapshot: (s) => {
        if (s.state === 'running' && s.users === 2) waiting?.(s);
      },
    },
    { workerDeps: fakes.deps, snapshotIntervalMs: 10, reportIntervalMs: 10 },
  );
  let ended = false;
  void handle.done.then(() => (ended = true));
  await first;

  // The mock runs a timer at the end of the tick that reaches it, so the clock moves to the end of
  // the first link (MAX_TIMER_MS) and then on, as real time would. The stage timer was set a few
  // real milliseconds after the run's start: a second before 600 h is early.
  mock.timers.tick(MAX_TIMER_MS);
  mock.timers.tick(HOURS_600 - MAX_TIMER_MS - 1000);
  first = nextRunning();
  const snapshot = await first;
  assert.equal(ended, false, 'the run ended before 600 h');
  assert.equal(snapshot.state, 'running');

  mock.timers.tick(1000);
  const result = await handle.done;
  assert.equal(result.error, undefined);
  assert.equal(result.snapshot.state, 'stopped');
});
