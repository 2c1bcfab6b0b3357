// Simulated workers for scripts/bench-master.ts: N DEALER sockets in one process that speak the
// real protocol (ready, heartbeats, a report per second with E entries of fresh samples, a final
// report on stop, goodbye on quit) but generate no HTTP. Prints the mean bytes per report at the end.
//
//   node --import tsx scripts/bench-master-workers.ts ADDRESS WORKERS ENTRIES RPS
import * as zmq from 'zeromq';
import { ENGINE_PROTOCOL_VERSION } from '../common/protocol/engine';
import { createStatsCollector } from '../engine/stats/collector';
import { EntryTable } from '../engine/stats/entryTable';
import { toWireStats } from '../engine/stats/wireStats';
import type { StatsCollector } from '../engine/stats/types';
import { encodeMessage } from '../engine/transport/codec';
import { connectZmqWorker } from '../engine/transport/zmq';
import type { WorkerTransport } from '../engine/transport/types';

const [address, workersArg, entriesArg, rpsArg] = process.argv.slice(2);
const workers = Number(workersArg);
const entries = Number(entriesArg);
const rps = Number(rpsArg);
// Each simulated worker holds three ZeroMQ sockets (its DEALER, and the two of the monitor behind
// the transport's connection events), and a context allows 1,023 by default: past ~340 workers
// socket creation failed with "Too many open file descriptors" (EMFILE). One process simulating
// 1,000 workers needs a larger limit; a real worker process holds one DEALER.
zmq.context.maxSockets = Math.min(
  zmq.context.maxSocketsLimit,
  Math.max(zmq.context.maxSockets, 3 * workers + 64),
);
const names = Array.from({ length: entries }, (_, i) => `/api/endpoint-${i}`);
/** The request table of bench-master.ts's scenario (its steps in this order), as a real worker builds it. */
const table = new EntryTable();
names.forEach((name, e) => table.intern(name, e % 3 === 0 ? 'POST' : 'GET'));
let bytes = 0;
let reports = 0;
/** Tries of the handshake's first message (2 s each) before a simulated worker gives up. */
const READY_ATTEMPTS = 60;

/**
 * A few seconds' worth of samples, drawn once: 1,000 simulated workers drawing 2,000 fresh random
 * latencies each per second would cost this process more than a core (and starve the master it
 * measures on a 2-core machine). Each report replays one of these sets into a real collector, so
 * the histograms, counters and per-second rows the master merges are as varied as before.
 */
const SAMPLE_SETS = 8;
const sampleSets = Array.from({ length: SAMPLE_SETS }, () => {
  const ms = new Float64Array(rps);
  const failed = new Uint8Array(rps);
  for (let i = 0; i < rps; i++) {
    const e = i % entries;
    ms[i] = (2 + e) * Math.exp(0.6 * (Math.random() + Math.random() + Math.random() - 1.5));
    failed[i] = Math.random() < 0.01 ? 1 : 0;
  }
  return { ms, failed };
});

function feed(c: StatsCollector, set: number): void {
  const { ms, failed } = sampleSets[set % SAMPLE_SETS];
  for (let i = 0; i < rps; i++) {
    const e = i % entries;
    const rec = c.entry(names[e], e % 3 === 0 ? 'POST' : 'GET');
    if (failed[i]) rec.failure(ms[i], 0, 'HTTP 500');
    else rec.success(ms[i], 512);
  }
}

async function simulate(id: string, workerIndex: number): Promise<void> {
  const t: WorkerTransport = connectZmqWorker(address, id, { token: process.env.STAMPEDE_TOKEN ?? '' });
  const c = createStatsCollector();
  let seq = 0;
  let timer: NodeJS.Timeout | undefined;
  let beat: NodeJS.Timeout | undefined;
  const report = (final: boolean): Promise<void> => {
    feed(c, workerIndex + seq);
    const msg = {
      kind: 'report' as const,
      workerId: id,
      seq: ++seq,
      final,
      users: 10,
      cpu: 0.5,
      loopDelayMs: 1,
      stats: toWireStats({ ...c.drain(), trackers: [] }, table),
    };
    bytes += encodeMessage(msg).length;
    reports++;
    return t.send(msg);
  };
  // A DEALER's send waits for a completed CURVE handshake and gives up after the transport's send
  // timeout (2 s). With hundreds of sockets handshaking at once on a loaded machine (each handshake
  // also asks the master's ZAP handler), many take longer: try again instead of leaving the socket
  // silent (this is why 100 simulated workers failed to connect at load average 30).
  for (let attempt = 1; ; attempt++) {
    try {
      await t.send({
        kind: 'ready',
        protocolVersion: ENGINE_PROTOCOL_VERSION,
        workerId: id,
        host: 'bench',
        pid: process.pid,
        cpus: 1,
      });
      break;
    } catch (err) {
      if (attempt >= READY_ATTEMPTS)
        throw new Error(`${id} could not reach the master: ${(err as Error).message}`);
    }
  }
  for await (const m of t.messages) {
    if (m.kind === 'accepted')
      beat = setInterval(
        () =>
          void t.send({
            kind: 'heartbeat',
            workerId: id,
            users: 10,
            cpu: 0.5,
            loopDelayMs: 1,
          }),
        m.heartbeatMs,
      );
    else if (m.kind === 'start') timer = setInterval(() => void report(false), m.reportIntervalMs);
    else if (m.kind === 'stop') {
      clearInterval(timer);
      await report(true);
    } else if (m.kind === 'quit' || m.kind === 'refused') {
      clearInterval(beat);
      await t.send({ kind: 'goodbye', workerId: id, reason: 'quit' });
      await t.close();
    }
  }
}

void Promise.all(Array.from({ length: workers }, (_, i) => simulate(`sim${i}`, i))).then(() => {
  process.stdout.write(`${JSON.stringify({ bytesPerReport: bytes / Math.max(1, reports), reports })}\n`);
});
