// One analysis per document version: the language's own analysis (scenario/'s DetailedAnalysis:
// diagnostics, the parsed YAML with positions, the index of names) is made once per (uri,
// version, text) and every feature reads it (diagnostics, quick fixes, completion, hover,
// outline, definition). The YAML the editor features walk is the analysis's own parse.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DetailedAnalysis } from '../../scenario/index';
import { toLspDiagnostic } from './diagnostics';
import type { ParsedDocument } from './parsedDocument';

export interface DocumentAnalysis {
  analysis: DetailedAnalysis;
  /** The analysis's parse, seen through the document (LSP positions). */
  parsed: ParsedDocument;
  diagnostics: Diagnostic[];
}

/** How many documents keep their analysis (the ones being edited side by side). */
const CACHED_DOCUMENTS = 8;

/** Analyses a document's text; `uri` says where it lives (its data files are read beside it). */
export type Analyzer = (text: string, uri: string) => DetailedAnalysis;

/** A small cache keyed by uri; a new version (or other text) replaces the entry. */
export function createAnalysisCache(analyze: Analyzer): (text: TextDocument) => DocumentAnalysis {
  const byUri = new Map<string, { version: number; source: string; result: DocumentAnalysis }>();
  return (text) => {
    const source = text.getText();
    const hit = byUri.get(text.uri);
    if (hit && hit.version === text.version && hit.source === source) {
      // Most recently used last, so the oldest entry is the first to go.
      byUri.delete(text.uri);
      byUri.set(text.uri, hit);
      return hit.result;
    }
    const analysis = analyze(source, text.uri);
    const result: DocumentAnalysis = {
      analysis,
      parsed: { text, yaml: analysis.parsed.doc },
      diagnostics: analysis.diagnostics.map(toLspDiagnostic),
    };
    byUri.delete(text.uri);
    byUri.set(text.uri, { version: text.version, source, result });
    if (byUri.size > CACHED_DOCUMENTS) byUri.delete(byUri.keys().next().value as string);
    return result;
  };
}
