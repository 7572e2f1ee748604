/**
 * The progress line of `mdpost check` on a terminal (a pseudo-terminal from util-linux's
 * `script`), on a generated 3,000-post site checked from another folder: it is drawn before the
 * run ends (its order in the output, never a time), refreshed, cleared, and followed by the
 * summary; with `--no-progress` or without a terminal, nothing of it is written.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'
import {blog, cli, mdpost, writeTree} from './helpers/cli.js'
import {needTool} from './helpers/tools.js'

const folder = mkdtempSync(join(tmpdir(), 'mdpost-cli-progress-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))
const work = join(folder, 'work')
mkdirSync(work)

/** `mdpost …args` on a pseudo-terminal from `cwd`: what the terminal shows (stdout and stderr together), and the exit code. */
function onTerminal(cwd: string, args: string[], env: Record<string, string> = {}): {status: number | null; screen: string} {
  const command = [process.execPath, cli, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ')
  const {FORCE_COLOR: _force, NO_COLOR: _no, ...rest} = process.env
  const {status, stdout} = spawnSync('script', ['-qefc', command, '/dev/null'], {cwd, encoding: 'utf8', env: {...rest, ...env}})
  return {status, screen: stdout}
}

describe.skipIf(!needTool('script', 'bsdutils', 'progress on a terminal'))('progress on a terminal', () => {
  test('3,000 posts: progress drawn from the start and refreshed, then cleared, then the per-rule summary', () => {
    const site = join(folder, 'big')
    mkdirSync(join(site, '_posts'), {recursive: true})
    writeFileSync(join(site, '_config.yml'), 'title: Big\n')
    const count = 3000
    for (let index = 0; index < count; index++) {
      const day = String((index % 28) + 1).padStart(2, '0')
      const link = index % 10 === 0 ? `[gone](/gone-${index}/)` : 'text'
      writeFileSync(join(site, '_posts', `2020-01-${day}-p${index}.md`), `---\ntitle: Post ${index}\n---\n\nSome ${link}.\n`)
    }
    const {status, screen} = onTerminal(work, ['check', '../big', '--no-color'])
    expect(status).toBe(0)
    const first = screen.indexOf(`0/${count} files parsed`)
    const last = screen.indexOf(`${count}/${count} files parsed`)
    const summary = screen.indexOf('⚠ 300 problems (0 errors, 300 warnings, 0 infos)')
    expect(screen.indexOf('mdpost: checking…')).toBeGreaterThanOrEqual(0)
    expect(first).toBeGreaterThan(0)
    expect(last).toBeGreaterThan(first)
    expect(summary).toBeGreaterThan(last)
    // Cleared before the report: the line is erased after its last state.
    expect(screen.slice(last, summary)).toContain('\r\u001b[2K')
    expect(screen).toContain('  300  warning  link-internal-broken')
    expect(screen).toContain(`${count} files checked`)
  })

  test('--no-progress on a terminal, and no terminal: no progress line; colours on a terminal unless NO_COLOR', () => {
    writeTree(join(folder, 'blog'), blog)
    const quiet = onTerminal(work, ['check', '../blog', '--no-progress'])
    expect(quiet.screen).not.toContain('files parsed')
    expect(quiet.screen).not.toContain('checking…')
    expect(quiet.screen).toContain('\u001b[31merror  \u001b[0m')
    expect(onTerminal(work, ['check', '../blog'], {NO_COLOR: '1'}).screen).not.toContain('\u001b[31m')
    const piped = mdpost(work, ['check', '../blog'])
    expect(piped.stderr).toBe('')
    expect(piped.stdout).toContain('3 files checked')
  })
})
