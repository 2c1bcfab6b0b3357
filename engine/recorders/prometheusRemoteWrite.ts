// Prometheus remote-write protocol 1.0: a protobuf `prometheus.WriteRequest` (prompb/remote.proto
// and types.proto: the fields used here, same numbers), compressed with Snappy's block format, in a
// POST with `Content-Encoding: snappy` and `X-Prometheus-Remote-Write-Version: 0.1.0`.
// protobufjs builds the message types from the descriptor below (no generated code, no .proto
// file at run time); snappyjs is Snappy in plain JavaScript, so nothing needs a native build.
import protobuf from 'protobufjs/light';
import { compress, uncompress } from 'snappyjs';
import type { MetricType } from './prometheusSeries';

const descriptor = {
  nested: {
    prometheus: {
      nested: {
        WriteRequest: {
          fields: {
            timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 },
            metadata: { rule: 'repeated', type: 'MetricMetadata', id: 3 },
          },
        },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
        MetricMetadata: {
          fields: {
            type: { type: 'MetricType', id: 1 },
            metricFamilyName: { type: 'string', id: 2 },
            help: { type: 'string', id: 4 },
            unit: { type: 'string', id: 5 },
          },
          nested: {
            MetricType: {
              values: {
                UNKNOWN: 0,
                COUNTER: 1,
                GAUGE: 2,
                HISTOGRAM: 3,
                GAUGEHISTOGRAM: 4,
                SUMMARY: 5,
                INFO: 6,
                STATESET: 7,
              },
            },
          },
        },
      },
    },
  },
};

const WriteRequestType = protobuf.Root.fromJSON(descriptor).lookupType('prometheus.WriteRequest');

export const REMOTE_WRITE_HEADERS = {
  'Content-Type': 'application/x-protobuf',
  'Content-Encoding': 'snappy',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
  'User-Agent': 'stampede',
} as const;

export interface Label {
  name: string;
  value: string;
}

export interface TimeSeries {
  /** Sorted by name, `__name__` included, no empty value (the protocol's rules). */
  labels: Label[];
  /** In timestamp order; timestamps are epoch milliseconds. */
  samples: Array<{ value: number; timestamp: number }>;
}

export interface MetricMetadata {
  type: MetricType;
  metricFamilyName: string;
  help: string;
}

export interface WriteRequest {
  timeseries: TimeSeries[];
  metadata?: MetricMetadata[];
}

const METRIC_TYPE: Record<MetricType, number> = { counter: 1, gauge: 2, summary: 5 };
const METRIC_TYPE_NAME = new Map(Object.entries(METRIC_TYPE).map(([k, v]) => [v, k as MetricType]));

/** The protobuf bytes of a WriteRequest (not compressed). */
export function encodeWriteRequest(request: WriteRequest): Uint8Array {
  const metadata = (request.metadata ?? []).map((m) => ({ ...m, type: METRIC_TYPE[m.type] }));
  return WriteRequestType.encode(
    WriteRequestType.fromObject({ timeseries: request.timeseries, metadata }),
  ).finish();
}

/** Decodes protobuf bytes (tests, and a receiver written for tests). */
export function decodeWriteRequest(bytes: Uint8Array): WriteRequest {
  const o = WriteRequestType.toObject(WriteRequestType.decode(bytes), {
    longs: Number,
    defaults: true,
    arrays: true,
  }) as {
    timeseries: TimeSeries[];
    metadata: Array<{ type: number; metricFamilyName: string; help: string }>;
  };
  return {
    timeseries: o.timeseries,
    metadata: o.metadata.map((m) => ({ ...m, type: METRIC_TYPE_NAME.get(m.type) ?? 'gauge' })),
  };
}

/** The body of a remote-write POST: the message, Snappy block-compressed. */
export function writeRequestBody(request: WriteRequest): Uint8Array {
  return compress(encodeWriteRequest(request));
}

/** The WriteRequest in a remote-write body. `maxBytes` bounds the uncompressed size. */
export function readWriteRequestBody(body: Uint8Array, maxBytes = 64 * 1024 * 1024): WriteRequest {
  return decodeWriteRequest(uncompress(body, maxBytes));
}
