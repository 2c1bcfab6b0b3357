// JUnit XML and the Markdown summary, from a scenario the language compiled and a snapshot with
// hostile names and server values: the XML is parsed back with fast-xml-parser (a strict parser,
// not our writer's mirror) and the test cases and failures asserted; the Markdown table keeps its
// shape whatever the names hold; secrets never appear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { analyzeScenario } from '../../../scenario/index';
import type { RunResult } from '../../../engine/master/types';
import { renderJunit } from '../../../engine/recorders/junitReport';
import { mdCell, renderMarkdown } from '../../../engine/recorders/markdownReport';
import { buildRunReport } from '../../../engine/recorders/runReport';
import type { RunAbout } from '../../../engine/recorders/types';
import { createSecretMask } from '../../../engine/secrets/mask';
import { entry, history, snapshot } from '../stats/fixtures';

const HOSTILE = 'evil </testcase><x y="1"> & | [link](http://x) \u0001\n`code`';
const SOURCE = `name: Shop
target: http://127.0.0.1:1
env: { API_KEY: hunter2secret }
secrets: [API_KEY]
load: { users: 2, duration: 2s }
users:
  - name: u
    tasks:
      - name: ${JSON.stringify(HOSTILE)}
        get: /cart?key={{ env.API_KEY }}
        check: { status: 200, json.state: done }
      - name: login
        post: /login
        check: { header.content-type: "~json" }
thresholds:
  - p95 < 100ms
  - failures < 1%
`;

function about(): RunAbout {
  const a = analyzeScenario(SOURCE);
  assert.ok(a.scenario, JSON.stringify(a.diagnostics));
  return {
    scenario: a.scenario,
    source: SOURCE,
    settings: [['Target', 'http://127.0.0.1:1/?key=hunter2secret']],
    mask: createSecretMask(['hunter2secret']),
  };
}

function result(over: Partial<RunResult['snapshot']> = {}): RunResult {
  const s = snapshot({
    scenario: `Shop ${HOSTILE}`,
    entries: [entry(HOSTILE, 'GET', 400, 30, 250), entry('login', 'POST', 100, 0, 80)],
    errors: [
      { name: HOSTILE, method: 'GET', error: 'check status: expected 200, got 503', count: 20 },
      {
        name: HOSTILE,
        method: 'GET',
        error: 'check json.state: expected "done", got "<b>pending</b> | \\x00"',
        count: 6,
      },
      { name: HOSTILE, method: 'GET', error: 'check status: expected 200, got 500', count: 4 },
    ],
    thresholds: [
      { source: 'p95 < 100ms', ok: false, actual: 240 },
      { source: 'failures < 1%', ok: true, actual: 0.5 },
    ],
    ...over,
  });
  return { snapshot: s, history: history(3), started: true };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
});

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text'?: string };
}

function cases(xml: string): Case[] {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const doc = parser.parse(xml) as {
    testsuites: { tests: string; failures: string; testsuite: Array<{ name: string; testcase?: Case[] }> };
  };
  const all = doc.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
  assert.equal(Number(doc.testsuites.tests), all.length);
  assert.equal(Number(doc.testsuites.failures), all.filter((c) => c.failure).length);
  return all;
}

test('JUnit: a test case per threshold, per check and for the run, failures with measured value and limit', () => {
  const xml = renderJunit(buildRunReport(result(), about()));
  const all = cases(xml);
  assert.deepEqual(
    all.map((c) => [c.name, c.failure ? 'fail' : 'pass']),
    [
      ['the run completed and some request succeeded', 'pass'],
      ['p95 < 100ms', 'fail'],
      ['failures < 1%', 'pass'],
      [`GET ${HOSTILE.replace('\u0001', '\uFFFD')}: status 200`, 'fail'],
      [`GET ${HOSTILE.replace('\u0001', '\uFFFD')}: json.state = "done"`, 'fail'],
      ['POST login: header.content-type matches /json/', 'pass'],
    ],
  );
  const p95 = all[1].failure!;
  assert.equal(p95.type, 'threshold');
  assert.equal(p95.message, 'p95 < 100ms: measured 240 ms, limit < 100 ms');
  assert.equal(
    all[3].failure!.message,
    '24 of 400 responses failed status 200; first: expected 200, got 503',
  );
  assert.equal(
    all[4].failure!.message,
    '6 of 400 responses failed json.state = "done"; first: expected "done", got "<b>pending</b> | \\x00"',
  );
  assert.match(all[0].classname, /^stampede\.Shop evil/);
  assert.doesNotMatch(xml, /hunter2secret/);
});

test("JUnit: the run's own verdict fails when no request succeeded, and a scenario-less report still parses", () => {
  const r = result({
    total: entry('Aggregated', '', 50, 50, 10),
    errors: [{ name: 'x', method: 'GET', error: 'connection refused', count: 50 }],
    thresholds: [],
  });
  const all = cases(renderJunit(buildRunReport(r, undefined)));
  assert.equal(all.length, 1);
  assert.equal(all[0].failure?.type, 'run');
  assert.match(
    all[0].failure?.message ?? '',
    /^no request succeeded: connection refused — is the target running\?/,
  );
  const lost = cases(
    renderJunit(
      buildRunReport({ ...result(), error: 'the run was aborted: worker w2 went missing' }, about()),
    ),
  );
  assert.equal(lost[0].failure?.message, 'the run was aborted: worker w2 went missing');
});

test('Markdown: verdict, tables that keep their shape whatever the names hold, thresholds, checks, errors, no secret', () => {
  const md = renderMarkdown(buildRunReport(result(), about()));
  assert.match(md, /^<!-- stampede summary -->\n\n## ❌ Stampede: Shop evil/);
  assert.match(md, /\n> thresholds failed: p95 \\< 100ms\n/);
  assert.doesNotMatch(md, /hunter2secret/);
  const tables = md
    .trimEnd()
    .split('\n\n')
    .filter((b) => b.startsWith('| '));
  assert.equal(tables.length, 4, 'requests, thresholds, checks, errors');
  for (const t of tables) {
    const rows = t.split('\n');
    // Cells split on unescaped pipes only: every row has as many as the header.
    const width = (row: string): number => row.split(/(?<!\\)\|/).length;
    for (const row of rows) assert.equal(width(row), width(rows[0]), row);
  }
  const requests = tables[0].split('\n');
  assert.equal(requests.length, 2 + 2 + 1);
  assert.ok(
    requests[2].includes('\\</testcase\\>\\<x y="1"\\> \\& \\| \\[link\\](http://x) \u0001 \\`code\\`'),
    requests[2],
  );
  assert.match(requests[4], /^\| {2}\| \*\*Total\*\* \| 1,000 \|/);
  assert.match(tables[1], /\| ❌ fail \| p95 \\< 100ms \| 240 ms \| \\< 100 ms \|/);
  assert.match(tables[2], /\| ❌ \| GET evil .* \| status 200 \| 24 of 400 \| expected 200, got 503 \|/);
  assert.match(tables[3], /^\| Count \| Request \| Error \|\n\| ---: \| --- \| --- \|\n\| 20 \|/);
});

test('Markdown cells: pipes, line breaks and markup are escaped; long text is cut', () => {
  assert.equal(mdCell('a|b\nc\r\nd'), 'a\\|b c d');
  assert.equal(
    mdCell('![x](y) <img> *b* _i_ ~s~ &amp;'),
    '!\\[x\\](y) \\<img\\> \\*b\\* \\_i\\_ \\~s\\~ \\&amp;',
  );
  assert.equal(mdCell('x'.repeat(300)).length, 200);
});
