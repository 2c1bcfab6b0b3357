// The dotted roots a template path may start with, besides variables and captures: `env.NAME`
// (the run's environment) and one root per data set (`accounts.email`). A small table, so a new
// root is one entry: the checker, completion and hover all read it.
//
// What has a value is known outside the file. For `env`, the run decides (--env, the process
// environment, .env, `env:`): scenario/ records every use with its range (Scenario.envUses) and
// the CLI's check warns / the run stops with exit 2 for a name with no value. For a data set, the
// columns come from the AnalyzeOptions.dataFile seam (dataFiles.ts); without a reader (a worker)
// any column is accepted.
import type { DataFileInfo } from './dataFiles';
import { closest, didYouMean } from './suggest';

export interface DottedRootProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  suggestion?: string;
}

export interface DottedRoot {
  name: string;
  /** For completion and hover. */
  doc: string;
  /** The names known to follow the dot (for completion, hover and did-you-mean). */
  fields: readonly string[];
  /** What to say about a name after the dot that is not in `fields` (undefined: accepted). */
  unknownField(field: string): DottedRootProblem | undefined;
}

export const ENV_ROOT = 'env';

/** A `data:` set as the roots table needs it. */
export interface DataSetRoot {
  name: string;
  file?: string;
  info?: DataFileInfo;
}

export function dottedRoots(
  envNames: readonly string[],
  dataSets: Iterable<DataSetRoot>,
): Map<string, DottedRoot> {
  const roots = new Map<string, DottedRoot>();
  roots.set(ENV_ROOT, {
    name: ENV_ROOT,
    doc: "A value from the run's environment: `env.NAME` (--env, the process environment, a `.env` file, or `env:`).",
    fields: [...new Set(envNames)],
    // Any name may come from the environment; whether it has a value is known only at run time.
    unknownField: () => undefined,
  });
  for (const set of dataSets) {
    const columns = set.info?.ok ? set.info.columns : [];
    const info = set.info;
    roots.set(set.name, {
      name: set.name,
      doc: `A column of the current row of data set \`${set.name}\`${columns.length ? `: ${columns.map((c) => `\`${c}\``).join(', ')}` : ''}.`,
      fields: columns,
      unknownField: (field) => {
        if (info === undefined || !info.ok) return undefined;
        const suggestion = closest(field, info.columns);
        return {
          severity: 'error',
          code: 'unknown-column',
          message: `\`${set.name}\` (${set.file ?? 'its file'}) has no column \`${field}\`; its columns are ${info.columns.map((c) => `\`${c}\``).join(', ')}${didYouMean(suggestion)}`,
          suggestion: suggestion === undefined ? undefined : `${set.name}.${suggestion}`,
        };
      },
    });
  }
  return roots;
}
