/** The summary under the human formats (stylish, github): totals, problems per rule, files checked. */
import {type Counts, countOf, perRule, plural, type Report} from './problems.js'

export type Paint = (style: 'red' | 'yellow' | 'green' | 'dim' | 'underline' | 'bold', text: string) => string

export function summaryLines(report: Report, paint: Paint): string[] {
  const counts = countOf(report.problems)
  const lines: string[] = []
  const total = counts.errors + counts.warnings + counts.infos
  if (report.files.length === 0) lines.push(paint('yellow', '⚠ no post files found'))
  else if (total === 0) lines.push(`${paint('green', '✔')} no problems`)
  else if (report.quiet && counts.errors === 0) lines.push(`${paint('green', '✔')} no errors (${hidden(counts)} not shown: --quiet)`)
  else {
    const mark = counts.errors > 0 ? paint('red', '✖') : paint('yellow', '⚠')
    const tail = report.quiet && counts.warnings + counts.infos > 0 ? `; ${hidden(counts)} not shown: --quiet` : ''
    lines.push(`${mark} ${plural(total, 'problem')} (${totals(counts)})${tail}`)
    const rules = perRule(report.quiet ? report.problems.filter((problem) => problem.severity === 'error') : report.problems)
    const width = Math.max(...rules.map((rule) => String(rule.count).length))
    for (const rule of rules) lines.push(`  ${String(rule.count).padStart(width)}  ${rule.severity.padEnd(7)}  ${rule.ruleId}`)
  }
  lines.push(`${plural(report.files.length, 'file')} checked`)
  return lines
}

export function totals(counts: Counts): string {
  return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')}`
}

function hidden(counts: Counts): string {
  const parts = []
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'))
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info'))
  return parts.join(' and ')
}
