// A check's failure text quotes what the server sent ("got ..."): a server that answers a new value
// each time must not make a new error row each time. Each check keeps its first few distinct values
// apart, cut to 80 characters, then one shared row. (Its own file: the bound is per process.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DETAILS_PER_KIND } from '../../../engine/http/errorText';
import { failedCheck, ResponseData } from '../../../engine/runner/responseChecks';
import type { Scope } from '../../../engine/runner/scope';

const response = (body: string) =>
  new ResponseData({ status: 200, body: Buffer.from(body), header: () => undefined });

test('a check against changing server values makes a bounded number of error keys', () => {
  const check = { kind: 'json' as const, path: ['state'], equals: 'done' };
  const keys = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const f = failedCheck(check, response(JSON.stringify({ state: `pending-${i}-${'x'.repeat(200)}` })), {} as Scope);
    assert.ok(f?.startsWith('check json.state: expected "done", got '), f);
    assert.ok(f!.length < 200, `${f!.length} characters`);
    keys.add(f!);
  }
  assert.equal(keys.size, MAX_DETAILS_PER_KIND + 1);
  // A value seen among the first ones still has its own row.
  const first = failedCheck(check, response(JSON.stringify({ state: `pending-0-${'x'.repeat(200)}` })), {} as Scope);
  assert.ok(first?.includes('pending-0-'), first);
});
