// The open model's arrival schedule (issue 23): a stage's arrivals are started or dropped exactly
// once over the workers' shares (started + dropped = rate x duration), whatever the timers and
// messages do, and an arrival is dropped only when no user at all is free. Every assertion is a count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StageSchedule } from '../../../common/protocol/engine';
import { ArrivalSchedule, arrivalsIn, type ScheduleSpec } from '../../../engine/runner/arrivalSchedule';
import { arrivalCutover, CUTOVER_MS } from '../../../engine/master/openCutover';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, task, user } from './helpers';

const spec = (extra: Partial<ScheduleSpec>): ScheduleSpec => ({
  stage: 0,
  anchorMs: 0,
  rate: 1000,
  total: Infinity,
  from: 0,
  segment: { index: 0, count: 1 },
  runWide: true,
  ...extra,
});

function takeAll(s: ArrivalSchedule): number[] {
  const out: number[] = [];
  while (s.take(Infinity) !== undefined) out.push(s.lastTaken);
  return out;
}

test('arrival schedule: ceil(rate x duration) arrivals, each due at anchor + j / rate', () => {
  assert.equal(arrivalsIn(50_000, 5000), 250_000);
  assert.equal(arrivalsIn(3, 1000), 3);
  assert.equal(arrivalsIn(0.5, 3000), 2);
  assert.equal(arrivalsIn(10, undefined), Infinity);
  assert.equal(
    takeAll(new ArrivalSchedule(spec({ rate: 50_000, total: arrivalsIn(50_000, 5000) }))).length,
    250_000,
  );
  const t = new ArrivalSchedule(spec({ anchorMs: 1000, total: 10 }));
  assert.equal(t.take(999.9), undefined);
  assert.equal(t.take(1000), 1000);
  assert.equal(t.take(1000.5), undefined);
  assert.equal(t.take(1001), 1001);
  assert.equal(t.lastDueMs, 1009);
});

test('arrival schedule: segments and a mid-stage re-split cover every arrival exactly once', () => {
  const total = 1001;
  // Worker 0 alone from the start; at arrival 400 the stage is split over 3 workers.
  const alone = new ArrivalSchedule(spec({ total }));
  alone.truncate(400);
  const shares = [0, 1, 2].map(
    (index) => new ArrivalSchedule(spec({ total, from: 400, segment: { index, count: 3 } })),
  );
  const all = [alone, ...shares].flatMap(takeAll).sort((a, b) => a - b);
  assert.deepEqual(
    all,
    Array.from({ length: total }, (_, j) => j),
  );
  // The first split of a stage starts at arrival 0; a later one a little ahead of the progress.
  assert.deepEqual(arrivalCutover(100, 250, false), { elapsedMs: 250, from: 0 });
  assert.deepEqual(arrivalCutover(100, 250, true), {
    elapsedMs: 250,
    from: Math.ceil((100 * (250 + CUTOVER_MS)) / 1000),
  });
});

/** One generator of a one-request scenario against a server that answers at once. */
async function okRun() {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const g = generator(scenario(srv.url, [user('u', [task('t', [req('/')])])]), stats);
  return { srv, stats, g };
}

const plan = (rate: number, durationMs: number, from = 0): StageSchedule => ({
  rate,
  elapsedMs: 0,
  durationMs,
  from,
});

test('open model: a stop right after the load still starts or drops exactly rate x duration arrivals', async () => {
  const { srv, stats, g } = await okRun();
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 2000, maxUsers: 20, schedule: plan(2000, 300) });
  // The master's stop at the plan's end may reach a worker before the worker's own clock ends the stage.
  await g.stop(undefined, { planEnded: true });
  assert.equal(stats.started + stats.dropped, 600);
  assert.equal(srv.requests, stats.started, 'one request per started iteration');
  assert.equal(stats.intended.length, stats.started);
  await srv.close();
});

test("open model: a person's stop ends the arrivals at once; the summary counts only those", async () => {
  const { srv, stats, g } = await okRun();
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 2000, maxUsers: 20, schedule: plan(2000, 300) });
  await g.stop();
  assert.ok(stats.started + stats.dropped < 600, `${stats.started + stats.dropped} arrivals`);
  assert.equal(srv.requests, stats.started);
  await srv.close();
});

test('open model: the next stage that comes early waits for the previous schedule; both are whole', async () => {
  const { srv, stats, g } = await okRun();
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 1000, maxUsers: 20, schedule: plan(1000, 200) });
  g.setLoad({ model: 'open', stage: 1, arrivalRate: 500, maxUsers: 20, schedule: plan(500, 200) });
  await g.stop(undefined, { planEnded: true });
  assert.equal(stats.started + stats.dropped, 200 + 100);
  assert.equal(srv.requests, stats.started);
  await srv.close();
});

test('open model: a worker joining mid-stage takes over half from the cutover; no arrival is lost or doubled', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const s = scenario(srv.url, [user('u', [task('t', [req('/')])])]);
  const [a, b] = [new FakeStats(), new FakeStats()];
  const ga = generator(s, a);
  const gb = generator(s, b);
  ga.setLoad({ model: 'open', stage: 0, arrivalRate: 1000, maxUsers: 20, schedule: plan(1000, 600) });
  const cut = plan(1000, 600, 300);
  ga.setLoad({
    model: 'open',
    stage: 0,
    arrivalRate: 500,
    maxUsers: 20,
    segment: { index: 0, count: 2 },
    schedule: cut,
  });
  gb.setLoad({
    model: 'open',
    stage: 0,
    arrivalRate: 500,
    maxUsers: 20,
    segment: { index: 1, count: 2 },
    schedule: cut,
  });
  await Promise.all([ga.stop(undefined, { planEnded: true }), gb.stop(undefined, { planEnded: true })]);
  assert.equal(a.started + a.dropped, 300 + 150);
  assert.equal(b.started + b.dropped, 150);
  assert.equal(srv.requests, a.started + b.started);
  await srv.close();
});

test('open model: at maxUsers a free user of another kind makes room; the arrival is not dropped', async () => {
  const seen = new Map<string, number>();
  const srv = await httpServer((r, res) => {
    seen.set(r.url ?? '', (seen.get(r.url ?? '') ?? 0) + 1);
    res.end('ok');
  });
  const stats = new FakeStats();
  // Kinds a and b alternate; one user in all. Before, the first user (kind a) stayed the only one
  // and every b arrival was dropped although that user was free.
  const s = scenario(srv.url, [user('a', [task('ta', [req('/a')])]), user('b', [task('tb', [req('/b')])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 200, maxUsers: 1 });
  await stats.until(() => (seen.get('/b') ?? 0) >= 3 || stats.started + stats.dropped >= 600);
  await g.stop();
  assert.ok((seen.get('/b') ?? 0) >= 3, `b iterations ran: ${seen.get('/b') ?? 0}`);
  assert.equal(srv.requests, stats.started);
  await srv.close();
});
