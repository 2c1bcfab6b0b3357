// `data:` test data sets: names, files (relative, inside the scenario's folder), pick/per/
// onExhausted, and, when the caller handed in a data file reader, what the file's head says
// (missing, unreadable, ragged: an error at the `file:` value). Column references are checked
// in templateScope.ts against the columns found here.
import type { Node } from 'yaml';
import { DATA_EXHAUSTED, DATA_PERS, DATA_PICKS } from '../dataFiles';
import type { DataExhausted, DataPer, DataPick } from '../dataFiles';
import { mapPairs } from '../document';
import { filePathProblem } from '../filePaths';
import type { DataSetSpec } from '../model';
import { TEMPLATE_NAME } from '../templates';
import type { Ctx, DataSetIndex } from './context';

/** Template roots that are not data sets: a data set by this name could never be read. */
const RESERVED_ROOTS = ['env'];

function enumValue<T extends string>(
  ctx: Ctx,
  map: Node | null,
  key: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = ctx.str(ctx.map(map), key)?.value;
  // A value outside the enum is reported by the schema check (with "did you mean").
  return v !== undefined && (values as readonly string[]).includes(v) ? (v as T) : fallback;
}

function compileFile(ctx: Ctx, entry: Node | null, set: DataSetIndex): string | undefined {
  const file = ctx.str(ctx.map(entry), 'file');
  if (!file) return undefined;
  const problem = filePathProblem(file.value);
  if (problem) {
    ctx.report.error(file.node, 'bad-path', problem);
    return undefined;
  }
  if (!/\.(csv|json)$/i.test(file.value)) {
    ctx.report.error(
      file.node,
      'bad-data-file',
      `\`${file.value}\`: a data file is a CSV file (\`.csv\`, header row = column names) or a JSON array of objects (\`.json\`)`,
    );
    return undefined;
  }
  set.file = file.value;
  const info = ctx.options.dataFile?.(file.value);
  if (info) {
    set.info = info;
    if (!info.ok)
      ctx.report.error(file.node, 'bad-data-file', `cannot use \`${file.value}\`: ${info.problem}`);
  }
  return file.value;
}

export function compileData(ctx: Ctx, node: Node | null): DataSetSpec[] {
  const map = ctx.map(node);
  if (!map) return [];
  const specs: DataSetSpec[] = [];
  for (const { key, pair } of mapPairs(map)) {
    const keyNode = pair.key as Node;
    if (!TEMPLATE_NAME.test(key) || RESERVED_ROOTS.includes(key)) {
      const why = RESERVED_ROOTS.includes(key)
        ? `\`${key}\` is taken by \`{{ ${key}.NAME }}\`: give the data set another name`
        : `\`${key}\` is not a data set name: use letters, digits and _ (not starting with a digit)`;
      ctx.report.error(keyNode, 'bad-name', why);
      continue;
    }
    const set: DataSetIndex = { name: key, range: ctx.range(keyNode) };
    ctx.index.dataSets.push(set);
    ctx.dataSets.set(key, set);
    const entry = pair.value as Node | null;
    const file = compileFile(ctx, entry, set);
    const pick = enumValue<DataPick>(ctx, entry, 'pick', DATA_PICKS, 'sequential');
    const per = enumValue<DataPer>(ctx, entry, 'per', DATA_PERS, 'iteration');
    const onExhausted = enumValue<DataExhausted>(ctx, entry, 'onExhausted', DATA_EXHAUSTED, 'stop');
    const exhaustedPair = ctx.pair(ctx.map(entry), 'onExhausted');
    if (exhaustedPair && pick !== 'unique')
      ctx.report.warning(
        exhaustedPair.key,
        'unused-key',
        `\`onExhausted\` applies to \`pick: unique\` only: \`${pick}\` rows never run out`,
      );
    if (file !== undefined) specs.push({ name: key, file, pick, per, onExhausted });
  }
  return specs;
}
