// What a run looks like to Prometheus: one snapshot becomes a list of samples with names and
// labels that follow Prometheus's conventions (base units: seconds; counters end in `_total`).
// Both the remote-write pusher and the `/metrics` listener read this one list, so the two never
// disagree on a name or a label.
//
// Per request (labels `request`, `method`) and in total (`request="Aggregated"`, no `method`, as
// in the JSON summary): requests and failures (counters, the whole run so far), the latency
// quantiles of the last 10 s (a summary: `quantile` label plus `_sum`/`_count`, as client
// libraries export one). Per run: users. Per tracker and stage: duration quantiles, count, sum,
// incomplete and dropped.
import { PERCENTILES, type EntryStats, type Percentiles, type RunSnapshot } from '../../common/snapshot';

export type MetricType = 'counter' | 'gauge' | 'summary';

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
}

export interface Sample {
  /** The family's name, or a summary's `_sum`/`_count` series of it. */
  name: string;
  family: MetricFamily;
  /** Label pairs in a fixed order; values as they come (escaping is the format's job). */
  labels: Array<[string, string]>;
  value: number;
}

export const FAMILIES = {
  requests: { name: 'stampede_http_requests_total', type: 'counter', help: 'HTTP requests completed.' },
  failures: {
    name: 'stampede_http_request_failures_total',
    type: 'counter',
    help: 'HTTP requests that failed (errors, failed checks, bad status).',
  },
  duration: {
    name: 'stampede_http_request_duration_seconds',
    type: 'summary',
    help: 'HTTP response time; quantiles over the last 10 seconds, count and sum over the run.',
  },
  users: { name: 'stampede_users', type: 'gauge', help: 'Virtual users running.' },
  targetUsers: {
    name: 'stampede_target_users',
    type: 'gauge',
    help: 'Virtual users the current stage asks for.',
  },
  tracker: {
    name: 'stampede_tracker_duration_seconds',
    type: 'summary',
    help: 'Duration tracker results per stage; quantiles over the stage so far.',
  },
  trackerIncomplete: {
    name: 'stampede_tracker_incomplete',
    type: 'gauge',
    help: 'Tracked starts that have not ended (yet).',
  },
  trackerDropped: {
    name: 'stampede_tracker_dropped_total',
    type: 'counter',
    help: 'Tracked starts dropped because a queue was full.',
  },
} as const satisfies Record<string, MetricFamily>;

/** Stampede's name for the total over every request (the JSON summary's too). */
export const TOTAL_REQUEST = 'Aggregated';

const QUANTILES: Array<[string, keyof Percentiles]> = PERCENTILES.map((p) => [
  String(p / 100),
  `p${p}` as keyof Percentiles,
]);
const TRACKER_QUANTILES = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
] as const;

/**
 * The samples of one snapshot. `base` are the labels of every series (`run` first, then the
 * person's). Quantiles of a window without requests are NaN, as client libraries export an empty
 * summary, never a made-up 0.
 */
export function snapshotSamples(snapshot: RunSnapshot, base: Array<[string, string]>): Sample[] {
  const out: Sample[] = [];
  const add = (family: MetricFamily, labels: Array<[string, string]>, value: number, suffix = ''): void => {
    out.push({ name: family.name + suffix, family, labels: [...base, ...labels], value });
  };
  const entry = (e: EntryStats, labels: Array<[string, string]>): void => {
    add(FAMILIES.requests, labels, e.requests);
    add(FAMILIES.failures, labels, e.failures);
    const empty = !(e.current.p100 > 0);
    for (const [q, key] of QUANTILES)
      add(FAMILIES.duration, [...labels, ['quantile', q]], empty ? NaN : e.current[key] / 1000);
    add(FAMILIES.duration, labels, (e.meanMs * e.requests) / 1000, '_sum');
    add(FAMILIES.duration, labels, e.requests, '_count');
  };
  entry(snapshot.total, [['request', TOTAL_REQUEST]]);
  for (const e of snapshot.entries)
    entry(e, [
      ['request', e.name],
      ['method', e.method],
    ]);
  add(FAMILIES.users, [], snapshot.users);
  add(FAMILIES.targetUsers, [], snapshot.targetUsers);
  for (const t of snapshot.trackers) {
    const labels: Array<[string, string]> = [
      ['tracker', t.metric],
      ['stage', String(t.stage)],
    ];
    for (const [q, key] of TRACKER_QUANTILES)
      add(FAMILIES.tracker, [...labels, ['quantile', q]], t.count > 0 ? t[key] / 1000 : NaN);
    add(FAMILIES.tracker, labels, (t.mean * t.count) / 1000, '_sum');
    add(FAMILIES.tracker, labels, t.count, '_count');
    add(FAMILIES.trackerIncomplete, labels, t.incomplete);
    add(FAMILIES.trackerDropped, labels, t.dropped);
  }
  return out;
}
