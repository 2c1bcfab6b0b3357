// What a request costs the engine to build (issue 18, "Generated values"): CPU per request of the
// runner's request path for a plain request (one prebuilt Buffer), one whose holes read only
// variables (a prebuilt form picked by index), and one with generated values (uuid(),
// randomInt(), timestamp(): rendered into a string and encoded per request). In-process, so a
// busy machine or a slow target does not hide the difference; the whole request costs ~6 us of
// CPU at the engine's max (docs/benchmarks.md, "Cookies").
//   usage: npx tsx scripts/bench-render.ts [REPS=3] [N=200000]
import { compileRequest } from '../engine/runner/requestPlan';
import { variantFor } from '../engine/runner/requestVariants';
import { Scope } from '../engine/runner/scope';
import { createStatsCollector } from '../engine/stats/collector';
import { compileTemplate as t } from '../scenario/templates';
import type { RequestStep, Scenario } from '../scenario/model';
import { parseOrigin } from '../engine/http/index';

const reps = Number(process.argv[2] ?? 3);
const n = Number(process.argv[3] ?? 200_000);

const scenario: Scenario = {
  name: 'bench',
  target: 'http://127.0.0.1:8080',
  load: { model: 'closed', stages: [{ durationMs: 1000, users: 1, spawnRate: 1 }] },
  workers: 0,
  defaults: { headers: {}, timeoutMs: 10_000, cookies: false, insecure: false },
  variables: { client: ['a', 'b'] },
  users: [],
  trackers: [],
  thresholds: [],
  output: {},
  env: {},
  secrets: [],
  envUses: [],
  data: [],
};
const step = (url: string, header: string): RequestStep => ({
  kind: 'request',
  name: 'r',
  method: 'GET',
  url: t(url),
  headers: { 'X-H': t(header) },
  query: {},
  captures: [],
  checks: [],
});
const trackers = { enabled: false, needsBody: () => false, emit() {}, setStage() {}, drain: () => [] };
const target = parseOrigin('http://127.0.0.1:8080');
const plans = {
  plain: compileRequest(step('/', 'x'), scenario, target, createStatsCollector(), trackers),
  variables: compileRequest(
    step('/?c={{ client }}', '{{ client }}'),
    scenario,
    target,
    createStatsCollector(),
    trackers,
  ),
  generated: compileRequest(
    step('/?id={{ uuid() }}&n={{ randomInt(1, 100) }}', '{{ timestamp() }}'),
    scenario,
    target,
    createStatsCollector(),
    trackers,
  ),
};
const scope = new Scope(scenario.variables);

/** The bytes the runner would write for one request (what virtualUser does before sending). */
function requestBytes(plan: (typeof plans)['plain']): number {
  const shape = plan.bytes;
  if (shape.kind === 'unusable') throw new Error(shape.error);
  if (shape.kind === 'fixed') return shape.bytes.length;
  const form = shape.kind === 'variants' ? variantFor(shape.variants, scope) : undefined;
  if (form) return form.bytes.length;
  return Buffer.byteLength(shape.render(scope).text);
}

const results: Record<string, number[]> = { plain: [], variables: [], generated: [] };
let sink = 0;
for (let r = 0; r < reps; r++) {
  for (const [name, plan] of Object.entries(plans)) {
    for (let i = 0; i < 10_000; i++) sink += requestBytes(plan);
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      if ((i & 63) === 0) scope.newIteration();
      sink += requestBytes(plan);
    }
    const used = process.cpuUsage(before);
    results[name].push(((used.user + used.system) * 1000) / n);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `node ${process.version}; ${reps} rounds interleaved, ${n} requests each; ns of CPU per request (median; runs)`,
);
for (const [name, xs] of Object.entries(results))
  console.log(
    `${name.padEnd(10)} ${median(xs).toFixed(0).padStart(6)} ns  (${xs.map((x) => x.toFixed(0)).join(' / ')})`,
  );
if (sink < 0) console.log(sink);
