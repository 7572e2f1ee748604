/**
 * Outside tools a test needs (Debian's chromium, jekyll, hugo, pelican, xmllint…, and the npm
 * registry for the packed-tarball test). Outside CI a missing tool skips its tests with one
 * visible line naming the package to install; under `CI=true` it is required, and the test file
 * fails loudly (`.ci/run` installs every one).
 *
 * `MDPOST_HIDE_TOOLS=chromium,jekyll` (comma-separated commands; `npm-registry` for the registry)
 * makes tools look missing, to see what a fresh machine does: `MDPOST_HIDE_TOOLS=chromium npm test`.
 */
import {spawnSync} from 'node:child_process'

const seen = new Map<string, boolean>()

/** Commands `MDPOST_HIDE_TOOLS` hides. */
function hidden(command: string): boolean {
  const names = (process.env.MDPOST_HIDE_TOOLS ?? '').split(',').map((name) => name.trim())
  return names.includes(command)
}

function underCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1'
}

/** Whether `command` runs here (`command --version`, or the given probe arguments). */
export function hasTool(command: string, probe: readonly string[] = ['--version']): boolean {
  if (hidden(command)) return false
  const key = `${command}\0${probe.join('\0')}`
  let found = seen.get(key)
  if (found === undefined) {
    const run = spawnSync(command, [...probe], {stdio: 'ignore', timeout: 0})
    found = run.error === undefined && run.status === 0
    seen.set(key, found)
  }
  return found
}

/** Under CI, throw; elsewhere print one `skipped:` line. Returns false for `describe.skipIf(!…)`. */
function missing(line: string): false {
  if (underCi()) throw new Error(`Required under CI: ${line}`)
  console.info(`skipped: ${line}`)
  return false
}

/**
 * True when `command` is here. When it is not: under `CI=true`, throws (the tier is required
 * there); elsewhere prints one line, `skipped: <what> (apt-get install <package>)`, and returns
 * false, for `describe.skipIf(!needTool(…))`.
 */
export function needTool(command: string, debianPackage: string, what: string, probe?: readonly string[]): boolean {
  if (hasTool(command, probe)) return true
  return missing(`${what}: \`${command}\` is missing (apt-get install ${debianPackage}; .ci/run installs it)`)
}

/**
 * True when the npm registry answers (`npm ping`), as `npm ci` needs it too. When it does not:
 * under `CI=true`, throws; elsewhere prints one `skipped:` line and returns false.
 */
export function needRegistry(what: string): boolean {
  if (!hidden('npm-registry')) {
    let found = seen.get('npm-registry')
    if (found === undefined) {
      // A network probe: its time limit is for an unreachable registry, not for a slow machine.
      const run = spawnSync('npm', ['ping'], {stdio: 'ignore', timeout: 120_000})
      found = run.error === undefined && run.status === 0
      seen.set('npm-registry', found)
    }
    if (found) return true
  }
  return missing(`${what}: the npm registry does not answer (\`npm ping\`); it needs the registry, as \`npm ci\` does`)
}
