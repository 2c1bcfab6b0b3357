// Writes that never crash the run: each file gets a queue of writes, a failure is logged once
// with the path, the reason and a hint, and later writes to that file are skipped.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log';

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'EACCES') return 'permission denied (choose a folder you can write to)';
  if (e && e.code === 'ENOSPC') return 'the disk is full';
  if (e && (e.code === 'ENOTDIR' || e.code === 'EEXIST')) return 'a file is in the way of the folder';
  if (e && e.code === 'EISDIR') return 'a folder has that name';
  return e instanceof Error ? e.message : String(err);
}

/** Logs a failed write of `what` to `file` as one clear line. */
export function logWriteError(log: Logger, what: string, file: string, err: unknown): void {
  log.error(`could not write the ${what} to ${file}: ${reason(err)}`);
}

/** Writes a whole file (creating its folder). Resolves true when written, false after logging why not. */
export async function writeWhole(log: Logger, what: string, file: string, data: string | Uint8Array): Promise<boolean> {
  try {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, data);
    return true;
  } catch (err) {
    logWriteError(log, what, file, err);
    return false;
  }
}

/** A file written as the run goes: the first write truncates it, the rest append, in order. */
export class AppendFile {
  private chain: Promise<void> = Promise.resolve();
  private started = false;
  private failed = false;

  constructor(
    private readonly log: Logger,
    private readonly what: string,
    readonly file: string,
  ) {}

  append(text: string): void {
    if (this.failed) return;
    const first = !this.started;
    this.started = true;
    this.chain = this.chain.then(async () => {
      if (this.failed) return;
      try {
        if (first) {
          await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
          await fs.promises.writeFile(this.file, text);
        } else await fs.promises.appendFile(this.file, text);
      } catch (err) {
        this.failed = true;
        logWriteError(this.log, this.what, this.file, err);
      }
    });
  }

  /** Waits for every queued write; true when the file was written without error. */
  async done(): Promise<boolean> {
    await this.chain;
    return this.started && !this.failed;
  }
}
