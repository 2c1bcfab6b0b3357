// One chart.js line chart per ChartSpec. Tuned for live data at 1 Hz: no animation, no parsing
// (data is already {x, y}), normalized (x is sorted), redraws with update('none').
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
} from 'chart.js';
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import { formatElapsed, formatMs, formatRate, formatTick } from '../../common/format';
import { baselineSeries, chartData, seriesData, timeStep, xRange, type ChartSpec, type XY } from './datasets';
import { withAlpha, type Palette } from './palette';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Filler);

type LineDataset = ChartDataset<'line', XY[]>;

/** How strong a baseline line is against its series' colour: faint, behind the run's own line. */
const BASELINE_ALPHA = 0.4;

/** An empty line without point markers, on the given axis, filled to the origin when asked. */
function lineDataset(label: string, axis: 'y' | 'y1' | undefined, fill: boolean): LineDataset {
  return {
    label,
    data: [],
    yAxisID: axis ?? 'y',
    pointRadius: 0,
    pointHitRadius: 6,
    tension: 0,
    spanGaps: true,
    fill: fill ? 'origin' : false,
  };
}

export class LineChart {
  readonly element: HTMLElement;
  private readonly chart: Chart<'line', XY[]>;

  constructor(
    private readonly spec: ChartSpec,
    palette: Palette,
  ) {
    this.element = document.createElement('figure');
    this.element.className = 'chart';
    this.element.dataset.chart = spec.id;
    const caption = document.createElement('figcaption');
    caption.textContent = spec.title;
    const box = document.createElement('div');
    box.className = 'chart-box';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${spec.title} over elapsed time`);
    box.append(canvas);
    this.element.append(caption, box);

    // The baseline's lines follow the chart's own, one per series marked `baseline`; empty until
    // a baseline is picked (and then left out of the legend while empty).
    const datasets: LineDataset[] = [
      ...spec.series.map((s) => lineDataset(s.label, s.axis, s.fill === true)),
      ...baselineSeries(spec).map((s) => lineDataset(`${s.label} (baseline)`, s.axis, false)),
    ];
    const options: ChartOptions<'line'> = {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          ticks: { callback: (v) => formatElapsed(Number(v) * 1000), maxRotation: 0, autoSkip: true },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          title: { display: true, text: spec.yTitle },
          ticks: { callback: (v) => formatTick(Number(v)) },
        },
        ...(spec.y1Title
          ? {
              y1: {
                type: 'linear' as const,
                position: 'right' as const,
                beginAtZero: true,
                title: { display: true, text: spec.y1Title },
                grid: { drawOnChartArea: false },
                ticks: { callback: (v: number | string) => formatTick(Number(v)) },
              },
            }
          : {}),
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            boxWidth: 12,
            boxHeight: 2,
            filter: (item, data) =>
              (data.datasets[item.datasetIndex ?? 0]?.data.length ?? 0) > 0 ||
              (item.datasetIndex ?? 0) < spec.series.length,
          },
        },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? formatElapsed(items[0].parsed.x! * 1000) : ''),
            label: (item) =>
              `${item.dataset.label ?? ''}: ${spec.id === 'latency' ? `${formatMs(item.parsed.y!)} ms` : formatRate(item.parsed.y!)}`,
          },
        },
      },
    };
    this.chart = new Chart(canvas, { type: 'line', data: { datasets }, options });
    this.applyPalette(palette, false);
  }

  get id(): ChartSpec['id'] {
    return this.spec.id;
  }

  /** Replaces the drawn data with the given history (already bounded by HistoryBuffer) and the baseline's. */
  setData(
    snapshot: RunSnapshot | null,
    points: readonly HistoryPoint[],
    baseline: readonly HistoryPoint[] = [],
  ): void {
    const data = [
      ...chartData(this.spec, points),
      ...baselineSeries(this.spec).map((s) => seriesData(baseline, s.pick)),
    ];
    this.chart.data.datasets.forEach((d, i) => (d.data = data[i] ?? []));
    // For tests and anyone inspecting the page: how many faint baseline lines have points.
    this.element.dataset.baselineLines = String(
      data.slice(this.spec.series.length).filter((d) => d.length).length,
    );
    const range = xRange(snapshot, points, baseline);
    const x = this.chart.options.scales!.x!;
    x.min = range.min;
    x.max = range.max;
    (x.ticks as { stepSize?: number }).stepSize = timeStep(range.max - range.min);
    this.chart.update('none');
  }

  /** Re-colours every part of the chart from the palette (after a theme change). */
  applyPalette(p: Palette, redraw = true): void {
    const width = p.highContrast ? 2.5 : 1.5;
    const baselines = baselineSeries(this.spec);
    this.chart.data.datasets.forEach((d, i) => {
      const base = baselines[i - this.spec.series.length];
      if (base) {
        d.borderColor = withAlpha(p.series[base.colour], BASELINE_ALPHA);
        d.backgroundColor = d.borderColor;
        d.borderWidth = width;
        d.borderDash = [6, 4];
        return;
      }
      const s = this.spec.series[i];
      const colour = p.series[s.colour];
      d.borderColor = colour;
      d.backgroundColor = s.fill ? withAlpha(colour, p.highContrast ? 0 : 0.12) : colour;
      d.borderWidth = width;
      d.borderDash = s.dashed ? [4, 3] : [];
    });
    // Leaf assignments only: chart.js merges these option objects with its defaults, and copying
    // them (spread) drags internal resolver keys along.
    const o = this.chart.options;
    const font = { family: p.fontFamily, size: Math.max(10, p.fontSize - 2) };
    for (const scale of Object.values(o.scales ?? {})) {
      if (!scale) continue;
      if (scale.ticks) {
        scale.ticks.color = p.muted;
        scale.ticks.font = font;
      }
      if ('title' in scale && scale.title) {
        scale.title.color = p.muted;
        scale.title.font = font;
      }
      if (scale.grid) scale.grid.color = p.grid;
      if (scale.border) scale.border.color = p.grid;
    }
    const legend = o.plugins!.legend!;
    if (legend.labels) {
      legend.labels.color = p.foreground;
      legend.labels.font = font;
    }
    const tooltip = o.plugins!.tooltip!;
    tooltip.backgroundColor = p.background;
    tooltip.titleColor = p.foreground;
    tooltip.bodyColor = p.foreground;
    tooltip.borderColor = p.grid;
    tooltip.borderWidth = 1;
    if (redraw) this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
  }
}
