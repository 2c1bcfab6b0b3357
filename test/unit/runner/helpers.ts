// Builders for scenarios in runner tests (without YAML), and small fakes of the stats collector
// and tracker set that record what the runner did and let a test wait for a count.
import type { StatsReport, TrackerReport } from '../../../common/protocol/engine';
import type { HttpMethod, RequestStep, Scenario, Step, Task, Think, UserKind } from '../../../scenario/model';
import { compileTemplate } from '../../../scenario/templates';
import type { EntryRecorder, StatsCollector } from '../../../engine/stats/types';
import type { EngineEvent, TrackerSet } from '../../../engine/trackers/types';
import { createLoadGenerator } from '../../../engine/runner/index';
import { silentLogger } from '../../../engine/log';

export const t = compileTemplate;

export function req(url: string, extra: Partial<RequestStep> = {}): RequestStep {
  const method: HttpMethod = extra.method ?? 'GET';
  return {
    kind: 'request',
    name: extra.name ?? url,
    method,
    url: t(url),
    headers: {},
    query: {},
    captures: [],
    checks: [],
    ...extra,
  };
}

export function task(name: string, steps: Step[], weight = 1): Task {
  return { name, weight, steps };
}

export function user(
  name: string,
  tasks: Task[],
  opts: {
    weight?: number;
    think?: Think;
    loops?: UserKind['loops'];
    start?: UserKind['start'];
    stop?: UserKind['stop'];
  } = {},
): UserKind {
  return {
    name,
    weight: opts.weight ?? 1,
    think: opts.think ?? { kind: 'none' },
    tasks,
    loops: opts.loops ?? [],
    start: opts.start ?? [],
    stop: opts.stop ?? [],
  };
}

export function scenario(target: string, users: UserKind[], extra: Partial<Scenario> = {}): Scenario {
  return {
    name: 'test',
    target,
    load: { model: 'closed', stages: [{ durationMs: 60_000, users: 1, spawnRate: 0 }] },
    workers: 0,
    defaults: { headers: {}, timeoutMs: 10_000, cookies: true, insecure: false },
    variables: {},
    env: {},
    secrets: [],
    envUses: [],
    data: [],
    users,
    trackers: [],
    thresholds: [],
    output: {},
    ...extra,
  };
}

export interface Recorded {
  name: string;
  method: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** A StatsCollector that keeps every outcome, and resolves waits when a condition holds. */
export class FakeStats implements StatsCollector {
  readonly records: Recorded[] = [];
  started = 0;
  dropped = 0;
  cancelled = 0;
  intended: number[] = [];
  private waits: Array<{ cond: () => boolean; resolve: () => void }> = [];
  private readonly recorders = new Map<string, EntryRecorder>();

  entry(name: string, method: string): EntryRecorder {
    const key = `${method} ${name}`;
    let r = this.recorders.get(key);
    if (r === undefined) {
      r = {
        success: (ms) => this.add({ name, method, ok: true, ms }),
        failure: (ms, _bytes, error) => this.add({ name, method, ok: false, ms, error }),
      };
      this.recorders.set(key, r);
    }
    return r;
  }
  iterationStarted(): void {
    this.started++;
    this.check();
  }
  iterationDropped(): void {
    this.dropped++;
    this.check();
  }
  requestCancelled(): void {
    this.cancelled++;
    this.check();
  }
  recordIntended(ms: number): void {
    this.intended.push(ms);
    this.check();
  }
  drain(): Omit<StatsReport, 'trackers'> {
    return { entries: [], errors: [] };
  }

  count(filter: (r: Recorded) => boolean = () => true): number {
    return this.records.filter(filter).length;
  }

  /** Resolves as soon as `cond` holds (checked after every record). */
  until(cond: () => boolean): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve) => this.waits.push({ cond, resolve }));
  }

  private add(r: Recorded): void {
    this.records.push(r);
    this.check();
  }

  private check(): void {
    const ready = this.waits.filter((w) => w.cond());
    this.waits = this.waits.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}

export class FakeTrackers implements TrackerSet {
  readonly events: EngineEvent[] = [];
  readonly stages: Array<[number, number]> = [];
  constructor(
    readonly enabled: boolean,
    private readonly bodyFor: string[] = [],
  ) {}
  needsBody(name: string): boolean {
    return this.bodyFor.includes(name);
  }
  emit(event: EngineEvent): void {
    this.events.push(event);
  }
  setStage(stage: number, users: number): void {
    this.stages.push([stage, users]);
  }
  drain(): TrackerReport[] {
    return [];
  }
}

/** A load generator for a test scenario (run id `r1`). */
export function generator(s: Scenario, stats: FakeStats, trackers: TrackerSet = new FakeTrackers(false)) {
  return createLoadGenerator({
    scenario: s,
    runId: 'r1',
    stats,
    trackers,
    log: silentLogger,
  });
}
