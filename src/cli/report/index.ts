/** The one reporter: a Report in the format asked for. */

import {compact} from './compact.js'
import {github} from './github.js'
import {json} from './json.js'
import {junit} from './junit.js'
import type {Report} from './problems.js'
import {sarif} from './sarif.js'
import {stylish} from './stylish.js'
import type {Paint} from './summary.js'

export type Format = 'stylish' | 'compact' | 'json' | 'github' | 'sarif' | 'junit'

export interface ReportContext {
  color: boolean
  version: string
  /** The working folder: SARIF's `%SRCROOT%`. */
  cwd: string
}

export function formatReport(report: Report, format: Format, context: ReportContext): string {
  if (format === 'compact') return compact(report)
  if (format === 'json') return json(report)
  if (format === 'github') return github(report)
  if (format === 'sarif') return sarif(report, context)
  if (format === 'junit') return junit(report)
  return stylish(report, painter(context.color))
}

const styles = {red: '31', yellow: '33', green: '32', dim: '2', underline: '4', bold: '1'} as const

export function painter(color: boolean): Paint {
  return color ? (style, text) => `\x1b[${styles[style]}m${text}\x1b[0m` : (_, text) => text
}

/**
 * Colours when `--color`, never with `--no-color`; else FORCE_COLOR (not `0`) forces them and
 * NO_COLOR (not empty) turns them off (no-color.org); else only when stdout is a terminal.
 */
export function useColor(flag: boolean | null, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== null) return flag
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTTY
}
