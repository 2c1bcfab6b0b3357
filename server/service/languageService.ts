// The language service: every editor feature as a plain function of a document, with no LSP
// connection inside (after yaml-language-server's languageservice/). server/main.ts wires it to
// the protocol; unit tests call it directly.
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { scenarioSchema } from '../../scenario/schema';
import type { AnalyzeOptions, DataFileReader } from '../../scenario/index';
import { codeLenses } from './codeLenses';
import { complete } from './completion';
import { definition } from './definition';
import { diagnose } from './diagnostics';
import { documentSymbols } from './documentSymbols';
import { hover } from './hover';
import type { ScenarioIndex } from './nameIndex';
import { indexScenario } from './nameIndex';
import type { ParsedDocument } from './parsedDocument';
import { parseScenarioText } from './parsedDocument';
import { quickFixes } from './quickFixes';
import type { JsonSchema } from './schemaNavigation';

export interface LanguageService {
  diagnostics(text: TextDocument): Diagnostic[];
  completion(text: TextDocument, position: Position): CompletionList;
  hover(text: TextDocument, position: Position): Hover | null;
  documentSymbols(text: TextDocument): DocumentSymbol[];
  definition(text: TextDocument, position: Position): Location[];
  codeLenses(text: TextDocument, running: boolean): CodeLens[];
  codeActions(text: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
}

export interface LanguageServiceOptions {
  /**
   * The "data file info" seam: a reader of the heads of the data files a document names (relative
   * to its folder), or undefined where none may be read (not a file, outside the workspace).
   */
  dataFiles?: (uri: string) => DataFileReader | undefined;
}

export function createLanguageService(
  schema: JsonSchema = scenarioSchema as unknown as JsonSchema,
  options: LanguageServiceOptions = {},
): LanguageService {
  const analyzeOptions = (text: TextDocument): AnalyzeOptions => {
    const dataFile = options.dataFiles?.(text.uri);
    return dataFile ? { dataFile } : {};
  };
  // One parse per document version: completion, hover and symbols often ask about the same text.
  let cache: { uri: string; version: number; text: string; parsed: ParsedDocument } | undefined;
  const parse = (text: TextDocument): ParsedDocument => {
    const source = text.getText();
    if (cache && cache.uri === text.uri && cache.version === text.version && cache.text === source)
      return cache.parsed;
    const parsed = parseScenarioText(text);
    cache = { uri: text.uri, version: text.version, text: source, parsed };
    return parsed;
  };
  // The analyzer's name index, computed lazily (only template completion and definition need it).
  let indexCache: { text: string; index: ScenarioIndex } | undefined;
  const indexOf = (text: TextDocument) => (): ScenarioIndex => {
    const source = text.getText();
    if (indexCache?.text !== source)
      indexCache = { text: source, index: indexScenario(source, analyzeOptions(text)) };
    return indexCache.index;
  };
  return {
    diagnostics: (text) => diagnose(text.getText(), analyzeOptions(text)),
    completion: (text, position) => complete(parse(text), text.offsetAt(position), schema, indexOf(text)),
    hover: (text, position) => hover(parse(text), text.offsetAt(position), schema, indexOf(text)),
    documentSymbols: (text) => documentSymbols(parse(text)),
    definition: (text, position) => definition(parse(text), text.offsetAt(position), indexOf(text)),
    codeLenses: (text, running) => codeLenses(text.uri, running),
    codeActions: (text, diagnostics) => quickFixes(text.uri, diagnostics, () => diagnose(text.getText())),
  };
}
