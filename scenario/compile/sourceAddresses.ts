// `sourceAddresses:` the local IP addresses the load's connections come from, round robin per
// connection. One address gives each target address:port at most ~28,000 connections (the
// ephemeral ports); a machine with several NIC addresses spreads past that. Here the language
// checks what it can without I/O (IP literals, no repeats, the target's family); the engine checks
// at run start that each is this machine's (engine/http/sourceAddressCheck.ts).
import type { Node } from 'yaml';
import type { Ctx } from './context';

/** 4 or 6 for an IPv4 or IPv6 literal (no brackets, no zone), else 0. Pure: no `net.isIP`. */
export function ipFamily(s: string): 0 | 4 | 6 {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s)) return 4;
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return 0;
  const parts = s.split('::');
  if (parts.length > 2) return 0;
  const groups = (p: string): string[] => (p === '' ? [] : p.split(':'));
  const all = [...groups(parts[0]), ...(parts.length === 2 ? groups(parts[1]) : [])];
  // An embedded IPv4 tail (::ffff:10.0.0.1) counts as two groups.
  const last = all[all.length - 1];
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && ipFamily(last) !== 4) return 0;
  const hex = v4Tail ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return 0;
  const count = hex.length + (v4Tail ? 2 : 0);
  return (parts.length === 2 ? count < 8 : count === 8) ? 6 : 0;
}

function unspecified(s: string): boolean {
  return s === '0.0.0.0' || /^[0:]+$/.test(s);
}

/** The addresses, or undefined when the key is absent; reports each bad item at its own range. */
export function compileSourceAddresses(
  ctx: Ctx,
  node: Node | null,
  target: string | undefined,
): string[] | undefined {
  if (!node || !ctx.isSeq(node)) return undefined;
  const targetHost = target === undefined ? undefined : hostOf(target);
  const targetFamily = targetHost === undefined ? 0 : ipFamily(targetHost);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of ctx.seqItems(node)) {
    const scalar = ctx.scalar(item);
    if (!scalar || typeof scalar.value !== 'string') continue; // the schema reports non-strings
    const addr = scalar.value.trim();
    const family = ipFamily(addr);
    if (family === 0) {
      ctx.report.error(
        item,
        'bad-source-address',
        `\`${addr}\` is not an IP address: list this machine's own addresses, like 10.0.0.5 or fd00::5 (no host names, ports or brackets)`,
      );
    } else if (unspecified(addr)) {
      ctx.report.error(
        item,
        'bad-source-address',
        `\`${addr}\` is the unspecified address: name an address of one of this machine's interfaces`,
      );
    } else if (seen.has(addr)) {
      ctx.report.error(item, 'duplicate-source-address', `\`${addr}\` is listed twice`);
    } else if (targetFamily !== 0 && family !== targetFamily) {
      ctx.report.error(
        item,
        'source-address-family',
        `\`${addr}\` is an IPv${family} address but the target ${targetHost} is IPv${targetFamily}: a connection's two ends must be of one family`,
      );
    } else {
      seen.add(addr);
      out.push(addr);
    }
  }
  return out;
}

function hostOf(url: string): string | undefined {
  const m = /^[a-z]+:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url);
  return m ? m[1].replace(/^\[|\]$/g, '') : undefined;
}
