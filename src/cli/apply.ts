/**
 * The library's findings as a Report: paths re-based from the site's root to the working
 * folder, then the configuration applied (ignored paths, rules off or re-graded, ignored links,
 * inline comments in the posts).
 */
import {closeSync, constants, fstatSync, openSync, readFileSync} from 'node:fs'
import {relative, resolve, sep} from 'node:path'
import type {Diagnostic, Position} from '../types.js'
import type {Config} from './config.js'
import type {IsIgnored} from './ignore.js'
import {inlineDisabled} from './inline.js'
import {type Problem, type Report, sortProblems} from './report/problems.js'

export interface Findings {
  /** The folder the paths below are relative to (the site's root, or the working folder). */
  root: string
  /** Files checked. */
  files: readonly string[]
  /** Problems; a null path is the site as a whole (its root). */
  diagnostics: ReadonlyArray<Diagnostic & {path: string | null}>
  /** Links and images of a file, to match `ignoreLinks` against the URL a problem is about. */
  linksOf(path: string): ReadonlyArray<{url: string; position: Position | null}>
}

/** Rules about one link or image, whose URL `ignoreLinks` is matched against. */
const linkRules = new Set(['link-internal-broken', 'link-fragment-broken', 'image-local-missing', 'link-unsafe', 'link-empty'])

export function toReport(findings: Findings, config: Config, isIgnored: IsIgnored, cwd: string, quiet: boolean): Report {
  const absolute = (path: string | null) => (path === null ? resolve(findings.root) : resolve(findings.root, path))
  const shown = (path: string) => posix(relative(cwd, path)) || '.'
  const links = config.ignoreLinks.map((pattern) => new RegExp(pattern))
  const inline = new Map<string, (ruleId: string, line: number) => boolean>()
  const disabled = (path: string, ruleId: string, line: number): boolean => {
    let check = inline.get(path)
    if (!check) {
      check = inlineDisabled(readText(path))
      inline.set(path, check)
    }
    return check(ruleId, line)
  }
  const problems: Problem[] = []
  for (const diagnostic of findings.diagnostics) {
    const path = absolute(diagnostic.path)
    if (diagnostic.path !== null && isIgnored(path)) continue
    const setting = config.rules[diagnostic.ruleId]
    if (setting === 'off') continue
    if (links.length > 0 && linkRules.has(diagnostic.ruleId) && diagnostic.path !== null) {
      const urls = urlsAt(findings.linksOf(diagnostic.path), diagnostic)
      if (urls.some((url) => links.some((pattern) => pattern.test(url)))) continue
    }
    if (diagnostic.path !== null && diagnostic.ruleId !== 'file-unreadable' && disabled(path, diagnostic.ruleId, diagnostic.line)) continue
    problems.push({
      path: shown(path),
      ruleId: diagnostic.ruleId,
      severity: setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : diagnostic.severity,
      message: diagnostic.message,
      line: diagnostic.line,
      column: diagnostic.column,
      endLine: diagnostic.endLine,
      endColumn: diagnostic.endColumn
    })
  }
  const files = findings.files
    .map(absolute)
    .filter((path) => !isIgnored(path))
    .map(shown)
    .sort()
  return {files, problems: sortProblems(problems), quiet}
}

/** The URLs of the links at the problem's place, and what its message quotes first (`…`). */
function urlsAt(links: ReadonlyArray<{url: string; position: Position | null}>, diagnostic: Diagnostic): string[] {
  const urls = links
    .filter(({position}) => position && position.start.line === diagnostic.line && position.start.column === diagnostic.column)
    .map(({url}) => url)
  const quoted = /`([^`]+)`/.exec(diagnostic.message)?.[1]
  return quoted ? [...urls, quoted] : urls
}

/**
 * A post's text for its inline comments: only a regular file, opened without waiting (a FIFO
 * would block) and within the size posts are parsed at; anything else has no comments.
 */
function readText(path: string): string {
  let fd: number | null = null
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
    const info = fstatSync(fd)
    return info.isFile() && info.size <= maxPostBytes ? readFileSync(fd, 'utf8') : ''
  } catch {
    return ''
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

/** The default `maxBytes` of a post. */
const maxPostBytes = 5 * 1024 * 1024

function posix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}
