import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, wholeNumber } from '../../../engine/cli/args';
import { UsageError } from '../../../engine/cli/errors';

const spec = {
  users: { type: 'number', alias: 'u' },
  json: { type: 'boolean' },
  duration: { type: 'string', alias: 'd' },
} as const;

test('parses positionals, long and short flags, inline values', () => {
  const p = parseArgs(['a.yaml', '--users', '10', '-d', '30s', '--json'], spec, 'u');
  assert.deepEqual(p.positionals, ['a.yaml']);
  assert.deepEqual(p.flags, { users: 10, duration: '30s', json: true });
  assert.deepEqual(parseArgs(['--users=5', '--', '--json'], spec, 'u'), {
    positionals: ['--json'],
    flags: { users: 5 },
    lists: {},
  });
});

test('a repeatable flag keeps every value in order (`--env A=1 -e B=2 --env=C=3`)', () => {
  const p = parseArgs(
    ['--env', 'A=1', '-e', 'B=2', '--env=C=3', 'f'],
    { env: { type: 'string', alias: 'e', repeatable: true } },
    'u',
  );
  assert.deepEqual(p.lists, { env: ['A=1', 'B=2', 'C=3'] });
  assert.deepEqual(p.flags, {});
  assert.deepEqual(p.positionals, ['f']);
});

test('unknown flags, missing values and bad numbers are usage errors naming the flag', () => {
  assert.throws(
    () => parseArgs(['--user', '3'], spec, 'u'),
    (e: unknown) => e instanceof UsageError && /--user\b/.test(e.message),
  );
  assert.throws(
    () => parseArgs(['-x'], spec, 'u'),
    (e: unknown) => e instanceof UsageError && /-x/.test(e.message),
  );
  assert.throws(() => parseArgs(['--users'], spec, 'u'), /--users needs a value/);
  assert.throws(() => parseArgs(['--users', 'ten'], spec, 'u'), /--users needs a number \(got "ten"\)/);
  assert.throws(() => parseArgs(['--json=yes'], spec, 'u'), /--json takes no value/);
  assert.throws(() => wholeNumber(2.5, 'users', 1, 'u'), /whole number >= 1/);
  assert.equal(wholeNumber(undefined, 'users', 1, 'u'), undefined);
  assert.equal(wholeNumber(0, 'workers', 0, 'u'), 0);
});
