// Prometheus's text exposition format 0.0.4 (what `/metrics` serves). Request names, tracker names
// and label values come from scenario files, which are not trusted: every label value is escaped as
// the format says (backslash, double quote, line feed), so no name can end a line, open a sample or
// forge another series. Metric and label names are Stampede's own or checked by the language.
import type { MetricFamily, Sample } from './prometheusSeries';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** The exposition text of the samples: each family's HELP and TYPE once, its samples together. */
export function formatExposition(samples: readonly Sample[]): string {
  const byFamily = new Map<MetricFamily, Sample[]>();
  for (const s of samples) {
    const list = byFamily.get(s.family);
    if (list) list.push(s);
    else byFamily.set(s.family, [s]);
  }
  const lines: string[] = [];
  for (const [family, list] of byFamily) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const s of list) {
      const labels = s.labels.filter(([, v]) => v !== '').map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
      lines.push(`${s.name}${labels.length ? `{${labels.join(',')}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return lines.join('\n') + '\n';
}
