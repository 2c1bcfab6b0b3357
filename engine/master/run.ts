// The master: starts (or waits for) workers, drives the stages in time, gives each live worker its
// share (a pure `assign` of the plan over the live set, sent whole), watches heartbeats, merges
// reports and publishes a snapshot every second. A worker's lifecycle is one phase with its
// transitions in workerRecord.ts; this file only coordinates.
import crypto from 'node:crypto';
import os from 'node:os';
import type { MasterToWorker, WorkerReportMessage, WorkerToMaster } from '../../common/protocol/engine';
import { BoundedHistory } from '../../common/history';
import type { HistoryPoint, RunSnapshot, RunState } from '../../common/snapshot';
import { DEFAULT_GRACEFUL_STOP_MS } from '../../scenario/model';
import { silentLogger } from '../log';
import { setLongTimeout, type LongTimeout } from '../longTimeout';
import { createSecretMask } from '../secrets/mask';
import { createMemoryHub } from '../transport/memory';
import type { MasterTransport } from '../transport/types';
import { newRunSecret } from '../transport/curveKeys';
import { clip, rateLimitedLog } from '../transport/rateLimitedLog';
import { bindZmqMaster } from '../transport/zmq';
import type { WorkerDeps } from '../worker/deps';
import { MasterData } from '../data/masterData';
import { assign } from './assign';
import { DEFAULT_BIND, checkBind, remoteNeedsToken } from './bind';
import { defaultMasterDeps } from './deps';
import type { MasterDeps } from './deps';
import { masterExternalEvents } from './externalEvents';
import { checkHandshake } from './handshake';
import { forkWorker, inProcessWorker, localWorkerCount, resolveCliPath } from './localWorkers';
import type { LocalWorker } from './localWorkers';
import { lostWorker } from './lost';
import { planLoad, type PlannedStage } from './plan';
import { checkWorkerNumbers, reportLimitsFor } from './reportLimits';
import { buildSnapshot } from './snapshot';
import { createArrivalPerSecond } from './arrivalPerSecond';
import { arrivalCutover } from './openCutover';
import type { LostWorker, RunHandle, RunRequest, RunResult } from './types';
import { isLive, isWatched, liveWorkers, newWorkerRecord, transition } from './workerRecord';
import type { WorkerEvent, WorkerRecord } from './workerRecord';

/** Knobs that are not part of the run API: test seams and timings. */
export interface MasterOptions {
  deps?: MasterDeps;
  /** Deps of the in-process worker (workers = 0). */
  workerDeps?: WorkerDeps;
  /** The CLI to fork for local workers (default: dist/cli.js beside this bundle, or STAMPEDE_CLI). */
  cliPath?: string;
  snapshotIntervalMs?: number;
  reportIntervalMs?: number;
  /** How long local workers may take to connect. */
  connectTimeoutMs?: number;
  /** Use this transport (e.g. an in-memory hub) instead of binding ZeroMQ; with expectWorkers, for tests. */
  transport?: MasterTransport;
}

const MISSING_AFTER_HEARTBEATS = 3;
/** After the grace period, how long cancelled requests and the final report may take to arrive. */
const FINAL_REPORT_SLACK_MS = 2000;
/**
 * How much longer than that a stopping worker that still answers is waited for (an overloaded
 * machine closing tens of thousands of sockets), before its final report is given up on.
 */
const STILL_STOPPING_LIMIT_MS = 60_000;

export function startRun(request: RunRequest, options: MasterOptions = {}): RunHandle {
  // Secrets leave no trace in what the run shows: every log line, snapshot and the result pass here.
  const mask = createSecretMask(request.inputs?.secretValues ?? []);
  const log = mask.logger(request.log ?? silentLogger);
  const arrivalPerSecond = createArrivalPerSecond();
  const buildMaskedSnapshot: typeof buildSnapshot = (input) => {
    const built = mask.value(buildSnapshot(input));
    arrivalPerSecond(built.snapshot, built.point);
    if (usersOutOfData > 0) built.snapshot.usersOutOfData = usersOutOfData;
    external.decorate(built.snapshot);
    return built;
  };
  const deps = options.deps ?? defaultMasterDeps;
  const overrides = request.overrides ?? {};
  const heartbeatMs = overrides.heartbeatMs ?? 1000;
  const snapshotIntervalMs = options.snapshotIntervalMs ?? 1000;
  const reportIntervalMs = options.reportIntervalMs ?? 1000;
  const graceMs = request.scenario.load.gracefulStopMs ?? DEFAULT_GRACEFUL_STOP_MS;
  const policy = request.missingWorkerPolicy ?? 'rebalance';
  const plan = planLoad(request.scenario.load, overrides);
  const kindWeights = request.scenario.users.map((k) => k.weight);
  const runId = crypto.randomUUID();
  // Peers choose what they send: their refusals are logged a few per 10 s, with their strings cut.
  const logRefusal = rateLimitedLog((line) => log.warn(line));
  const limits = reportLimitsFor(request.scenario);
  const aggregator = deps.createAggregator(limits.table);
  const trackers = deps.createTrackerMerge();
  const workers = new Map<string, WorkerRecord>();
  const locals = new Map<string, LocalWorker>();
  const history = new BoundedHistory();
  const data = new MasterData(request.inputs?.data ?? []);
  /** Users that stopped for want of unique data rows, summed over every worker's reports. */
  let usersOutOfData = 0;

  const remote = overrides.expectWorkers !== undefined;
  const requested = overrides.workers ?? request.scenario.workers;
  const localCount = localWorkerCount(requested, remote);
  const inProcess = !remote && localCount === 0;
  const expected = remote ? Math.max(1, overrides.expectWorkers ?? 1) : Math.max(1, localCount);

  let transport: MasterTransport | undefined;
  let state: RunState = 'starting';
  let startedAt = 0;
  let stageIndex = 0;
  const external = masterExternalEvents(request.scenario, request.events, () => stageIndex, reportIntervalMs);
  let usersOverride: number | undefined;
  let failure: string | undefined;
  let cancelSent = false;
  const timers: NodeJS.Timeout[] = [];
  let stageTimer: LongTimeout | undefined;
  let connectTimer: NodeJS.Timeout | undefined;
  let finishing: Promise<void> | undefined;
  let resolveFinals: (() => void) | undefined;
  /** While stopping: when the stop was sent, and when its grace period ends (a second stop: now). */
  let stopSentAt = 0;
  let graceEndsAt = Infinity;
  let resolveDone!: (r: RunResult) => void;
  const done = new Promise<RunResult>((r) => (resolveDone = r));

  const send = (id: string, message: MasterToWorker): Promise<void> =>
    transport
      ? transport.send(id, message).catch((err: Error) => log.debug(`send to ${id} failed: ${err.message}`))
      : Promise.resolve();

  const currentStage = () => plan.stages[Math.min(stageIndex, plan.stages.length - 1)];
  const targetUsers = (): number => {
    const s = currentStage();
    if (!s) return 0;
    return s.model === 'closed' ? (usersOverride ?? s.users) : s.maxUsers;
  };

  /** The stage whose arrivals were last split over workers (engine/master/openCutover.ts). */
  let splitStage = -1;
  const openProgress = (stage: PlannedStage) =>
    stage.model === 'open'
      ? arrivalCutover(stage.arrivalRate, Date.now() - startedAt - stage.startMs, splitStage === stageIndex)
      : undefined;

  /** Gives every live worker its whole share of the current stage (now: a stage, a new user count). */
  const resplit = (): void => {
    const stage = currentStage();
    if (!stage || state !== 'running') return;
    const live = liveWorkers(workers.values()).map((w) => w.id);
    const progress = openProgress(stage);
    const shares = assign({ stageIndex, stage, usersOverride, kindWeights, progress }, live);
    if (shares.size > 0) splitStage = stageIndex;
    for (const [id, share] of shares) void send(id, share);
  };

  /**
   * A re-split for a change in who carries load, once for all the changes of this turn of the
   * event loop. A share goes whole to every live worker, so at 1,000 workers one re-split per
   * change (a heartbeat check finding hundreds of workers silent, a burst of late joiners) queued
   * up to a million `load` messages and stalled the master for tens of seconds.
   */
  let resplitQueued = false;
  const resplitSoon = (): void => {
    if (resplitQueued) return;
    resplitQueued = true;
    setImmediate(() => {
      resplitQueued = false;
      resplit();
    });
  };

  /** Applies an event to a worker; a change in who carries load re-splits it. */
  const apply = (w: WorkerRecord, event: WorkerEvent): void => {
    const wasLive = isLive(w);
    transition(w, event);
    if (wasLive !== isLive(w)) resplitSoon();
    checkFinals();
  };

  const scheduleStage = (index: number): void => {
    stageIndex = index;
    usersOverride = undefined;
    resplit();
    const s = plan.stages[index];
    const endAt = startedAt + (s ? s.startMs + s.durationMs : 0);
    stageTimer = setLongTimeout(
      () => {
        if (index + 1 < plan.stages.length) scheduleStage(index + 1);
        else void finish(false, true);
      },
      Math.max(0, endAt - Date.now()),
    );
  };

  const snapshotNow = (): { snapshot: RunSnapshot; point: HistoryPoint } =>
    buildMaskedSnapshot({
      runId,
      scenario: request.scenario.name,
      state,
      startedAt,
      now: Date.now(),
      plan,
      stageIndex,
      targetUsers: targetUsers(),
      arrivalRate: currentStage()?.arrivalRate,
      workers: [...workers.values()],
      aggregator,
      trackers,
    });

  const publish = (snapshot: RunSnapshot, point: HistoryPoint): void => {
    if (state !== 'starting') history.add(point);
    try {
      request.onSnapshot?.(snapshot, point);
    } catch (err) {
      log.error(`snapshot listener failed: ${(err as Error).message}`);
    }
  };

  const startWorker = (w: WorkerRecord): void => {
    transition(w, { kind: 'start' });
    void send(w.id, {
      kind: 'start',
      runId,
      scenarioSource: request.source,
      scenarioPath: request.scenarioPath,
      target: overrides.target,
      insecure: overrides.insecure,
      env: request.inputs?.env,
      files: request.inputs?.files,
      data: data.headers(),
      reportIntervalMs,
    });
    // Sequential and random rows follow `start`, one slice at a time (each is encoded only when
    // the previous one is sent: the master never holds a whole encoded copy per worker). The
    // worker holds back its users until the last slice is in (worker.ts).
    if (data.hasSharedRows())
      void (async () => {
        for (const rows of data.rowMessages()) await send(w.id, rows);
      })();
  };

  const begin = (): void => {
    if (state !== 'starting') return;
    if (connectTimer) clearTimeout(connectTimer);
    state = 'running';
    startedAt = Date.now();
    const ready = [...workers.values()].filter((w) => w.phase === 'ready');
    ready.forEach(startWorker);
    log.info(`run ${runId} started with ${ready.length} worker(s)`);
    scheduleStage(0);
  };

  const onDataLease = (w: WorkerRecord, msg: Extract<WorkerToMaster, { kind: 'dataLease' }>): void => {
    if (state !== 'running' && state !== 'stopping') return;
    const outcome = data.lease(msg.set, msg.want);
    if (outcome.kind === 'grant') void send(w.id, outcome.message);
    else if (outcome.kind === 'fail') {
      failure ??= outcome.reason;
      void finish();
    } else log.warn(`worker ${w.id} asked for rows of \`${msg.set}\`, which is not a unique data set`);
  };

  const checkFinals = (): void => {
    if (!resolveFinals) return;
    if (![...workers.values()].some((w) => w.phase === 'stopping')) resolveFinals();
  };

  const declareMissing = (w: WorkerRecord, why: string, left: boolean): void => {
    if (w.phase === 'missing' || w.phase === 'done') {
      if (left) w.left = true;
      return;
    }
    log.warn(`worker ${w.id} (${w.host}, pid ${w.pid}) is missing: ${why}`);
    const carried = isLive(w);
    w.missingWhy = why;
    apply(w, { kind: left ? 'left' : 'silent' });
    if (!carried || state !== 'running') return;
    if (policy === 'abort') {
      failure = `worker ${w.id} went missing (${why}) and the missing-worker policy is abort`;
      void finish();
    } else if (liveWorkers(workers.values()).length === 0) {
      failure = 'every worker is missing: no load can be generated';
      void finish();
    } else if (policy === 'rebalance' && !left) {
      // Best effort: if it is only slow, it must drop its users, or the load would be doubled.
      void send(w.id, {
        kind: 'load',
        model: 'closed',
        stage: stageIndex,
        users: 0,
        spawnRate: 1e9,
        kinds: kindWeights.map(() => 0),
        segment: { index: 0, count: 1 },
      });
    }
  };

  const onReport = (w: WorkerRecord, msg: WorkerReportMessage): void => {
    // After the last snapshot nothing more can reach the result (the lost workers are named).
    if (state === 'stopped' || !w.mergedSeqs.claim(msg.seq)) return;
    const { trackers: trackerReports, externalStarts, ...stats } = msg.stats;
    aggregator.addWire(stats, w.id);
    // A worker on this machine reads the master's own clock; a remote one's offset is estimated.
    if (externalStarts) external.onStarts(w.id, externalStarts, locals.has(w.id) || w.host === os.hostname());
    usersOutOfData += stats.usersOutOfData ?? 0;
    trackers.add(trackerReports, w.id);
    for (const e of stats.entries) w.requests += e[1];
    w.users = msg.users;
    w.cpu = msg.cpu;
    w.loopDelayMs = msg.loopDelayMs;
    w.lastReportAt = Date.now();
    if (msg.final) apply(w, { kind: 'final' });
  };

  const onReady = (workerId: string, msg: Extract<WorkerToMaster, { kind: 'ready' }>): void => {
    const existing = workers.get(workerId);
    const refusal = checkHandshake(msg, {
      idTaken: existing !== undefined && isWatched(existing),
      runOver: state === 'stopping' || state === 'stopped',
    });
    if (refusal) {
      // Peer-chosen strings are clipped, and refusals rate-limited: a flood cannot fill the log.
      logRefusal(
        `refused worker ${clip(workerId, 64)} (${clip(msg.host, 64)}, pid ${msg.pid}): ${refusal.reason}`,
      );
      void send(workerId, { kind: 'refused', reason: refusal.reason, retry: refusal.retry });
      return;
    }
    const w = newWorkerRecord(workerId, msg.host, msg.pid, msg.cpus, Date.now());
    if (existing) w.requests = existing.requests;
    // A returning id goes to the end of the join order (the segment order).
    workers.delete(workerId);
    workers.set(workerId, w);
    void send(workerId, { kind: 'accepted', heartbeatMs, masterTimeoutMs: Math.max(5000, 3 * heartbeatMs) });
    log.info(`worker ${workerId} connected (${msg.host}, pid ${msg.pid}, ${msg.cpus} cpus)`);
    // A late joiner takes its share at once (and gives it back if it cannot run the scenario).
    if (state === 'running') {
      startWorker(w);
      resplitSoon();
    } else if ([...workers.values()].filter((x) => !x.left).length >= expected) begin();
    else if (remote)
      log.info(`waiting for workers: ${workers.size} of ${expected} connected to ${transport?.address}`);
  };

  const onMessage = (workerId: string, msg: WorkerToMaster): void => {
    if (msg.kind === 'ready') return onReady(workerId, msg);
    const w = workers.get(workerId);
    if (!w) return;
    const problem = checkWorkerNumbers(msg, limits);
    if (problem) return logRefusal(`dropped a ${msg.kind} from worker ${w.id}: ${problem}`);
    w.lastSeen = Date.now();
    if (msg.kind !== 'goodbye' && w.phase === 'missing' && state === 'running' && !w.left) {
      log.info(`worker ${w.id} is back`);
      apply(w, { kind: 'heard' });
    }
    switch (msg.kind) {
      case 'heartbeat':
        w.users = msg.users;
        w.cpu = msg.cpu;
        w.loopDelayMs = msg.loopDelayMs;
        break;
      case 'started':
        apply(w, { kind: 'started' });
        break;
      case 'startFailed':
        log.warn(`worker ${w.id} cannot take part: ${msg.reason}`);
        apply(w, { kind: 'startFailed' });
        if (
          state === 'running' &&
          ![...workers.values()].some((x) => x.phase === 'running' || x.phase === 'joining')
        ) {
          failure = `no worker could run the scenario: ${msg.reason}`;
          void finish();
        }
        break;
      case 'report':
        onReport(w, msg);
        break;
      case 'exception':
        log.warn(`worker ${w.id}: ${msg.message}`);
        break;
      case 'dataLease':
        onDataLease(w, msg);
        break;
      case 'goodbye':
        declareMissing(w, `it left: ${msg.reason}`, true);
        w.left = true;
        break;
    }
  };

  const heartbeat = (): void => {
    const now = Date.now();
    for (const w of workers.values()) {
      if (!isWatched(w)) continue;
      // A stopping worker may be silent for seconds while it closes thousands of users' sockets:
      // the stop's own rule decides (finalReportOverdue), not the heartbeat rule, or its final
      // interval would be dropped from a run that was sound.
      const overdue =
        w.phase === 'stopping'
          ? finalReportOverdue(w, now)
          : now - w.lastSeen > MISSING_AFTER_HEARTBEATS * heartbeatMs && `silent for ${now - w.lastSeen} ms`;
      if (overdue) declareMissing(w, overdue, false);
      else void send(w.id, { kind: 'heartbeat' });
    }
  };

  /**
   * Why a stopping worker's final report is given up on, or undefined while it may still come: it
   * has after the grace period 3 heartbeats + 2 s of slack, and longer while it keeps answering
   * (heartbeats show it is alive and still stopping), up to STILL_STOPPING_LIMIT_MS more.
   */
  const finalReportOverdue = (w: WorkerRecord, now: number): string | undefined => {
    const quietMs = MISSING_AFTER_HEARTBEATS * heartbeatMs + FINAL_REPORT_SLACK_MS;
    const dueBy = graceEndsAt + quietMs;
    if (now < dueBy) return undefined;
    const since = `${now - stopSentAt} ms after the stop`;
    if (now - w.lastSeen > quietMs) return `no final report ${since}, and silent for ${now - w.lastSeen} ms`;
    if (now > dueBy + STILL_STOPPING_LIMIT_MS)
      return `no final report ${since} (it answered but never finished stopping)`;
    return undefined;
  };

  /** Tells the workers still stopping to cancel their requests in flight now (a second stop). */
  const cancelInFlight = (): void => {
    if (cancelSent) return;
    cancelSent = true;
    graceEndsAt = Math.min(graceEndsAt, Date.now());
    for (const w of workers.values())
      if (w.phase === 'stopping') void send(w.id, { kind: 'stop', graceMs: 0 });
  };

  /**
   * Stops the workers (requests in flight get the grace period, then are cancelled and counted),
   * waits for their final reports while heartbeats go on, publishes the last snapshot, cleans up.
   */
  const finish = (now = false, planEnded = false): Promise<void> => {
    if (finishing) {
      if (now) cancelInFlight();
      return finishing;
    }
    finishing = (async () => {
      stageTimer?.cancel();
      if (connectTimer) clearTimeout(connectTimer);
      const wasRunning = state === 'running';
      state = 'stopping';
      if (now) cancelSent = true;
      if (wasRunning) {
        const finals = new Promise<void>((r) => (resolveFinals = r));
        const stopGraceMs = now ? 0 : graceMs;
        stopSentAt = Date.now();
        graceEndsAt = stopSentAt + stopGraceMs;
        for (const w of workers.values()) {
          transition(w, { kind: 'stop' });
          if (w.phase === 'stopping')
            void send(w.id, {
              kind: 'stop',
              graceMs: stopGraceMs,
              ...(planEnded && !now ? { planEnded } : {}),
            });
        }
        checkFinals();
        // heartbeat() gives up on each overdue final report (finalReportOverdue); this backstop only
        // bounds the wait should that ever not happen.
        const backstopMs =
          stopGraceMs +
          (MISSING_AFTER_HEARTBEATS + 2) * heartbeatMs +
          FINAL_REPORT_SLACK_MS +
          STILL_STOPPING_LIMIT_MS;
        let limit: LongTimeout | undefined;
        await Promise.race([finals, new Promise<void>((r) => (limit = setLongTimeout(r, backstopMs)))]);
        limit?.cancel();
        for (const w of workers.values())
          if (w.phase === 'stopping')
            declareMissing(w, `no final report within ${Date.now() - stopSentAt} ms of the stop`, false);
        // Events from outside for starts of the last moments may still be on their way.
        await external.settle(stopGraceMs, trackers);
      }
      state = 'stopped';
      timers.forEach(clearInterval);
      const { snapshot, point } = snapshotNow();
      snapshot.thresholds = deps.evaluateThresholds(request.scenario.thresholds, snapshot);
      publish(snapshot, point);
      // Lost as the snapshot stands: a report that comes during the shutdown is in neither.
      const lost: LostWorker[] = [...workers.values()]
        .filter((w) => w.joinedRun && w.phase === 'missing')
        .map((w) => lostWorker(w, startedAt));
      await shutDown();
      resolveDone({
        snapshot,
        history: history.toArray(),
        started: startedAt > 0,
        ...(lost.length ? { lost } : {}),
        ...(failure ? { error: mask.text(failure) } : {}),
      });
    })();
    return finishing;
  };

  /** Quit every worker, wait briefly for the local ones to exit, kill what is left. */
  const shutDown = async (): Promise<void> => {
    await Promise.all([...workers.values()].filter((w) => !w.left).map((w) => send(w.id, { kind: 'quit' })));
    const all = Promise.all([...locals.values()].map((l) => l.exited));
    let limit: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((r) => (limit = setTimeout(r, 3000)))]);
    clearTimeout(limit);
    for (const l of locals.values()) l.kill();
    await all;
    await transport?.close();
  };

  const onLocalExit = (id: string, detail: string): void => {
    const w = workers.get(id);
    if (w) return declareMissing(w, `its process ${detail}`, true);
    if (state === 'starting') {
      failure = `local worker ${id} ${detail} before connecting`;
      void finish();
    }
  };

  const launch = async (): Promise<void> => {
    const bind = overrides.bind ?? DEFAULT_BIND;
    if (options.transport) {
      transport = options.transport;
    } else if (inProcess) {
      const hub = createMemoryHub();
      transport = hub.master;
      locals.set(
        'local',
        inProcessWorker('local', hub.connect('local'), log, options.workerDeps, onLocalExit),
      );
    } else {
      const problem = checkBind(bind, overrides.token);
      if (problem) throw new Error(problem);
      if (remote && !overrides.token) throw new Error(remoteNeedsToken);
      // Local workers get a fresh secret through their environment (never argv, which `ps` shows).
      const token = overrides.token ?? newRunSecret();
      transport = await bindZmqMaster(bind, {
        token,
        onInvalid: (d) => log.debug(d),
        onRefused: (line) => log.warn(line),
      });
      log.info(`master listening on ${transport.address}`);
      const cliPath = resolveCliPath(options.cliPath);
      for (let i = 1; i <= localCount; i++) {
        const id = `w${i}`;
        locals.set(
          id,
          forkWorker({
            cliPath,
            address: transport.address,
            id,
            token,
            log,
            onExit: onLocalExit,
          }),
        );
      }
    }
    if (!remote) {
      const connectMs = options.connectTimeoutMs ?? 20_000;
      connectTimer = setTimeout(() => {
        failure = `only ${workers.size} of ${expected} local workers connected within ${connectMs} ms`;
        void finish();
      }, connectMs);
    }
    timers.push(setInterval(heartbeat, heartbeatMs));
    timers.push(
      setInterval(() => {
        external.merge(trackers);
        const { snapshot, point } = snapshotNow();
        publish(snapshot, point);
      }, snapshotIntervalMs),
    );
    for await (const { workerId, message } of transport.messages) onMessage(workerId, message);
  };

  launch().catch((err: Error) => {
    failure ??= err.message;
    void finish();
  });

  return {
    setUsers(users: number) {
      const s = currentStage();
      if (!s || s.model !== 'closed') {
        log.warn('setUsers applies to closed-model runs only (this run uses arrival rates)');
        return;
      }
      usersOverride = Math.max(0, Math.round(users));
      resplit();
    },
    async stop(stopOptions = {}) {
      await finish(stopOptions.now === true);
    },
    done,
  };
}
