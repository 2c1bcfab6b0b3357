// `output.prometheus`: remote write and/or a `/metrics` listener, with labels. Types were checked
// by the schema; this step checks what the schema cannot say (URL shape, port range, label names,
// the receiver's credentials) and points at the value at fault.
import type { Node } from 'yaml';
import type { PrometheusOutputSpec } from '../model';
import { parseListenAddress, prometheusLabelProblem, remoteWriteUrlProblem } from '../prometheusSettings';
import type { Ctx } from './context';
import { compileRemoteWriteAuth } from './remoteWriteAuth';

/** `key` is the `prometheus` key (where a missing setting is reported), `node` its value. */
export function compilePrometheusOutput(
  ctx: Ctx,
  key: Node,
  node: Node | null,
): PrometheusOutputSpec | undefined {
  const map = ctx.map(node);
  if (!map) return undefined;
  let ok = true;
  const spec: PrometheusOutputSpec = { labels: {} };
  const url = ctx.str(map, 'remoteWrite');
  if (url) {
    const problem = remoteWriteUrlProblem(url.value.trim());
    if (problem) {
      ctx.report.error(url.node, 'bad-output', `\`output.prometheus.remoteWrite\` ${problem}`);
      ok = false;
    } else spec.remoteWrite = url.value.trim();
  }
  const listen = ctx.scalar(ctx.value(map, 'listen'));
  if (listen && (typeof listen.value === 'number' || typeof listen.value === 'string')) {
    const parsed = parseListenAddress(listen.value);
    if ('problem' in parsed) {
      ctx.report.error(listen, 'bad-output', `\`output.prometheus.listen\` ${parsed.problem}`);
      ok = false;
    } else spec.listen = parsed;
  }
  const labels = ctx.map(ctx.value(map, 'labels'));
  for (const pair of labels?.items ?? []) {
    const key = ctx.scalar(pair.key);
    const value = ctx.scalar(pair.value);
    if (!key) continue;
    const name = String(key.value);
    const problem = prometheusLabelProblem(name);
    if (problem) {
      ctx.report.error(key, 'bad-output', `label \`${name}\`: ${problem}`);
      ok = false;
    } else if (value && ['string', 'number', 'boolean'].includes(typeof value.value))
      spec.labels[name] = String(value.value);
  }
  const auth = compileRemoteWriteAuth(ctx, map, url !== undefined);
  if (auth === false) ok = false;
  else if (auth) spec.remoteWriteAuth = auth;
  if (ok && !url && !listen) {
    ctx.report.error(
      key,
      'bad-output',
      '`output.prometheus` needs `remoteWrite` (a receiver URL), `listen` (a port for `/metrics`), or both',
    );
    ok = false;
  }
  return ok ? spec : undefined;
}
