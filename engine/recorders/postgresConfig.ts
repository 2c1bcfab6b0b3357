// The connection a run's `output.postgres` names: the URL with its `{{ env.NAME }}` values filled
// in from the run's env, what libpq's PG* variables add (the `pg` driver reads PGPASSWORD, PGUSER,
// PGHOST, PGPORT, PGDATABASE for whatever the URL leaves out), a description safe to print (never
// the password) and the secrets every message about it must mask.
import os from 'node:os';
import type { ClientConfig } from 'pg';
import { fillEnvTemplates } from '../../scenario/envTemplates';
import { createSecretMask, type SecretMask } from '../secrets/mask';

export interface PostgresTarget {
  /** What the driver connects with (holds the password: never print it). */
  config: ClientConfig;
  /** `postgres://user@host:port/database`: where, for messages and the list of results written. */
  where: string;
  user: string;
  /** Masks the password (from the URL or PGPASSWORD) in every message about this database. */
  mask: SecretMask;
}

/** Fills `{{ env.NAME }}` (URL-encoded: a password may hold `@` or `/`). A name without a value stays empty. */
export function expandPostgresUrl(url: string, env: Readonly<Record<string, string>>): string {
  return fillEnvTemplates(url, env, encodeURIComponent);
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function postgresTarget(
  url: string,
  env: Readonly<Record<string, string>>,
  processEnv: NodeJS.ProcessEnv = process.env,
): PostgresTarget {
  const connectionString = expandPostgresUrl(url, env);
  let parsed: URL | undefined;
  try {
    parsed = new URL(connectionString);
  } catch {
    // The language checked the shape; a URL that still does not parse is reported by the driver.
  }
  const password = parsed?.password ? decoded(parsed.password) : (parsed?.searchParams.get('password') ?? '');
  const user = (parsed?.username && decoded(parsed.username)) || processEnv.PGUSER || os.userInfo().username;
  const host = (parsed?.hostname && decoded(parsed.hostname)) || processEnv.PGHOST || 'localhost';
  const port = parsed?.port || processEnv.PGPORT || '5432';
  const database =
    (parsed?.pathname.slice(1) && decoded(parsed.pathname.slice(1))) || processEnv.PGDATABASE || user;
  return {
    // Bounded waits: a database that hangs must not hold the run's end (the rows are retried).
    config: {
      connectionString,
      connectionTimeoutMillis: 5000,
      query_timeout: 15_000,
      application_name: 'stampede',
    },
    where: `postgres://${user}@${host}:${port}/${database}`,
    user,
    mask: createSecretMask([password, processEnv.PGPASSWORD ?? ''].filter((p) => p.length >= 1)),
  };
}
