/**
 * What every format reports: the problems (paths relative to the working folder), the files
 * checked, and one way of counting them, so that stylish, compact, json, github, sarif and
 * junit agree on what an error, a warning and an info are.
 */
import type {Diagnostic, Severity} from '../../types.js'

/** A diagnostic as reported: its place in a file, whatever rule (a plugin's too) said it. */
export interface Problem extends Omit<Diagnostic, 'ruleId' | 'source'> {
  /** Relative to the working folder, `/`-separated (the site folder itself for the site as a whole). */
  path: string
  ruleId: string
}

export interface Report {
  /** Every file checked, relative to the working folder, sorted. */
  files: string[]
  /** Every problem after the configuration (rules off are gone, severities as configured), sorted. */
  problems: Problem[]
  /** `--quiet`: only errors are listed; the counts still say what was left out. */
  quiet: boolean
}

export interface Counts {
  errors: number
  warnings: number
  infos: number
}

export function countOf(problems: readonly Problem[]): Counts {
  const counts: Counts = {errors: 0, warnings: 0, infos: 0}
  for (const problem of problems) {
    if (problem.severity === 'error') counts.errors++
    else if (problem.severity === 'warning') counts.warnings++
    else counts.infos++
  }
  return counts
}

/** The problems a format lists: all, or the errors with `--quiet`. */
export function shownOf(report: Report): Problem[] {
  return report.quiet ? report.problems.filter((problem) => problem.severity === 'error') : report.problems
}

/** Sorted by path, line, column, then rule id: every format lists problems in this order. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) =>
      compare(a.path, b.path) || a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId) || compare(a.message, b.message)
  )
}

/** Every file with its shown problems: the files checked and any other file a problem is in (a config file). */
export function byFile(report: Report): Array<{path: string; problems: Problem[]}> {
  const groups = new Map<string, Problem[]>(report.files.map((path) => [path, []]))
  for (const problem of shownOf(report)) {
    const list = groups.get(problem.path)
    if (list) list.push(problem)
    else groups.set(problem.path, [problem])
  }
  return [...groups.entries()].sort(([a], [b]) => compare(a, b)).map(([path, problems]) => ({path, problems}))
}

/** Problems per rule and severity, most frequent first: the summary under every human format. */
export function perRule(problems: readonly Problem[]): Array<{ruleId: string; severity: Severity; count: number}> {
  const counts = new Map<string, {ruleId: string; severity: Severity; count: number}>()
  for (const problem of problems) {
    const key = `${problem.ruleId}\0${problem.severity}`
    const entry = counts.get(key) ?? {ruleId: problem.ruleId, severity: problem.severity, count: 0}
    entry.count++
    counts.set(key, entry)
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || compare(a.ruleId, b.ruleId) || compare(a.severity, b.severity))
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
