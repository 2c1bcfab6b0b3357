// The choice of a connection's local address: round robin over the configured list (of the
// target's family), the automatic loopback spread on Linux, nothing for ::1 or remote targets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOOPBACK_SOURCES, sourceAddressFor } from '../../../engine/http/sourceAddress';

test('sourceAddressFor: the configured list in turn, one family for an IP target', () => {
  const list = ['10.0.0.5', '10.0.0.6', 'fd00::5'];
  assert.deepEqual(
    [1, 2, 3, 4].map(() => sourceAddressFor('10.0.0.1', list)),
    ['10.0.0.5', '10.0.0.6', '10.0.0.5', '10.0.0.6'],
  );
  assert.deepEqual(
    [1, 2].map(() => sourceAddressFor('fd00::1', list)),
    ['fd00::5', 'fd00::5'],
  );
  assert.equal(
    sourceAddressFor('fd00::1', ['10.0.0.5']),
    undefined,
    'no address of the family: the kernel picks',
  );
});

test('sourceAddressFor: IPv4 loopback spreads over 127.0.0.2... on Linux; ::1 and other hosts do not', () => {
  const picked = Array.from({ length: LOOPBACK_SOURCES.length + 1 }, () =>
    sourceAddressFor('127.0.0.1', undefined),
  );
  if (process.platform === 'linux') {
    assert.equal(new Set(picked).size, LOOPBACK_SOURCES.length);
    assert.equal(picked[0], picked[LOOPBACK_SOURCES.length], 'wraps around');
    assert.ok(picked.includes('127.0.0.2') && picked.includes('127.0.0.3'));
  } else assert.deepEqual(new Set(picked), new Set([undefined]));
  assert.equal(sourceAddressFor('::1', undefined), undefined);
  assert.equal(sourceAddressFor('localhost', undefined), undefined);
  assert.equal(sourceAddressFor('10.0.0.1', undefined), undefined);
  // A configured list replaces the automatic spread (`[127.0.0.1]` turns it off).
  assert.equal(sourceAddressFor('127.0.0.1', ['127.0.0.1']), '127.0.0.1');
});
