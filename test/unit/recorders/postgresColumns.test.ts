// The PostgreSQL recorder's percentile columns follow the one list of percentiles
// (common/snapshot.ts PERCENTILES) and keep the names databases already have; each entry row puts
// a percentile's value in that percentile's column, whatever order the snapshot's keys come in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERCENTILES, type PercentileKey } from '../../../common/snapshot';
import { COLUMNS, finalRows } from '../../../engine/recorders/postgresRows';
import { MIGRATIONS, PERCENTILE_COLUMNS, percentileColumn } from '../../../engine/recorders/postgresSchema';
import { entry, snapshot } from '../stats/fixtures';

test('the percentile columns are PERCENTILES, one each, in order, named as shipped databases have them', () => {
  assert.deepEqual(PERCENTILE_COLUMNS, PERCENTILES.map(percentileColumn));
  assert.equal(percentileColumn(99.9), 'p99_9');
  assert.equal(percentileColumn(99.99), 'p99_99');
  // Migration 1 has shipped with exactly these columns: were PERCENTILES to change, databases made
  // by it would lack the new column. Freeze migration 1's list then and add the column in a new
  // migration (ALTER TABLE stampede_entries ADD COLUMN ...), rather than edit this list.
  assert.deepEqual(PERCENTILE_COLUMNS, 'p50 p66 p75 p80 p90 p95 p98 p99 p99_9 p99_99 p100'.split(' '));
  for (const c of PERCENTILE_COLUMNS)
    assert.match(MIGRATIONS[0], new RegExp(`\\b${c} double precision NOT NULL`));
});

test('an entry row holds each percentile in its own column, whatever the key order of the snapshot', () => {
  // Keys in reverse order, as a decoded or merged snapshot may hold them: the row must not depend on it.
  const reversed = Object.fromEntries([...PERCENTILES].reverse().map((p) => [`p${p}`, 1000 + p])) as Record<
    PercentileKey,
    number
  >;
  const s = snapshot({ entries: [entry('/r', 'GET', 10, 0, 5, { percentiles: reversed })] });
  const row = finalRows({ snapshot: s, history: [], started: true }).find(
    (r) => r.table === 'stampede_entries',
  )!;
  const cols = COLUMNS.stampede_entries;
  assert.equal(row.values.length, cols.length);
  for (const p of PERCENTILES) assert.equal(row.values[cols.indexOf(percentileColumn(p))], 1000 + p, `p${p}`);
});
