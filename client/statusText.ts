// Text of the status bar item while a run is on, e.g. `$(pulse) 120 users · 950 rps · 0.1% fail · 0:42`.
// Pure, so the formatting is unit-tested without VS Code. Numbers are formatted as in the panel.
import { failureRatio, formatElapsed, formatPercent, formatRate } from '../common/format';
import type { RunSnapshot } from '../common/snapshot';

/** Failure share as the panel shows it (common/format.ts), from counts. */
export function formatFailurePercent(requests: number, failures: number): string {
  return formatPercent(failureRatio(requests, failures));
}

const ICONS: Record<RunSnapshot['state'], string> = {
  starting: '$(loading~spin)',
  running: '$(pulse)',
  stopping: '$(debug-stop)',
  stopped: '$(check)',
};

/** The status bar text. Rates are the current window's (last 10 s), which is what "now" means. */
export function statusText(s: RunSnapshot): string {
  const users = s.users === 1 ? '1 user' : `${s.users.toLocaleString('en-US')} users`;
  const rps = `${formatRate(s.total.currentRps)} rps`;
  const fail = `${formatFailurePercent(s.total.requests, s.total.failures)} fail`;
  return `${ICONS[s.state]} ${users} · ${rps} · ${fail} · ${formatElapsed(s.elapsedMs)}`;
}

/** The tooltip: the same numbers in words, and what a click does. */
export function statusTooltip(s: RunSnapshot): string {
  const lines = [
    `Stampede: ${s.scenario} (${s.state})`,
    `${s.users} of ${s.targetUsers} users, stage ${s.stage.index + 1} of ${s.stage.count}`,
    `${s.total.requests.toLocaleString('en-US')} requests, ${s.total.failures.toLocaleString('en-US')} failures`,
  ];
  if (s.generator.saturated)
    lines.push(`Load generator saturated${s.generator.reason ? `: ${s.generator.reason}` : ''}`);
  lines.push('Click to open the results.');
  return lines.join('\n');
}
