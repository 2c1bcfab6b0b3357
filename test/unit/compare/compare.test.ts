// The comparison of two runs and the --fail-if rules: pure logic, hand-made figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns, type ComparableRun, type RunFigures } from '../../../common/compare';
import { comparisonMarkdown, comparisonText } from '../../../engine/compare/format';
import { brokenRules, parseRules, RuleError } from '../../../engine/compare/rules';
import { parseRunFile, RunFileError } from '../../../engine/compare/runFile';

const fig = (o: Partial<RunFigures>): RunFigures => ({
  requests: 1000,
  failures: 0,
  rps: 100,
  p50: 10,
  p95: 20,
  p99: 40,
  ...o,
});

const base: ComparableRun = {
  total: fig({}),
  entries: [
    { name: '/a', method: 'GET', ...fig({ requests: 600 }) },
    { name: '/old', method: 'GET', ...fig({ requests: 400 }) },
  ],
};
const next: ComparableRun = {
  total: fig({ rps: 90, p95: 23, failures: 25 }),
  entries: [
    { name: '/a', method: 'GET', ...fig({ requests: 600, p95: 30 }) },
    { name: '/new', method: 'POST', ...fig({ requests: 400 }) },
  ],
};

test('per-request and total deltas: relative for rates and times, percentage points for failures', () => {
  const c = compareRuns(base, next);
  assert.deepEqual(c.total.rps, { base: 100, new: 90, change: -10, relative: -10 });
  assert.equal(c.total.p95.change, 3);
  assert.ok(Math.abs(c.total.p95.relative - 15) < 1e-9);
  assert.deepEqual(c.total.failures, { base: 0, new: 2.5, change: 2.5, relative: Infinity });
  assert.equal(c.entries.length, 1);
  assert.equal(c.entries[0].name, '/a');
  assert.equal(c.entries[0].deltas.p95.relative, 50);
});

test('requests in only one run are listed as added or removed, not compared with zeros', () => {
  const c = compareRuns(base, next);
  assert.deepEqual(
    c.added.map((e) => `${e.method} ${e.name}`),
    ['POST /new'],
  );
  assert.deepEqual(
    c.removed.map((e) => `${e.method} ${e.name}`),
    ['GET /old'],
  );
  const text = comparisonText(c, []);
  assert.match(text, /added \(only in the new run\):\n {2}POST \/new/);
  assert.match(text, /removed \(only in the base run\):\n {2}GET \/old/);
});

test('same name, other method is another request', () => {
  const c = compareRuns(
    { total: fig({}), entries: [{ name: '/x', method: 'GET', ...fig({}) }] },
    { total: fig({}), entries: [{ name: '/x', method: 'POST', ...fig({}) }] },
  );
  assert.equal(c.entries.length, 0);
  assert.equal(c.added.length, 1);
  assert.equal(c.removed.length, 1);
});

test('both zero is no change; zero to something is a change from 0', () => {
  const c = compareRuns({ total: fig({ p95: 0 }), entries: [] }, { total: fig({ p95: 0 }), entries: [] });
  assert.equal(c.total.p95.relative, 0);
  assert.equal(c.total.failures.relative, 0);
});

test('rules parse with their units and break only past their limit', () => {
  const rules = parseRules('p95>+10%, rps<-5%,failures>+1pp');
  assert.deepEqual(
    rules.map((r) => [r.metric, r.op, r.limit, r.unit]),
    [
      ['p95', '>', 10, '%'],
      ['rps', '<', -5, '%'],
      ['failures', '>', 1, 'pp'],
    ],
  );
  const c = compareRuns(base, next);
  const broken = brokenRules(rules, c.total);
  // p95 +15 % > 10 %, rps -10 % < -5 %, failures +2.5pp > 1pp: all three break.
  assert.deepEqual(
    broken.map((b) => b.rule.metric),
    ['p95', 'rps', 'failures'],
  );
  assert.equal(broken[1].actual, -10);
  assert.deepEqual(brokenRules(parseRules('p95>+20%,rps<-15%,failures>+3pp'), c.total), []);
  assert.deepEqual(
    brokenRules(parseRules('p95>+2ms'), c.total).map((b) => b.actual),
    [3],
  );
});

test('a broken rule says which and by how much, in text and markdown', () => {
  const c = compareRuns(base, next);
  const broken = brokenRules(parseRules('rps<-5%'), c.total);
  assert.match(
    comparisonText(c, broken),
    /rps<-5% broken: rps changed -10\.00% \(100 → 90\.0\), limit -5\.00%/,
  );
  const md = comparisonMarkdown(c, broken);
  assert.match(md, /^\| Request \| req\/s \|/m);
  assert.match(md, /^\| --- \| ---: \|/m);
  assert.match(md, /\| \*\*Total\*\* \| 100 → 90\.0 \(-10\.0%\) \|/);
  assert.match(md, /- ❌ rps<-5% broken/);
});

test('markdown escapes pipes in request names so the table holds', () => {
  const run = (name: string): ComparableRun => ({
    total: fig({}),
    entries: [{ name, method: 'GET', ...fig({}) }],
  });
  const md = comparisonMarkdown(compareRuns(run('/a|b'), run('/a|b')), []);
  assert.match(md, /\| GET \/a\\\|b \|/);
});

test('bad rules say where, what and how to fix', () => {
  const bad: Array<[string, RegExp]> = [
    ['', /no rule/],
    ['p95>10', /rule 1 \("p95>10"\) has no unit/],
    ['p95>+10%,latency>+1%', /rule 2 \("latency>\+1%"\): unknown metric "latency"/],
    ['rps>+2pp', /rps cannot change in pp/],
    ['p95=10%', /is not METRIC, > or <, and a change/],
  ];
  for (const [text, message] of bad) {
    assert.throws(
      () => parseRules(text),
      (e: unknown) => e instanceof RuleError && message.test(e.message) && e.hint.length > 0,
      text,
    );
  }
});

test('run files: the JSON result and the --json summary are read; anything else is refused with a hint', () => {
  const entry = {
    name: '/a',
    method: 'GET',
    requests: 10,
    failures: 1,
    rps: 5,
    percentiles: { p50: 1, p95: 2, p99: 3 },
  };
  const result = JSON.stringify({
    format: 'stampede-run/1',
    snapshot: {
      scenario: 's',
      startedAt: 1000,
      elapsedMs: 2000,
      total: { ...entry, name: 'Aggregated', method: '' },
      entries: [entry],
      errors: [],
    },
    history: [],
  });
  const run = parseRunFile(result, 'a.json');
  assert.equal(run.total.p95, 2);
  assert.equal(run.entries[0].failures, 1);
  assert.equal(run.verdict, 'passed');
  const summary = JSON.stringify({
    requests: 10,
    failures: 0,
    rps: 5,
    p50: 1,
    p90: 1,
    p95: 2,
    p99: 3,
    max: 4,
    entries: [{ name: '/a', method: 'GET', requests: 10, failures: 0, rps: 5, p50: 1, p95: 2, p99: 3 }],
    errors: [],
  });
  assert.equal(parseRunFile(summary, 's.json').entries[0].p99, 3);
  const refused: Array<[string, RegExp]> = [
    ['{', /a\.json is not JSON/],
    ['[]', /not a run/],
    ['{"format":"other/1"}', /has format "other\/1"/],
    ['{"format":"stampede-run/1"}', /"snapshot" with its "entries" is missing/],
    [result.replace('"rps":5', '"rps":"fast"'), /snapshot\.total\.rps is not a number/],
  ];
  for (const [text, message] of refused)
    assert.throws(
      () => parseRunFile(text, 'a.json'),
      (e: unknown) => e instanceof RunFileError && message.test(e.message),
      text,
    );
});

test("request names from result files (a cloned repository's) reach the terminal escaped", () => {
  const run = (name: string, extra: string): ComparableRun => ({
    total: fig({}),
    entries: [
      { name, method: 'GET', ...fig({}) },
      { name: extra, method: 'GET', ...fig({}) },
    ],
  });
  const c = compareRuns(
    run('/\u001b]0;pwned\u0007', '/gone\u009b2J'),
    run('/\u001b]0;pwned\u0007', '/new\u202e'),
  );
  for (const out of [comparisonText(c, []), comparisonMarkdown(c, [])])
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  assert.match(comparisonText(c, []), /GET \/\\x1b\]0;pwned\\x07/);
  assert.match(comparisonText(c, []), /GET \/gone\\x9b2J/);
  assert.match(comparisonText(c, []), /GET \/new\\u202e/);
});
