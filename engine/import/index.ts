// `stampede import`: a curl command, a .http file, a HAR, a Postman collection or an OpenAPI
// document becomes a scenario. Each format has one parser (curl.ts, httpFile.ts, har.ts,
// postman.ts, openapi.ts) producing the same ImportedCollection; prepare.ts and scenarioWriter.ts
// turn that into YAML. The result is checked with the language itself before it is returned, so an
// import never hands a person a file with errors. Never imports vscode (the extension loads it too).
import { analyzeScenario } from '../../scenario/index';
import { fromCurl } from './curl';
import { detectKind } from './detect';
import { fromHar } from './har';
import { fromHttpFile } from './httpFile';
import {
  ImportError,
  IMPORT_KINDS,
  type ImportedCollection,
  type ImportKind,
  type ImportResult,
} from './model';
import { fromOpenApi } from './openapi';
import { fromPostman } from './postman';
import { prepare } from './prepare';
import { writeScenario } from './scenarioWriter';

export { ImportError, IMPORT_KINDS, detectKind };
export type { ImportKind, ImportResult };
export { httpFileRequests } from './httpFile';

export interface ImportOptions {
  from?: ImportKind;
  /** The file name as given (for the kind guess, the scenario name and the header comment). */
  fileName?: string;
  /** The file's path on disk, when it has one (OpenAPI: `$ref`s to other files resolve against it). */
  filePath?: string;
  /** HAR: keep images, fonts, CSS and scripts. */
  assets?: boolean;
  /** .http: import only the request at this index (the editor's CodeLens). */
  onlyRequest?: number;
}

function baseName(fileName: string | undefined): string {
  if (!fileName) return 'Imported';
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.(postman_collection\.json|json|ya?ml|har|http|rest|txt|sh)$/i, '') || 'Imported';
}

async function collect(text: string, kind: ImportKind, options: ImportOptions): Promise<ImportedCollection> {
  const name = baseName(options.fileName);
  switch (kind) {
    case 'curl':
      return fromCurl(text, name);
    case 'http':
      return fromHttpFile(text, name, options.onlyRequest);
    case 'har':
      return fromHar(text, name, options.assets === true);
    case 'postman':
      return fromPostman(text, name);
    case 'openapi':
      return fromOpenApi(text, name, options.filePath);
  }
}

export async function importScenario(text: string, options: ImportOptions = {}): Promise<ImportResult> {
  if (!text.trim())
    throw new ImportError('the input is empty', 'give a file with requests, or - to read standard input');
  const kind = options.from ?? detectKind(text, options.fileName);
  let collection: ImportedCollection;
  try {
    collection = await collect(text, kind, options);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    // A parser that trips over a malformed document: the person's input, so a message, not a stack.
    throw new ImportError(
      `the ${kind} input cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      `check that it is a valid ${kind} file${options.from ? '' : ', or name its kind with --from'}`,
    );
  }
  if (collection.tasks.every((t) => t.requests.length === 0))
    throw new ImportError(`no request found in this ${kind} input`, 'check that it is the file you meant');
  const prepared = prepare(collection);
  if (prepared.tasks.length === 0)
    throw new ImportError(
      `no request in this ${kind} input can be sent by a scenario`,
      collection.notes.join('; '),
    );
  const yaml = writeScenario(collection, prepared, { kind, source: options.fileName ?? 'standard input' });
  const errors = analyzeScenario(yaml, { purpose: 'check' }).diagnostics.filter(
    (d) => d.severity === 'error',
  );
  if (errors.length)
    throw new Error(
      `the imported scenario has errors (a bug in the importer): ${errors.map((e) => `${e.range.start.line + 1}: ${e.message}`).join('; ')}`,
    );
  const notes = [
    ...collection.notes,
    ...prepared.tasks.flatMap((t) => t.requests.flatMap((r) => r.notes.map((n) => `${r.displayName}: ${n}`))),
  ];
  return { kind, yaml, notes, secrets: prepared.secrets };
}
