// `stampede demo-target [--port P] [--host H]`: the embedded demo server, until Ctrl+C.
import { startDemoTarget } from '../../demo/server';
import { parseArgs, wholeNumber } from '../args';
import { CliError } from '../errors';
import { ExitCode } from '../../session/exitCode';

export const summary = 'serve the embedded demo target (fast, delayed, JSON and async-job endpoints)';
const usage = 'stampede demo-target [--port P] [--host 127.0.0.1]';

export async function run(argv: string[]): Promise<number> {
  const { flags } = parseArgs(
    argv,
    { port: { type: 'number', alias: 'p' }, host: { type: 'string' } },
    usage,
  );
  const port = wholeNumber(flags.port as number | undefined, 'port', 0, usage) ?? 8080;
  const host = (flags.host as string | undefined) ?? '127.0.0.1';
  const target = await startDemoTarget({ port, host }).catch((err: NodeJS.ErrnoException) => {
    const why =
      err.code === 'EADDRINUSE'
        ? `port ${port} is in use`
        : err.code === 'EACCES'
          ? `no permission to bind port ${port}`
          : err.message;
    throw new CliError(
      `cannot start the demo target: ${why}`,
      ExitCode.runtimeFailure,
      'pick another port with --port, or --port 0 for any free one',
    );
  });
  process.stdout.write(`demo target listening on ${target.url}\n`);
  process.stdout.write(
    'endpoints: GET /app/ (a web page to record a HAR from) | GET / | GET /json | GET /delay/:ms | GET /status/:code | GET /products[/:id] | POST /cart, GET /cart/:id | POST /login (sets the session cookie), GET /account | POST /jobs, GET /jobs/:id\n',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await target.close();
  process.stdout.write(`served ${target.requests()} requests\n`);
  return ExitCode.ok;
}
