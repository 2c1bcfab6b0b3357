// `stampede quick URL -c N -d SECONDS`: an ad-hoc closed-loop test without a file (like autocannon).
// It writes a scenario in the language and runs it through the same path as `stampede run`, so
// quick and run can never measure differently.
import { analyzeScenario } from '../../../scenario/index';
import { parseArgs, wholeNumber } from '../args';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../../session/exitCode';
import { executeRun } from '../execute';

export const summary = 'load one URL without a scenario file: -c users, -d seconds, --think seconds';
const usage =
  'stampede quick URL [-c 50] [-d 10] [--think 0] [-m GET] [--workers 0] [--insecure] [--no-keepalive] [--no-tls-resume] [--json]';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

export interface QuickOptions {
  url: URL;
  users: number;
  seconds: number;
  thinkSeconds: number;
  method: string;
  workers: number;
  /** HTTPS: accept any certificate (self-signed test servers). */
  insecure?: boolean;
  /** A new connection per request (`defaults: { keepAlive: false }`). */
  noKeepAlive?: boolean;
  /** HTTPS: a full TLS handshake per connection (`defaults: { resumeTlsSessions: false }`). */
  noTlsResume?: boolean;
}

/** The scenario source a quick run executes. JSON strings are valid YAML scalars, so any URL is safe. */
export function quickScenarioSource(o: QuickOptions): string {
  const q = (s: string): string => JSON.stringify(s);
  // Users start spread over one think period (a smooth rate, no synchronised bursts); with no
  // think time, over the first 100 ms: users started in the same millisecond stay in lockstep
  // against a server with a fixed latency, and it then sees the load as bursts of N requests.
  const spawnRate = o.thinkSeconds > 0 ? o.users / o.thinkSeconds : o.users * 10;
  const pathAndQuery = o.url.pathname + o.url.search;
  return [
    `name: ${q(`quick ${o.method} ${o.url.href}`)}`,
    `target: ${q(o.url.origin)}`,
    `workers: ${o.workers}`,
    ...quickDefaults(o),
    'load:',
    `  users: ${o.users}`,
    `  spawnRate: ${+spawnRate.toFixed(3)}`,
    `  duration: ${Math.round(o.seconds * 1000)}ms`,
    'users:',
    '  - name: quick',
    ...(o.thinkSeconds > 0 ? [`    think: ${Math.round(o.thinkSeconds * 1000)}ms`] : []),
    '    tasks:',
    `      - name: ${q(pathAndQuery)}`,
    `        ${o.method.toLowerCase()}: ${q(pathAndQuery)}`,
    '',
  ].join('\n');
}

function quickDefaults(o: QuickOptions): string[] {
  const d = [
    ...(o.insecure ? ['insecure: true'] : []),
    ...(o.noKeepAlive ? ['keepAlive: false'] : []),
    ...(o.noTlsResume ? ['resumeTlsSessions: false'] : []),
  ];
  return d.length > 0 ? [`defaults: { ${d.join(', ')} }`] : [];
}

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    {
      connections: { type: 'number', alias: 'c' },
      duration: { type: 'number', alias: 'd' },
      think: { type: 'number' },
      method: { type: 'string', alias: 'm' },
      workers: { type: 'number', alias: 'w' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', alias: 'q' },
      insecure: { type: 'boolean', alias: 'k' },
      'no-keepalive': { type: 'boolean' },
      'no-tls-resume': { type: 'boolean' },
    },
    usage,
  );
  if (positionals.length !== 1) throw new UsageError('quick needs exactly one URL', usage);
  let url: URL;
  try {
    url = new URL(positionals[0]);
  } catch {
    throw new UsageError(
      `"${positionals[0]}" is not a URL (write it like http://127.0.0.1:8080/path)`,
      usage,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`quick speaks http and https, not ${url.protocol}`, usage);
  const method = String(flags.method ?? 'GET').toUpperCase();
  if (!METHODS.includes(method))
    throw new UsageError(`-m needs one of ${METHODS.join(', ')} (got "${flags.method}")`, usage);
  const seconds = (flags.duration as number | undefined) ?? 10;
  if (!(seconds > 0)) throw new UsageError(`-d needs a positive number of seconds (got ${seconds})`, usage);
  const thinkSeconds = (flags.think as number | undefined) ?? 0;
  if (!(thinkSeconds >= 0)) throw new UsageError(`--think needs seconds >= 0 (got ${thinkSeconds})`, usage);
  const options: QuickOptions = {
    url,
    users: wholeNumber(flags.connections as number | undefined, 'connections', 1, usage) ?? 50,
    seconds,
    thinkSeconds,
    method,
    workers: wholeNumber(flags.workers as number | undefined, 'workers', 0, usage) ?? 0,
    insecure: flags.insecure === true,
    noKeepAlive: flags['no-keepalive'] === true,
    noTlsResume: flags['no-tls-resume'] === true,
  };
  const source = quickScenarioSource(options);
  const { scenario, diagnostics } = analyzeScenario(source);
  if (!scenario) {
    const first = diagnostics.find((d) => d.severity === 'error');
    throw new CliError(
      `cannot build a scenario for this URL: ${first?.message ?? 'unknown problem'}`,
      ExitCode.invalidInput,
    );
  }
  return executeRun({
    file: 'quick.load.yaml',
    source,
    scenario,
    overrides: { record: false },
    json: flags.json === true,
    progress: flags.quiet !== true,
  });
}
