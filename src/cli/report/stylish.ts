/**
 * `stylish`: problems grouped by file, as vfile-reporter prints them (`line:column-endLine:endColumn
 * severity message rule`), then the summary. Files without problems are not listed.
 */
import {escapeControls} from '../../escape.js'
import {byFile, type Report} from './problems.js'
import {type Paint, summaryLines} from './summary.js'

export function stylish(report: Report, paint: Paint): string {
  const lines: string[] = []
  for (const {path, problems} of byFile(report)) {
    if (problems.length === 0) continue
    lines.push(paint('underline', escapeControls(path)))
    const places = problems.map((problem) => `${problem.line}:${problem.column}-${problem.endLine}:${problem.endColumn}`)
    const width = Math.max(...places.map((place) => place.length))
    problems.forEach((problem, index) => {
      const severity =
        problem.severity === 'error'
          ? paint('red', 'error  ')
          : problem.severity === 'warning'
            ? paint('yellow', 'warning')
            : paint('dim', 'info   ')
      lines.push(
        `  ${(places[index] as string).padEnd(width)}  ${severity}  ${escapeControls(problem.message)}  ${paint('dim', problem.ruleId)}`
      )
    })
    lines.push('')
  }
  lines.push(...summaryLines(report, paint))
  return `${lines.join('\n')}\n`
}
