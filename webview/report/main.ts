// The HTML report's page script (bundled with chart.js to dist/report.js and inlined into every
// report, so the page needs no network). The tables are static HTML; this draws the charts the
// results panel draws (the same LineChart and chart specs), marks the stage boundaries, and
// switches between the system's theme, light and dark. It only renders: every figure comes from
// the data block the engine embedded.
import { Chart, type Plugin } from 'chart.js';
import {
  isReportPageData,
  REPORT_CHARTS_ID,
  REPORT_DATA_ID,
  REPORT_THEME_BUTTON_ID,
  type StageMark,
} from '../../common/reportPage';
import { CHARTS } from '../charts/datasets';
import { LineChart } from '../charts/lineChart';
import { readPalette } from '../charts/theme';

let stages: StageMark[] = [];

/** Dashed vertical lines where a stage began, labelled at the top (every chart of the page). */
const stageLines: Plugin<'line'> = {
  id: 'stageLines',
  afterDatasetsDraw(chart) {
    const x = chart.scales.x;
    if (!x || stages.length === 0) return;
    const { top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    const style = getComputedStyle(document.documentElement);
    const colour = style.getPropertyValue('--stage-line').trim() || '#888';
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 4]);
    ctx.font = '11px system-ui, sans-serif';
    for (const s of stages) {
      const px = x.getPixelForValue(s.t / 1000);
      if (px < chart.chartArea.left || px > chart.chartArea.right) continue;
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, bottom);
      ctx.stroke();
      ctx.fillText(s.label, px + 4, top + 12);
    }
    ctx.restore();
  },
};

type ThemeChoice = 'system' | 'light' | 'dark';
const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };

function setTheme(choice: ThemeChoice, button: HTMLElement | null): void {
  const root = document.documentElement;
  root.classList.toggle('theme-light', choice === 'light');
  root.classList.toggle('theme-dark', choice === 'dark');
  root.dataset.theme = choice;
  if (button) button.textContent = `Theme: ${choice}`;
}

function start(): void {
  const block = document.getElementById(REPORT_DATA_ID);
  const data: unknown = block ? JSON.parse(block.textContent ?? 'null') : null;
  const holder = document.getElementById(REPORT_CHARTS_ID);
  if (!isReportPageData(data) || !holder) throw new Error('the report has no chart data');
  stages = data.stages;
  Chart.register(stageLines);

  const charts = CHARTS.filter((spec) => spec.visible(data.snapshot)).map(
    (spec) => new LineChart(spec, readPalette()),
  );
  for (const c of charts) {
    holder.append(c.element);
    c.setData(data.snapshot, data.history);
  }
  const repaint = (): void => {
    const palette = readPalette();
    for (const c of charts) c.applyPalette(palette);
  };

  const button = document.getElementById(REPORT_THEME_BUTTON_ID);
  setTheme('system', button);
  button?.addEventListener('click', () => {
    setTheme(NEXT[(document.documentElement.dataset.theme as ThemeChoice | undefined) ?? 'system'], button);
    repaint();
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', repaint);
  // A signal for whoever waits for the page (the browser tests), set once every chart has drawn.
  document.body.dataset.chartsReady = String(charts.length);
}

start();
