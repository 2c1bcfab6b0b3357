// The run's own verdict, beside the scenario's thresholds: a run in which no request succeeded
// failed, whatever the thresholds say (or when there are none), and says why and what to look at.
// A pure function of the final snapshot, so the CLI and the extension give the same answer.
import type { ErrorStats, RunSnapshot } from '../../common/snapshot';

export type RunVerdict = { ok: true } | { ok: false; reason: string };

/** Fails a run that sent requests and had not one succeed; `reason` is one line for a person. */
export function runVerdict(s: RunSnapshot): RunVerdict {
  if (!nothingSucceeded(s)) return { ok: true };
  const top = mostFrequent(s.errors);
  if (top === undefined) return { ok: false, reason: `no request succeeded (${s.total.requests} failed)` };
  const others = s.total.failures - top.count;
  const share = others > 0 ? ` (${top.count} of ${s.total.failures} failures; others differ)` : '';
  const hint = hintFor(top.error);
  return { ok: false, reason: `no request succeeded: ${top.error}${share}${hint ? ` — ${hint}` : ''}` };
}

/** Requests were sent and every one failed: the failures, not the generator, are the story. */
export function nothingSucceeded(s: Pick<RunSnapshot, 'total'>): boolean {
  return s.total.requests > 0 && s.total.failures >= s.total.requests;
}

/** The error text with the most occurrences, summed over entries (the same error on many requests). */
function mostFrequent(errors: readonly ErrorStats[]): ErrorStats | undefined {
  const byText = new Map<string, number>();
  for (const e of errors) byText.set(e.error, (byText.get(e.error) ?? 0) + e.count);
  let top: ErrorStats | undefined;
  for (const [error, count] of byText)
    if (top === undefined || count > top.count) top = { name: '', method: '', error, count };
  return top;
}

// What to look at first, by the kind of error (the start of its text, engine/http/errorText.ts).
const HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^connection refused/, 'is the target running?'],
  [/^host name (not found|lookup failed)/, 'check the host name in `target`'],
  [/^(host|network) unreachable|^connect timed out/, 'can this machine reach the target?'],
  [/^timeout after .* connecting/, 'can this machine reach the target?'],
  [/^timeout after/, 'is the target overloaded, or the timeout too short for it?'],
  [/^HTTP [45]\d\d/, 'check the URL, the headers and the target’s logs'],
  [/^check /, 'check what the checks expect against what the target answers'],
  [/^bad status line|^bad header line|^unsupported response/, 'does the target speak HTTP/1.1 on this port?'],
];

export function hintFor(error: string): string | undefined {
  for (const [re, hint] of HINTS) if (re.test(error)) return hint;
  return undefined;
}
