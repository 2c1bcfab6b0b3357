// `stampede worker --master tcp://HOST:PORT [--token T] [--id ID]`: a worker for a master on this
// or another machine. It runs whatever share of the load the master gives it, and stops all users
// and exits when the master goes silent for 5 s (no orphan load). Refused: prints why, exits 1.
import os from 'node:os';
import { connectZmqWorker } from '../../transport/zmq';
import { runWorker } from '../../worker/worker';
import { parseArgs, wholeNumber } from '../args';
import { UsageError } from '../errors';
import { stderrLogger } from '../logger';

export const summary = 'connect to a master (`stampede master` or a run) and generate its share of the load';
const usage = 'stampede worker --master tcp://HOST:PORT [--token T] [--id ID]';

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    {
      master: { type: 'string', alias: 'm' },
      token: { type: 'string' },
      id: { type: 'string' },
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
  const token = (flags.token as string | undefined) ?? process.env.STAMPEDE_TOKEN;
  const protocolVersion = wholeNumber(
    flags['protocol-version'] as number | undefined,
    'protocol-version',
    0,
    usage,
  );
  const log = stderrLogger();

  const transport = connectZmqWorker(master, id, (d) => log.debug(d));
  // A worker forked by a local master also watches the IPC channel: if the master dies, it leaves at once.
  const onDisconnect = (): void => {
    log.warn(`worker ${id}: the master process is gone; stopping`);
    void transport.close();
  };
  if (process.connected) process.once('disconnect', onDisconnect);
  log.debug(`worker ${id} connecting to ${master}`);
  const result = await runWorker(transport, { workerId: id, token, log, protocolVersion });
  process.off('disconnect', onDisconnect);
  if (process.connected) process.disconnect();
  if (result.code !== 0) process.stderr.write(`stampede worker ${id}: ${result.reason}\n`);
  return result.code;
}
