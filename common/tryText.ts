// A try result as text for a person: each exchange as a block (request, response, timings,
// captures, checks) with where it is in the scenario (`file:line`). The CLI prints it and the
// editor's Try view shows it, so both read the same; it is the --json document's content, computed
// from it alone (the view renders what the engine sent). Pure: no Node, no vscode.
import { formatMs } from './format';
import type { TryBody, TryExchange, TryResult, TryTimings } from './tryResult';

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

function bodyText(b: TryBody): string {
  if (b.binary) return `    (${b.bytes} bytes of binary data)`;
  const more = b.truncated ? `\n    … (${b.bytes} bytes in all; first 2 KiB shown)` : '';
  return `${indent(b.text)}${more}`;
}

function timingText(t: TryTimings): string {
  const parts: string[] = [];
  if (t.connectMs !== undefined) parts.push(`connect ${formatMs(t.connectMs)} ms`);
  if (t.tlsMs !== undefined) parts.push(`TLS ${formatMs(t.tlsMs)} ms`);
  if (t.firstByteMs !== undefined) parts.push(`first byte ${formatMs(t.firstByteMs)} ms`);
  if (t.downloadMs !== undefined) parts.push(`download ${formatMs(t.downloadMs)} ms`);
  parts.push(`total ${formatMs(t.totalMs)} ms`);
  return parts.join(' · ');
}

function exchangeText(e: TryExchange, file: string): string {
  const where = e.line !== undefined ? `${file}:${e.line + 1}` : file;
  const phase = e.phase === 'task' ? `task "${e.task ?? ''}"` : e.phase;
  const attempt = e.attempt > 1 ? ` (try ${e.attempt})` : '';
  const out = [`${e.ok ? '✓' : '✗'} ${e.name}${attempt}  [${e.user} · ${phase}]  ${where}`];
  out.push(`  > ${e.request.method} ${e.request.url ?? '(not built)'}`);
  for (const [n, v] of e.request.headers) out.push(`  > ${n}: ${v}`);
  if (e.request.body) out.push(bodyText(e.request.body));
  if (e.response) {
    out.push(`  < ${e.response.status}`);
    for (const [n, v] of e.response.headers) out.push(`  < ${n}: ${v}`);
    if (e.response.body) out.push(bodyText(e.response.body));
  }
  if (e.timings) out.push(`  timings: ${timingText(e.timings)}`);
  for (const c of e.captures) out.push(`  capture ${c.name} = ${c.value ?? '(not found)'}  (${c.from})`);
  for (const c of e.checks) out.push(`  check ${c.check}: ${c.ok ? 'pass' : 'FAIL'} (saw ${c.seen})`);
  if (e.transportError) out.push(`  error: ${e.transportError}`);
  else if (e.failure && !e.checks.some((c) => !c.ok)) out.push(`  failed: ${e.failure}`);
  return out.join('\n');
}

/**
 * Control characters but line feed and tab as `\xNN`: headers, bodies, captured values and URLs
 * hold the target's bytes, and printed raw an escape sequence could rewrite the person's terminal.
 */
function visible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** The text and, for each exchange with a scenario line, the line of the text that starts its block. */
export interface TryDocument {
  text: string;
  anchors: Array<{ textLine: number; scenarioLine: number }>;
}

export function tryDocument(r: TryResult): TryDocument {
  const anchors: TryDocument['anchors'] = [];
  let at = 0;
  const blocks = r.exchanges.map((e) => {
    const block = visible(exchangeText(e, r.file));
    if (e.line !== undefined) anchors.push({ textLine: at, scenarioLine: e.line });
    at += block.split('\n').length + 1;
    return block;
  });
  const failed = r.exchanges.filter((e) => !e.ok).length;
  const ran = r.iterations.map((i) => (i.task !== undefined ? `${i.user}/${i.task}` : i.user)).join(', ');
  const summary =
    r.exchanges.length === 0
      ? `no request was made (tried ${ran || 'no user kind'})`
      : `${r.exchanges.length} exchange${r.exchanges.length === 1 ? '' : 's'}, ${failed === 0 ? 'all passed' : `${failed} failed`} (tried ${ran})`;
  const unreachable = r.unreachable !== undefined ? [visible(r.unreachable)] : [];
  return { text: [...blocks, summary, ...unreachable].join('\n\n'), anchors };
}

export function tryText(r: TryResult): string {
  return tryDocument(r).text;
}
