/** Running the built `mdpost` binary from a chosen working folder, as a user's shell would. */
import {spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'

export const cli = new URL('../../dist/cli/index.js', import.meta.url).pathname

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** `mdpost …args` in `cwd`, with colours decided by the flags only (FORCE_COLOR and NO_COLOR removed unless given). */
export function mdpost(cwd: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const {FORCE_COLOR: _force, NO_COLOR: _no, ...rest} = process.env
  const {status, stdout, stderr} = spawnSync(process.execPath, [cli, ...args], {cwd, encoding: 'utf8', env: {...rest, ...env}})
  return {status, stdout, stderr}
}

/** Files from a map of relative paths to contents, under `root`. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), {recursive: true})
    writeFileSync(join(root, path), text)
  }
}

/**
 * A small Jekyll blog with one problem of each severity: a broken link and a broken fragment
 * (warnings), a `style` attribute (info), a `{% post_url %}` to no post (error); one clean post.
 */
export const blog: Record<string, string> = {
  '_config.yml': 'url: https://example.org\n',
  '_posts/2020-01-01-a.md': '---\ntitle: A\n---\n\n# A\n\n[broken](/nowhere/) and [frag](#nope)\n\n<span style="color:red">x</span>\n',
  '_posts/2020-01-02-b.md': '---\ntitle: B\n---\n\nSee [it]({% post_url 2019-01-01-never %}).\n',
  '_posts/2020-01-03-c.md': '---\ntitle: C\n---\n\nClean.\n'
}
