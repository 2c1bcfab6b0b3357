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
import type { RequestLinesRequest } from '../../common/protocol/lsp';
import { analyzeScenarioDetailed } from '../../scenario/index';
import { scenarioSchema } from '../../scenario/schema';
import type { AnalyzeOptions, DataFileReader, DetailedAnalysis } from '../../scenario/index';
import { codeLenses } from './codeLenses';
import { complete } from './completion';
import { definition } from './definition';
import { createAnalysisCache } from './documentAnalysis';
import { documentSymbols } from './documentSymbols';
import { hover } from './hover';
import { buildOutline } from './outline';
import type { ScenarioIndex } from './nameIndex';
import type { ParsedDocument } from './parsedDocument';
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
  /** Where each request is (for the client's inline run figures), from the document's one analysis. */
  requestLines(text: TextDocument): RequestLinesRequest.RequestLine[];
}

export interface LanguageServiceOptions {
  /**
   * The "data file info" seam: a reader of the heads of the data files a document names (relative
   * to its folder), or undefined where none may be read (not a file, outside the workspace).
   */
  dataFiles?: (uri: string) => DataFileReader | undefined;
  /** The language's analysis (tests count calls through it). Default analyzeScenarioDetailed. */
  analyze?: (text: string, options: AnalyzeOptions) => DetailedAnalysis;
}

export function createLanguageService(
  schema: JsonSchema = scenarioSchema as unknown as JsonSchema,
  options: LanguageServiceOptions = {},
): LanguageService {
  const analyzeOptions = (uri: string): AnalyzeOptions => {
    const dataFile = options.dataFiles?.(uri);
    return dataFile ? { dataFile } : {};
  };
  // One analysis per document version, shared by every feature (see documentAnalysis.ts).
  const analyze = options.analyze ?? analyzeScenarioDetailed;
  const analysisOf = createAnalysisCache((source, uri) => analyze(source, analyzeOptions(uri)));
  const parse = (text: TextDocument): ParsedDocument => analysisOf(text).parsed;
  const indexOf = (text: TextDocument) => (): ScenarioIndex => analysisOf(text).analysis.index;
  return {
    diagnostics: (text) => analysisOf(text).diagnostics,
    completion: (text, position) => complete(parse(text), text.offsetAt(position), schema, indexOf(text)),
    hover: (text, position) => hover(parse(text), text.offsetAt(position), schema, indexOf(text)),
    documentSymbols: (text) => documentSymbols(parse(text)),
    definition: (text, position) => definition(parse(text), text.offsetAt(position), indexOf(text)),
    codeLenses: (text, running) => {
      const parsed = parse(text);
      return codeLenses(text.uri, running, parsed, buildOutline(parsed));
    },
    codeActions: (text, diagnostics) => quickFixes(text.uri, diagnostics, () => analysisOf(text).diagnostics),
    requestLines: (text) =>
      analysisOf(text).analysis.index.requests.map((r) => ({
        name: r.name,
        method: r.method,
        line: r.methodRange.start.line,
      })),
  };
}
