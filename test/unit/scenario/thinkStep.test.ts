// `think:` as a step: a pause inside a sequence (what an imported HAR's think times become).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import { clean, HEAD, only, yaml } from './helpers';

const journey = (pause: string): string =>
  HEAD +
  yaml`
    users:
      - tasks:
          - steps:
              - get: /a
              - think: ${pause}
              - get: /b
  `;

test('a think step compiles to a pause between the requests around it', () => {
  const s = clean(journey('1.5s'));
  const steps = s.users[0].tasks[0].steps;
  assert.deepEqual(
    steps.map((st) => st.kind),
    ['request', 'think', 'request'],
  );
  assert.deepEqual(steps[1], { kind: 'think', think: { kind: 'constant', ms: 1500 } });
  const random = clean(journey('between(1s, 2s)')).users[0].tasks[0].steps[1];
  assert.deepEqual(random, { kind: 'think', think: { kind: 'between', minMs: 1000, maxMs: 2000 } });
});

test('a think step refuses pacing, a bad duration, and request keys beside it', () => {
  only(analyzeScenario(journey('pacing(2s)')), 'pacing-in-step');
  only(analyzeScenario(journey('soon')), 'bad-think');
  const mixed =
    HEAD +
    yaml`
    users:
      - tasks:
          - steps:
              - think: 1s
                headers: { A: b }
  `;
  only(analyzeScenario(mixed), 'not-for-think');
  const both =
    HEAD +
    yaml`
    users:
      - tasks:
          - steps:
              - get: /a
                think: 1s
  `;
  only(analyzeScenario(both), 'think-and-request');
});
