// An analysis keeps only what its reader reads (AnalyzeOptions.purpose): `run` builds no
// editor-only index lists, `check` keeps no compiled scenario, only its env facts. The
// diagnostics never depend on the purpose, and `run`'s scenario is the editor's.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeScenario, analyzeScenarioDetailed } from '../../../scenario/index';
import { FIXTURES, oneLineEdits } from './helpers';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

const WITH_ENV = `name: t
target: http://127.0.0.1:8080
load: { users: 1, duration: 1s }
env: { REGION: eu }
secrets: [TOKEN]
variables: { who: me }
users:
  - name: u
    tasks:
      - name: home
        get: /{{ env.REGION }}
        headers: { Authorization: "Bearer {{ env.TOKEN }}" }
        query: { who: "{{ who }}" }
        check: { status: 200 }
      - steps:
          - emit: shown
            attributes: { page: home }
`;

test('check keeps no compiled scenario, only the env it declares and uses', () => {
  const editor = analyzeScenarioDetailed(WITH_ENV);
  assert.ok(editor.scenario, JSON.stringify(editor.diagnostics));
  const checked = analyzeScenarioDetailed(WITH_ENV, { purpose: 'check' });
  assert.equal(checked.scenario, undefined);
  assert.deepEqual(checked.env, {
    env: { REGION: 'eu' },
    secrets: ['TOKEN'],
    envUses: editor.scenario.envUses,
  });
  assert.deepEqual(
    checked.env?.envUses.map((u) => u.name),
    ['REGION', 'TOKEN'],
  );
  assert.deepEqual(checked.diagnostics, editor.diagnostics);
  assert.equal(analyzeScenario(WITH_ENV, { purpose: 'check' }).scenario, undefined);
});

test('a file with errors has neither a scenario nor env facts, for any purpose', () => {
  const broken = WITH_ENV.replace('duration: 1s', 'duration: 1 fortnight');
  for (const purpose of ['editor', 'run', 'check'] as const) {
    const a = analyzeScenarioDetailed(broken, { purpose });
    assert.equal(a.scenario, undefined, purpose);
    assert.equal(a.env, undefined, purpose);
    assert.ok(
      a.diagnostics.some((d) => d.code === 'bad-duration'),
      purpose,
    );
  }
});

test('run builds none of the editor-only index lists, and the same scenario and run-read index', () => {
  const editor = analyzeScenarioDetailed(WITH_ENV);
  const run = analyzeScenarioDetailed(WITH_ENV, { purpose: 'run' });
  assert.ok(editor.index.requests.length > 0);
  assert.ok(editor.index.templateScopes.length > 0);
  assert.ok(editor.index.references.length > 0);
  assert.deepEqual(run.index.requests, []);
  assert.deepEqual(run.index.templateScopes, []);
  assert.deepEqual(run.index.references, []);
  assert.deepEqual(run.scenario, editor.scenario);
  assert.deepEqual(run.index.env, editor.index.env);
  assert.deepEqual(run.index.files, editor.index.files);
  assert.deepEqual(run.index.events, editor.index.events);
  // analyzeScenario returns no index, so it builds the lean one: the same scenario.
  assert.deepEqual(analyzeScenario(WITH_ENV).scenario, editor.scenario);
});

test('thresholds and trackers are checked against requests and emitted events for every purpose', () => {
  const trackers = `trackers:\n  - metric: seen\n    start: iteration.start\n    end: shown[pgae="home"]\n`;
  const text = `${WITH_ENV}${trackers}thresholds:\n  - p95[hmoe] < 100ms\n`;
  const editor = analyzeScenarioDetailed(text);
  const messages = editor.diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /hmoe/, 'an unknown request name in a threshold is an error');
  assert.match(messages, /pgae[\s\S]*page/, 'an attribute the emit step does not set, with the one it does');
  for (const purpose of ['run', 'check'] as const)
    assert.deepEqual(analyzeScenarioDetailed(text, { purpose }).diagnostics, editor.diagnostics, purpose);
});

/** The repository's scenarios, and each with one line dropped, misspelt, emptied or retyped. */
function variants(): string[] {
  const dirs = [EXAMPLES, FIXTURES];
  const texts = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.load.yaml'))
      .sort()
      .map((f) => readFileSync(path.join(d, f), 'utf8')),
  );
  return texts.flatMap((text) => [text, ...oneLineEdits(text)]);
}

test('the same diagnostics for every purpose on the examples and ~2,000 variants of them', () => {
  let problems = 0;
  let scenarios = 0;
  const all = variants();
  assert.ok(all.length > 1500, `only ${all.length} variants`);
  for (const text of all) {
    const editor = analyzeScenarioDetailed(text);
    const run = analyzeScenarioDetailed(text, { purpose: 'run' });
    const checked = analyzeScenarioDetailed(text, { purpose: 'check' });
    assert.deepEqual(run.diagnostics, editor.diagnostics, text);
    assert.deepEqual(checked.diagnostics, editor.diagnostics, text);
    assert.deepEqual(run.scenario, editor.scenario, text);
    assert.deepEqual(checked.env, run.env, text);
    problems += editor.diagnostics.length;
    if (editor.scenario) scenarios++;
  }
  assert.ok(problems > 1000 && scenarios > 100, `${problems} problems, ${scenarios} scenarios`);
});
