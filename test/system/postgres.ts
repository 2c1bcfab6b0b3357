// A real PostgreSQL for a test: Debian's `postgresql` binaries, a cluster made with initdb in a
// temporary folder, listening on a free loopback port with password (SCRAM) logins only. The
// server refuses to run as root, so as root every command runs as the `postgres` user the Debian
// package creates (runuser). Stop it in the test's teardown whatever happens (`destroy`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../integration/distributed/helpers';

export interface TestPostgres {
  port: number;
  user: string;
  password: string;
  database: string;
  /** postgres://user@127.0.0.1:port/database (no password). */
  url: string;
  query<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  stop(): void;
  start(): void;
  /** Stops the server and removes its folder (safe to call twice). */
  destroy(): void;
}

/** The folder of the newest installed PostgreSQL's binaries; throws naming the package when none is. */
export function postgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      `PostgreSQL is needed for this test and is not installed (no ${root}/*/bin/initdb): install the Debian package postgresql (apt-get install -y postgresql, or bash test/system/install.sh as root)`,
    );
  return path.join(root, versions[0], 'bin');
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinaries();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    const argv = asRoot
      ? ['runuser', '-u', 'postgres', '--', path.join(bin, cmd), ...args]
      : [path.join(bin, cmd), ...args];
    execFileSync(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-pg-'));
  const user = 'stampede';
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  const database = 'loadtests';
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    fs.chownSync(dir, uid, gid);
    fs.chownSync(pwfile, uid, gid);
  }
  const port = await freePort();
  let running = false;
  const pgCtl = (...args: string[]): void =>
    run('pg_ctl', ['-D', data, '-w', '-l', path.join(dir, 'log'), ...args]);
  const start = (): void => {
    pgCtl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start');
    running = true;
  };
  const stop = (): void => {
    pgCtl('-m', 'fast', 'stop');
    running = false;
  };
  run('initdb', [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  start();
  const admin = (db: string): pg.ClientConfig => ({ host: '127.0.0.1', port, user, password, database: db });
  const c = new pg.Client(admin('postgres'));
  await c.connect();
  await c.query(`CREATE DATABASE ${database}`);
  await c.end();
  return {
    port,
    user,
    password,
    database,
    url: `postgres://${user}@127.0.0.1:${port}/${database}`,
    async query(sql, values) {
      const client = new pg.Client(admin(database));
      await client.connect();
      try {
        return (await client.query(sql, values)).rows;
      } finally {
        await client.end();
      }
    },
    stop,
    start,
    destroy() {
      try {
        if (running) stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
