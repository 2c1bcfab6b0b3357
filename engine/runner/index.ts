// The load generator of one worker: virtual users (closed model) or scheduled iterations (open
// model) over the engine's HTTP client, recording into the worker's stats and trackers.
import type { StatsReport } from '../../common/protocol/engine';
import { parseOrigin, type Origin } from '../http/index';
import { ClosedExecutor } from './closedExecutor';
import { connectionOptions } from './connections';
import { createRunContext } from './context';
import { SimpleEvent } from './events';
import { HealthMonitor } from './health';
import { OpenExecutor } from './openExecutor';
import { withEnv } from './runEnv';
import { createFailureSampleKeeper } from './failureSamples';
import { createSecretMask } from '../secrets/mask';
import type { LoadGenerator, LoadGeneratorOptions, LoadShare } from './types';

export type { LoadGenerator, LoadGeneratorOptions, LoadShare } from './types';

export interface RunnerLoadGenerator extends LoadGenerator {
  health(): { cpu: number; loopDelayMs: number };
}

export function createLoadGenerator(options: LoadGeneratorOptions): RunnerLoadGenerator {
  const { stats, trackers, log } = options;
  const scenario = withEnv(options.scenario, options.env);
  const targetUrl = options.target ?? scenario.target;
  let target: Origin | undefined;
  if (targetUrl !== undefined) {
    try {
      target = parseOrigin(targetUrl);
    } catch (e) {
      // Every request to a relative path then fails with this reason (counted, visible in errors).
      log.error((e as Error).message);
    }
  }
  // Failure samples leave the worker with the run's secrets already masked.
  const mask = createSecretMask(options.secrets ?? []);
  const samples = createFailureSampleKeeper((t) => mask.text(t));
  const ctx = createRunContext({
    scenario,
    target,
    runId: options.runId,
    stats,
    trackers,
    log,
    connection: connectionOptions(scenario, options.insecure),
    files: options.files,
    data: options.data,
    samples,
  });
  if (scenario.users.length === 0) log.warn('the scenario has no users: no load will be generated');
  let userIds = 0;
  const nextId = (): number => ++userIds;
  const closed = new ClosedExecutor(ctx, nextId);
  const open = new OpenExecutor(ctx, nextId);
  const health = new HealthMonitor();
  let stage = -1;
  let stopping: Promise<void> | undefined;
  let cancelAt = Infinity;
  let cancelTimer: NodeJS.Timeout | undefined;
  let warnedLoops = false;

  let stageUsers = 0;
  const changeStage = (share: LoadShare): void => {
    const users = share.model === 'closed' ? share.users : share.maxUsers;
    if (share.stage === stage) {
      // Same stage, new share (a rebalance): the tracker session keeps going with the new count.
      if (users !== stageUsers && trackers.enabled) trackers.setStage(stage, users);
      stageUsers = users;
      return;
    }
    stage = share.stage;
    stageUsers = users;
    ctx.stage = stage;
    if (trackers.enabled) {
      trackers.setStage(stage, users);
      trackers.emit(new SimpleEvent('stage', performance.now(), ctx.trace(0, 0), { stage, users }));
    }
  };

  return {
    get users() {
      return closed.users + open.users;
    },
    setLoad(share) {
      if (stopping !== undefined) return;
      changeStage(share);
      if (scenario.users.length === 0) return;
      if (share.model === 'closed') {
        open.setLoad({ arrivalRate: 0, maxUsers: 0 });
        closed.setLoad(share);
      } else {
        if (!warnedLoops && scenario.users.some((k) => k.loops.length > 0)) {
          warnedLoops = true;
          log.warn('open model (arrivalRate): `loops` of user kinds do not run; each arrival runs one task');
        }
        closed.setLoad({ users: 0, spawnRate: 0 });
        open.setLoad(share);
      }
    },
    drain(final): StatsReport {
      const outOfData = ctx.drainOutOfData();
      const kept = samples.drain();
      const trackerReports = trackers.drain(final);
      const externalStarts = trackers.drainExternalStarts?.();
      return {
        ...stats.drain(),
        trackers: trackerReports,
        ...(externalStarts ? { externalStarts } : {}),
        ...(outOfData > 0 ? { usersOutOfData: outOfData } : {}),
        ...(kept.length > 0 ? { samples: kept } : {}),
      };
    },
    stop(graceMs = Infinity, options = {}) {
      stopping ??= Promise.all([closed.stop(), open.stop(options.planEnded === true)]).then(() => {
        if (cancelTimer !== undefined) clearTimeout(cancelTimer);
        health.close();
      });
      // The earliest deadline asked for wins: a second stop may shorten the grace, never extend it.
      const at = performance.now() + graceMs;
      if (Number.isFinite(graceMs) && at < cancelAt) {
        cancelAt = at;
        if (cancelTimer !== undefined) clearTimeout(cancelTimer);
        cancelTimer = setTimeout(
          () => {
            void closed.cancel();
            void open.cancel();
          },
          Math.max(0, graceMs),
        );
      }
      return stopping;
    },
    health() {
      return health.sample();
    },
  };
}
