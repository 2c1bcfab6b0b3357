// The language's diagnostics in LSP's shape. scenario/ already uses 0-based positions, so only the
// severity changes; the "did you mean" suggestion rides along in `data` for the quick fix.
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { Diagnostic as ScenarioDiagnostic } from '../../scenario/index';

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
