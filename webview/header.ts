// The panel's header: what is running, how far along, the headline numbers, the load generator's
// health and, once the run has finished, the threshold results. Built once, refreshed per snapshot.
import type { RunSnapshot } from '../common/snapshot';
import {
  failureRatio,
  formatCount,
  formatElapsed,
  formatMs,
  formatPercent,
  formatRate,
} from '../common/format';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Open model: iterations started and dropped, the same totals as the summary and the JSON result,
 * with the last second's rate beside them while running. Undefined for closed-model runs.
 */
export function arrivalTexts(s: RunSnapshot): { started: string; dropped: string } | undefined {
  const a = s.arrival;
  if (!a) return undefined;
  const live = s.state !== 'stopped';
  const perSec = (n: number | undefined): string => (live && n !== undefined ? ` (${formatRate(n)}/s)` : '');
  return {
    started: `${formatCount(a.started)}${perSec(a.startedPerSec)}`,
    dropped: `${formatCount(a.dropped)}${perSec(a.droppedPerSec)}`,
  };
}

/** The saturation warning's text; exported for tests. */
export function saturationText(s: RunSnapshot): string {
  const g = s.generator;
  const why = g.reason ?? `CPU ${formatPercent(g.cpu)}, event-loop delay ${formatMs(g.loopDelayMs)} ms`;
  return `The load generator is saturated: ${why}. Results understate the server.`;
}

const STATE_LABEL: Record<RunSnapshot['state'], string> = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
};

export class Header {
  readonly element = el('header', 'run-header');
  private readonly title = el('h1', 'scenario');
  private readonly state = el('span', 'state');
  private readonly time = el('span', 'elapsed');
  private readonly stage = el('span', 'stage');
  private readonly bar = el('div', 'progress');
  private readonly barFill = el('div', 'progress-fill');
  private readonly stats = el('dl', 'headline');
  private readonly statValues = new Map<string, HTMLElement>();
  private readonly warning = el('div', 'warning');
  private readonly thresholds = el('section', 'thresholds');

  constructor() {
    const titleRow = el('div', 'title-row');
    titleRow.append(this.title, this.state);
    this.bar.setAttribute('role', 'progressbar');
    this.bar.setAttribute('aria-label', 'Run progress');
    this.bar.setAttribute('aria-valuemin', '0');
    this.bar.setAttribute('aria-valuemax', '100');
    this.bar.append(this.barFill);
    const timeRow = el('div', 'time-row');
    timeRow.append(this.time, this.bar, this.stage);
    for (const [key, label] of [
      ['users', 'Users'],
      ['rps', 'RPS'],
      ['failures', 'Failures'],
      ['requests', 'Requests'],
      ['p95', 'p95'],
      ['started', 'Iterations started'],
      ['dropped', 'Dropped'],
    ] as const) {
      const box = el('div', 'stat');
      box.dataset.stat = key;
      const dd = el('dd');
      box.append(el('dt', undefined, label), dd);
      this.stats.append(box);
      this.statValues.set(key, dd);
    }
    this.warning.setAttribute('role', 'alert');
    this.warning.hidden = true;
    this.thresholds.hidden = true;
    this.thresholds.setAttribute('aria-label', 'Threshold results');
    this.element.append(titleRow, timeRow, this.stats, this.warning, this.thresholds);
    this.render(null);
  }

  render(s: RunSnapshot | null): void {
    this.title.textContent = s ? s.scenario : 'No run yet';
    this.state.textContent = s ? STATE_LABEL[s.state] : 'idle';
    this.state.dataset.state = s?.state ?? 'idle';
    const planned = s?.plannedMs;
    this.time.textContent = s
      ? planned
        ? `${formatElapsed(s.elapsedMs)} / ${formatElapsed(planned)}`
        : formatElapsed(s.elapsedMs)
      : '';
    const pct =
      s && planned
        ? Math.min(100, Math.max(0, (s.elapsedMs / planned) * 100))
        : s?.state === 'stopped'
          ? 100
          : 0;
    this.barFill.style.width = `${pct}%`;
    this.bar.setAttribute('aria-valuenow', String(Math.round(pct)));
    this.bar.hidden = !s;
    this.stage.textContent = s && s.stage.count > 1 ? `stage ${s.stage.index + 1} of ${s.stage.count}` : '';

    const set = (key: string, text: string): void => void (this.statValues.get(key)!.textContent = text);
    if (s) {
      const live = s.state !== 'stopped';
      set(
        'users',
        s.users === s.targetUsers || !live
          ? formatCount(s.users)
          : `${formatCount(s.users)} \u2192 ${formatCount(s.targetUsers)}`,
      );
      set('rps', formatRate(live ? s.total.currentRps : s.total.rps));
      this.statValues.get('rps')!.title = live
        ? 'Requests per second over the last 10 seconds'
        : 'Requests per second over the whole run';
      set('failures', formatPercent(failureRatio(s.total.requests, s.total.failures)));
      set('requests', formatCount(s.total.requests));
      set('p95', `${formatMs(s.total.percentiles.p95)} ms`);
      const arrivals = arrivalTexts(s);
      for (const key of ['started', 'dropped'] as const) {
        const box = this.statValues.get(key)!;
        box.parentElement!.hidden = !arrivals;
        box.textContent = arrivals?.[key] ?? '';
      }
    } else {
      for (const dd of this.statValues.values()) dd.textContent = '\u2013';
      for (const key of ['started', 'dropped']) this.statValues.get(key)!.parentElement!.hidden = true;
    }
    this.stats.hidden = !s;

    this.warning.hidden = !s?.generator.saturated;
    this.warning.textContent = s?.generator.saturated ? saturationText(s) : '';
    this.renderThresholds(s);
  }

  private renderThresholds(s: RunSnapshot | null): void {
    const results = s?.state === 'stopped' ? s.thresholds : undefined;
    this.thresholds.hidden = !results?.length;
    if (!results?.length) return this.thresholds.replaceChildren();
    const failed = results.filter((r) => !r.ok).length;
    const heading = el(
      'h2',
      failed ? 'fail' : 'pass',
      failed
        ? `Thresholds: ${failed} of ${results.length} failed`
        : `Thresholds: all ${results.length} passed`,
    );
    const list = el('ul');
    for (const r of results) {
      const li = el('li', r.ok ? 'pass' : 'fail');
      li.append(
        el('span', 'mark', r.ok ? '\u2713 pass' : '\u2717 fail'),
        el('code', undefined, r.source),
        el('span', 'actual', `actual ${formatActual(r.source, r.actual)}`),
      );
      list.append(li);
    }
    this.thresholds.replaceChildren(heading, list);
  }
}

/** The measured value in the threshold's unit, guessed from how the threshold is written. */
export function formatActual(source: string, actual: number): string {
  if (/%/.test(source)) return `${formatRate(actual)}%`;
  if (/\b(p\d+(\.\d+)?|avg|mean|med|median|min|max)\b/i.test(source)) return `${formatMs(actual)} ms`;
  if (/\brps\b/i.test(source)) return `${formatRate(actual)}/s`;
  return formatRate(actual);
}
