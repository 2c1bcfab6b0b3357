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

/** The files an output writes, as templates: CSV writes three beside its prefix, the others one. */
export function outputFileTemplates(kind: string, template: string): string[] {
  return kind === 'csv'
    ? ['_stats.csv', '_failures.csv', '_stats_history.csv'].map((s) => `${template}${s}`)
    : [template];
}

/** `results/./a.md` and `results//a.md` name the same file as `results/a.md`. */
export function normalOutputPath(template: string): string {
  return template
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment, i) => segment !== '.' && (segment !== '' || i === 0))
    .join('/');
}

/**
 * The endings CI tools look for, for the outputs whose readers go by the file name (a JUnit
 * reporter globs `*.xml`; a Markdown viewer renders `*.md`). Others may be named freely.
 */
export const OUTPUT_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  junit: ['.xml'],
  markdown: ['.md', '.markdown'],
};
