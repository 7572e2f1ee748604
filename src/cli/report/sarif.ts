/**
 * `sarif`: a SARIF 2.1.0 log (OASIS), as GitHub code scanning reads it: one run, the rules that
 * reported, one result per problem with its region, artifact URIs relative to `%SRCROOT%` (the
 * working folder), and every file checked as an artifact. Levels: error, warning, note (info).
 */
import {pathToFileURL} from 'node:url'
import {type Report, shownOf} from './problems.js'

const informationUri = 'https://github.com/mdpost/mdpost#diagnostics'

export function sarif(report: Report, context: {version: string; cwd: string}): string {
  const problems = shownOf(report)
  const ruleIds = [...new Set(problems.map((problem) => problem.ruleId))].sort()
  const artifacts = [...new Set([...report.files, ...problems.map((problem) => problem.path)])].sort()
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mdpost',
            version: context.version,
            semanticVersion: context.version,
            informationUri,
            rules: ruleIds.map((id) => ({id, helpUri: informationUri}))
          }
        },
        originalUriBaseIds: {'%SRCROOT%': {uri: `${pathToFileURL(context.cwd).href.replace(/\/?$/, '/')}`}},
        artifacts: artifacts.map((path) => ({location: {uri: uriOf(path), uriBaseId: '%SRCROOT%'}})),
        results: problems.map((problem) => ({
          ruleId: problem.ruleId,
          ruleIndex: ruleIds.indexOf(problem.ruleId),
          level: problem.severity === 'info' ? 'note' : problem.severity,
          message: {text: problem.message},
          locations: [
            {
              physicalLocation: {
                artifactLocation: {uri: uriOf(problem.path), uriBaseId: '%SRCROOT%', index: artifacts.indexOf(problem.path)},
                region: {
                  startLine: problem.line,
                  startColumn: problem.column,
                  endLine: Math.max(problem.endLine, problem.line),
                  endColumn: problem.endLine > problem.line ? problem.endColumn : Math.max(problem.endColumn, problem.column)
                }
              }
            }
          ]
        }))
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}

/** A relative path as a relative URI reference: each segment percent-encoded. */
function uriOf(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/')
}
