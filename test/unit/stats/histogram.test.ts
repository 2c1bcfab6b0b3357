import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Histogram,
  bucketIndex,
  bucketRange,
  checkEncoded,
  BUCKET_COUNT,
  MAX_TRACKABLE_MS,
} from '../../../engine/stats/histogram';
import { PERCENTILES } from '../../../common/snapshot';
import { distributions, exactPercentile, samples } from './samples';

const PS = [0, 1, 10, 25, ...PERCENTILES];

for (const name of Object.keys(distributions)) {
  test(`percentiles within 0.1 % of exact values: ${name}`, () => {
    const values = samples(name, 50_000);
    const h = new Histogram();
    for (const v of values) h.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of PS) {
      const exact = exactPercentile(sorted, p);
      const got = h.percentile(p);
      // 0.1 % relative, or 1/32 us absolute below 32 us (the documented bound).
      const bound = Math.max(exact * 0.001, 1 / 32_000);
      assert.ok(Math.abs(got - exact) <= bound, `p${p}: got ${got}, exact ${exact}`);
    }
    assert.equal(h.count, values.length);
    assert.equal(h.min, sorted[0]);
    assert.equal(h.max, sorted[sorted.length - 1]);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(Math.abs(h.mean - mean) <= mean * 1e-9);
  });
}

test('merging two halves equals the whole', () => {
  const values = samples('bimodal 2 ms / 400 ms', 20_000, 7).concat(
    samples('sub-millisecond 0.05..0.9 ms', 5_000, 8),
  );
  const whole = new Histogram();
  const a = new Histogram();
  const b = new Histogram();
  values.forEach((v, i) => {
    whole.record(v);
    (i % 3 === 0 ? a : b).record(v);
  });
  const viaAdd = new Histogram();
  viaAdd.add(a);
  viaAdd.add(b);
  const viaEncoded = new Histogram();
  viaEncoded.addEncoded(a.encode());
  viaEncoded.addEncoded(Buffer.from(b.encode()).toString('base64'));
  for (const merged of [viaAdd, viaEncoded]) {
    assert.equal(merged.count, whole.count);
    assert.equal(merged.min, whole.min);
    assert.equal(merged.max, whole.max);
    assert.ok(Math.abs(merged.mean - whole.mean) < 1e-9 * whole.mean);
    assert.deepEqual(merged.percentiles(PS), whole.percentiles(PS));
  }
});

test('encode/decode round trip keeps every bucket and the exact summary', () => {
  const h = new Histogram();
  for (const v of samples('wide 0.1 ms .. 10 min', 10_000, 3)) h.record(v);
  h.recordMany(5, 1e12); // counts beyond 32 bits survive the varints
  const d = Histogram.decode(h.encode());
  assert.equal(d.count, h.count);
  assert.equal(d.min, h.min);
  assert.equal(d.max, h.max);
  assert.equal(d.sum, h.sum);
  assert.deepEqual(d.percentiles(PS), h.percentiles(PS));
  assert.deepEqual(d.encode(), h.encode());
});

test('an empty histogram reports zeros and encodes small', () => {
  const h = new Histogram();
  assert.equal(h.count, 0);
  assert.equal(h.min, 0);
  assert.equal(h.max, 0);
  assert.equal(h.mean, 0);
  assert.equal(h.percentile(99), 0);
  const enc = h.encode();
  assert.ok(enc.length < 30);
  assert.equal(Histogram.decode(enc).count, 0);
});

test('reset empties the histogram and it records again', () => {
  const h = new Histogram();
  h.record(10);
  h.record(1000);
  h.reset();
  assert.equal(h.count, 0);
  assert.equal(h.encode().length, Histogram.decode(new Histogram().encode()).encode().length);
  h.record(3);
  assert.equal(h.percentile(50), 3);
  assert.equal(h.min, 3);
});

test('odd inputs: negative and NaN count as 0, huge values clamp to the top bucket but max stays exact', () => {
  const h = new Histogram();
  h.record(-5);
  h.record(Number.NaN);
  h.record(MAX_TRACKABLE_MS * 10);
  assert.equal(h.count, 3);
  assert.equal(h.min, 0);
  assert.equal(h.max, MAX_TRACKABLE_MS * 10);
  assert.equal(h.percentile(100), MAX_TRACKABLE_MS * 10);
  assert.ok(bucketIndex(MAX_TRACKABLE_MS * 10) === BUCKET_COUNT - 1);
});

test('buckets are contiguous and each is at most 1/512 of its lower bound wide above 32 us', () => {
  let prevEnd = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    const { lowMs, widthMs } = bucketRange(i);
    assert.ok(Math.abs(lowMs - prevEnd) <= 1e-12 * Math.max(1, lowMs), `gap before bucket ${i}`);
    if (lowMs >= 0.032) assert.ok(widthMs / lowMs <= 1 / 512 + 1e-12, `bucket ${i} too wide`);
    prevEnd = lowMs + widthMs;
    assert.equal(bucketIndex(lowMs + widthMs / 2), i);
  }
});

test('malformed encodings are rejected with a clear error', () => {
  assert.throws(() => Histogram.decode(new Uint8Array([9, 1, 2])), /not an encoded Stampede histogram/);
  const enc = new Histogram();
  enc.record(1);
  enc.record(100);
  const bytes = enc.encode();
  bytes[bytes.length - 1] |= 0x80;
  assert.throws(() => Histogram.decode(bytes), /truncated/);
});

test('one encoded histogram adds into several at once, and subtracting it leaves the rest exactly', () => {
  const a = new Histogram();
  const b = new Histogram();
  for (const v of samples('lognormal around 20 ms', 5_000, 21)) a.record(v);
  for (const v of samples('bimodal 2 ms / 400 ms', 5_000, 22)) b.record(v);
  const x = new Histogram();
  const y = new Histogram();
  Histogram.addEncodedInto(a.encode(), [x, y], 1);
  Histogram.addEncodedInto(b.encode(), [x], 1);
  assert.equal(x.count, 10_000);
  assert.deepEqual(y.percentiles(PS), a.percentiles(PS));
  Histogram.addEncodedInto(a.encode(), [x], -1);
  x.setExtremes(b.min, b.max);
  assert.equal(x.count, b.count);
  assert.deepEqual(x.percentiles(PS), b.percentiles(PS));
  Histogram.addEncodedInto(b.encode(), [x], -1);
  assert.equal(x.count, 0);
  assert.equal(x.percentile(50), 0);
});

test('a malformed buffer changes nothing in the histograms it was added to', () => {
  const h = new Histogram();
  h.record(5);
  const bad = new Histogram();
  bad.record(1);
  bad.record(1000);
  const bytes = bad.encode();
  bytes[bytes.length - 1] |= 0x80;
  assert.throws(() => Histogram.addEncodedInto(bytes, [h], 1), /truncated/);
  assert.equal(h.count, 1);
  assert.deepEqual(Histogram.decode(h.encode()).percentiles(PS), h.percentiles(PS));
});

/** An encoding of `values` whose header's max says `maxMs` (a broken or hostile peer's). */
function withMax(values: number[], maxMs: number): Uint8Array {
  const h = new Histogram();
  for (const v of values) h.record(v);
  const bytes = h.encode();
  new DataView(bytes.buffer).setFloat64(17, maxMs, true);
  return bytes;
}

test('a bucket above the header max is rejected half-way, and every target is as before', () => {
  // The merge parses each encoding once, growing the targets from the header's max: a bucket past
  // it is found only after earlier buckets were added, and those are taken back.
  const x = new Histogram();
  const y = new Histogram();
  for (const v of samples('lognormal around 20 ms', 2_000, 31)) x.record(v);
  const before = x.encode();
  const bad = withMax([1, 2, 3, 500], 3);
  assert.throws(() => Histogram.addEncodedInto(bad, [x, y], 1), /bucket \(\d+\) above its max \(3 ms\)/);
  assert.deepEqual(x.encode(), before);
  assert.equal(y.count, 0);
  assert.deepEqual(y.encode(), new Histogram().encode());
  assert.throws(() => checkEncoded(bad), /above its max/);
  // A max that is no duration allows any bucket: the buckets are still range-checked.
  const x2 = new Histogram();
  Histogram.addEncodedInto(withMax([1, 500], Number.NaN), [x2], 1);
  assert.equal(x2.count, 2);
});

test('checkEncoded reports the header count and the sum of the buckets without adding anything', () => {
  const h = new Histogram();
  for (const v of samples('bimodal 2 ms / 400 ms', 3_000, 41)) h.record(v);
  assert.deepEqual(checkEncoded(h.encode()), { count: 3_000, bucketTotal: 3_000 });
  const truncated = h.encode();
  truncated[truncated.length - 1] |= 0x80;
  assert.throws(() => checkEncoded(truncated), /truncated/);
});

test('the one-pass merge of many encodings equals recording every value into one histogram', () => {
  const direct = new Histogram();
  const merged = new Histogram();
  const window = new Histogram();
  for (let part = 0; part < 20; part++) {
    const h = new Histogram();
    for (const v of samples(part % 2 ? 'lognormal around 20 ms' : 'bimodal 2 ms / 400 ms', 500, 100 + part)) {
      h.record(v);
      direct.record(v);
    }
    Histogram.addEncodedInto(h.encode(), [merged, window], 1);
  }
  // Buckets, count and extremes are exact; only the float sum may differ in its last bits (the
  // order of the additions differs).
  for (const h of [merged, window]) {
    assert.deepEqual(h.percentiles(PS), direct.percentiles(PS));
    assert.equal(h.count, direct.count);
    assert.equal(h.min, direct.min);
    assert.equal(h.max, direct.max);
    assert.ok(Math.abs(h.sum - direct.sum) <= 1e-9 * direct.sum);
  }
  assert.deepEqual(merged.encode().subarray(25), direct.encode().subarray(25));
});

test('reported values carry no float noise (one division per bucket value)', () => {
  const h = new Histogram();
  for (const v of [0.7, 0.7331, 10]) h.record(v);
  assert.equal(String(h.percentile(50)), '0.7335');
});
