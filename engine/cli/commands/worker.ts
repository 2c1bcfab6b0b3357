// `STAMPEDE_TOKEN=T stampede worker --master tcp://HOST:PORT [--id ID] [--keep]`: a worker for a
// master on this or another machine. The token is the master's; the connection is encrypted and
// both sides authenticated with keys derived from it (it never crosses the wire). It runs whatever share of the load the master gives it, and stops all
// users when the master goes silent for 5 s (no orphan load). Without --keep it then exits; with
// --keep it waits for the master's next run (a machine kept as a load generator), until Ctrl-C.
// Refused (version, token): prints why, exits 1.
import os from 'node:os';
import { connectZmqWorker } from '../../transport/zmq';
import { runWorker, type WorkerExit, type WorkerOptions } from '../../worker/worker';
import { parseArgs, wholeNumber } from '../args';
import { UsageError } from '../errors';
import { stderrLogger } from '../logger';
import { readToken } from '../token';

export const summary = 'connect to a master (`stampede master` or a run) and generate its share of the load';
const usage = 'STAMPEDE_TOKEN=T stampede worker --master tcp://HOST:PORT [--id ID] [--keep]   (or --token T)';

/** Pause before the next attempt after a refusal that may pass (the master's run was ending). */
const RETRY_PAUSE_MS = 2000;

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    {
      master: { type: 'string', alias: 'm' },
      token: { type: 'string' },
      id: { type: 'string' },
      keep: { type: 'boolean' },
      // Undocumented: announce another protocol version (tests of the handshake).
      'protocol-version': { type: 'number' },
    },
    usage,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
  const master = flags.master as string | undefined;
  if (!master) throw new UsageError('worker needs the master address: --master tcp://HOST:PORT', usage);
  if (!/^tcp:\/\/[^:/]+:\d+$|^tcp:\/\/\[[^\]]+\]:\d+$|^ipc:\/\//.test(master)) {
    throw new UsageError(`--master needs an address like tcp://192.0.2.10:5557 (got "${master}")`, usage);
  }
  const id = (flags.id as string | undefined) ?? `${os.hostname()}-${process.pid}`;
  if (id.length === 0 || Buffer.byteLength(id) > 255)
    throw new UsageError('--id must be 1 to 255 bytes', usage);
  const token = readToken(flags.token as string | undefined, usage);
  const protocolVersion = wholeNumber(
    flags['protocol-version'] as number | undefined,
    'protocol-version',
    0,
    usage,
  );
  const log = stderrLogger();
  if (flags.token !== undefined)
    log.warn(
      '--token on the command line is visible to other users of this machine (ps); prefer STAMPEDE_TOKEN',
    );
  const options = { workerId: id, log, protocolVersion };
  const connect = (): ReturnType<typeof connectZmqWorker> =>
    connectZmqWorker(master, id, { token, onInvalid: (d) => log.debug(d) });
  if (flags.keep === true) return keepServing(master, options, connect);

  const transport = connect();
  // A worker forked by a local master also watches the IPC channel: if the master dies, it leaves at once.
  const onDisconnect = (): void => {
    log.warn(`worker ${id}: the master process is gone; stopping`);
    void transport.close();
  };
  if (process.connected) process.once('disconnect', onDisconnect);
  log.debug(`worker ${id} connecting to ${master}`);
  const result = await runWorker(transport, options);
  process.off('disconnect', onDisconnect);
  if (process.connected) process.disconnect();
  if (result.code !== 0) process.stderr.write(`stampede worker ${id}: ${result.reason}\n`);
  return result.code;
}

/**
 * --keep: one worker session after another, each with a fresh connection, until Ctrl-C (exit 0) or
 * a refusal that will not pass by waiting (another protocol version, a wrong token: exit 1).
 */
async function keepServing(
  master: string,
  options: WorkerOptions,
  connect: () => ReturnType<typeof connectZmqWorker>,
): Promise<number> {
  const { workerId: id, log } = options;
  let interrupted = false;
  let closeCurrent: (() => void) | undefined;
  const onSignal = (): void => {
    interrupted = true;
    log.info(`worker ${id}: stopping`);
    closeCurrent?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  log.info(`worker ${id}: waiting for a run from ${master} (Ctrl-C to stop)`);
  try {
    while (!interrupted) {
      const transport = connect();
      closeCurrent = () => void transport.close();
      const result: WorkerExit = await runWorker(transport, { ...options, expectNoMaster: true });
      closeCurrent = undefined;
      if (interrupted) break;
      if (result.code === 1 && !result.retry) {
        process.stderr.write(`stampede worker ${id}: ${result.reason}\n`);
        return 1;
      }
      if (result.accepted)
        log.info(
          result.code === 0
            ? `worker ${id}: the run is over; waiting for the next one`
            : `worker ${id}: ${result.reason}; waiting for the master to come back`,
        );
      if (result.retry) await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
