import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineSplitter } from '../../../client/engineHost';

test('lines split across chunks arrive whole, CRLF included, and the tail on flush', () => {
  const lines: string[] = [];
  const s = lineSplitter((l) => lines.push(l));
  s.push('first li');
  s.push('ne\r\nsecond\nthi');
  assert.deepEqual(lines, ['first line', 'second']);
  s.push('rd');
  s.flush();
  s.flush();
  assert.deepEqual(lines, ['first line', 'second', 'third']);
});
