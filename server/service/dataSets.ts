// Test data in the editor: completion of data set names and their columns inside `{{ }}`, and
// hover on `{{ set.column }}` or on a set's key under `data:`, showing the columns and the first
// row as the data file reader found them (server/dataFileReader.ts reads the file's head).
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver';
import type { CompletionItem } from 'vscode-languageserver';
import type { DataSetIndex, ScenarioIndex } from '../../scenario/index';

/** Names offered after `{{ ` (data sets) or after `{{ set.` (its columns), for the prefix typed so far. */
export function dataCompletions(index: ScenarioIndex, prefix: string): CompletionItem[] {
  const dot = prefix.indexOf('.');
  if (dot < 0)
    return index.dataSets.map((set) => ({
      label: set.name,
      kind: CompletionItemKind.Module,
      detail: `data set: ${set.file ?? ''}`,
      documentation: { kind: MarkupKind.Markdown, value: dataSetMarkdown(set) },
      sortText: `2${set.name}`,
    }));
  const set = index.dataSets.find((s) => s.name === prefix.slice(0, dot));
  if (!set?.info?.ok) return [];
  const { columns, firstRow } = set.info;
  return columns.map((column, i) => ({
    label: `${set.name}.${column}`,
    filterText: `${set.name}.${column}`,
    kind: CompletionItemKind.Field,
    detail:
      firstRow?.[i] !== undefined
        ? `column of ${set.name}, e.g. ${clip(firstRow[i])}`
        : `column of ${set.name}`,
    sortText: `${String(i).padStart(4, '0')}`,
  }));
}

/** Hover text for a `set.column` reference, when `set` is a data set. */
export function dataReferenceHover(index: ScenarioIndex, name: string): string | undefined {
  const [setName, column] = name.split('.');
  const set = index.dataSets.find((s) => s.name === setName);
  if (!set || column === undefined) return undefined;
  return `**${column}**: a column of the data set \`${set.name}\`\n\n${dataSetMarkdown(set)}`;
}

/** Hover text for the data set whose key is named `name`. */
export function dataSetHover(index: ScenarioIndex, name: string): string | undefined {
  const set = index.dataSets.find((s) => s.name === name);
  return set ? `**${set.name}** (data set)\n\n${dataSetMarkdown(set)}` : undefined;
}

function dataSetMarkdown(set: DataSetIndex): string {
  const file = set.file ? `\`${set.file}\`` : 'its file';
  if (!set.info) return `Rows of ${file}; the columns are read when the file can be opened.`;
  if (!set.info.ok) return `${file} cannot be used: ${set.info.problem}`;
  const { columns, firstRow } = set.info;
  const cells = (row: readonly string[]) =>
    `| ${row.map((c) => clip(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  const table = [cells(columns), `|${columns.map(() => ' --- ').join('|')}|`];
  if (firstRow) table.push(cells(firstRow));
  return `Rows of ${file}: ${columns.length} column${columns.length === 1 ? '' : 's'}${firstRow ? ' (first row below)' : ''}. Read one with \`{{ ${set.name}.${columns[0] ?? 'column'} }}\`.\n\n${table.join('\n')}`;
}

/** Values shown in a hover stay short and on one line. */
function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
