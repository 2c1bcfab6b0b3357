// Each request of a scenario maps to its user kind, task, phase and the line of its method key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScenario } from '../../../scenario/index';
import { bodyOf } from '../../../engine/try/exchange';
import { stepPlaces } from '../../../engine/try/stepPlaces';

const SOURCE = [
  'name: places', //               0
  'load: { users: 1, duration: 1s }', // 1
  'users:', //                     2
  '  - name: member', //           3
  '    start:', //                 4
  '      - name: login', //        5
  '        post: /login', //       6
  '    tasks:', //                 7
  '      - name: browse', //       8
  '        get: /products', //     9
  '      - name: buy', //          10
  '        steps:', //             11
  '          - post: /cart', //    12
  '          - think: 1s', //      13
  '          - name: show', //     14
  '            get: /cart/1', //   15
  '    loops:', //                 16
  '      - every: 1s', //          17
  '        get: /health', //       18
  '    stop:', //                  19
  '      - delete: /session', //   20
].join('\n');

test('requests map to where they are written: start, inline task, steps (past a think), loop, stop', () => {
  const scenario = analyzeScenario(SOURCE).scenario!;
  const places = stepPlaces(scenario, SOURCE);
  const kind = scenario.users[0];
  const at = (step: unknown): unknown => places.get(step as never);
  assert.deepEqual(at(kind.start[0]), { user: 'member', phase: 'start', line: 6 });
  assert.deepEqual(at(kind.tasks[0].steps[0]), { user: 'member', task: 'browse', phase: 'task', line: 9 });
  assert.deepEqual(at(kind.tasks[1].steps[0]), { user: 'member', task: 'buy', phase: 'task', line: 12 });
  assert.deepEqual(at(kind.tasks[1].steps[2]), { user: 'member', task: 'buy', phase: 'task', line: 15 });
  assert.deepEqual(at(kind.loops[0].steps[0]), { user: 'member', phase: 'loop', line: 18 });
  assert.deepEqual(at(kind.stop[0]), { user: 'member', phase: 'stop', line: 20 });
});

test('bodies: JSON pretty-printed, long ones cut to 2 KiB and say so, binary ones counted only', () => {
  assert.deepEqual(bodyOf(Buffer.from('{"a":[1]}'), 'application/json'), {
    text: '{\n  "a": [\n    1\n  ]\n}',
    bytes: 9,
    truncated: false,
  });
  const long = bodyOf(Buffer.from('x'.repeat(5000)), 'text/plain')!;
  assert.equal(long.text.length, 2048);
  assert.equal(long.bytes, 5000);
  assert.equal(long.truncated, true);
  assert.deepEqual(bodyOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'), {
    text: '',
    bytes: 9,
    truncated: false,
    binary: true,
  });
  assert.equal(bodyOf(Buffer.alloc(0), undefined), undefined);
});
