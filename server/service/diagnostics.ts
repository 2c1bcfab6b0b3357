// The language's diagnostics in LSP's shape. scenario/ already uses 0-based positions, so only the
// severity changes; the "did you mean" suggestion rides along in `data` for the quick fix.
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { analyzeScenario } from '../../scenario/index';
import type { Diagnostic as ScenarioDiagnostic } from '../../scenario/index';
import { MAX_NESTING, excessiveNesting } from '../../scenario/nestingLimit';

export const DIAGNOSTIC_SOURCE = 'stampede';

/** What a quick fix needs; carried in Diagnostic.data and echoed back by the client. */
export interface DiagnosticData {
  suggestion: string;
}

const SEVERITY: Record<ScenarioDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(d: ScenarioDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    message: d.message,
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
  };
  if (d.suggestion !== undefined) out.data = { suggestion: d.suggestion } satisfies DiagnosticData;
  return out;
}

/** The same analysis as `stampede check`, except for text too deeply nested to parse safely. */
export function diagnose(text: string): Diagnostic[] {
  const tooDeep = excessiveNesting(text);
  if (tooDeep) {
    const position = positionOf(text, tooDeep.offset);
    return [
      {
        range: { start: position, end: { line: position.line, character: position.character + 1 } },
        severity: DiagnosticSeverity.Error,
        code: 'too-deep',
        source: DIAGNOSTIC_SOURCE,
        message: `this text nests more than ${MAX_NESTING} levels deep here; a scenario needs only a few, so Stampede does not analyse it`,
      },
    ];
  }
  return analyzeScenario(text).diagnostics.map(toLspDiagnostic);
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
