/** One site diagnostic at a post's position (line 1, column 1 when the position is unknown). */
import type {Diagnostic, Position, RuleId} from '../types.js'
import type {SiteDiagnostic} from './types.js'

export function report(
  diagnostics: SiteDiagnostic[],
  path: string,
  ruleId: RuleId,
  message: string,
  position: Position | null,
  severity: Diagnostic['severity'] = 'warning'
): void {
  diagnostics.push({
    ruleId,
    severity,
    message,
    line: position?.start.line ?? 1,
    column: position?.start.column ?? 1,
    endLine: position?.end.line ?? 1,
    endColumn: position?.end.column ?? 1,
    source: 'mdpost',
    path
  })
}
