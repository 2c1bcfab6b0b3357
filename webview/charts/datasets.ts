// Pure projections from chart history to chart.js data. No chart.js and no DOM here, so they are
// unit-tested in node. The x value is elapsed seconds (a linear scale, labelled m:ss).
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { PaletteKey } from './palette';

export interface XY {
  x: number;
  y: number;
}

export interface SeriesSpec {
  label: string;
  colour: PaletteKey;
  pick: (p: HistoryPoint) => number | undefined;
  /** Fill the area under the line (faintly). */
  fill?: boolean;
  dashed?: boolean;
  /** Which y axis: 'y' (left, default) or 'y1' (right). */
  axis?: 'y' | 'y1';
  /** With a baseline picked, the baseline run's values of this series are drawn as a faint line. */
  baseline?: boolean;
}

export interface ChartSpec {
  id: 'throughput' | 'latency' | 'users' | 'arrival';
  title: string;
  yTitle: string;
  y1Title?: string;
  series: SeriesSpec[];
  /** Shown only when this returns true for the current snapshot. */
  visible: (s: RunSnapshot | null) => boolean;
}

export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'throughput',
    title: 'Requests per second (each second)',
    yTitle: 'per second',
    series: [
      { label: 'requests/s', colour: 'green', pick: (p) => p.rps, fill: true, baseline: true },
      { label: 'failures/s', colour: 'red', pick: (p) => p.failuresPerSec },
    ],
    visible: () => true,
  },
  {
    id: 'latency',
    title: 'Response time (percentiles over the last 10 s)',
    yTitle: 'ms',
    series: [
      { label: 'p50', colour: 'blue', pick: (p) => p.p50 },
      { label: 'p95', colour: 'purple', pick: (p) => p.p95, baseline: true },
      { label: 'p99', colour: 'orange', pick: (p) => p.p99 },
    ],
    visible: () => true,
  },
  {
    id: 'users',
    title: 'Users',
    yTitle: 'users',
    series: [{ label: 'users', colour: 'blue', pick: (p) => p.users, fill: true, baseline: true }],
    visible: () => true,
  },
  {
    id: 'arrival',
    title: 'Arrivals (open model)',
    yTitle: 'iterations/s',
    y1Title: 'dropped/s',
    series: [
      { label: 'arrival rate', colour: 'purple', pick: (p) => p.arrivalRate },
      { label: 'started/s', colour: 'green', pick: (p) => p.startedPerSec },
      { label: 'dropped/s', colour: 'red', pick: (p) => p.droppedPerSec, axis: 'y1', dashed: true },
    ],
    visible: (s) => s?.arrival !== undefined,
  },
];

/** One series as chart.js points ({x: seconds, y}); points without a value are left out. */
export function seriesData(points: readonly HistoryPoint[], pick: SeriesSpec['pick']): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const y = pick(p);
    if (y !== undefined && Number.isFinite(y)) out.push({ x: p.t / 1000, y });
  }
  return out;
}

/** Every series of a chart, in the order of `spec.series`. */
export function chartData(spec: ChartSpec, points: readonly HistoryPoint[]): XY[][] {
  return spec.series.map((s) => seriesData(points, s.pick));
}

/** The series of a chart that get a faint baseline line, in order (after the chart's own series). */
export function baselineSeries(spec: ChartSpec): SeriesSpec[] {
  return spec.series.filter((s) => s.baseline === true);
}

/**
 * The x axis range in seconds: from 0 to the planned duration while it is ahead of the data (so the
 * line grows towards the end of the run), else to the newest point.
 */
export function xRange(
  snapshot: RunSnapshot | null,
  points: readonly HistoryPoint[],
  baseline: readonly HistoryPoint[] = [],
): { min: number; max: number } {
  // A baseline longer than the run so far widens the axis: both lines share elapsed time.
  const lastT = Math.max(
    points.length ? points[points.length - 1].t : 0,
    baseline.length ? baseline[baseline.length - 1].t : 0,
  );
  const end = Math.max(
    lastT,
    snapshot?.elapsedMs ?? 0,
    snapshot?.state === 'stopped' ? 0 : (snapshot?.plannedMs ?? 0),
  );
  return { min: 0, max: Math.max(10, end / 1000) };
}

const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600];

/** A tick step in seconds that reads well on a clock (15 s, 1 min, 5 min...), giving at most `maxTicks` ticks. */
export function timeStep(rangeSeconds: number, maxTicks = 8): number {
  const target = rangeSeconds / Math.max(1, maxTicks);
  return NICE_STEPS_S.find((s) => s >= target) ?? Math.ceil(target / 3600) * 3600;
}
