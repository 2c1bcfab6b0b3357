// `stampede master FILE --bind tcp://HOST:PORT --expect-workers N [--token T]`: a master for
// workers on other machines. It forks no local workers: it waits for N workers, then runs the
// scenario and prints the same report as `stampede run`.
import path from 'node:path';
import { durationToMs } from '../../../scenario/index';
import { checkBind } from '../../master/bind';
import { startRun } from '../../master/index';
import { toJsonSummary } from '../../recorders/summary';
import { parseArgs, wholeNumber } from '../args';
import { CliError, ExitCode, UsageError } from '../errors';
import { stderrLogger } from '../logger';
import { createProgressPrinter } from '../progress';
import { finalReport } from '../report';
import { formatDiagnostic, loadScenario } from '../scenarioFile';

export const summary = 'run a scenario with remote workers: bind, wait for N `stampede worker`s, then run';
const usage =
  'stampede master FILE --expect-workers N [--bind tcp://HOST:PORT] [--token T] [--users N] [--duration 30s] [--target URL] [--heartbeat 1s] [--json]';

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    {
      bind: { type: 'string', alias: 'b' },
      'expect-workers': { type: 'number', alias: 'n' },
      token: { type: 'string' },
      users: { type: 'number', alias: 'u' },
      duration: { type: 'string', alias: 'd' },
      target: { type: 'string' },
      heartbeat: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  if (positionals.length !== 1) throw new UsageError('master needs one scenario file', usage);
  const file = positionals[0];
  const expectWorkers = wholeNumber(
    flags['expect-workers'] as number | undefined,
    'expect-workers',
    1,
    usage,
  );
  if (expectWorkers === undefined)
    throw new UsageError('master needs --expect-workers N (how many `stampede worker`s to wait for)', usage);
  const bind = (flags.bind as string | undefined) ?? 'tcp://127.0.0.1:5557';
  const token = (flags.token as string | undefined) ?? process.env.STAMPEDE_TOKEN;
  const bindProblem = checkBind(bind, token);
  if (bindProblem) throw new UsageError(bindProblem, usage);
  const users = wholeNumber(flags.users as number | undefined, 'users', 1, usage);
  const durationMs = flags.duration === undefined ? undefined : durationToMs(String(flags.duration));
  if (durationMs !== undefined && durationMs <= 0)
    throw new UsageError(`--duration needs a duration like 30s (got "${flags.duration}")`, usage);
  const heartbeatMs = flags.heartbeat === undefined ? undefined : durationToMs(String(flags.heartbeat));
  if (flags.heartbeat !== undefined && !(heartbeatMs && heartbeatMs >= 50))
    throw new UsageError(`--heartbeat needs a duration of at least 50ms (got "${flags.heartbeat}")`, usage);

  const loaded = loadScenario(file);
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
  if (loaded.errors > 0 || !loaded.scenario)
    throw new CliError(
      `${file} has ${loaded.errors} error(s); nothing was run`,
      ExitCode.invalidInput,
      'fix the problems above',
    );

  const progress = createProgressPrinter(process.stderr);
  const log = stderrLogger(() => progress.done());
  const json = flags.json === true;
  const handle = startRun({
    scenarioPath: path.resolve(file),
    source: loaded.source,
    scenario: loaded.scenario,
    overrides: { users, durationMs },
    target: flags.target as string | undefined,
    bind,
    token,
    expectWorkers,
    heartbeatMs,
    log,
    onSnapshot: (s) => s.state !== 'starting' && progress.update(s),
  });
  let interrupts = 0;
  const onSignal = (): void => {
    if (++interrupts > 1) process.exit(130);
    progress.done();
    log.info('stopping (press Ctrl+C again to quit at once)');
    void handle.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const result = await handle.done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  progress.done();
  (json ? process.stderr : process.stdout).write(`\n${finalReport(result.snapshot)}\n`);
  if (json) process.stdout.write(`${JSON.stringify(toJsonSummary(result.snapshot))}\n`);
  if (result.error) {
    log.error(result.error);
    return ExitCode.runtimeFailure;
  }
  return result.snapshot.thresholds?.some((t) => !t.ok) ? ExitCode.thresholdsFailed : ExitCode.ok;
}
