// `stampede runs`: the runs kept in a results folder (their JSON result files), newest first.
import fs from 'node:fs';
import { failurePercent } from '../../../common/compare';
import { jsonForTerminal, printable } from '../../../common/untrustedText';
import { listRuns } from '../../compare/runList';
import { parseArgs, wholeNumber } from '../args';
import { ExitCode } from '../../session/exitCode';
import { CliError, UsageError } from '../errors';
import { formatClock, formatMs, formatRate, renderTable } from '../format';

export const summary = 'list the runs kept in a results folder, newest first';
const usage = 'stampede runs [--last N] [--results DIR] [--json]';

/** Local date and time to the second, as a person reads it in a list: 2026-12-06 21:40:03. */
function dateText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => n.toString().padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    { last: { type: 'number', alias: 'n' }, results: { type: 'string' }, json: { type: 'boolean' } },
    usage,
  );
  if (positionals.length > 0) throw new UsageError(`runs takes no file (got "${positionals[0]}")`, usage);
  const last = wholeNumber(flags.last as number | undefined, 'last', 1, usage);
  const dir = (flags.results as string | undefined) ?? 'results';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new CliError(
      `no results folder at ${dir}`,
      ExitCode.invalidInput,
      'give the folder your runs write to with --results DIR (run --results DIR, or the folder of `output: { json: ... }`)',
    );
  const { runs, skipped } = listRuns(dir);
  const shown = last === undefined ? runs : runs.slice(0, last);
  if (flags.json === true) {
    process.stdout.write(`${jsonForTerminal({ runs: shown, skipped })}\n`);
    return ExitCode.ok;
  }
  if (shown.length === 0) process.stdout.write(`no runs kept in ${dir}\n`);
  else {
    const header = [
      'date',
      'scenario',
      'duration',
      'requests',
      'req/s',
      'failures',
      'p95 ms',
      'verdict',
      'file',
    ];
    const rows = shown.map((r) => [
      dateText(r.startedAt ?? 0),
      printable(r.scenario ?? ''),
      r.elapsedMs === undefined ? '' : formatClock(r.elapsedMs),
      String(r.total.requests),
      formatRate(r.total.rps),
      `${failurePercent(r.total).toFixed(2)}%`,
      formatMs(r.total.p95),
      printable(r.verdict ?? ''),
      printable(r.file),
    ]);
    process.stdout.write(
      `${renderTable(header, rows, [false, false, true, true, true, true, true, false, false])}\n`,
    );
  }
  if (skipped.length > 0)
    process.stderr.write(
      `skipped ${skipped.length} JSON file(s) that are not runs: ${skipped.map((s) => printable(s.file)).join(', ')}\n`,
    );
  return ExitCode.ok;
}
