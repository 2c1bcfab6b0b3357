// A real Prometheus (Debian's `prometheus` package) for tests: started from a temporary directory
// on a free loopback port with the remote-write receiver on and one scrape job, stopped (and its
// directory removed) by `stop()`, whatever happened.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PrometheusServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Instant query; the result vector or matrix. */
  query(expr: string): Promise<PromResult[]>;
  /** Range query over [start, end] (epoch seconds) at a 1 s step. */
  queryRange(expr: string, start: number, end: number): Promise<PromResult[]>;
  /** Values of a label among the series that match. */
  labelValues(label: string, match: string): Promise<string[]>;
  stop(): Promise<void>;
}

export interface PromResult {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

/** Why the binaries cannot be used (naming the package), or undefined. */
export function prometheusMissing(): string | undefined {
  for (const bin of ['prometheus', 'promtool']) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    if (r.error)
      return `\`${bin}\` is not installed: install the Debian package \`prometheus\` (test/system/install.sh does)`;
  }
  return undefined;
}

/** A bcrypt hash of `password` for Prometheus's web config, from apache2-utils' htpasswd. */
function bcryptHash(user: string, password: string): string {
  const r = spawnSync('htpasswd', ['-nbBC', '10', user, password], { encoding: 'utf8' });
  if (r.error)
    throw new Error(
      '`htpasswd` is not installed: install the Debian package `apache2-utils` (test/system/install.sh does)',
    );
  if (r.status !== 0) throw new Error(`htpasswd failed: ${r.stderr}`);
  return r.stdout.trim().slice(user.length + 1);
}

/**
 * `scrapeTarget`: what the one scrape job scrapes. `login`: when given, Prometheus asks every HTTP
 * client (remote write included) for this user and password (its `--web.config.file`); this
 * server's own queries send them.
 */
export async function startPrometheus(
  port: number,
  scrapeTarget: string,
  login?: { user: string; password: string },
): Promise<PrometheusServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  const webConfig = path.join(dir, 'web.yml');
  if (login)
    fs.writeFileSync(
      webConfig,
      `basic_auth_users:\n  ${login.user}: ${bcryptHash(login.user, login.password)}\n`,
    );
  fs.writeFileSync(
    config,
    `global: { scrape_interval: 1s, scrape_timeout: 1s }
scrape_configs:
  - job_name: stampede
    static_configs: [{ targets: ['${scrapeTarget}'] }]
`,
  );
  const child = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--log.level=info',
      ...(login ? [`--web.config.file=${webConfig}`] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Its own signal that it serves: the log line, or an exit (then the log says why).
  const ready = await new Promise<boolean>((resolve) => {
    const onData = (d: Buffer): void => {
      log += d.toString();
      if (log.includes('Server is ready to receive web requests')) resolve(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => resolve(false));
  });
  if (!ready) {
    await stop();
    throw new Error(`prometheus did not start:\n${log.slice(-2000)}`);
  }
  const url = `http://127.0.0.1:${port}`;
  const api = async <T>(p: string, params: Record<string, string>): Promise<T> => {
    const headers: Record<string, string> = login
      ? { Authorization: `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` }
      : {};
    const res = await fetch(`${url}${p}?${new URLSearchParams(params).toString()}`, { headers });
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success')
      throw new Error(`${p} ${JSON.stringify(params)}: ${body.error ?? res.status}`);
    return body.data;
  };
  return {
    url,
    query: async (expr) => (await api<{ result: PromResult[] }>('/api/v1/query', { query: expr })).result,
    queryRange: async (expr, start, end) =>
      (
        await api<{ result: PromResult[] }>('/api/v1/query_range', {
          query: expr,
          start: String(start),
          end: String(end),
          step: '1',
        })
      ).result,
    labelValues: (label, match) => api<string[]>(`/api/v1/label/${label}/values`, { 'match[]': match }),
    stop,
  };
}
