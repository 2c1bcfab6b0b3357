// Text of the status bar item while a run is on, e.g. `$(pulse) 120 users · 950 rps · 0.1% fail · 0:42`.
// Pure, so the formatting is unit-tested without VS Code.
import type { RunSnapshot } from '../common/snapshot';

/** `42_000` -> `0:42`, `3_723_000` -> `1:02:03`. Negative or non-finite input reads as 0. */
export function formatElapsed(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Requests per second: one decimal below 10 (a slow endpoint still shows movement), else whole. */
export function formatRate(rps: number): string {
  if (!Number.isFinite(rps) || rps <= 0) return '0';
  return rps < 10 ? rps.toFixed(1).replace(/\.0$/, '') : Math.round(rps).toLocaleString('en-US');
}

/** Failure share in percent: `0%`, `<0.1%` for a few failures, one decimal below 10 %, whole above. */
export function formatFailurePercent(requests: number, failures: number): string {
  if (requests <= 0 || failures <= 0) return '0%';
  const pct = (failures / requests) * 100;
  if (pct < 0.1) return '<0.1%';
  return pct < 10 ? `${pct.toFixed(1).replace(/\.0$/, '')}%` : `${Math.round(pct)}%`;
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
