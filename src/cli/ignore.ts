/**
 * Which files are not reported: the configuration's `ignorePaths` (picomatch globs relative to
 * the folder of the file that declared them, in order, `!` re-including: the last match wins, as
 * markdownlint-cli2's globs) and every `.gitignore` from the file's folder up to the repository's
 * root (the folder with `.git`), read with `ignore`, the package ESLint uses.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, relative, sep} from 'node:path'
import ignore, {type Ignore} from 'ignore'
import picomatch from 'picomatch'
import type {Config} from './config.js'

export type IsIgnored = (absolutePath: string) => boolean

export function ignoredBy(config: Config): IsIgnored {
  const globs = config.ignorePaths.map(({pattern, base}) => {
    const negated = pattern.startsWith('!')
    return {negated, base, match: picomatch(negated ? pattern.slice(1) : pattern, {dot: true})}
  })
  const gitignores = new Map<string, Ignore | null>()
  const gitignoreOf = (folder: string): Ignore | null => {
    if (!gitignores.has(folder)) {
      const file = join(folder, '.gitignore')
      gitignores.set(folder, existsSync(file) ? ignore().add(readFileSync(file, 'utf8')) : null)
    }
    return gitignores.get(folder) ?? null
  }
  const repositories = new Map<string, boolean>()
  const isRepository = (folder: string): boolean => {
    let found = repositories.get(folder)
    if (found === undefined) {
      found = existsSync(join(folder, '.git'))
      repositories.set(folder, found)
    }
    return found
  }
  return (path) => {
    let ignored = false
    for (const glob of globs) {
      const from = posix(relative(glob.base, path))
      if (!from.startsWith('../') && glob.match(from)) ignored = !glob.negated
    }
    if (ignored) return true
    for (let folder = dirname(path); ; folder = dirname(folder)) {
      const rules = gitignoreOf(folder)
      if (rules?.ignores(posix(relative(folder, path)))) return true
      if (isRepository(folder) || dirname(folder) === folder) return false
    }
  }
}

function posix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}
