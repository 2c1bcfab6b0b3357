// SQLite for the database recorder: Node's built-in `node:sqlite` where it exists (Node >= 22.5,
// found at run time, never imported statically), else sql.js (SQLite in WebAssembly, bundled; its
// .wasm file is copied next to the bundle by esbuild.mjs). Both behind one small interface.
import fs from 'node:fs';
import path from 'node:path';

export type SqlValue = number | string | null;

export interface SqlDb {
  readonly driver: 'node:sqlite' | 'sql.js';
  exec(sql: string): void;
  run(sql: string, params: SqlValue[]): void;
  all(sql: string, params?: SqlValue[]): Array<Record<string, unknown>>;
  /** Writes the database to its file (sql.js keeps it in memory until then). */
  save(): Promise<void>;
  close(): void;
}

interface NodeSqliteModule {
  DatabaseSync: new (file: string) => {
    exec(sql: string): void;
    prepare(sql: string): { run(...p: SqlValue[]): unknown; all(...p: SqlValue[]): Array<Record<string, unknown>> };
    close(): void;
  };
}

function nodeSqlite(): NodeSqliteModule | undefined {
  try {
    const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
    const mod = get?.('node:sqlite') as NodeSqliteModule | undefined;
    return mod && typeof mod.DatabaseSync === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

/** The sql.js .wasm: beside the bundle (dist/), else in node_modules (tests, scripts). */
export function sqlJsWasmPath(): string {
  const candidates: string[] = [];
  if (typeof __dirname === 'string') candidates.push(path.join(__dirname, 'sql-wasm.wasm'));
  try {
    candidates.push(require.resolve('sql.js/dist/sql-wasm.wasm'));
  } catch {
    // Not installed beside us: only the bundled copy can work.
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`the SQLite engine (sql-wasm.wasm) is missing; looked in ${candidates.join(', ') || 'no folder'}`);
  return found;
}

async function openSqlJs(file: string): Promise<SqlDb> {
  const { default: initSqlJs } = await import('sql.js');
  const wasm = sqlJsWasmPath();
  const SQL = await initSqlJs({ locateFile: () => wasm });
  const existing = fs.existsSync(file) ? await fs.promises.readFile(file) : undefined;
  const db = new SQL.Database(existing);
  return {
    driver: 'sql.js',
    exec: (sql) => void db.exec(sql),
    run: (sql, params) => void db.run(sql, params),
    all(sql, params = []) {
      const stmt = db.prepare(sql);
      const rows: Array<Record<string, unknown>> = [];
      try {
        stmt.bind(params);
        while (stmt.step()) rows.push(stmt.getAsObject());
      } finally {
        stmt.free();
      }
      return rows;
    },
    save: async () => {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(file, db.export());
    },
    close: () => db.close(),
  };
}

function openNodeSqlite(mod: NodeSqliteModule, file: string): SqlDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new mod.DatabaseSync(file);
  return {
    driver: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    run: (sql, params) => void db.prepare(sql).run(...params),
    all: (sql, params = []) => db.prepare(sql).all(...params),
    save: async () => {},
    close: () => db.close(),
  };
}

/** Opens (or creates) a database file. `prefer: 'sql.js'` skips node:sqlite (for tests). */
export async function openSqlite(file: string, prefer?: 'sql.js'): Promise<SqlDb> {
  const mod = prefer === 'sql.js' ? undefined : nodeSqlite();
  return mod ? openNodeSqlite(mod, file) : openSqlJs(file);
}
