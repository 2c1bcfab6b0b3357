// `check` composes and compiles each task as the parser finishes it (scenario/itemwise.ts), so a
// clean file's YAML document never holds its tasks. That path answers only for a file with no
// problem; anything else goes to the whole-document analysis. These tests hold it to both.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isSeq } from 'yaml';
import { analyzeScenarioDetailed } from '../../../scenario/index';
import type { DetailedAnalysis } from '../../../scenario/index';
import { checkCleanItemwise } from '../../../scenario/itemwise';
import { FIXTURES, HEAD, LINE_EDITS, oneLineEdits } from './helpers';
import type { LineEdit } from './helpers';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** Two kinds, start captures read by tasks, loops, variables, data, emit steps read by a tracker. */
const RICH = `name: rich
target: http://127.0.0.1:8080
load: { users: 2, duration: 1s }
env: { REGION: eu }
secrets: [TOKEN]
variables:
  who: me
  sku: [a, b]
data:
  people: { file: people.csv }
users:
  - name: shopper
    think: between(1s, 2s)
    start:
      - name: login
        post: /login
        json: { user: "{{ env.REGION }}" }
        capture: { token: json.token }
    tasks:
      - name: home
        weight: 3
        get: /?who={{ who }}
        headers: { Authorization: "Bearer {{ token }}" }
        check: { status: 200 }
      - steps:
          - get: /products/{{ sku }}
            capture: { id: json.id }
          - post: /cart/{{ id }}
            multipart:
              avatar: { file: avatar.png }
          - emit: added
            attributes: { item: "{{ id }}" }
      -   get: /by/{{ people.name }}
          # a comment inside a task
          query: { t: "{{ env.TOKEN }}" }

      - { get: /flow, check: { status: 200 } }
    loops:
      - every: 5s
        get: /poll
    stop:
      - delete: /session
  - name: reader
    tasks:
    - get: /read
    - name: "quoted \\"name\\""
      get: /q
      body: |
        a block scalar
        over lines
trackers:
  - metric: added-to-seen
    start: added
    end: iteration.end
thresholds:
  - p95[/read] < 100ms
`;

/** The whole-document analysis `check` falls back to, and the editor's, must agree. */
function wholeDocument(text: string): DetailedAnalysis {
  return analyzeScenarioDetailed(text, { purpose: 'run' });
}

function byPosition<T extends { range: { start: { line: number; character: number } } }>(list: T[]): T[] {
  return [...list].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** The sequence at `users[kind].tasks` in what the document kept. */
function keptTasks(analysis: DetailedAnalysis, kind: number): number | undefined {
  const seq = analysis.parsed.doc.getIn(['users', kind, 'tasks']);
  return isSeq(seq) ? seq.items.length : undefined;
}

function assertSameAsWhole(text: string, label: string): DetailedAnalysis {
  const itemwise = checkCleanItemwise(text, { purpose: 'check' });
  assert.ok(itemwise, `${label}: the task-by-task path did not answer`);
  const whole = wholeDocument(text);
  assert.deepEqual(whole.diagnostics, [], label);
  assert.deepEqual(itemwise.diagnostics, [], label);
  assert.deepEqual(itemwise.env, whole.env, label);
  assert.deepEqual(byPosition(itemwise.index.files), byPosition(whole.index.files), label);
  // `check` itself takes this path: its document kept no task either.
  const checked = analyzeScenarioDetailed(text, { purpose: 'check' });
  assert.deepEqual([checked.diagnostics, checked.env], [itemwise.diagnostics, itemwise.env], label);
  assert.equal(keptTasks(checked, 0), keptTasks(itemwise, 0), label);
  return itemwise;
}

test('a clean file is checked task by task, with the env and files the whole document gives', () => {
  const rich = assertSameAsWhole(RICH, 'rich');
  // The document kept none of the tasks: they were compiled and let go as they were parsed.
  assert.equal(keptTasks(rich, 0), 0);
  assert.equal(keptTasks(rich, 1), 0);
  // In document order, though the tasks were compiled before the start steps above them.
  assert.deepEqual(
    rich.env?.envUses.map((u) => u.name),
    ['REGION', 'TOKEN'],
  );
  const files = [EXAMPLES, FIXTURES].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.load.yaml'))
      .map((f) => path.join(d, f)),
  );
  let answered = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (wholeDocument(text).diagnostics.length) continue;
    assertSameAsWhole(text, file);
    answered++;
  }
  assert.ok(answered >= 5, `only ${answered} clean files`);
});

test('a file of thousands of tasks keeps none of them in its document', () => {
  let text = RICH;
  for (let i = 0; i < 3000; i++)
    text = text.replace('    loops:\n', `      - name: t${i}\n        get: /items/${i}\n    loops:\n`);
  const itemwise = assertSameAsWhole(text, '3,000 tasks');
  assert.equal(keptTasks(itemwise, 0), 0);
});

test('a long last task list followed by more top-level keys, or by comments, is still taken', () => {
  // yaml reads where a top-level key starts from where the list before it ended: the list must
  // keep its end without its items (past 1,024 characters a key "starts" too far from its colon).
  let tasks = '';
  for (let i = 0; i < 1000; i++) tasks += `      - name: t${i}\n        get: /items/${i}\n`;
  const head = `${HEAD}users:\n  - tasks:\n${tasks}`;
  for (const [label, text] of [
    ['thresholds after the list', `${head}thresholds:\n  - failures < 1%\n`],
    ['a comment line after the list', `${head}      # - get: /off\nthresholds:\n  - failures < 1%\n`],
    ['a comment at the list indent', `${head}    # later\n\nthresholds: [failures < 1%]\n`],
    ['the end of the file without a line break', head.trimEnd()],
  ]) {
    const itemwise = assertSameAsWhole(text, label);
    assert.equal(keptTasks(itemwise, 0), 0, label);
  }
});

test('every file with a problem gets the whole-document analysis and its diagnostics', () => {
  const broken: Array<[string, string]> = [
    ['unknown key in a task', RICH.replace('weight: 3', 'wieght: 3')],
    ['bad template in a task', RICH.replace('/?who={{ who }}', '/?who={{ whom }}')],
    ['stray template in a task name', RICH.replace('name: home', 'name: "{{ who }}"')],
    ['repeated key in a task', RICH.replace('weight: 3', 'weight: 3\n        weight: 4')],
    ['YAML error in a task', RICH.replace('get: /read', 'get: [/read')],
    [
      'a capture hiding a variable (a warning)',
      RICH.replace('capture: { id: json.id }', 'capture: { who: json.id }'),
    ],
    ['unknown key at the top', RICH.replace('thresholds:', 'thresholdz:')],
    ['threshold naming no request', RICH.replace('p95[/read]', 'p95[/raed]')],
    ['tracker naming no event', RICH.replace('start: added', 'start: adde')],
    ['a loop without its period', RICH.replace('every: 5s', 'evry: 5s')],
    [
      'an empty task',
      RICH.replace('  - name: reader\n    tasks:\n', '  - name: reader\n    tasks:\n    -\n'),
    ],
    ['start steps misspelt', RICH.replace('post: /login', 'psot: /login')],
    // YAML 1.1 reads `yes` as true: a task name that is not text.
    [
      'a YAML 1.1 directive after a byte order mark',
      `\uFEFF%YAML 1.1\n---\n${RICH.replace('name: home', 'name: yes')}`,
    ],
  ];
  for (const [label, text] of broken) {
    assert.equal(checkCleanItemwise(text, { purpose: 'check' }), undefined, label);
    const checked = analyzeScenarioDetailed(text, { purpose: 'check' });
    const editor = analyzeScenarioDetailed(text);
    assert.ok(checked.diagnostics.length > 0, label);
    assert.deepEqual(checked.diagnostics, editor.diagnostics, label);
  }
});

test('what a task could read from elsewhere in the file sends the file to the whole-document analysis', () => {
  const variablesLast =
    RICH.replace(/variables:\n {2}who: me\n {2}sku: \[a, b\]\n/, '') +
    'variables: { who: me, sku: [a, b] }\n';
  const startLast = RICH.replace(
    /( {4}start:\n(?: {6}.*\n| {8}.*\n)+)( {4}tasks:\n)/,
    (_, start: string, tasks: string) => tasks,
  ).replace('    loops:\n', (m) => `${/( {4}start:\n(?: {6}.*\n| {8}.*\n)+)/.exec(RICH)?.[1] ?? ''}${m}`);
  const cases: Array<[string, string]> = [
    ['variables after the users', variablesLast],
    ['start steps after the tasks that read their captures', startLast],
    [
      'an anchored task read by an alias',
      RICH.replace('      - { get: /flow', '      - &again { get: /flow').replace(
        '    loops:\n',
        '      - *again\n    loops:\n',
      ),
    ],
    ['a tag on a task', RICH.replace('      - { get: /flow', '      - !!map { get: /flow')],
    ['a YAML directive', `%YAML 1.2\n---\n${RICH}`],
    ['a YAML directive after a byte order mark', `\uFEFF%YAML 1.2\n---\n${RICH}`],
    // The alias would read the kind or the list without the tasks taken from it.
    [
      'an anchored user kind read by an alias',
      RICH.replace('  - name: reader\n', '  - &reader\n    name: reader\n') + '',
    ],
    [
      'an anchored task list read by an alias',
      `${HEAD}users:\n  - tasks: &t\n      - get: /a\n  - tasks: *t\n`,
    ],
    ['an anchored user kind repeated', `${HEAD}users:\n  - &k\n    tasks:\n      - get: /a\n  - *k\n`],
  ];
  for (const [label, text] of cases) {
    assert.notEqual(text, RICH, label);
    const whole = wholeDocument(text);
    assert.deepEqual(whole.diagnostics, [], `${label}: ${JSON.stringify(whole.diagnostics)}`);
    assert.equal(checkCleanItemwise(text, { purpose: 'check' }), undefined, label);
    const checked = analyzeScenarioDetailed(text, { purpose: 'check' });
    assert.deepEqual(checked.diagnostics, [], label);
    assert.deepEqual(checked.env, whole.env, label);
  }
});

test('check gives the editor diagnostics on every one-line edit of a file it checks task by task', () => {
  let answered = 0;
  let problems = 0;
  const edits: LineEdit[] = [
    ...LINE_EDITS,
    (l, i) => (l[i] = ` ${l[i]}`),
    (l, i) => l.splice(i, 0, l[i]),
    (l, i) => (l[i] = l[i].replace(/^( *)- /, '$1- &a ')),
  ];
  for (const text of oneLineEdits(RICH, edits)) {
    const editor = analyzeScenarioDetailed(text);
    const checked = analyzeScenarioDetailed(text, { purpose: 'check' });
    assert.deepEqual(checked.diagnostics, editor.diagnostics, text);
    assert.deepEqual(checked.env, wholeDocument(text).env, text);
    if (checkCleanItemwise(text, { purpose: 'check' })) answered++;
    problems += editor.diagnostics.length;
  }
  // Both paths were taken: edits that keep the file clean (a comment, a weight) and the rest.
  assert.ok(answered > 20 && problems > 300, `${answered} answered, ${problems} problems`);
});
