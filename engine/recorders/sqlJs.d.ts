// The part of sql.js (SQLite compiled to WebAssembly) that the SQLite recorder uses.
declare module 'sql.js' {
  type SqlValue = number | string | Uint8Array | null;
  interface Statement {
    bind(params: SqlValue[]): boolean;
    step(): boolean;
    getAsObject(): Record<string, SqlValue>;
    free(): boolean;
  }
  interface Database {
    run(sql: string, params?: SqlValue[]): Database;
    exec(sql: string): unknown;
    prepare(sql: string): Statement;
    export(): Uint8Array;
    close(): void;
  }
  interface SqlJsStatic {
    Database: new (data?: Uint8Array) => Database;
  }
  export default function initSqlJs(config?: { locateFile?: (file: string) => string }): Promise<SqlJsStatic>;
}
