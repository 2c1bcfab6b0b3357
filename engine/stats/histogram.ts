// A mergeable latency histogram: HDR-style log-linear buckets with a sparse wire encoding.
//
// Why our own and not hdr-histogram-js: the master merges 100 workers x 50 entries every second
// and keeps a 10-second window, so merging must cost O(non-zero buckets), not O(all buckets).
// hdr-histogram-js decodes every report into a full histogram and adds it densely; this one ships
// only the non-zero buckets and adds (or subtracts, for the sliding window) just those. The
// measurement behind the choice is in docs/benchmarks.md ("Master merge cost").
//
// Buckets: values are scaled to units of 1/16 microsecond. Each power of two (an "octave") above
// 1024 units is split into 512 equal sub-buckets, and values below 1024 units get buckets one
// unit wide. A bucket's width is therefore at most 1/512 of its lower bound, and reporting the
// bucket's midpoint is off by at most 1/1024 (about 0.1 %) for every value from 32 us up to
// MAX_TRACKABLE_MS; below 32 us the absolute error is at most 1/32 us. Values above the range
// are counted in the top bucket; min, max, mean and the count stay exact whatever the value.

export const UNITS_PER_MS = 16_000;
const SUB_BITS = 9;
const SUB_COUNT = 1 << SUB_BITS; // 512 sub-buckets per octave
const LINEAR_LIMIT = SUB_COUNT * 2; // values below this many units have 1-unit buckets
const MAX_OCTAVE = 26;
/** Largest value with bounded relative error: 2^36 units, about 71.6 minutes. */
export const MAX_TRACKABLE_MS = 2 ** (MAX_OCTAVE + SUB_BITS + 1) / UNITS_PER_MS;
/** Number of buckets of a full histogram. */
export const BUCKET_COUNT = (MAX_OCTAVE + 2) * SUB_COUNT;
const TWO_32 = 2 ** 32;

/** The bucket of a non-negative value in ms. */
export function bucketIndex(ms: number): number {
  let u = Math.floor(ms * UNITS_PER_MS);
  if (u < LINEAR_LIMIT) return u;
  const maxUnits = 2 ** (MAX_OCTAVE + SUB_BITS + 1) - 1;
  if (u > maxUnits) u = maxUnits;
  // Bit length of u (u < 2^37), without Math.log2.
  const bits = u < TWO_32 ? 32 - Math.clz32(u) : 64 - Math.clz32(Math.floor(u / TWO_32));
  const octave = bits - SUB_BITS - 1; // >= 1 here
  const sub = u < TWO_32 ? u >>> octave : Math.floor(u / 2 ** octave);
  return octave * SUB_COUNT + sub;
}

/** Lower bound (ms) of a bucket and its width (ms). */
export function bucketRange(index: number): { lowMs: number; widthMs: number } {
  if (index < LINEAR_LIMIT) return { lowMs: index / UNITS_PER_MS, widthMs: 1 / UNITS_PER_MS };
  const octave = Math.floor(index / SUB_COUNT) - 1;
  const sub = index - octave * SUB_COUNT;
  const width = 2 ** octave;
  return { lowMs: (sub * width) / UNITS_PER_MS, widthMs: width / UNITS_PER_MS };
}

/** The value reported for a bucket: its midpoint (one division, so 0.7325 prints as 0.7325). */
function bucketValue(index: number): number {
  if (index < LINEAR_LIMIT) return (index + 0.5) / UNITS_PER_MS;
  const octave = Math.floor(index / SUB_COUNT) - 1;
  const sub = index - octave * SUB_COUNT;
  return ((sub + 0.5) * 2 ** octave) / UNITS_PER_MS;
}

const FORMAT_VERSION = 1;
const HEADER_BYTES = 1 + 8 * 3;

export class Histogram {
  /** Dense bucket counts, grown on demand (allocation only when a larger value first appears). */
  private counts = new Float64Array(0);
  private total = 0;
  private sumMs = 0;
  private minMs = Infinity;
  private maxMs = -Infinity;
  /** Lowest and highest index that may be non-zero: reset, encode and percentiles scan only these. */
  private lo = Number.MAX_SAFE_INTEGER;
  private hi = -1;

  /** Records one value in milliseconds (fractions allowed). Negative and NaN count as 0. */
  record(ms: number): void {
    this.recordMany(ms, 1);
  }

  /** Records the same value `n` times. */
  recordMany(ms: number, n: number): void {
    if (!(n > 0)) return;
    const v = ms > 0 ? ms : 0;
    const i = bucketIndex(v);
    if (i >= this.counts.length) this.grow(i);
    this.counts[i] += n;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.total += n;
    this.sumMs += v * n;
    if (v < this.minMs) this.minMs = v;
    if (v > this.maxMs) this.maxMs = v;
  }

  get count(): number {
    return this.total;
  }
  /** Exact smallest value (0 when empty). */
  get min(): number {
    return this.total > 0 ? this.minMs : 0;
  }
  /** Exact largest value (0 when empty). */
  get max(): number {
    return this.total > 0 ? this.maxMs : 0;
  }
  /** Exact mean (0 when empty). */
  get mean(): number {
    return this.total > 0 ? this.sumMs / this.total : 0;
  }
  /** Exact sum of all recorded values. */
  get sum(): number {
    return this.sumMs;
  }

  /** The value at percentile p (0..100) in ms: 0 is the min, 100 the max, 0 when empty. */
  percentile(p: number): number {
    return this.percentiles([p])[0] ?? 0;
  }

  /**
   * Several percentiles in one pass over the buckets; `ps` must be ascending. The value at p is
   * the smallest recorded value with at least ceil(p% of count) values at or below it, within
   * the bucket's error bound, clamped to [min, max].
   */
  percentiles(ps: readonly number[]): number[] {
    const out = new Array<number>(ps.length).fill(0);
    if (this.total === 0) return out;
    let k = 0;
    let seen = 0;
    for (let i = this.lo; i <= this.hi && k < ps.length; i++) {
      const c = this.counts[i];
      if (c === 0) continue;
      seen += c;
      while (k < ps.length && seen >= this.rank(ps[k])) {
        out[k] = this.clamp(ps[k], i);
        k++;
      }
    }
    for (; k < ps.length; k++) out[k] = this.maxMs;
    return out;
  }

  /** Adds another histogram's content (exact). */
  add(other: Histogram): void {
    if (other.total === 0) return;
    if (other.hi >= this.counts.length) this.grow(other.hi);
    for (let i = other.lo; i <= other.hi; i++) this.counts[i] += other.counts[i];
    this.mergeSummary(other.total, other.sumMs, other.minMs, other.maxMs, other.lo, other.hi);
  }

  /** Adds an encoded histogram (from `encode()`, or its base64 text) without building an object. */
  addEncoded(buf: string | Uint8Array): void {
    Histogram.addEncodedInto(buf, [this], 1);
  }

  /**
   * Adds (sign 1) or subtracts (sign -1) one encoded histogram into several histograms in a single
   * parse, allocating nothing: the master's hot path (an entry, the total, and their windows).
   * Subtraction keeps min/max (see setExtremes). Throws on a malformed buffer, changing nothing.
   *
   * One pass, not a validating pass and then an adding one (that was half the master's merge cost
   * at 1,000 workers): the targets are grown up front to the bucket of the header's exact max,
   * which no bucket of a well-formed encoding exceeds, and a buffer found malformed half-way is
   * rolled back by subtracting the pairs already added (rare, and only for a broken peer).
   */
  static addEncodedInto(buf: string | Uint8Array, targets: readonly Histogram[], sign: 1 | -1): void {
    const bytes = toBytes(buf);
    const header = readHeader(bytes);
    const { count, totalMs, minMs, maxMs } = header;
    if (count === 0) return;
    const top = topBucket(maxMs);
    for (const t of targets) if (top >= t.counts.length) t.grow(top);
    const start = header.bodyAt;
    // One cursor per histogram, not per bucket; readVarint is small enough for V8 to inline.
    const cursor = { at: start };
    let index = -1;
    let lo = -1;
    try {
      while (cursor.at < bytes.length) {
        const gap = readVarint(bytes, cursor);
        const c = readVarint(bytes, cursor);
        const next = index + gap + 1;
        if (next > top) throw bucketAboveTop(next, maxMs);
        index = next;
        if (lo < 0) lo = index;
        const signed = sign * c;
        for (let k = 0; k < targets.length; k++) targets[k].counts[index] += signed;
      }
    } catch (err) {
      Histogram.undoPairs(bytes, start, index, targets, sign);
      throw err;
    }
    if (lo < 0) return;
    for (const t of targets) {
      if (sign === 1) t.mergeSummary(count, totalMs, minMs, maxMs, lo, index);
      else {
        t.total -= count;
        t.sumMs -= totalMs;
        if (t.total <= 0) t.reset();
      }
    }
  }

  /** Takes back the (gap, count) pairs from `start` up to bucket `last` that a failed addEncodedInto had applied. */
  private static undoPairs(
    bytes: Uint8Array,
    start: number,
    last: number,
    targets: readonly Histogram[],
    sign: 1 | -1,
  ): void {
    const cursor = { at: start };
    let index = -1;
    while (index < last) {
      index += readVarint(bytes, cursor) + 1;
      const c = readVarint(bytes, cursor);
      for (const t of targets) t.counts[index] -= sign * c;
    }
  }

  /**
   * Sets the exact min and max after slices were removed (removing with sign -1 cannot undo
   * them); the caller knows the bounds of what is left.
   */
  setExtremes(minMs: number, maxMs: number): void {
    if (this.total > 0) {
      this.minMs = minMs;
      this.maxMs = maxMs;
    }
  }

  /** Compact binary form: a header, then (index gap, count) varint pairs for non-zero buckets. */
  encode(): Uint8Array {
    let nonZero = 0;
    for (let i = this.lo; i <= this.hi; i++) if (this.counts[i] !== 0) nonZero++;
    const out = new Uint8Array(HEADER_BYTES + 8 + nonZero * 12);
    const view = new DataView(out.buffer);
    out[0] = FORMAT_VERSION;
    view.setFloat64(1, this.sumMs, true);
    view.setFloat64(9, this.min, true);
    view.setFloat64(17, this.max, true);
    let at = writeVarint(out, HEADER_BYTES, this.total);
    let prev = -1;
    for (let i = this.lo; i <= this.hi; i++) {
      const c = this.counts[i];
      if (c === 0) continue;
      at = writeVarint(out, at, i - prev - 1);
      at = writeVarint(out, at, c);
      prev = i;
    }
    return out.slice(0, at);
  }

  static decode(buf: string | Uint8Array): Histogram {
    const h = new Histogram();
    h.addEncoded(buf);
    return h;
  }

  /** Empties the histogram, keeping its buffer (no allocation on the next interval). */
  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.total = 0;
    this.sumMs = 0;
    this.minMs = Infinity;
    this.maxMs = -Infinity;
    this.lo = Number.MAX_SAFE_INTEGER;
    this.hi = -1;
  }

  private rank(p: number): number {
    return Math.max(1, Math.ceil((p / 100) * this.total));
  }

  private clamp(p: number, index: number): number {
    if (p <= 0) return this.minMs;
    if (p >= 100) return this.maxMs;
    return Math.min(this.maxMs, Math.max(this.minMs, bucketValue(index)));
  }

  private mergeSummary(n: number, sum: number, min: number, max: number, lo: number, hi: number): void {
    this.total += n;
    this.sumMs += sum;
    if (min < this.minMs) this.minMs = min;
    if (max > this.maxMs) this.maxMs = max;
    if (lo < this.lo) this.lo = lo;
    if (hi > this.hi) this.hi = hi;
  }

  private grow(index: number): void {
    let size = Math.max(LINEAR_LIMIT, this.counts.length);
    while (size <= index) size *= 2;
    const next = new Float64Array(Math.min(size, BUCKET_COUNT));
    next.set(this.counts);
    this.counts = next;
  }
}

function toBytes(buf: string | Uint8Array): Uint8Array {
  return typeof buf === 'string' ? Buffer.from(buf, 'base64') : buf;
}

/** The exact summary at the start of an encoded histogram, and where its bucket pairs begin. */
export function readHeader(bytes: Uint8Array): {
  count: number;
  totalMs: number;
  minMs: number;
  maxMs: number;
  bodyAt: number;
} {
  if (bytes.length < HEADER_BYTES + 1 || bytes[0] !== FORMAT_VERSION) {
    throw new Error(`not an encoded Stampede histogram (length ${bytes.length}, version ${bytes[0]})`);
  }
  const cursor = { at: HEADER_BYTES };
  const count = readVarint(bytes, cursor);
  return { totalMs: f64(bytes, 1), minMs: f64(bytes, 9), maxMs: f64(bytes, 17), count, bodyAt: cursor.at };
}

/** The little-endian float64 at `at` (no DataView per call). */
function f64(bytes: Uint8Array, at: number): number {
  for (let k = 0; k < 8; k++) scratchBytes[littleEndian ? k : 7 - k] = bytes[at + k];
  return scratchF64[0];
}

/**
 * The highest bucket an encoding whose exact max is `maxMs` may use: every recorded value is at
 * most the max, and bucketIndex is monotonic. A header whose max is no duration allows any bucket.
 */
function topBucket(maxMs: number): number {
  return Number.isFinite(maxMs) && maxMs >= 0 ? bucketIndex(maxMs) : BUCKET_COUNT - 1;
}

/** Why a bucket past topBucket(maxMs) makes an encoding malformed. */
function bucketAboveTop(index: number, maxMs: number): Error {
  return new Error(
    index >= BUCKET_COUNT
      ? `encoded histogram has a bucket out of range (${index})`
      : `encoded histogram has a bucket (${index}) above its max (${maxMs} ms)`,
  );
}

// Little-endian float64 reads without a DataView per call (scratch shared, single-threaded).
const scratchF64 = new Float64Array(1);
const scratchBytes = new Uint8Array(scratchF64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** LEB128 for non-negative integers up to 2^53 (arithmetic, not bit ops, above 2^31). */
function writeVarint(out: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    out[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[at++] = v;
  return at;
}

function readVarint(bytes: Uint8Array, cursor: { at: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (cursor.at >= bytes.length) throw new Error('encoded histogram is truncated');
    const b = bytes[cursor.at++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value;
    scale *= 0x80;
  }
}

/**
 * Checks an encoded histogram without adding it anywhere or allocating (the master runs this on
 * every histogram of every report before merging it, engine/master/reportLimits.ts): the same
 * rules as addEncodedInto (a sane header, no bucket above the max or out of range, nothing
 * truncated) and every bucket count a safe integer. Returns the header's count and the sum of
 * the bucket counts (equal in a well-formed encoding); throws with the reason otherwise.
 */
export function checkEncoded(buf: string | Uint8Array): { count: number; bucketTotal: number } {
  const bytes = toBytes(buf);
  const header = readHeader(bytes);
  const top = topBucket(header.maxMs);
  const cursor = { at: header.bodyAt };
  let index = -1;
  let bucketTotal = 0;
  while (cursor.at < bytes.length) {
    index += readVarint(bytes, cursor) + 1;
    if (index > top) throw bucketAboveTop(index, header.maxMs);
    const c = readVarint(bytes, cursor);
    if (!Number.isSafeInteger(c)) throw new Error(`encoded histogram has a bucket count of ${c}`);
    bucketTotal += c;
  }
  return { count: header.count, bucketTotal };
}
