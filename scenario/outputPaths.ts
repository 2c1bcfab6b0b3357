// Where a scenario may write its results: inside its own folder (or the results folder the person
// chose). A scenario from a cloned repository is not trusted, so an `output:` path that is absolute
// or climbs out with `..` is an error in `check` and the editor; only the person running it can
// allow it (`stampede run --allow-output-outside`). The engine checks the resolved paths again
// before the run (symbolic links included), so this is the early, pure half of the rule.

/** The diagnostic code, which `run --allow-output-outside` waives. */
export const OUTPUT_OUTSIDE_CODE = 'output-outside-folder';

/** Why an `output:` path template leaves its folder, or undefined when it stays inside. */
export function outputPathProblem(template: string): string | undefined {
  const p = template.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'is absolute';
  let depth = 0;
  for (const segment of p.split('/')) {
    if (segment === '..') {
      if (--depth < 0) return 'climbs out of the folder with `..`';
    } else if (segment !== '' && segment !== '.') depth++;
  }
  return undefined;
}
