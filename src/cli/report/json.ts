/**
 * `json`: ESLint's JSON formatter shape, one entry per file checked (`filePath` relative to the
 * working folder, where ESLint writes it absolute). ESLint has no info severity: infos are
 * messages of severity 1 that `warningCount` leaves out and `infoCount` counts.
 */
import {byFile, countOf, type Report} from './problems.js'

export function json(report: Report): string {
  const files = byFile(report).map(({path, problems}) => {
    const counts = countOf(problems)
    return {
      filePath: path,
      messages: problems.map((problem) => ({
        ruleId: problem.ruleId,
        severity: problem.severity === 'error' ? 2 : 1,
        message: problem.message,
        line: problem.line,
        column: problem.column,
        endLine: problem.endLine,
        endColumn: problem.endColumn
      })),
      errorCount: counts.errors,
      fatalErrorCount: 0,
      warningCount: counts.warnings,
      infoCount: counts.infos,
      fixableErrorCount: 0,
      fixableWarningCount: 0
    }
  })
  return `${JSON.stringify(files)}\n`
}
