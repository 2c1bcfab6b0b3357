// The Prometheus output against a real Prometheus (Debian's): a short run of the built CLI sends
// its series by remote write and serves /metrics, which Prometheus scrapes during the run. Then the
// series are read back through Prometheus's HTTP API and compared with the run's JSON summary, the
// /metrics text passes `promtool check metrics`, and every query of the Grafana dashboard
// (docs/grafana/stampede-prometheus.json) returns data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../integration/distributed/helpers';
import { parseExposition } from '../unit/recorders/expositionParser';
import { prometheusMissing, startPrometheus, type PrometheusServer } from './prometheusServer';

const CLI = path.resolve('dist/cli.js');
const DASHBOARD = path.resolve('docs/grafana/stampede-prometheus.json');

interface Summary {
  requests: number;
  failures: number;
  entries: Array<{ name: string; method: string; requests: number; failures: number }>;
}

interface Dashboard {
  templating: { list: Array<{ name: string; definition?: string }> };
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
}

function scenario(remoteWrite: string, listen: number, testrun: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-prom-system-'));
  const file = path.join(dir, 'jobs.load.yaml');
  fs.writeFileSync(
    file,
    `name: prometheus system test
load:
  stages:
    - { duration: 3s, users: 4, spawnRate: 40 }
    - { duration: 3s, users: 8, spawnRate: 40 }
workers: 1
users:
  - think: 20ms
    tasks:
      - name: run a job
        steps:
          - { name: submit job, post: /jobs, json: { durationMs: 50 }, capture: { jobId: json.id }, check: { status: 201 } }
          - name: job status
            get: /jobs/{{ jobId }}
            repeat: { until: { json.state: done }, every: 20ms, max: 40 }
      - { name: 'products "all"', get: /products }
trackers:
  - metric: job latency
    start: request[name="submit job"]
    end: request[name="job status", json.state="done"]:first
output:
  prometheus: { remoteWrite: "${remoteWrite}", listen: ${listen}, labels: { testrun: ${testrun} } }
`,
  );
  return file;
}

/** Runs the CLI; while it runs, keeps the last /metrics text that counted requests. */
async function runWithScrape(
  file: string,
  listen: number,
): Promise<{ code: number | null; stdout: string; stderr: string; metrics: string }> {
  const child = spawn(process.execPath, [CLI, 'run', file, '--demo-target', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let metrics = '';
  let serving = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    serving ||= stderr.includes('serving /metrics');
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let running = true;
  void exited.then(() => (running = false));
  // Bounded by the run: the loop ends when the CLI exits.
  while (running) {
    if (serving) {
      const text = await fetch(`http://127.0.0.1:${listen}/metrics`).then(
        (r) => r.text(),
        () => '',
      );
      if (/stampede_http_requests_total\{[^}]*request="Aggregated"[^}]*\} [1-9]/.test(text)) metrics = text;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 200))]);
  }
  return { code: await exited, stdout, stderr, metrics };
}

const finite = (results: Array<{ value?: [number, string]; values?: Array<[number, string]> }>): number[] =>
  results
    .flatMap((r) => (r.values ?? (r.value ? [r.value] : [])).map(([, v]) => Number(v)))
    .filter(Number.isFinite);

test('a real Prometheus: remote-written series equal the JSON summary, /metrics is scraped, every dashboard query returns data', async () => {
  const missing = prometheusMissing();
  assert.equal(missing, undefined, missing); // fails, naming the package; never a quiet skip
  const [promPort, listen] = [await freePort(), await freePort()];
  let prom: PrometheusServer | undefined;
  try {
    prom = await startPrometheus(promPort, `127.0.0.1:${listen}`);
    const testrun = `t${crypto.randomBytes(6).toString('hex')}`;
    const startedAt = Date.now() / 1000;
    const run = await runWithScrape(scenario(`${prom.url}/api/v1/write`, listen, testrun), listen);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop() as string) as Summary;
    assert.ok(summary.requests > 0 && summary.entries.length === 3, run.stdout);
    assert.match(run.stderr, /prometheus: sent \d+ samples/);

    // Remote write: the newest samples (no `job` label: not scraped) are the summary's numbers.
    const pushed = `testrun="${testrun}", job=""`;
    const total = await prom.query(`stampede_http_requests_total{${pushed}, request="Aggregated"}`);
    assert.equal(total.length, 1);
    assert.equal(Number(total[0].value?.[1]), summary.requests);
    const failures = await prom.query(
      `stampede_http_request_failures_total{${pushed}, request="Aggregated"}`,
    );
    assert.equal(Number(failures[0].value?.[1]), summary.failures);
    for (const e of summary.entries) {
      const sel = `${pushed}, request=${JSON.stringify(e.name)}, method="${e.method}"`;
      const [r] = await prom.query(`stampede_http_requests_total{${sel}}`);
      assert.equal(Number(r?.value?.[1]), e.requests, e.name);
      const [count] = await prom.query(`stampede_http_request_duration_seconds_count{${sel}}`);
      assert.equal(Number(count?.value?.[1]), e.requests, e.name);
    }
    const tracker = await prom.query(
      `stampede_tracker_duration_seconds_count{${pushed}, tracker="job latency"}`,
    );
    assert.ok(
      finite(tracker).some((v) => v > 0),
      'tracker results arrived',
    );

    // Scraped: Prometheus read /metrics during the run (up == 1, counts within the summary's).
    const up = await prom.query(`max_over_time(up{job="stampede"}[5m])`);
    assert.deepEqual(finite(up), [1]);
    const scraped = finite(
      await prom.query(
        `max_over_time(stampede_http_requests_total{job="stampede", testrun="${testrun}", request="Aggregated"}[5m])`,
      ),
    );
    assert.equal(scraped.length, 1);
    assert.ok(
      scraped[0] > 0 && scraped[0] <= summary.requests,
      `scraped ${scraped[0]} of ${summary.requests}`,
    );

    // The /metrics text of the run: strict parse, and Prometheus's own linter.
    assert.ok(run.metrics, 'a scrape during the run counted requests');
    assert.ok(parseExposition(run.metrics).samples.length > 0);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: run.metrics, encoding: 'utf8' });
    assert.equal(lint.status, 0, `promtool check metrics:\n${lint.stdout}${lint.stderr}`);

    // The dashboard: its variables' queries find this run, and every panel query returns data over the run.
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as Dashboard;
    const runs = await prom.labelValues('run', `stampede_http_requests_total{testrun="${testrun}"}`);
    assert.equal(runs.length, 1);
    const requests = await prom.labelValues(
      'request',
      `stampede_http_requests_total{run="${runs[0]}", request!="Aggregated"}`,
    );
    assert.deepEqual(requests.sort(), summary.entries.map((e) => e.name).sort());
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ panel: p.title, expr: t.expr })));
    assert.ok(exprs.length >= 10);
    const end = Date.now() / 1000;
    for (const { panel, expr } of exprs) {
      const q = expr
        .replaceAll('$run', runs[0])
        .replaceAll('$request', '.+')
        .replaceAll('$__rate_interval', '5s');
      assert.doesNotMatch(q, /\$/, `${panel}: a dashboard variable the test does not know`);
      const values = finite(await prom.queryRange(q, Math.floor(startedAt) - 5, Math.ceil(end)));
      assert.ok(values.length > 0, `${panel}: ${q} returned no data`);
    }
  } finally {
    await prom?.stop();
  }
});
