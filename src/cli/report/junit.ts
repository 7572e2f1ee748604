/**
 * `junit`: JUnit XML as CI servers read it (Jenkins, GitLab, Azure): one testcase per file
 * checked. A file with errors or warnings fails, one `<failure>` a problem (its `type` is the
 * severity); infos go to `<system-out>`.
 */
import {escapeControls} from '../../escape.js'
import {compactLine} from './compact.js'
import {byFile, countOf, type Report} from './problems.js'

export function junit(report: Report): string {
  const files = byFile(report)
  const failing = files.filter(({problems}) => problems.some((problem) => problem.severity !== 'info')).length
  const cases = files.map(({path, problems}) => {
    const failures = problems
      .filter((problem) => problem.severity !== 'info')
      .map(
        (problem) =>
          `      <failure type="${problem.severity}" message="${xml(`${problem.message} [${problem.ruleId}]`)}">${xml(compactLine(problem))}</failure>\n`
      )
    const infos = problems.filter((problem) => problem.severity === 'info').map(compactLine)
    const out = infos.length > 0 ? `      <system-out>${xml(infos.join('\n'))}</system-out>\n` : ''
    const body = failures.join('') + out
    const open = `    <testcase classname="mdpost" name="${xml(path)}" file="${xml(path)}"`
    return body === '' ? `${open}/>\n` : `${open}>\n${body}    </testcase>\n`
  })
  const counts = countOf(report.problems)
  const attributes = `tests="${files.length}" failures="${failing}" errors="0" skipped="0"`
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="mdpost" ${attributes}>
  <testsuite name="mdpost check" ${attributes}>
    <properties>
      <property name="errors" value="${counts.errors}"/>
      <property name="warnings" value="${counts.warnings}"/>
      <property name="infos" value="${counts.infos}"/>
    </properties>
${cases.join('')}  </testsuite>
</testsuites>
`
}

/**
 * Text and attribute values: markup escaped, control characters (not allowed in XML 1.0) as
 * `\u001b`, and the other characters XML 1.0 does not allow (lone surrogates, U+FFFE, U+FFFF) as U+FFFD.
 */
function xml(value: string): string {
  return escapeControls(value)
    .replace(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
