// Live progress on the terminal. On a TTY one line is redrawn every second; elsewhere (CI logs)
// a plain line is printed every few seconds so logs stay readable.
import type { RunSnapshot } from '../../common/snapshot';
import { formatClock, formatMs, formatPercent, formatRate } from './format';

const BAR = 20;

export function progressLine(s: RunSnapshot): string {
  const planned = s.plannedMs ?? 0;
  const frac = planned > 0 ? Math.min(1, s.elapsedMs / planned) : 0;
  const filled = Math.round(frac * BAR);
  const bar =
    planned > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${Math.round(frac * 100)}% ` : '';
  const time = planned > 0 ? `${formatClock(s.elapsedMs)}/${formatClock(planned)}` : formatClock(s.elapsedMs);
  const stage = s.stage.count > 1 ? `  stage ${s.stage.index + 1}/${s.stage.count}` : '';
  const t = s.total;
  let line =
    `${bar}${time}${stage}  users ${s.users}/${s.targetUsers}  rps ${formatRate(t.currentRps)}` +
    `  fail ${formatPercent(t.failures, t.requests)}  p95 ${formatMs(t.current.p95)}ms`;
  if (s.arrival)
    line += `  dropped ${s.arrival.dropped}${s.arrival.droppedPerSec ? ` (${formatRate(s.arrival.droppedPerSec)}/s)` : ''}`;
  if (s.usersOutOfData) line += `  out of data ${s.usersOutOfData}`;
  if (s.generator.saturated) line += '  [generator saturated]';
  return line;
}

export interface ProgressPrinter {
  update(s: RunSnapshot): void;
  done(): void;
}

export function createProgressPrinter(out: NodeJS.WriteStream, intervalMs = 5000): ProgressPrinter {
  const tty = out.isTTY === true;
  let last = 0;
  let drawn = false;
  return {
    update(s) {
      if (tty) {
        const width = out.columns ?? 120;
        out.write(`\r${progressLine(s).slice(0, width - 1)}\x1b[K`);
        drawn = true;
      } else if (s.elapsedMs - last >= intervalMs || s.state === 'stopped') {
        last = s.elapsedMs;
        out.write(`${progressLine(s)}\n`);
      }
    },
    done() {
      if (tty && drawn) out.write('\n');
    },
  };
}
