// How busy this process is: CPU (0..1 of one core) and event-loop delay since the last sample.
// A saturated load generator must never pass for a slow server, so every report carries both.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessLoadSample {
  cpu: number;
  loopDelayMs: number;
}

export interface ProcessLoadSampler {
  /** Measures since the previous call (or since creation). */
  sample(): ProcessLoadSample;
  /** The last sample, without starting a new interval. */
  readonly last: ProcessLoadSample;
  close(): void;
}

export function createProcessLoadSampler(): ProcessLoadSampler {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpuAt = process.cpuUsage();
  let wallAt = performance.now();
  let last: ProcessLoadSample = { cpu: 0, loopDelayMs: 0 };
  return {
    sample() {
      const cpu = process.cpuUsage(cpuAt);
      const now = performance.now();
      const wallUs = Math.max(1, (now - wallAt) * 1000);
      // The histogram includes the timer's own resolution: subtract it so an idle loop reads ~0.
      const p99 = delay.count > 0 ? delay.percentile(99) / 1e6 : 0;
      last = { cpu: (cpu.user + cpu.system) / wallUs, loopDelayMs: Math.max(0, p99 - 10) };
      cpuAt = process.cpuUsage();
      wallAt = now;
      delay.reset();
      return last;
    },
    get last() {
      return last;
    },
    close() {
      delay.disable();
    },
  };
}
