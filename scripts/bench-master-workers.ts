// Simulated workers for scripts/bench-master.ts: N DEALER sockets in one process that speak the
// real protocol (ready, heartbeats, a report per second with E entries of fresh samples, a final
// report on stop, goodbye on quit) but generate no HTTP. Prints the mean bytes per report at the end.
//
//   node --import tsx scripts/bench-master-workers.ts ADDRESS WORKERS ENTRIES RPS
import { ENGINE_PROTOCOL_VERSION } from '../common/protocol/engine';
import { createStatsCollector } from '../engine/stats/collector';
import type { StatsCollector } from '../engine/stats/types';
import { encodeMessage } from '../engine/transport/codec';
import { connectZmqWorker } from '../engine/transport/zmq';
import type { WorkerTransport } from '../engine/transport/types';

const [address, workersArg, entriesArg, rpsArg] = process.argv.slice(2);
const workers = Number(workersArg);
const entries = Number(entriesArg);
const rps = Number(rpsArg);
const names = Array.from({ length: entries }, (_, i) => `/api/endpoint-${i}`);
let bytes = 0;
let reports = 0;

function feed(c: StatsCollector): void {
  for (let i = 0; i < rps; i++) {
    const e = i % entries;
    const ms = (2 + e) * Math.exp(0.6 * (Math.random() + Math.random() + Math.random() - 1.5));
    const rec = c.entry(names[e], e % 3 === 0 ? 'POST' : 'GET');
    if (Math.random() < 0.01) rec.failure(ms, 0, 'HTTP 500');
    else rec.success(ms, 512);
  }
}

async function simulate(id: string): Promise<void> {
  const t: WorkerTransport = connectZmqWorker(address, id, { token: process.env.STAMPEDE_TOKEN ?? '' });
  const c = createStatsCollector();
  let seq = 0;
  let timer: NodeJS.Timeout | undefined;
  let beat: NodeJS.Timeout | undefined;
  const report = (final: boolean): Promise<void> => {
    feed(c);
    const msg = {
      kind: 'report' as const,
      workerId: id,
      seq: ++seq,
      final,
      users: 10,
      cpu: 0.5,
      loopDelayMs: 1,
      stats: { ...c.drain(), trackers: [] },
    };
    bytes += encodeMessage(msg).length;
    reports++;
    return t.send(msg);
  };
  await t.send({
    kind: 'ready',
    protocolVersion: ENGINE_PROTOCOL_VERSION,
    workerId: id,
    host: 'bench',
    pid: process.pid,
    cpus: 1,
  });
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

void Promise.all(Array.from({ length: workers }, (_, i) => simulate(`sim${i}`))).then(() => {
  process.stdout.write(`${JSON.stringify({ bytesPerReport: bytes / Math.max(1, reports), reports })}\n`);
});
