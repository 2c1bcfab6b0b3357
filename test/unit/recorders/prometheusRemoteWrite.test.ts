// Remote write's body: the WriteRequest encoded by protobufjs decodes back to the same series
// (labels sorted, __name__ included, int64 millisecond timestamps, NaN kept), and the Snappy block
// round-trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toTimeSeries } from '../../../engine/recorders/prometheusRecorder';
import {
  decodeWriteRequest,
  encodeWriteRequest,
  readWriteRequestBody,
  writeRequestBody,
} from '../../../engine/recorders/prometheusRemoteWrite';
import { snapshotSamples } from '../../../engine/recorders/prometheusSeries';
import { snapshot } from '../stats/fixtures';

test('a WriteRequest decodes back to the same series and metadata', () => {
  const timestamp = Date.UTC(2026, 11, 6, 21, 0, 0, 123);
  const series = toTimeSeries(
    snapshotSamples(snapshot(), [
      ['run', 'r1'],
      ['Zone', 'eu'],
    ]),
    timestamp,
  );
  const bytes = encodeWriteRequest({
    timeseries: series,
    metadata: [{ type: 'summary', metricFamilyName: 'm', help: 'h' }],
  });
  const back = decodeWriteRequest(bytes);
  assert.equal(back.timeseries.length, series.length);
  back.timeseries.forEach((ts, i) => {
    assert.deepEqual(ts.labels, series[i].labels);
    assert.equal(ts.samples[0].timestamp, timestamp);
    const want = series[i].samples[0].value;
    if (Number.isNaN(want)) assert.ok(Number.isNaN(ts.samples[0].value));
    else assert.equal(ts.samples[0].value, want);
  });
  assert.deepEqual(back.metadata, [{ type: 'summary', metricFamilyName: 'm', help: 'h', unit: '' }]);
});

test('series labels are sorted by name, with __name__ and without empty values', () => {
  const [total] = toTimeSeries(
    snapshotSamples(snapshot(), [
      ['run', 'r1'],
      ['Zone', 'eu'],
    ]),
    1,
  );
  const names = total.labels.map((l) => l.name);
  assert.deepEqual(names, [...names].sort());
  assert.deepEqual(names, ['Zone', '__name__', 'request', 'run']); // the total has no method
  assert.equal(total.labels.find((l) => l.name === '__name__')?.value, 'stampede_http_requests_total');
});

/** The varint at the start of a Snappy block: the uncompressed length. */
function varint(bytes: Uint8Array): number {
  let value = 0;
  for (let i = 0, shift = 1; i < 5; i++, shift *= 128) {
    value += (bytes[i] & 0x7f) * shift;
    if (!(bytes[i] & 0x80)) return value;
  }
  throw new Error('bad varint');
}

test('the body is Snappy block-compressed (not the framed format) and round-trips', () => {
  const request = { timeseries: toTimeSeries(snapshotSamples(snapshot(), [['run', 'r']]), 5) };
  const body = writeRequestBody(request);
  const raw = encodeWriteRequest(request);
  assert.equal(varint(body), raw.length, 'a block starts with the uncompressed length');
  assert.notEqual(body[0], 0xff, 'the framed format starts with a stream identifier chunk');
  assert.ok(body.length < raw.length / 2, 'repetitive label text compresses');
  const back = readWriteRequestBody(body);
  assert.deepEqual(Buffer.from(encodeWriteRequest(back)), Buffer.from(raw));
  assert.throws(() => readWriteRequestBody(body, 100), 'a body larger than the bound is refused');
});
