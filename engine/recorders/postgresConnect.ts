// Connecting to the run's PostgreSQL database, and saying why it failed in words a person can act
// on: what (down, wrong password, no such database, no right to create tables), where (the URL
// without its password) and how to fix it. Every message goes through the target's mask.
import pg from 'pg';
import type { Logger } from '../log';
import type { PostgresTarget } from './postgresConfig';
import { migrate, useTimescale } from './postgresSchema';

/** Why a connection or a query failed, with the fix; the password masked. */
export function describePostgresError(err: unknown, target: PostgresTarget): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  const at = target.where;
  let why: string;
  switch (e.code) {
    case 'ECONNREFUSED':
      why = `nothing accepts connections at ${at}: start PostgreSQL, or correct the host and port in \`output.postgres\``;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      why = `the host of ${at} is not known: correct it in \`output.postgres\``;
      break;
    case '28P01':
      why = `${at} refused the login of ${target.user} (${message}): give the right password in PGPASSWORD or \`{{ env.PGPASSWORD }}\``;
      break;
    case '28000':
      why = `${at} refused the login of ${target.user} (${message}): allow it in the server's pg_hba.conf, or connect as another user`;
      break;
    case '3D000':
      why = `${at}: ${message}: create it (createdb), or name another database in \`output.postgres\``;
      break;
    case '42501':
      why = `${at}: ${message}: ${target.user} needs the right to create tables there (GRANT CREATE ON SCHEMA public TO ${target.user}) or already-made tables`;
      break;
    case 'ECONNRESET':
    case '57P01': // admin_shutdown: the server is stopping
      why = `the connection to ${at} broke (${message}): is the server still running?`;
      break;
    default:
      why = /not queryable|terminated unexpectedly/i.test(message)
        ? `the connection to ${at} broke (${message}): is the server still running?`
        : /timeout/i.test(message)
          ? `${at} did not answer in time (${message}): is the host reachable and PostgreSQL listening there?`
          : `${at}: ${message}`;
  }
  return target.mask.text(why);
}

/** A connected client with the tables ready (migrated); throws the driver's error. */
export async function connectReady(target: PostgresTarget, log: Logger): Promise<pg.Client> {
  const client = new pg.Client(target.config);
  // A connection that breaks while idle emits 'error'; the next query fails and is retried.
  client.on('error', (err) =>
    log.debug(target.mask.text(`PostgreSQL connection to ${target.where}: ${err.message}`)),
  );
  try {
    await client.connect();
    const applied = await migrate(client);
    if (applied.length)
      log.info(`PostgreSQL results: made the tables in ${target.where} (schema version ${applied.at(-1)})`);
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
}

/**
 * Before any load: proves the database accepts the login and has (or can make) the tables, and
 * makes the history a TimescaleDB hypertable when it can. A problem to stop the run with (exit 2),
 * or undefined when all is well.
 */
export async function checkPostgres(target: PostgresTarget, log: Logger): Promise<string | undefined> {
  let client: pg.Client | undefined;
  try {
    client = await connectReady(target, log);
    log.info(`PostgreSQL results: ${target.where}; ${await useTimescale(client)}`);
    return undefined;
  } catch (err) {
    return `cannot write results to PostgreSQL: ${describePostgresError(err, target)}`;
  } finally {
    await client?.end().catch(() => undefined);
  }
}
