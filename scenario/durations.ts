// Durations (`250ms`, `10s`, `2m`, `1h`, combinations like `1m30s`) and think times
// (`2s`, `between(1s, 3s)`, `pacing(5s)`, `none`). Pure parsing; the compiler turns the
// failures into diagnostics.
import type { Think } from './model';
import { closest, didYouMean } from './suggest';

/** One duration written with units, as a regular-expression source (used by the schema too). */
export const DURATION_SOURCE = '(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+';
const DURATION = new RegExp(`^${DURATION_SOURCE}$`);
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration such as `1m30s`, or undefined when the text is not a duration. */
export function durationToMs(text: string): number | undefined {
  const t = text.trim();
  if (!DURATION.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return Math.round(total * 1000) / 1000;
}

/** Why a value is not a duration, phrased for a person. */
export function durationProblem(value: unknown): string {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
    return `a duration needs a unit: write \`${String(value).trim()}s\` (or ms, m, h)`;
  }
  return `\`${String(value)}\` is not a duration; write e.g. \`250ms\`, \`10s\`, \`2m\`, \`1h\` or \`1m30s\``;
}

export const THINK_SOURCE = `(?:none|${DURATION_SOURCE}|between\\(\\s*${DURATION_SOURCE}\\s*,\\s*${DURATION_SOURCE}\\s*\\)|pacing\\(\\s*${DURATION_SOURCE}\\s*\\))`;

export type ThinkResult = { think: Think } | { error: string; suggestion?: string };

/** Parses a `think:` value. */
export function parseThink(text: string): ThinkResult {
  const t = text.trim();
  if (t === 'none' || t === '0') return { think: { kind: 'none' } };
  const constant = durationToMs(t);
  if (constant !== undefined)
    return { think: constant === 0 ? { kind: 'none' } : { kind: 'constant', ms: constant } };
  const call = /^(\w+)\s*\((.*)\)$/.exec(t);
  if (!call)
    return { error: `\`${t}\` is not a think time; write \`2s\`, \`between(1s, 3s)\` or \`pacing(5s)\`` };
  const [, fn, argText] = call;
  const args = argText.split(',').map((a) => a.trim());
  const ms = args.map(durationToMs);
  const bad = args.find((a, i) => ms[i] === undefined);
  if (fn === 'between') {
    if (args.length !== 2) return { error: '`between` takes two durations: `between(1s, 3s)`' };
    if (bad !== undefined) return { error: durationProblem(bad) };
    const [minMs, maxMs] = ms as number[];
    if (minMs > maxMs)
      return { error: `\`between(${args[0]}, ${args[1]})\`: the first duration must not exceed the second` };
    return { think: { kind: 'between', minMs, maxMs } };
  }
  if (fn === 'pacing') {
    if (args.length !== 1) return { error: '`pacing` takes one duration: `pacing(5s)`' };
    if (bad !== undefined) return { error: durationProblem(bad) };
    if ((ms[0] as number) <= 0) return { error: '`pacing` needs a period above zero' };
    return { think: { kind: 'pacing', ms: ms[0] as number } };
  }
  const guess = closest(fn, ['between', 'pacing']);
  return {
    error: `unknown think function \`${fn}\`; use \`between(1s, 3s)\` or \`pacing(5s)\`${didYouMean(guess)}`,
    suggestion: guess && t.replace(fn, guess),
  };
}
