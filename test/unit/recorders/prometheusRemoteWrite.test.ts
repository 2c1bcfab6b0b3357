/// <reference path="../../../engine/recorders/snappyjs.d.ts" />
// Remote write's body: the WriteRequest encoded by protobufjs decodes back to the same series
// (labels sorted, __name__ included, int64 millisecond timestamps, NaN kept), and the Snappy block
// round-trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compress, uncompress } from 'snappyjs';
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

test('the body is Snappy block-compressed and round-trips', () => {
  const request = { timeseries: toTimeSeries(snapshotSamples(snapshot(), [['run', 'r']]), 5) };
  const body = writeRequestBody(request);
  const raw = encodeWriteRequest(request);
  assert.deepEqual(Buffer.from(uncompress(body)), Buffer.from(raw));
  assert.ok(body.length < raw.length, 'repetitive label text compresses');
  assert.equal(readWriteRequestBody(body).timeseries.length, request.timeseries.length);
  const text = new TextEncoder().encode('abcabcabcabcabcabc'.repeat(50));
  assert.deepEqual(uncompress(compress(text)), text);
});
