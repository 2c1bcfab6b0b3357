// The master: starts (or waits for) workers, drives the stages in time, splits the load exactly,
// watches heartbeats, merges reports and publishes a snapshot every second. Master and worker are
// separate modules; this file only coordinates, the pieces live beside it.
import crypto from 'node:crypto';
import os from 'node:os';
import { ENGINE_PROTOCOL_VERSION } from '../../common/protocol/engine';
import type { MasterToWorker, WorkerReportMessage, WorkerToMaster } from '../../common/protocol/engine';
import type { HistoryPoint, RunSnapshot, RunState } from '../../common/snapshot';
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
import { DEFAULT_BIND, checkBind, remoteNeedsToken } from './bind';
import { defaultMasterDeps } from './deps';
import type { MasterDeps } from './deps';
import { forkWorker, inProcessWorker, resolveCliPath } from './localWorkers';
import type { LocalWorker } from './localWorkers';
import { planLoad } from './plan';
import { checkWorkerNumbers, reportLimitsFor } from './reportLimits';
import { buildSnapshot } from './snapshot';
import { splitEvenly, splitRate } from './split';
import type { RunHandle, RunRequest, RunResult } from './types';
import { liveWorkers, newWorkerRecord } from './workerRecord';
import type { WorkerRecord } from './workerRecord';

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

export function startRun(request: RunRequest, options: MasterOptions = {}): RunHandle {
  // Secrets leave no trace in what the run shows: every log line, snapshot and the result pass here.
  const mask = createSecretMask(request.inputs?.secretValues ?? []);
  const log = mask.logger(request.log ?? silentLogger);
  const buildMaskedSnapshot: typeof buildSnapshot = (input) => {
    const built = mask.value(buildSnapshot(input));
    if (usersOutOfData > 0) built.snapshot.usersOutOfData = usersOutOfData;
    return built;
  };
  const deps = options.deps ?? defaultMasterDeps;
  const heartbeatMs = request.heartbeatMs ?? 1000;
  const snapshotIntervalMs = options.snapshotIntervalMs ?? 1000;
  const reportIntervalMs = options.reportIntervalMs ?? 1000;
  const policy = request.missingWorkerPolicy ?? 'rebalance';
  const plan = planLoad(request.scenario.load, request.overrides);
  const runId = crypto.randomUUID();
  // Peers choose what they send: their refusals are logged a few per 10 s, with their strings cut.
  const logRefusal = rateLimitedLog((line) => log.warn(line));
  const limits = reportLimitsFor(request.scenario);
  const aggregator = deps.createAggregator();
  const trackers = deps.createTrackerMerge();
  const workers = new Map<string, WorkerRecord>();
  const locals = new Map<string, LocalWorker>();
  const history: HistoryPoint[] = [];
  const data = new MasterData(request.inputs?.data ?? []);
  /** Users that stopped for want of unique data rows, summed over every worker's reports. */
  let usersOutOfData = 0;

  const requested =
    request.expectWorkers !== undefined ? 0 : (request.overrides?.workers ?? request.scenario.workers);
  const remote = request.expectWorkers !== undefined;
  const localCount = remote
    ? 0
    : requested === 'auto'
      ? Math.max(1, os.availableParallelism())
      : Math.max(0, Math.floor(requested));
  const inProcess = !remote && localCount === 0;
  const expected = remote ? Math.max(1, request.expectWorkers ?? 1) : Math.max(1, localCount);

  let transport: MasterTransport | undefined;
  let state: RunState = 'starting';
  let startedAt = 0;
  let stageIndex = 0;
  let usersOverride: number | undefined;
  let failure: string | undefined;
  const timers: NodeJS.Timeout[] = [];
  let stageTimer: LongTimeout | undefined;
  let connectTimer: NodeJS.Timeout | undefined;
  let finishing: Promise<void> | undefined;
  let resolveFinals: (() => void) | undefined;
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

  /** Splits the current stage over the live workers and tells each its share. */
  const resplit = (): void => {
    const s = currentStage();
    if (!s || state !== 'running') return;
    const live = liveWorkers(workers.values());
    if (s.model === 'closed') {
      const users = usersOverride ?? s.users;
      const shares = splitEvenly(users, live.length);
      live.forEach((w, i) => {
        const u = shares[i];
        const spawnRate = users > 0 ? (s.spawnRate * u) / users : s.spawnRate / live.length;
        void send(w.id, { kind: 'load', model: 'closed', stage: stageIndex, users: u, spawnRate });
      });
    } else {
      const rates = splitRate(s.arrivalRate, live.length);
      const caps = splitEvenly(s.maxUsers, live.length);
      live.forEach(
        (w, i) =>
          void send(w.id, {
            kind: 'load',
            model: 'open',
            stage: stageIndex,
            arrivalRate: rates[i],
            maxUsers: caps[i],
          }),
      );
    }
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
        else void finish();
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

  const publish = (): RunSnapshot => {
    const { snapshot, point } = snapshotNow();
    if (state !== 'starting') history.push(point);
    try {
      request.onSnapshot?.(snapshot, point);
    } catch (err) {
      log.error(`snapshot listener failed: ${(err as Error).message}`);
    }
    return snapshot;
  };

  const begin = (): void => {
    if (state !== 'starting') return;
    if (connectTimer) clearTimeout(connectTimer);
    state = 'running';
    startedAt = Date.now();
    const ready = [...workers.values()].filter((w) => !w.gone && w.state !== 'missing');
    ready.forEach((w, i) => startWorker(w, i, ready.length));
    log.info(`run ${runId} started with ${ready.length} worker(s)`);
    scheduleStage(0);
  };

  const startWorker = (w: WorkerRecord, index: number, count: number): void => {
    w.started = true;
    w.state = 'running';
    void send(w.id, {
      kind: 'start',
      runId,
      scenarioSource: request.source,
      scenarioPath: request.scenarioPath,
      target: request.target,
      insecure: request.insecure,
      env: request.inputs?.env,
      files: request.inputs?.files,
      data: data.headers(),
      reportIntervalMs,
      workerIndex: index,
      workerCount: count,
    });
    // Sequential and random rows follow `start`, one slice at a time (each is encoded only when
    // the previous one is sent: the master never holds a whole encoded copy per worker). The
    // worker holds back its users until the last slice is in (worker.ts).
    if (data.hasSharedRows())
      void (async () => {
        for (const rows of data.rowMessages()) await send(w.id, rows);
      })();
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
    const waiting = [...workers.values()].filter(
      (w) => w.started && !w.finalReceived && w.state !== 'missing',
    );
    if (waiting.length === 0) resolveFinals();
  };

  const declareMissing = (w: WorkerRecord, why: string): void => {
    if (w.state === 'missing') return;
    w.state = 'missing';
    log.warn(`worker ${w.id} (${w.host}, pid ${w.pid}) is missing: ${why}`);
    checkFinals();
    if (!w.started || state !== 'running') return;
    if (policy === 'abort') {
      failure = `worker ${w.id} went missing (${why}) and the missing-worker policy is abort`;
      void finish();
      return;
    }
    if (liveWorkers(workers.values()).length === 0) {
      failure = 'every worker is missing: no load can be generated';
      void finish();
      return;
    }
    if (policy === 'rebalance') {
      // Best effort: if it is only slow, it must drop its users, or the load would be doubled.
      void send(w.id, { kind: 'load', model: 'closed', stage: stageIndex, users: 0, spawnRate: 1e9 });
      resplit();
    }
  };

  const onReport = (w: WorkerRecord, msg: WorkerReportMessage): void => {
    if (w.mergedSeqs.has(msg.seq)) return;
    w.mergedSeqs.add(msg.seq);
    const { trackers: trackerReports, ...stats } = msg.stats;
    aggregator.add(stats, w.id);
    usersOutOfData += stats.usersOutOfData ?? 0;
    trackers.add(trackerReports, w.id);
    w.requests += stats.entries.reduce((a, e) => a + e.requests, 0);
    w.users = msg.users;
    w.cpu = msg.cpu;
    w.loopDelayMs = msg.loopDelayMs;
    if (msg.final) {
      w.finalReceived = true;
      if (w.state !== 'missing') w.state = 'stopped';
      checkFinals();
    }
  };

  const onReady = (workerId: string, msg: Extract<WorkerToMaster, { kind: 'ready' }>): void => {
    const refuse = (reason: string, retry = false): void => {
      logRefusal(`refused worker ${clip(workerId, 64)} (${clip(msg.host, 64)}, pid ${msg.pid}): ${reason}`);
      void send(workerId, { kind: 'refused', reason, retry });
    };
    if (msg.protocolVersion !== ENGINE_PROTOCOL_VERSION)
      return refuse(
        `protocol version ${msg.protocolVersion} does not match the master's ${ENGINE_PROTOCOL_VERSION}: run the same Stampede version on the master and every worker`,
      );
    const existing = workers.get(workerId);
    if (existing && !existing.gone && existing.state !== 'missing')
      return refuse(`a worker with id ${workerId} is already connected: give each worker its own --id`, true);
    if (state === 'stopping' || state === 'stopped') return refuse('the run is over', true);
    const w = newWorkerRecord(workerId, msg.host, msg.pid, msg.cpus, Date.now());
    if (existing) w.requests = existing.requests;
    workers.set(workerId, w);
    void send(workerId, { kind: 'accepted', heartbeatMs, masterTimeoutMs: Math.max(5000, 3 * heartbeatMs) });
    log.info(`worker ${workerId} connected (${msg.host}, pid ${msg.pid}, ${msg.cpus} cpus)`);
    if (state === 'running') {
      // A late joiner takes its share at once.
      const live = liveWorkers(workers.values());
      startWorker(w, live.length, live.length + 1);
      resplit();
    } else if ([...workers.values()].filter((x) => !x.gone).length >= expected) begin();
    else if (remote)
      log.info(`waiting for workers: ${workers.size} of ${expected} connected to ${transport?.address}`);
  };

  const onMessage = (workerId: string, msg: WorkerToMaster): void => {
    const w = workers.get(workerId);
    if (msg.kind === 'ready') return onReady(workerId, msg);
    if (!w) return;
    const problem = checkWorkerNumbers(msg, limits);
    if (problem) return logRefusal(`dropped a ${msg.kind} from worker ${w.id}: ${problem}`);
    w.lastSeen = Date.now();
    const revived =
      w.state === 'missing' && !w.gone && msg.kind !== 'goodbye' && state === 'running' && !w.finalReceived;
    switch (msg.kind) {
      case 'heartbeat':
        w.users = msg.users;
        w.cpu = msg.cpu;
        w.loopDelayMs = msg.loopDelayMs;
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
        w.gone = true;
        if (state === 'running' || (state === 'stopping' && !w.finalReceived))
          declareMissing(w, `it left: ${msg.reason}`);
        break;
    }
    if (revived) {
      log.info(`worker ${w.id} is back`);
      w.state = 'running';
      resplit();
    }
  };

  const heartbeat = (): void => {
    const now = Date.now();
    for (const w of workers.values()) {
      if (w.gone) continue;
      if (w.state !== 'missing' && now - w.lastSeen > MISSING_AFTER_HEARTBEATS * heartbeatMs)
        declareMissing(w, `silent for ${now - w.lastSeen} ms`);
      if (w.state !== 'missing') void send(w.id, { kind: 'heartbeat' });
    }
  };

  /** Stops the workers, waits for their final reports, publishes the last snapshot, cleans up. */
  const finish = (): Promise<void> =>
    (finishing ??= (async () => {
      stageTimer?.cancel();
      if (connectTimer) clearTimeout(connectTimer);
      const wasRunning = state === 'running';
      state = 'stopping';
      if (wasRunning) {
        const finals = new Promise<void>((r) => (resolveFinals = r));
        for (const w of workers.values())
          if (w.started && w.state !== 'missing') void send(w.id, { kind: 'stop' });
        checkFinals();
        const limitMs = request.scenario.defaults.timeoutMs + MISSING_AFTER_HEARTBEATS * heartbeatMs + 2000;
        let limit: LongTimeout | undefined;
        await Promise.race([finals, new Promise<void>((r) => (limit = setLongTimeout(r, limitMs)))]);
        limit?.cancel();
        for (const w of workers.values())
          if (w.started && !w.finalReceived) declareMissing(w, 'no final report');
      }
      state = 'stopped';
      timers.forEach(clearInterval);
      const snapshot = snapshotNow().snapshot;
      snapshot.thresholds = deps.evaluateThresholds(request.scenario.thresholds, snapshot);
      const point = snapshotNow().point;
      history.push(point);
      try {
        request.onSnapshot?.(snapshot, point);
      } catch (err) {
        log.error(`snapshot listener failed: ${(err as Error).message}`);
      }
      await shutDown();
      resolveDone({ snapshot, history, ...(failure ? { error: mask.text(failure) } : {}) });
    })());

  /** Quit every worker, wait briefly for the local ones to exit, kill what is left. */
  const shutDown = async (): Promise<void> => {
    await Promise.all(
      [...workers.values()]
        .filter((w) => !w.gone && w.state !== 'missing')
        .map((w) => send(w.id, { kind: 'quit' })),
    );
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
    if (!w) {
      if (state === 'starting') {
        failure = `local worker ${id} ${detail} before connecting`;
        void finish();
      }
      return;
    }
    if (w.gone) return;
    w.gone = true;
    if (state === 'running' || (state === 'stopping' && !w.finalReceived))
      declareMissing(w, `its process ${detail}`);
  };

  const launch = async (): Promise<void> => {
    const bind = request.bind ?? DEFAULT_BIND;
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
      const problem = checkBind(bind, request.token);
      if (problem) throw new Error(problem);
      if (remote && !request.token) throw new Error(remoteNeedsToken);
      // Local workers get a fresh secret through their environment (never argv, which `ps` shows).
      const token = request.token ?? newRunSecret();
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
    timers.push(setInterval(() => void publish(), snapshotIntervalMs));
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
    async stop() {
      await finish();
    },
    done,
  };
}
