// Number formatting for every view of a run that a person reads in the editor: the results panel
// and the status bar (so they never disagree, e.g. on a failure share of 0.05 %). Pure functions,
// one fixed locale so the numbers read the same everywhere (and tests are deterministic). A
// missing value shows as an en dash, never "NaN".

const DASH = '\u2013';
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function missing(v: number | undefined): v is undefined {
  return v === undefined || !Number.isFinite(v);
}

/** An integer count with thousands separators: 12,345. */
export function formatCount(v: number | undefined): string {
  return missing(v) ? DASH : grouped.format(Math.round(v));
}

/**
 * A count in few characters, for text beside code (the inline figures on request lines): 950,
 * 1.2k, 12k, 3.4M. Below 1,000 the exact count; one decimal below 10 of a unit, none above.
 */
export function formatCompactCount(v: number | undefined): string {
  if (missing(v)) return DASH;
  const units: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const a = Math.abs(v);
  for (const [size, suffix] of units) {
    // 999,600 would round to "1000k": what rounds up to a whole unit belongs to the next unit up.
    if (a >= size * 0.9995) {
      const n = v / size;
      const text = Math.abs(n) < 9.95 ? n.toFixed(1) : String(Math.round(n));
      return `${text.replace(/\.0$/, '')}${suffix}`;
    }
  }
  return grouped.format(Math.round(v));
}

/**
 * Milliseconds with precision that follows the magnitude, so sub-millisecond times stay visible
 * (Locust rounds them to 0 or 1): 0.042, 0.42, 4.20, 42.0, 420, 4,200.
 */
export function formatMs(v: number | undefined): string {
  if (missing(v)) return DASH;
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 0.001) return v.toExponential(1);
  if (a < 1) return Number(v.toPrecision(2)).toString();
  if (a < 10) return v.toFixed(2);
  if (a < 100) return v.toFixed(1);
  return grouped.format(Math.round(v));
}

/** A rate per second: 0, 0.25, 3.50, 42.5, 1,234. */
export function formatRate(v: number | undefined): string {
  if (missing(v)) return DASH;
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 10) return v.toFixed(2);
  if (a < 100) return v.toFixed(1);
  return grouped.format(Math.round(v));
}

/** An axis tick: whole numbers plain (80, not 80.0), fractions with at most two decimals. */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return DASH;
  if (Number.isInteger(v)) return grouped.format(v);
  return Number(v.toFixed(Math.abs(v) < 1 ? 3 : 2)).toString();
}

/** A fraction 0..1 as a percentage; tiny non-zero values are not rounded away to 0. */
export function formatPercent(fraction: number | undefined): string {
  if (missing(fraction)) return DASH;
  const p = fraction * 100;
  if (p === 0) return '0%';
  if (p < 0.01) return '<0.01%';
  if (p < 10) return `${p.toFixed(2)}%`;
  return `${p.toFixed(1)}%`;
}

/** A relative change (0.21 = +21 %) with its sign: +21%, -3.4%, 0%; undefined (no base) is a dash. */
export function formatChange(relative: number | undefined): string {
  if (missing(relative)) return DASH;
  const p = relative * 100;
  if (Math.abs(p) < 0.05) return '0%';
  const sign = p > 0 ? '+' : '-';
  const a = Math.abs(p);
  return `${sign}${a < 10 ? a.toFixed(1) : grouped.format(Math.round(a))}%`;
}

/** A change of a share (fractions 0..1) in percentage points: +0.20 pp, -1.5 pp, 0 pp. */
export function formatPointsChange(change: number | undefined): string {
  if (missing(change)) return DASH;
  const pp = change * 100;
  if (Math.abs(pp) < 0.005) return '0 pp';
  const sign = pp > 0 ? '+' : '-';
  const a = Math.abs(pp);
  return `${sign}${a < 10 ? a.toFixed(2) : a.toFixed(1)} pp`;
}

/** Bytes in binary units: 512 B, 1.5 KiB, 12 MiB. */
export function formatBytes(v: number | undefined): string {
  if (missing(v)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let n = v;
  let u = 0;
  while (Math.abs(n) >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  if (u === 0) return `${Math.round(n)} B`;
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[u]}`;
}

/** Elapsed time as m:ss, or h:mm:ss from one hour on. Negative input clamps to 0:00. */
export function formatElapsed(ms: number | undefined): string {
  if (missing(ms)) return DASH;
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The failure ratio of a request count, 0 when nothing was sent yet. */
export function failureRatio(requests: number, failures: number): number {
  return requests > 0 ? failures / requests : 0;
}
