// The generator watching itself: its own CPU use and how late the event loop runs. A saturated
// generator must never pass for a slow server (the master flags CPU > 90 % or delay > 50 ms).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface GeneratorHealthSample {
  /** CPU time of this process over the interval, as a fraction of one core (may exceed 1 with threads). */
  cpu: number;
  /** 99th percentile of event-loop delay over the interval, in ms. */
  loopDelayMs: number;
}

const RESOLUTION_MS = 10;

export class HealthMonitor {
  private readonly delay: IntervalHistogram;
  private lastCpu = process.cpuUsage();
  private lastWall = performance.now();

  constructor() {
    this.delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.delay.enable();
  }

  /** Figures since the previous call (or since creation). */
  sample(): GeneratorHealthSample {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const wallMs = now - this.lastWall;
    this.lastCpu = process.cpuUsage();
    this.lastWall = now;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // The histogram records the whole interval between its timer's runs (resolution + delay).
    const loopDelayMs =
      this.delay.count > 0 ? Math.max(0, this.delay.percentile(99) / 1e6 - RESOLUTION_MS) : 0;
    this.delay.reset();
    return { cpu: wallMs > 0 ? cpuMs / wallMs : 0, loopDelayMs };
  }

  close(): void {
    this.delay.disable();
  }
}
