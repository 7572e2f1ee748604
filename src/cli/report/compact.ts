/** `compact`: one line a problem, `path:line:column: severity: message [rule-id]`, as `mdpost` (parse) writes diagnostics. */
import {escapeControls} from '../../escape.js'
import {type Problem, type Report, shownOf} from './problems.js'

export function compact(report: Report): string {
  return shownOf(report)
    .map((problem) => `${compactLine(problem)}\n`)
    .join('')
}

export function compactLine(problem: Problem): string {
  return `${escapeControls(problem.path)}:${problem.line}:${problem.column}: ${problem.severity}: ${escapeControls(problem.message)} [${problem.ruleId}]`
}
