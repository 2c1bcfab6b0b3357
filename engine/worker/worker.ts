// A worker: handshake with the master, then run this worker's share of the load and report every
// interval. It obeys the master's messages (start, load, stop, quit) and keeps one rule above all:
// a worker that hears nothing from its master for `masterTimeoutMs` stops its users and leaves,
// so a dead master never leaves load running.
import os from 'node:os';
import { ENGINE_PROTOCOL_VERSION } from '../../common/protocol/engine';
import type {
  MasterLoadMessage,
  MasterStartMessage,
  MasterToWorker,
  WorkerToMaster,
} from '../../common/protocol/engine';
import type { Logger } from '../log';
import type { LoadGenerator } from '../runner/types';
import type { WorkerTransport } from '../transport/types';
import { boundAccepted, boundLoad, boundStart } from './bounds';
import { defaultWorkerDeps } from './deps';
import type { WorkerDeps } from './deps';
import { createProcessLoadSampler } from './processLoad';
import { WorkerData } from '../data/workerData';
import { createSecretMask } from '../secrets/mask';
import { EntryTable } from '../stats/entryTable';
import { toWireStats } from '../stats/wireStats';

export const DEFAULT_MASTER_TIMEOUT_MS = 5000;
/** After the connection drops (the master's socket closed), how long to wait for it to come back. */
export const RECONNECT_GRACE_MS = 2000;

export interface WorkerOptions {
  workerId: string;
  log: Logger;
  deps?: WorkerDeps;
  /** For tests of the handshake: announce another protocol version. */
  protocolVersion?: number;
  /**
   * Waiting for a master that is not there yet is expected (a worker kept for the next run): an
   * unanswered handshake is logged at debug level, not as a warning.
   */
  expectNoMaster?: boolean;
}

export interface WorkerExit {
  /** 0 after `quit`; 1 when refused; 3 when the master was lost (or never answered). */
  code: number;
  reason: string;
  /** The master was reached and accepted this worker (a run, or part of one, happened). */
  accepted: boolean;
  /** A refusal that a later attempt may not meet (the run was over, the id still taken). */
  retry: boolean;
}

export async function runWorker(transport: WorkerTransport, options: WorkerOptions): Promise<WorkerExit> {
  const { workerId, log } = options;
  const deps = options.deps ?? defaultWorkerDeps;
  const load = createProcessLoadSampler();
  let generator: LoadGenerator | undefined;
  /** The scenario's request table: a report names its entries by their index in it (protocol 3). */
  let entryTable = new EntryTable();
  let data: WorkerData | undefined;
  /** The latest load share, held until every data row has arrived. */
  let heldLoad: MasterLoadMessage | undefined;
  let seq = 0;
  let lastHeard = Date.now();
  let masterTimeoutMs = DEFAULT_MASTER_TIMEOUT_MS;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let reportTimer: NodeJS.Timeout | undefined;
  let exit: WorkerExit | undefined;
  let stopping: Promise<void> | undefined;
  let disconnected = false;
  let accepted = false;
  transport.onDisconnect?.(() => (disconnected = true));

  const send = (message: WorkerToMaster): Promise<void> =>
    transport
      .send(message)
      .catch((err: Error) => log.debug(`worker ${workerId}: send failed: ${err.message}`));

  const report = (final: boolean): Promise<void> => {
    const sample = load.sample();
    const stats = toWireStats(
      generator ? generator.drain(final) : { entries: [], errors: [], trackers: [] },
      entryTable,
    );
    return send({
      kind: 'report',
      workerId,
      seq: ++seq,
      final,
      users: generator?.users ?? 0,
      cpu: sample.cpu,
      loopDelayMs: sample.loopDelayMs,
      stats,
    });
  };

  /**
   * Stops the users (once) and sends the final report. Requests in flight get `graceMs`, then are
   * cancelled; a later call with a shorter grace shortens the wait. The message loop never awaits
   * this, so heartbeats and answers go on while requests drain.
   */
  const stopLoad = (graceMs: number, planEnded = false): Promise<void> => {
    if (stopping) {
      void generator?.stop(graceMs);
      return stopping;
    }
    stopping = (async () => {
      if (reportTimer) clearInterval(reportTimer);
      reportTimer = undefined;
      // Users waiting for a lease of unique rows end now instead of holding the stop up.
      data?.close();
      if (generator) await generator.stop(graceMs, { planEnded });
      await report(true);
    })();
    return stopping;
  };

  const leave = async (result: Omit<WorkerExit, 'accepted'>): Promise<void> => {
    if (exit) return;
    exit = { ...result, accepted };
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    clearInterval(watchdog);
    await send({ kind: 'goodbye', workerId, reason: result.reason });
    await transport.close();
  };

  const watchdog = setInterval(() => {
    // A dropped connection (the master's process died) needs no full timeout to be believed.
    const limit = disconnected ? Math.min(masterTimeoutMs, RECONNECT_GRACE_MS) : masterTimeoutMs;
    if (Date.now() - lastHeard <= limit || exit) return;
    const reason = !accepted
      ? `the master did not answer the handshake within ${limit} ms: check the --master address and that the master is running (and reachable through firewalls)`
      : disconnected
        ? `lost the connection to the master and it did not come back within ${limit} ms; stopped all users`
        : `heard nothing from the master for ${limit} ms; stopped all users`;
    if (!accepted && options.expectNoMaster) log.debug(`worker ${workerId}: ${reason}`);
    else log.warn(`worker ${workerId}: ${reason}`);
    // Stop the load first (bounded: the generator stops starting requests at once), then leave.
    void Promise.race([stopLoad(0), new Promise((r) => setTimeout(r, 1000).unref())]).then(() =>
      leave({ code: 3, reason: accepted ? 'lost the master' : 'no answer from the master', retry: false }),
    );
  }, 250);

  const start = (msg: MasterStartMessage): void => {
    const analysis = deps.analyze(msg.scenarioSource);
    if (!analysis.scenario) {
      const first = analysis.diagnostics.find((d) => d.severity === 'error');
      // The master gives no load to a worker that cannot run the scenario.
      void send({
        kind: 'startFailed',
        workerId,
        reason: `cannot run ${msg.scenarioPath}: ${first?.message ?? 'invalid scenario'}`,
      });
      return;
    }
    const scenario = analysis.scenario;
    entryTable = EntryTable.forScenario(scenario);
    if (msg.data)
      data = new WorkerData(
        msg.data,
        new Set(scenario.data.filter((d) => d.pick === 'random').map((d) => d.name)),
        new Set(scenario.data.filter((d) => d.per === 'user').map((d) => d.name)),
        (set, want) => void send({ kind: 'dataLease', workerId, set, want }),
      );
    const secrets = scenario.secrets.flatMap((n) => msg.env?.[n] ?? []);
    const collector = deps.createCollector();
    const trackers = deps.createTrackerSet(analysis.scenario.trackers, { runId: msg.runId, workerId });
    generator = deps.createLoadGenerator({
      scenario: analysis.scenario,
      target: msg.target,
      insecure: msg.insecure,
      env: msg.env,
      files: msg.files,
      data,
      collector,
      trackers,
      runId: msg.runId,
      workerId,
      secrets,
      // The worker's own output (a remote worker's terminal) masks the secrets it was sent too.
      log: createSecretMask(secrets).logger(log),
    });
    reportTimer = setInterval(() => void report(false), msg.reportIntervalMs);
    void send({ kind: 'started', workerId });
  };

  const applyLoad = (msg: MasterLoadMessage): void => {
    if (!generator) return;
    const { kind: _kind, ...share } = msg;
    generator.setLoad(share);
  };

  const handle = async (received: MasterToWorker): Promise<void> => {
    // Timings and counts from the master are kept in range (bounds.ts), and the person is told.
    const clamped: string[] = [];
    const msg =
      received.kind === 'accepted'
        ? boundAccepted(received, clamped)
        : received.kind === 'start'
          ? boundStart(received, clamped)
          : received.kind === 'load'
            ? boundLoad(received, clamped)
            : received;
    if (clamped.length)
      log.warn(`worker ${workerId}: the master's ${msg.kind} was out of range: ${clamped.join(', ')}`);
    switch (msg.kind) {
      case 'accepted':
        if (accepted) return; // once: a second one would start a second heartbeat timer
        accepted = true;
        masterTimeoutMs = msg.masterTimeoutMs;
        heartbeatTimer = setInterval(() => {
          const s = load.last;
          void send({
            kind: 'heartbeat',
            workerId,
            users: generator?.users ?? 0,
            cpu: s.cpu,
            loopDelayMs: s.loopDelayMs,
          });
        }, msg.heartbeatMs);
        return;
      case 'refused':
        if (msg.retry && options.expectNoMaster)
          log.info(`worker ${workerId}: refused for now: ${msg.reason}`);
        else log.error(`worker ${workerId}: refused by the master: ${msg.reason}`);
        await leave({ code: 1, reason: `refused: ${msg.reason}`, retry: msg.retry === true });
        return;
      case 'start':
        if (!accepted)
          log.warn(`worker ${workerId}: ignored a start that came before the master accepted this worker`);
        else if (!generator) start(msg);
        return;
      case 'load':
        if (stopping) return;
        // Users start once every row of the sequential and random sets is here (the master sends
        // them after `start`, a slice at a time); until then the latest share waits.
        if (data && !data.complete()) heldLoad = msg;
        else applyLoad(msg);
        return;
      case 'dataRows':
        data?.addRows(msg);
        if (heldLoad && data?.complete() && !stopping) {
          applyLoad(heldLoad);
          heldLoad = undefined;
        }
        return;
      case 'dataGrant':
        data?.grant(msg);
        return;
      case 'heartbeat':
        return;
      case 'stop':
        void stopLoad(msg.graceMs, msg.planEnded === true);
        return;
      case 'quit':
        // The master waited as long as it would: whatever is still in flight is cancelled now.
        await stopLoad(0);
        await leave({ code: 0, reason: 'quit', retry: false });
        return;
    }
  };

  await send({
    kind: 'ready',
    protocolVersion: options.protocolVersion ?? ENGINE_PROTOCOL_VERSION,
    workerId,
    host: os.hostname(),
    pid: process.pid,
    cpus: os.availableParallelism(),
  });
  for await (const msg of transport.messages) {
    lastHeard = Date.now();
    disconnected = false;
    if (exit) break;
    // Only quit (and a refusal) is awaited: the loop must keep answering while a stop drains.
    await handle(msg);
    if (exit) break;
  }
  clearInterval(watchdog);
  if (heartbeatTimer) clearInterval(heartbeatTimer);
  if (reportTimer) clearInterval(reportTimer);
  if (generator && !stopping) await stopLoad(0);
  load.close();
  return exit ?? { code: 3, reason: 'the connection to the master closed', accepted, retry: false };
}
