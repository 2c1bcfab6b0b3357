// Is an existing file a Stampede result? A run overwrites (or, for SQLite, adds to) only its own
// kind of file; anything else (a `~/.bashrc` an `output:` path points at) needs --force. Each
// format is recognised by the marker its recorder writes at its start.
import fs from 'node:fs';
import type { FileOutputKind } from '../../scenario/model';
import { FAILURES_HEADER, HISTORY_HEADER, STATS_HEADER } from './csvRecorder';
import { HTML_GENERATOR_META } from './htmlReport';
import { JSON_RESULT_FORMAT } from './jsonRecorder';
import { JUNIT_MARKER } from './junitReport';
import { MARKDOWN_MARKER } from './markdownReport';

const csvHeaders = [STATS_HEADER, FAILURES_HEADER, HISTORY_HEADER].map((h) => `${h.join(',')}\n`);

const markers: Record<FileOutputKind, (head: string) => boolean> = {
  json: (head) => new RegExp(`^\\{\\s*"format":\\s*"${JSON_RESULT_FORMAT.split('/')[0]}/`).test(head),
  ndjson: (head) => /^\{"(point|final)":/.test(head),
  csv: (head) => csvHeaders.some((h) => head.startsWith(h)),
  html: (head) =>
    head.startsWith('<!DOCTYPE html>') &&
    (head.includes(HTML_GENERATOR_META) || /· Stampede report<\/title>/.test(head)),
  junit: (head) => head.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n${JUNIT_MARKER}\n`),
  markdown: (head) => head.startsWith(`${MARKDOWN_MARKER}\n`),
  // The schema is stored on the first pages: the runs table as the recorder creates it.
  sqlite: (head) =>
    head.startsWith('SQLite format 3\0') && head.includes('run_id TEXT PRIMARY KEY, scenario TEXT'),
};

/** True when `file` starts with the marker of a Stampede result of this kind. */
export function isStampedeResult(kind: FileOutputKind, file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const bytes = Buffer.alloc(kind === 'sqlite' ? 65_536 : 2048);
    const n = fs.readSync(fd, bytes, 0, bytes.length, 0);
    return markers[kind](bytes.subarray(0, n).toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
