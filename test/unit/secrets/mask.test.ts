// The secret mask: every form a secret takes (as is, URL-encoded, JSON-escaped, form-encoded) is
// replaced in text, in deep values (keys too), and in log lines; nothing else changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretMask } from '../../../engine/secrets/mask';

test('masks a secret in every form, longest first, and leaves other text alone', () => {
  const mask = createSecretMask(['a b&"c"', 'tok']);
  assert.equal(mask.text('x a b&"c" y'), 'x *** y');
  assert.equal(mask.text('/p/a%20b%26%22c%22?x'), '/p/***?x');
  assert.equal(mask.text('{"v":"a b&\\"c\\""}'), '{"v":"***"}');
  assert.equal(mask.text('pw=a+b%26%22c%22'), 'pw=***');
  assert.equal(mask.text('token tok'), '***en ***');
  assert.equal(mask.text('nothing here'), 'nothing here');
});

test('deep values: strings and keys masked, numbers and bytes untouched, the input not changed', () => {
  const mask = createSecretMask(['s3cr3t']);
  const bytes = new Uint8Array([1, 2]);
  const input = { errors: [{ error: 'expected s3cr3t', count: 2 }], ['k-s3cr3t']: 1, h: bytes };
  const out = mask.value(input);
  assert.deepEqual(out, { errors: [{ error: 'expected ***', count: 2 }], ['k-***']: 1, h: bytes });
  assert.equal(input.errors[0].error, 'expected s3cr3t');
  const lines: string[] = [];
  const log = mask.logger({
    debug: (m) => lines.push(m),
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  });
  log.warn('worker w1: s3cr3t');
  assert.deepEqual(lines, ['worker w1: ***']);
});

test('no secrets (or only empty values): values pass through as the same objects', () => {
  const mask = createSecretMask(['']);
  const v = { a: 'b' };
  assert.equal(mask.empty, true);
  assert.equal(mask.value(v), v);
});

test('a one-character secret masks values, never the field names that give a snapshot its shape', () => {
  const m = createSecretMask(['t']);
  const masked = m.value({ thresholds: [{ source: 'p95 < 300ms', ok: true }], total: { name: 'get it' } });
  assert.deepEqual(Object.keys(masked), ['thresholds', 'total']);
  assert.equal(masked.total.name, 'ge*** i***');
});
