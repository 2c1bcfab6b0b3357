// A real worker process (same handshake, transport and load generator as `stampede worker`)
// whose collector also writes every response time it records to a file, so a test can feed one
// histogram the very same samples and compare percentiles with the master's merge.
import fs from 'node:fs';
import path from 'node:path';
import type { EntryRecorder } from '../../../engine/stats/types';
import { connectZmqWorker } from '../../../engine/transport/zmq';
import { defaultWorkerDeps } from '../../../engine/worker/deps';
import { runWorker } from '../../../engine/worker/worker';
import { silentLogger } from '../../../engine/log';

const argv = process.argv.slice(2);
const flag = (name: string): string => argv[argv.indexOf(`--${name}`) + 1];
const id = flag('id');
const file = path.join(process.env.STAMPEDE_SAMPLES_DIR!, `${id}.samples`);
const samples: number[] = [];

// Forked by the master like any local worker: the run's secret comes in the environment.
const transport = connectZmqWorker(flag('master'), id, { token: process.env.STAMPEDE_TOKEN ?? '' });
void runWorker(transport, {
  workerId: id,
  log: silentLogger,
  deps: {
    ...defaultWorkerDeps,
    createCollector() {
      const inner = defaultWorkerDeps.createCollector();
      const recorders = new Map<string, EntryRecorder>();
      return {
        ...inner,
        entry(name, method) {
          const key = `${method} ${name}`;
          let r = recorders.get(key);
          if (!r) {
            const base = inner.entry(name, method);
            r = {
              success: (ms, bytes) => (samples.push(ms), base.success(ms, bytes)),
              failure: (ms, bytes, error) => (samples.push(ms), base.failure(ms, bytes, error)),
            };
            recorders.set(key, r);
          }
          return r;
        },
        drain() {
          // Written before the report leaves, so the file is complete when the run is done.
          if (samples.length) fs.appendFileSync(file, samples.splice(0).join('\n') + '\n');
          return inner.drain();
        },
      };
    },
  },
}).then((r) => {
  if (process.connected) process.disconnect();
  process.exitCode = r.code;
});
