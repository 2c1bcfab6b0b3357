// Output paths: `{name}` (the scenario's name made safe for a file name) and `{time}` (the run's
// start, local time, sortable) are expanded, and a relative path is resolved against a base folder.
import path from 'node:path';

/** A scenario name as a file-name part: letters, digits, dot, dash and underscore only. */
export function fileSafe(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return s || 'run';
}

/** `20261123-142501`: local time, so a person recognises it, and sortable. */
export function timeStamp(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}

export function expandOutputPath(template: string, vars: { name: string; startedAt: number }, baseDir: string): string {
  const expanded = template.replace(/\{name\}/g, fileSafe(vars.name)).replace(/\{time\}/g, timeStamp(vars.startedAt));
  return path.resolve(baseDir, expanded);
}
