/**
 * `github`: GitHub Actions workflow commands (`::error file=…,line=…::message`, `notice` for
 * infos), with paths relative to the working folder, which is the repository's root in a
 * workflow step unless `working-directory` says otherwise; then the summary as plain log lines.
 */
import {type Report, shownOf} from './problems.js'
import {summaryLines} from './summary.js'

export function github(report: Report): string {
  const lines = shownOf(report).map((problem) => {
    const command = problem.severity === 'error' ? 'error' : problem.severity === 'warning' ? 'warning' : 'notice'
    const properties = [
      `file=${property(problem.path)}`,
      `line=${problem.line}`,
      `endLine=${problem.endLine}`,
      `col=${problem.column}`,
      `endColumn=${problem.endColumn}`,
      `title=${property(problem.ruleId)}`
    ]
    return `::${command} ${properties.join(',')}::${data(problem.message)}`
  })
  lines.push(...summaryLines(report, (_, text) => text))
  return `${lines.join('\n')}\n`
}

/** Escaping of the toolkit's `issueCommand` (actions/toolkit, packages/core/src/command.ts). */
function data(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function property(value: string): string {
  return data(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
