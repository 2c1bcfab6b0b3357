// The Prometheus output: every snapshot's samples (prometheusSeries.ts) go to a remote-write
// receiver (prometheusPusher.ts) and/or to the `/metrics` listener (prometheusListener.ts).
// `openPrometheusOutput` runs before the load: it binds the listener and sends an empty
// WriteRequest to the receiver, so a port in use, a receiver that is down, a URL that is not a
// remote-write endpoint (Prometheus answers 404 without --web.enable-remote-write-receiver) or a
// refused login stop the run with exit 2 and the reason, before any load. Mid-run failures never
// stop the run: the pusher retries and the end of the run says what could not be sent.
import type { RunSnapshot } from '../../common/snapshot';
import type { PrometheusOutputSpec } from '../../scenario/model';
import { prometheusLabelProblem, remoteWriteUrlProblem } from '../../scenario/prometheusSettings';
import type { Logger } from '../log';
import { remoteWriteLogin } from './prometheusAuth';
import { openMetricsListener, type MetricsListener } from './prometheusListener';
import { createPusher, postWriteRequest, type Pusher } from './prometheusPusher';
import type { MetricMetadata, TimeSeries } from './prometheusRemoteWrite';
import { FAMILIES, snapshotSamples, type Sample } from './prometheusSeries';
import { formatExposition } from './prometheusText';
import type { Recorder } from './types';

const PREFLIGHT_TIMEOUT_MS = 5000;
/** How long the end of the run waits for a receiver that is failing. */
const FINAL_FLUSH_MS = 10_000;

export interface PrometheusOutput extends Recorder {
  /** The listener's address, when there is one (its port, when 0 was asked). */
  readonly listening?: { host: string; port: number };
  /** Stops the listener and the pusher without sending more (a run that never started). */
  close(): Promise<void>;
}

const METADATA: MetricMetadata[] = Object.values(FAMILIES).map((f) => ({
  type: f.type,
  metricFamilyName: f.name,
  help: f.help,
}));

/** Remote-write series of samples taken at `timestamp` (epoch ms): labels sorted, empty ones left out. */
export function toTimeSeries(samples: readonly Sample[], timestamp: number): TimeSeries[] {
  return samples.map((s) => ({
    labels: [{ name: '__name__', value: s.name }, ...s.labels.map(([name, value]) => ({ name, value }))]
      .filter((l) => l.value !== '')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    samples: [{ value: s.value, timestamp }],
  }));
}

function preflightHint(error: string): string {
  if (error.startsWith('HTTP 404'))
    return 'is this the remote-write path (`/api/v1/write`)? Prometheus answers 404 there unless started with --web.enable-remote-write-receiver';
  if (error.startsWith('HTTP 401') || error.startsWith('HTTP 403'))
    return 'the receiver refused the login: give `output.prometheus.bearerToken` or `basicAuth` (as `{{ env.NAME }}`), and check the value given for it';
  return 'start the receiver, fix the URL, or remove `output.prometheus.remoteWrite`';
}

/** Opens the output before the load; a sentence for the person when it cannot be used. */
export async function openPrometheusOutput(
  spec: PrometheusOutputSpec,
  runLog: Logger,
  env: Readonly<Record<string, string>> = {},
): Promise<PrometheusOutput | { problem: string }> {
  const login = remoteWriteLogin(spec.remoteWriteAuth, env);
  const log = login.mask.logger(runLog);
  // The scenario was checked already; the engine checks again what it relies on.
  const urlProblem = spec.remoteWrite === undefined ? undefined : remoteWriteUrlProblem(spec.remoteWrite);
  if (urlProblem) return { problem: `output.prometheus.remoteWrite ${urlProblem}` };
  const badLabel = Object.keys(spec.labels).find((name) => prometheusLabelProblem(name));
  if (badLabel)
    return { problem: `output.prometheus.labels: \`${badLabel}\`: ${prometheusLabelProblem(badLabel)}` };

  let listener: MetricsListener | undefined;
  if (spec.listen) {
    try {
      listener = await openMetricsListener(spec.listen);
    } catch (err) {
      return { problem: `output.prometheus.listen: ${(err as Error).message}` };
    }
  }
  const url = spec.remoteWrite;
  if (url) {
    const failure = await postWriteRequest(url, [], METADATA, PREFLIGHT_TIMEOUT_MS, login.headers);
    if (failure) {
      await listener?.close();
      return {
        problem: login.mask.text(
          `output.prometheus.remoteWrite: cannot send to ${url}: ${failure.error}; ${preflightHint(failure.error)}`,
        ),
      };
    }
  }
  if (listener) log.info(`prometheus: serving /metrics on http://${hostPort(listener.address)}/metrics`);
  if (listener && !/^(127\.|::1$|localhost$)/.test(listener.address.host))
    log.warn(
      `prometheus: /metrics is reachable beyond this machine (${listener.address.host}): anyone who can reach it sees the run's figures and request names`,
    );
  return createPrometheusRecorder(spec, url ? createPusher(url, METADATA, log, login.headers) : undefined, listener, log);
}

function hostPort(a: { host: string; port: number }): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

function createPrometheusRecorder(
  spec: PrometheusOutputSpec,
  pusher: Pusher | undefined,
  listener: MetricsListener | undefined,
  log: Logger,
): PrometheusOutput {
  const userLabels = Object.entries(spec.labels);
  let lastTimestamp = 0;
  let closed = false;
  let samplesPerSnapshot = 0;

  const record = (snapshot: RunSnapshot): void => {
    const samples = snapshotSamples(snapshot, [['run', snapshot.runId], ...userLabels]);
    samplesPerSnapshot = samples.length;
    listener?.update(formatExposition(samples));
    // Real sample times, strictly increasing: a receiver keeps one value per series and timestamp.
    lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
    pusher?.push(toTimeSeries(samples, lastTimestamp));
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await pusher?.flush(0);
    await listener?.close();
  };

  return {
    listening: listener?.address,
    onSnapshot(snapshot) {
      if (!closed && snapshot.state !== 'starting') record(snapshot);
    },
    async finish(result) {
      if (closed) return [];
      // The final snapshot (every worker's last report merged), so the series end at the summary's numbers.
      record(result.snapshot);
      closed = true;
      if (pusher) {
        const totals = await pusher.flush(FINAL_FLUSH_MS);
        if (totals.notSent)
          log.warn(
            `prometheus: ${totals.notSent} of ${totals.sent + totals.notSent} samples could not be sent to ${spec.remoteWrite}` +
              ` (${totals.lastError ?? 'the queue was full'}); the other result files have the whole run`,
          );
        else
          log.info(
            `prometheus: sent ${totals.sent} samples (${samplesPerSnapshot} series) to ${spec.remoteWrite}`,
          );
      }
      await listener?.close();
      return [];
    },
    close,
  };
}
