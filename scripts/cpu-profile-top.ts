// Summarises a V8 .cpuprofile (from `node --cpu-prof`) as a table of the top self-time items:
// samples are attributed to the function on top of the stack (its "self" time), grouped by
// function name and file, and printed as a share of all samples. `(idle)` is time the event loop
// waited in epoll; `(garbage collector)` and `(program)` (native code outside JS: libuv, the
// syscalls of reads and writes that V8 cannot attribute) are V8's own names.
//
// `--from S --to S` keep only the samples taken in that window of seconds since the profile began
// (the steady part of a run: no module loading, no scenario check, no drain at the end).
//
//   node --import tsx scripts/cpu-profile-top.ts PROFILE.cpuprofile [--top 25] [--from 2 --to 7] [--markdown]
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds since the previous sample (the first: since startTime). */
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (file === undefined) {
  console.error('usage: cpu-profile-top.ts PROFILE.cpuprofile [--top N] [--markdown]');
  process.exit(2);
}
const option = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const top = option('top', 25);
const fromUs = option('from', 0) * 1e6;
const toUs = option('to', Infinity) * 1e6;
const markdown = args.includes('--markdown');

const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const keyOf = new Map<number, string>();
for (const n of profile.nodes) {
  const f = n.callFrame;
  const name = f.functionName === '' ? '(anonymous)' : f.functionName;
  const where = f.url === '' ? '' : `${path.basename(f.url)}:${f.lineNumber + 1}`;
  keyOf.set(n.id, where === '' ? name : `${name} ${where}`);
}
const counts = new Map<string, number>();
let total = 0;
let at = 0;
let firstUs = Infinity;
let lastUs = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i];
  if (at < fromUs || at > toUs) return;
  firstUs = Math.min(firstUs, at);
  lastUs = at;
  total++;
  const key = keyOf.get(id) ?? '?';
  counts.set(key, (counts.get(key) ?? 0) + 1);
});
if (total === 0) {
  console.error(`cpu-profile-top: no samples in the window (the profile lasts ${(at / 1e6).toFixed(1)} s)`);
  process.exit(2);
}
const idle = counts.get('(idle)') ?? 0;
const rows = [...counts].sort((a, b) => b[1] - a[1]).slice(0, top);
const seconds = (lastUs - firstUs) / 1e6;
console.log(
  `${total} samples over ${seconds.toFixed(1)} s (${(firstUs / 1e6).toFixed(1)}-${(lastUs / 1e6).toFixed(1)} s); busy (not idle) ${(((total - idle) / total) * 100).toFixed(1)} %`,
);
if (markdown) {
  console.log('\n| # | self time (function file:line) | % of samples | % of busy samples |');
  console.log('|---|---|---|---|');
}
rows.forEach(([key, n], i) => {
  const all = ((n / total) * 100).toFixed(1);
  const busy = key === '(idle)' ? '-' : ((n / (total - idle)) * 100).toFixed(1);
  if (markdown) console.log(`| ${i + 1} | \`${key}\` | ${all} | ${busy} |`);
  else console.log(`${String(i + 1).padStart(3)}  ${all.padStart(5)} %  ${busy.padStart(5)} %  ${key}`);
});
