// Cost of duration trackers in a worker (docs/benchmarks.md, "Trackers"): CPU per event through a
// TrackerSet with the job tracker of examples/jobs.load.yaml, and the heap held by a full queue.
// Not a test (no *.test.ts): numbers are measured, never asserted.
//
//   node --import tsx --expose-gc test/unit/trackers/emitCost.bench.ts
import { createTrackerSet, DEFAULT_MAX_QUEUED } from '../../../engine/trackers/index';
import type { EngineEvent, TraceIds } from '../../../engine/trackers/types';
import { jobTracker } from './events';

type Attrs = Record<string, string>;
const SUBMIT: Attrs = { name: 'submit job' };
const PENDING: Attrs = { name: 'job status', 'json.state': 'pending' };
const DONE: Attrs = { name: 'job status', 'json.state': 'done' };
const NONE: Attrs = {};

class BenchEvent implements EngineEvent {
  constructor(
    readonly type: string,
    readonly ts: number,
    readonly trace: TraceIds,
    private readonly attrs: Attrs,
  ) {}
  attr(name: string): string | undefined {
    return this.attrs[name];
  }
}

/**
 * One iteration per user and round: iteration.start, submit, 6 pending polls, the done poll,
 * iteration.end (10 events, 1 pair). Events are built in the timed loop either way; the run
 * without trackers is the baseline that is subtracted.
 */
function run(users: number, rounds: number, withTrackers: boolean): number {
  const set = createTrackerSet([jobTracker()], { runId: 'r', workerId: 'w' });
  set.setStage(0, users);
  let sink = 0;
  const emit = withTrackers ? (e: EngineEvent) => set.emit(e) : (e: EngineEvent) => void (sink += e.ts);
  let ts = 0;
  const t0 = performance.now();
  for (let iteration = 0; iteration < rounds; iteration++) {
    for (let user = 1; user <= users; user++) {
      ts += 0.01;
      const trace = { run: 'r', stage: 0, user, iteration };
      emit(new BenchEvent('iteration.start', ts, trace, NONE));
      emit(new BenchEvent('request', ts, trace, SUBMIT));
      for (let p = 1; p <= 6; p++) emit(new BenchEvent('request', ts + p * 50, trace, PENDING));
      emit(new BenchEvent('request', ts + 320, trace, DONE));
      emit(new BenchEvent('iteration.end', ts + 321, trace, NONE));
    }
  }
  const ms = performance.now() - t0;
  const [report] = set.drain(true);
  if (withTrackers && report.count !== users * rounds)
    throw new Error(`expected ${users * rounds} pairs, got ${report.count}`);
  return sink >= 0 ? ms : ms;
}

function heapOfFullQueue(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  const before = process.memoryUsage().heapUsed;
  const set = createTrackerSet([jobTracker()], { runId: 'r', workerId: 'w' });
  set.setStage(0, 1000);
  for (let i = 0; i < 3 * DEFAULT_MAX_QUEUED; i++) {
    set.emit(
      new BenchEvent(
        'request',
        i,
        { run: 'r', stage: 0, user: i % 1000, iteration: Math.floor(i / 1000) },
        SUBMIT,
      ),
    );
  }
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  if (set.pending().starts !== DEFAULT_MAX_QUEUED) throw new Error('queue not at its cap');
  return bytes;
}

const EVENTS = 2_000_000;
run(100, 100, true);
run(100, 100, false);
for (const users of [10, 1000]) {
  const rounds = EVENTS / 10 / users;
  const best = (withTrackers: boolean) => Math.min(...[0, 1, 2].map(() => run(users, rounds, withTrackers)));
  const base = best(false);
  const full = best(true);
  process.stdout.write(
    `${users} users: ${(((full - base) * 1e6) / EVENTS).toFixed(0)} ns per event (${EVENTS} events)\n`,
  );
}
const heap = heapOfFullQueue();
process.stdout.write(
  `full queue (${DEFAULT_MAX_QUEUED} waiting starts): ${(heap / 1024).toFixed(0)} KiB of heap\n`,
);
