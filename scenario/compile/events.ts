// `events:`: listeners for events from the system under test, run by the master. Each entry has a
// name and exactly one kind (webhook, udp, sse, from the events table). The schema checks the
// keys and types; this checks what it cannot say well: one kind per entry, names and ports used
// twice, and the SSE URL's template (only `{{ env.NAME }}` is known on the master).
import type { Node } from 'yaml';
import { LISTENER_KINDS } from '../events';
import type { EventListenerSpec } from '../model';
import type { Ctx } from './context';
import { templateAt, variableScope } from './templateScope';

export const DEFAULT_LISTEN_HOST = '127.0.0.1';
const KIND_WORDS = LISTENER_KINDS.map((k) => `\`${k.kind}\``).join(', ');

export function compileEventListeners(ctx: Ctx, node: Node | null): EventListenerSpec[] {
  const out: EventListenerSpec[] = [];
  const names = new Set<string>();
  const ports = new Map<string, string>();
  // The master runs listeners before any user exists: only the environment can fill the URL.
  const masterScope = variableScope([]);
  for (const item of ctx.seqItems(node)) {
    const map = ctx.map(item);
    if (!map) continue;
    const name = ctx.str(map, 'name');
    if (name && names.has(name.value))
      ctx.report.error(name.node, 'duplicate-name', `another listener is also named \`${name.value}\``);
    if (name) names.add(name.value);
    const kinds = LISTENER_KINDS.filter((k) => ctx.pair(map, k.kind));
    if (kinds.length !== 1) {
      const at = kinds.length > 1 ? ctx.pair(map, kinds[1].kind)!.key : item;
      ctx.report.error(
        at,
        'listener-kind',
        kinds.length > 1
          ? 'a listener has one kind: split this entry in two'
          : `a listener needs its kind: one of ${KIND_WORDS}`,
      );
      continue;
    }
    const kind = kinds[0].kind;
    const settings = ctx.map(ctx.value(map, kind));
    if (!name || !settings) continue;
    if (kind === 'sse') {
      const url = ctx.str(settings, 'url');
      if (!url) continue;
      out.push({ name: name.value, kind, url: templateAt(ctx, url.node, masterScope) });
      continue;
    }
    const port = ctx.num(settings, 'port');
    if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) continue;
    const host = ctx.str(settings, 'host')?.value ?? DEFAULT_LISTEN_HOST;
    const protocol = kind === 'udp' ? 'udp' : 'tcp';
    const other = ports.get(`${protocol} ${port}`);
    if (other !== undefined) {
      ctx.report.error(
        ctx.value(settings, 'port')!,
        'port-taken',
        `listener \`${other}\` already uses ${protocol.toUpperCase()} port ${port}: give each listener its own port`,
      );
      continue;
    }
    ports.set(`${protocol} ${port}`, name.value);
    if (kind === 'udp') out.push({ name: name.value, kind, host, port });
    else out.push({ name: name.value, kind, host, port, path: ctx.str(settings, 'path')?.value ?? '/' });
  }
  return out;
}
