// The dotted roots a template path may start with, besides variables and captures: `env.NAME`
// (the run's environment) and one root per data set (`accounts.email`). A small table, so a new
// root is one entry: the checker, completion and hover all read it.
//
// The seam with the environment and data-set features: what has a value is known outside the
// file (--env, the process environment, .env, a data file's header row), so the caller of
// analyzeScenario passes it as TemplateRootValues, and the engine resolves `env.NAME` from the
// run's env map (createRunContext's `env`). Until something passes env names, every `env.NAME`
// is a warning "no value for env.NAME" and renders empty.

export interface TemplateRootValues {
  /** Names that have a value for `env.NAME`. */
  env?: ReadonlySet<string>;
  /** Data sets (`data:`) by name, with their column names. */
  dataSets?: ReadonlyMap<string, readonly string[]>;
}

export interface DottedRoot {
  name: string;
  /** For completion and hover. */
  doc: string;
  /** The names that may follow the dot. */
  fields: readonly string[];
  /** What to say about a name after the dot that is not in `fields`. */
  unknownField(field: string): { severity: 'error' | 'warning'; message: string };
}

export const ENV_ROOT = 'env';

export function dottedRoots(values: TemplateRootValues): Map<string, DottedRoot> {
  const roots = new Map<string, DottedRoot>();
  const env = [...(values.env ?? [])];
  roots.set(ENV_ROOT, {
    name: ENV_ROOT,
    doc: "A value from the run's environment: `env.NAME`.",
    fields: env,
    unknownField: (field) => ({
      severity: 'warning',
      message: `no value for \`env.${field}\`: the run's environment does not give one, so it would be sent empty`,
    }),
  });
  for (const [name, columns] of values.dataSets ?? []) {
    roots.set(name, {
      name,
      doc: `A column of the current row of data set \`${name}\`: ${columns.map((c) => `\`${c}\``).join(', ')}.`,
      fields: columns,
      unknownField: (field) => ({
        severity: 'error',
        message: `data set \`${name}\` has no column \`${field}\` (columns: ${columns.map((c) => `\`${c}\``).join(', ')})`,
      }),
    });
  }
  return roots;
}
