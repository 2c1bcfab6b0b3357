// Fakes for master tests: a scenario as JSON (so no YAML parser is needed), and a load generator
// that records a fixed number of synthetic requests per user per drain, so totals are predictable.
import type { RequestStep, Scenario } from '../../../scenario/model';
import type { LoadGenerator, LoadShare } from '../../../engine/runner/types';
import type { WorkerDeps } from '../../../engine/worker/deps';
import type { WorkerTransport } from '../../../engine/transport/types';
import type { RunSnapshot } from '../../../common/snapshot';
import { createStatsCollector } from '../../../engine/stats/collector';

export function closedScenario(users: number, durationMs: number, workers: number | 'auto' = 0): Scenario {
  return {
    name: 'fake',
    target: 'http://127.0.0.1:1',
    load: { model: 'closed', stages: [{ durationMs, users, spawnRate: 1000 }] },
    workers,
    defaults: { headers: {}, timeoutMs: 1000, cookies: true, insecure: false },
    variables: {},
    env: {},
    secrets: [],
    envUses: [],
    data: [],
    // The one entry the fake generator records: the master merges only entries the scenario names.
    users: [
      {
        name: 'fake',
        weight: 1,
        think: { kind: 'none' },
        tasks: [
          {
            name: '/fake',
            weight: 1,
            steps: [{ kind: 'request', name: '/fake', method: 'GET' } as RequestStep],
          },
        ],
        loops: [],
        start: [],
        stop: [],
      },
    ],
    trackers: [],
    thresholds: [],
    output: {},
  };
}

export interface FakeGenerators {
  deps: WorkerDeps;
  /** Every load share each worker received, in order. */
  shares: Map<string, LoadShare[]>;
  /** Requests each worker recorded in total. */
  recorded: Map<string, number>;
}

/** Each drain records `users * perUser` requests of 1..10 ms. */
export function fakeGenerators(perUser = 3): FakeGenerators {
  const shares = new Map<string, LoadShare[]>();
  const recorded = new Map<string, number>();
  const deps: WorkerDeps = {
    analyze: (source) => ({ scenario: JSON.parse(source) as Scenario, diagnostics: [] }),
    createCollector: () => createStatsCollector(),
    createTrackerSet: () => ({
      enabled: false,
      needsBody: () => false,
      emit: () => undefined,
      setStage: () => undefined,
      drain: () => [],
    }),
    createLoadGenerator: (ctx): LoadGenerator => {
      let users = 0;
      const entry = ctx.collector.entry('/fake', 'GET');
      return {
        get users() {
          return users;
        },
        setLoad(share) {
          shares.set(ctx.workerId, [...(shares.get(ctx.workerId) ?? []), share]);
          users = share.model === 'closed' ? share.users : share.maxUsers;
        },
        drain(final) {
          const n = users * perUser;
          for (let i = 0; i < n; i++) entry.success(1 + (i % 10), 100);
          recorded.set(ctx.workerId, (recorded.get(ctx.workerId) ?? 0) + n);
          return { ...ctx.collector.drain(), trackers: ctx.trackers.drain(final) };
        },
        async stop() {
          users = 0;
        },
      };
    },
  };
  return { deps, shares, recorded };
}

/** A worker transport whose sends stop once `silence()` is called (a frozen worker). */
export function silenceable(inner: WorkerTransport): { transport: WorkerTransport; silence(): void } {
  let silent = false;
  return {
    silence: () => (silent = true),
    transport: {
      messages: inner.messages,
      send: (m) => (silent ? Promise.resolve() : inner.send(m)),
      close: () => inner.close(),
    },
  };
}

/** Feeds on a run's snapshots; `until` resolves with the first one that satisfies a condition. */
export function snapshotWaiter() {
  const waits: Array<[(s: RunSnapshot) => boolean, (s: RunSnapshot) => void]> = [];
  return {
    onSnapshot(s: RunSnapshot) {
      for (const w of waits.splice(0)) {
        if (w[0](s)) w[1](s);
        else waits.push(w);
      }
    },
    until: (p: (s: RunSnapshot) => boolean) => new Promise<RunSnapshot>((r) => waits.push([p, r])),
  };
}

/**
 * A worker transport whose sends wait while it is stalled and go out in order on `resume()`: a
 * worker whose event loop was busy for a while (its messages are late, not lost).
 */
export function stallable(inner: WorkerTransport): {
  transport: WorkerTransport;
  stall(): void;
  resume(): void;
} {
  let held: Array<() => void> | undefined;
  return {
    stall: () => (held ??= []),
    resume: () => {
      const due = held ?? [];
      held = undefined;
      for (const send of due) send();
    },
    transport: {
      messages: inner.messages,
      send: (m) =>
        held === undefined
          ? inner.send(m)
          : new Promise<void>((resolve, reject) =>
              held!.push(() => void inner.send(m).then(resolve, reject)),
            ),
      close: () => inner.close(),
    },
  };
}
