// A worker's failure samples are checked like its numbers: a report whose samples break the
// bounds (too many, too long, another request's) is dropped whole, before anything is merged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SAMPLE_LIMITS,
  asWorkerToMaster,
  type SampleReport,
  type WorkerToMaster,
} from '../../../common/protocol/engine';
import { checkWorkerNumbers, reportLimitsFor } from '../../../engine/master/reportLimits';
import { createStatsAggregator } from '../../../engine/stats/aggregator';
import { closedScenario } from './fakes';

const limits = reportLimitsFor(closedScenario(1, 1000));

const sample = (extra: Partial<SampleReport> = {}): SampleReport => ({
  name: '/fake',
  method: 'GET',
  time: 1,
  error: 'HTTP 500',
  request: { method: 'GET', url: 'http://127.0.0.1/fake', headers: 'Accept: */*', body: '', bodyBytes: 0 },
  response: { status: 500, headers: 'HTTP/1.1 500 Oops', body: 'boom', bodyBytes: 4 },
  ...extra,
});

const report = (samples: unknown): Extract<WorkerToMaster, { kind: 'report' }> =>
  ({
    kind: 'report',
    workerId: 'w',
    seq: 1,
    final: false,
    users: 1,
    cpu: 0.1,
    loopDelayMs: 1,
    stats: { entries: [], errors: [], trackers: [], samples },
  }) as Extract<WorkerToMaster, { kind: 'report' }>;

test('bounded samples of the scenario requests pass', () => {
  assert.equal(checkWorkerNumbers(report([sample(), sample({ response: undefined })]), limits), undefined);
  assert.equal(checkWorkerNumbers(report(undefined), limits), undefined);
});

test('oversized or foreign sample fields drop the report', () => {
  const big = 'x'.repeat(SAMPLE_LIMITS.bodyBytes + 1);
  const head = 'x'.repeat(SAMPLE_LIMITS.headChars + 2);
  const cases: Array<[string, unknown]> = [
    ['response body', [sample({ response: { status: 500, headers: '', body: big, bodyBytes: 1 } })]],
    [
      'request body',
      [sample({ request: { method: 'GET', url: '/', headers: '', body: big, bodyBytes: 1 } })],
    ],
    [
      'request headers',
      [sample({ request: { method: 'GET', url: '/', headers: head, body: '', bodyBytes: 0 } })],
    ],
    ['url', [sample({ request: { method: 'GET', url: head, headers: '', body: '', bodyBytes: 0 } })]],
    ['response headers', [sample({ response: { status: 500, headers: head, body: '', bodyBytes: 0 } })]],
    ['check value', [sample({ check: { check: 'json.x', saw: 'x'.repeat(SAMPLE_LIMITS.sawChars + 2) } })]],
    ['error text', [sample({ error: 'e'.repeat(5000) })]],
    ['status', [sample({ response: { status: 1e9, headers: '', body: '', bodyBytes: 0 } })]],
    ['body length', [sample({ response: { status: 500, headers: '', body: '', bodyBytes: -1 } })]],
    ['request', [sample({ name: '/not-in-the-scenario' })]],
    ['count', Array.from({ length: SAMPLE_LIMITS.perRun + 1 }, () => sample())],
    ['shape', [null]],
    ['list', { 0: sample() }],
  ];
  for (const [what, samples] of cases)
    assert.match(checkWorkerNumbers(report(samples), limits) ?? '', /sample/, `${what} must be refused`);
  // The protocol guard already refuses samples that are not a list.
  assert.equal(asWorkerToMaster(report('not a list')), undefined);
});

test('the master keeps the first samples per error row across workers, and at most 100 in all', () => {
  const agg = createStatsAggregator();
  const errors = [
    { name: '/fake', method: 'GET', error: 'HTTP 500', count: 5 },
    { name: '/fake', method: 'GET', error: 'HTTP 503', count: 1 },
  ];
  for (const worker of ['w1', 'w2'])
    agg.add(
      {
        entries: [],
        errors,
        samples: [1, 2, 3].map((i) =>
          sample({ time: i, request: { ...sample().request, url: `${worker}/${i}` } }),
        ),
      },
      worker,
    );
  agg.add({ entries: [], errors: [], samples: [sample({ error: 'HTTP 503' })] }, 'w2');
  const view = agg.view(1000, Date.now());
  const row500 = view.errors.find((e) => e.error === 'HTTP 500')!;
  assert.deepEqual(
    row500.samples!.map((s) => s.request.url),
    ['w1/1', 'w1/2', 'w1/3'],
  );
  assert.equal(view.errors.find((e) => e.error === 'HTTP 503')!.samples!.length, 1);
  assert.ok(!('name' in row500.samples![0]), 'a row sample does not repeat its row');

  const many = createStatsAggregator();
  for (let w = 0; w < 3; w++)
    many.add(
      {
        entries: [],
        errors: [],
        samples: Array.from({ length: SAMPLE_LIMITS.perRun }, (_, i) => sample({ error: `e${w}-${i}` })),
      },
      `w${w}`,
    );
  const rows = Array.from({ length: 3 * SAMPLE_LIMITS.perRun }, (_, i) => ({
    name: '/fake',
    method: 'GET',
    error: `e${Math.floor(i / SAMPLE_LIMITS.perRun)}-${i % SAMPLE_LIMITS.perRun}`,
    count: 1,
  }));
  many.add({ entries: [], errors: rows }, 'w0');
  const kept = many.view(1000, Date.now()).errors.reduce((n, e) => n + (e.samples?.length ?? 0), 0);
  assert.equal(kept, SAMPLE_LIMITS.perRun);
});
