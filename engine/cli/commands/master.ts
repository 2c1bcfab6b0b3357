// `STAMPEDE_TOKEN=T stampede master FILE --bind tcp://HOST:PORT --expect-workers N`: a master for
// workers on other machines (or other users' processes on this one, hence the token everywhere). It forks no local workers: it waits for N workers, then runs the
// scenario and prints the same report as `stampede run`.
import { checkBind } from '../../master/bind';
import { parseArgs, wholeNumber } from '../args';
import { UsageError } from '../errors';
import { readToken } from '../token';
import { ENV_FLAGS, ENV_USAGE } from '../envFlags';
import { runScenarioFile } from '../runFile';
import { durationFlag } from '../scenarioFile';

export const summary = 'run a scenario with remote workers: bind, wait for N `stampede worker`s, then run';
const usage = `stampede master FILE --expect-workers N [--bind tcp://HOST:PORT] [--users N] [--duration 30s] [--target URL] [--heartbeat 1s] [--results DIR] [--allow-output-outside] [--force] [--json] [--quiet] ${ENV_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(
    argv,
    {
      bind: { type: 'string', alias: 'b' },
      'expect-workers': { type: 'number', alias: 'n' },
      token: { type: 'string' },
      users: { type: 'number', alias: 'u' },
      duration: { type: 'string', alias: 'd' },
      target: { type: 'string' },
      heartbeat: { type: 'string' },
      results: { type: 'string' },
      'allow-output-outside': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', alias: 'q' },
      ...ENV_FLAGS,
    },
    usage,
  );
  const { positionals, flags } = parsed;
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
  const token = readToken(flags.token as string | undefined, usage);
  const bindProblem = checkBind(bind, token);
  if (bindProblem) throw new UsageError(bindProblem, usage);
  const users = wholeNumber(flags.users as number | undefined, 'users', 1, usage);
  const durationMs = durationFlag(flags.duration, 'duration', 1, usage);
  const heartbeatMs = durationFlag(flags.heartbeat, 'heartbeat', 50, usage);
  return runScenarioFile(file, parsed, {
    users,
    durationMs,
    target: flags.target as string | undefined,
    resultsDir: flags.results as string | undefined,
    bind,
    token,
    expectWorkers,
    heartbeatMs,
  });
}
