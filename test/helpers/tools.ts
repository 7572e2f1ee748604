/**
 * Outside tools a test needs (Debian's chromium, jekyll, hugo, pelican, xmllint…). Outside CI a
 * missing tool skips its tests with one visible line naming the package to install; under
 * `CI=true` it is required, and the test file fails loudly (`.ci/run` installs every one).
 */
import {spawnSync} from 'node:child_process'

const seen = new Map<string, boolean>()

/** Whether `command` runs here (`command --version`, or the given probe arguments). */
export function hasTool(command: string, probe: readonly string[] = ['--version']): boolean {
  const key = `${command}\0${probe.join('\0')}`
  let found = seen.get(key)
  if (found === undefined) {
    const run = spawnSync(command, [...probe], {stdio: 'ignore', timeout: 0})
    found = run.error === undefined && run.status === 0
    seen.set(key, found)
  }
  return found
}

/**
 * True when `command` is here. When it is not: under `CI=true`, throws (the tier is required
 * there); elsewhere prints one line, `skipped: <what> (apt-get install <package>)`, and returns
 * false, for `describe.skipIf(!needTool(…))`.
 */
export function needTool(command: string, debianPackage: string, what: string, probe?: readonly string[]): boolean {
  if (hasTool(command, probe)) return true
  const line = `${what}: \`${command}\` is missing (apt-get install ${debianPackage}; .ci/run installs it)`
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`Required under CI: ${line}`)
  console.info(`skipped: ${line}`)
  return false
}
