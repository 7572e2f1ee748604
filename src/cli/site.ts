/**
 * `mdpost check`, `mdpost site`, `mdpost feed` and `mdpost sitemap`: the site commands. `check`
 * prints problems grouped by file in the stylish format of eslint and vfile-reporter (or as
 * ESLint's JSON, or as GitHub workflow annotations) and exits 1 on errors or too many warnings.
 */
import {watch as fsWatch} from 'node:fs'
import {mkdtemp, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {escapeControls} from '../escape.js'
import type {Diagnostic} from '../index.js'
import {loadSite, openSite, parseFiles, type SiteSession} from '../node/index.js'
import {failure} from '../node/site.js'
import {type Site, toFeed, toSitemap} from '../site/index.js'

export const commands = ['check', 'site', 'feed', 'sitemap'] as const

export const siteUsage = `Usage: mdpost check [options] <site folder or files>...
       mdpost site [--fields a,b] <site folder>
       mdpost feed [--format atom|rss|json] [--limit n] <site folder>
       mdpost sitemap <site folder>

check: parse the posts (a folder is loaded as a site: Jekyll, Hugo, Docusaurus, Gatsby,
Pelican or plain), check links, fragments and images across posts, and print the problems.
  --format <f>         stylish (default), json (ESLint's JSON) or github (annotations)
  --max-warnings <n>   exit 1 with more warnings than n (default: no limit)
  --quiet              errors only
  --built <folder>     check links against the generator's output folder (_site, public…):
                       what is really served, each problem still at its source line
  --watch              check (or print the site) again on every change: only changed files
                       are parsed again (a kept worker pool and a content cache)
site: the Site as JSON. feed: an Atom, RSS or JSON feed. sitemap: a sitemaps.org sitemap.
Common: --url <url> --baseurl <path> --timezone <zone> --drafts --future --cache <folder>
`

interface Problem extends Diagnostic {
  path: string | null
}

export async function runCommand(command: (typeof commands)[number], argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    process.stderr.write(`mdpost ${command}: ${escapeControls((error as Error).message)}\n\n${siteUsage}`)
    return 2
  }
  const {values, positionals} = parsed
  if (values.help) {
    process.stdout.write(siteUsage)
    return 0
  }
  if (positionals.length === 0) return usage(command, 'expected a site folder')
  const format = values.format ?? (command === 'feed' ? 'atom' : 'stylish')
  const maxWarnings = values['max-warnings'] === undefined ? null : Number(values['max-warnings'])
  if (maxWarnings !== null && !(Number.isInteger(maxWarnings) && maxWarnings >= 0))
    return usage(command, 'expected --max-warnings to be a whole number')
  const config = {
    ...(values.url ? {url: values.url} : {}),
    ...(values.baseurl ? {baseurl: values.baseurl} : {}),
    ...(values.timezone ? {timezone: values.timezone} : {}),
    ...(values.drafts ? {drafts: true} : {}),
    ...(values.future ? {future: true} : {}),
    ...(values.cache ? {cacheDir: values.cache} : {}),
    ...(values.built ? {built: values.built} : {})
  }
  const first = positionals[0] as string
  const folder = (await stat(first).catch(() => null))?.isDirectory() ?? false
  if (command !== 'check' && (!folder || positionals.length > 1)) return usage(command, 'expected one site folder')
  if (command === 'check' && !['stylish', 'json', 'github'].includes(format))
    return usage(command, 'expected --format to be stylish, json or github')
  if (command === 'feed' && !['atom', 'rss', 'json'].includes(format)) return usage(command, 'expected --format to be atom, rss or json')
  for (const path of positionals) {
    if (!(await stat(path).catch(() => null))) return usage(command, `no such file or folder: ${escapeControls(path)}`)
  }
  if (values.watch) {
    if (command !== 'check' && command !== 'site') return usage(command, 'expected --watch with check or site')
    if (!folder || positionals.length > 1) return usage(command, 'expected one site folder with --watch')
    return watch(command, first, config, values)
  }
  try {
    if (command === 'check') {
      if (process.stderr.isTTY) process.stderr.write('mdpost: checking…\r')
      const problems =
        folder && positionals.length === 1 ? problemsOfSite(await loadSite(first, config)) : await problemsOfFiles(positionals)
      if (process.stderr.isTTY) process.stderr.write('\x1b[2K')
      const shown = values.quiet ? problems.filter((problem) => problem.severity === 'error') : problems
      process.stdout.write(formatProblems(shown, format as 'stylish' | 'json' | 'github', Boolean(process.stdout.isTTY)))
      const errors = problems.filter((problem) => problem.severity === 'error').length
      const warnings = problems.filter((problem) => problem.severity === 'warning').length
      return errors > 0 || (maxWarnings !== null && warnings > maxWarnings) ? 1 : 0
    }
    const site = await loadSite(first, config)
    if (command === 'site') {
      const fields = values.fields?.split(',').map((field) => field.trim())
      const shown = fields
        ? {
            ...site,
            posts: site.posts.map((post) =>
              Object.fromEntries(fields.map((field) => [field, (post as unknown as Record<string, unknown>)[field] ?? null]))
            )
          }
        : site
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`)
    } else if (command === 'feed') {
      process.stdout.write(
        toFeed(site, {format: format as 'atom' | 'rss' | 'json', ...(values.limit ? {limit: Number(values.limit)} : {})})
      )
    } else {
      process.stdout.write(toSitemap(site))
    }
    return 0
  } catch (error) {
    if (error instanceof TypeError) return usage(command, error.message)
    throw error
  }
}

/**
 * Watch a site: run once, then again on every change (debounced), with one kept worker pool and
 * a content cache (a temporary one when `--cache` is not given), so that only the files that
 * changed are parsed again. Runs until interrupted.
 */
async function watch(
  command: 'check' | 'site',
  root: string,
  config: Record<string, unknown>,
  values: {format?: string | undefined; quiet?: boolean | undefined; fields?: string | undefined}
): Promise<number> {
  const temporary = config.cacheDir ? null : await mkdtemp(join(tmpdir(), 'mdpost-watch-'))
  const show = (site: Site, started: number): void => {
    if (command === 'check') {
      const problems = problemsOfSite(site)
      const shown = values.quiet ? problems.filter((problem) => problem.severity === 'error') : problems
      process.stdout.write(
        formatProblems(shown, (values.format ?? 'stylish') as 'stylish' | 'json' | 'github', Boolean(process.stdout.isTTY))
      )
    } else {
      process.stdout.write(`${JSON.stringify(site)}\n`)
    }
    process.stderr.write(
      `mdpost: ${site.posts.length} posts in ${Math.round(performance.now() - started)} ms; watching ${escapeControls(root)}\n`
    )
  }
  // The watcher starts before the first load, so that no change made meanwhile is missed: its
  // updates are chained after the load.
  let session = null as SiteSession | null
  let started = performance.now()
  let running: Promise<void>
  // Changed paths gathered while the events settle; null: the watcher could not say which.
  let changed: Set<string> | null = new Set()
  let timer: NodeJS.Timeout | undefined
  const watcher = fsWatch(root, {recursive: true}, (_, file) => {
    if (file && /(^|[/\\])\./.test(String(file))) return
    if (file) changed?.add(String(file))
    else changed = null
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(async () => {
        const files = changed
        changed = new Set()
        if (!session) return
        started = performance.now()
        show(await session.update(files ? [...files] : null), started)
      })
      running = running.catch((error: Error) => {
        process.stderr.write(`mdpost: ${escapeControls(error.message)}\n`)
      })
    }, 100)
  })
  running = openSite(root, {...config, cacheDir: config.cacheDir ?? temporary} as Parameters<typeof openSite>[1]).then((opened) => {
    session = opened
    show(opened.site, started)
  })
  try {
    await running
  } catch (error) {
    watcher.close()
    clearTimeout(timer)
    if (temporary) await rm(temporary, {recursive: true, force: true})
    throw error
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  watcher.close()
  clearTimeout(timer)
  await running.catch(() => undefined)
  await session?.close()
  if (temporary) await rm(temporary, {recursive: true, force: true})
  return 0
}

function usage(command: string, message: string): number {
  process.stderr.write(`mdpost ${command}: ${escapeControls(message)}\n\n${siteUsage}`)
  return 2
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: {type: 'string'},
      'max-warnings': {type: 'string'},
      quiet: {type: 'boolean', default: false},
      fields: {type: 'string'},
      limit: {type: 'string'},
      url: {type: 'string'},
      baseurl: {type: 'string'},
      timezone: {type: 'string'},
      drafts: {type: 'boolean', default: false},
      future: {type: 'boolean', default: false},
      cache: {type: 'string'},
      built: {type: 'string'},
      watch: {type: 'boolean', default: false},
      help: {type: 'boolean', short: 'h', default: false}
    }
  })
}

/** The site's own problems and every post's, each with its file. */
function problemsOfSite(site: Site): Problem[] {
  const problems: Problem[] = [...site.diagnostics]
  for (const post of site.posts) for (const diagnostic of post.diagnostics) problems.push({...diagnostic, path: post.path})
  return problems
}

async function problemsOfFiles(paths: string[]): Promise<Problem[]> {
  const problems: Problem[] = []
  for (const result of await parseFiles(paths)) {
    if (result.error === null) {
      for (const diagnostic of result.post.diagnostics) problems.push({...diagnostic, path: result.path})
      continue
    }
    problems.push(failure(result.path, result.error))
  }
  return problems
}

/** stylish, json (ESLint's JSON formatter shape) or github (workflow annotations). */
export function formatProblems(problems: readonly Problem[], format: 'stylish' | 'json' | 'github', color: boolean): string {
  const byFile = new Map<string, Problem[]>()
  for (const problem of problems) {
    const key = problem.path ?? ''
    const list = byFile.get(key) ?? []
    list.push(problem)
    byFile.set(key, list)
  }
  const files = [...byFile.keys()].sort()
  for (const file of files) (byFile.get(file) as Problem[]).sort((a, b) => a.line - b.line || a.column - b.column)
  if (format === 'json') {
    const report = files.map((file) => {
      const list = byFile.get(file) as Problem[]
      return {
        filePath: file,
        messages: list.map((problem) => ({
          ruleId: problem.ruleId,
          severity: problem.severity === 'error' ? 2 : 1,
          message: problem.message,
          line: problem.line,
          column: problem.column,
          endLine: problem.endLine,
          endColumn: problem.endColumn
        })),
        errorCount: list.filter((problem) => problem.severity === 'error').length,
        warningCount: list.filter((problem) => problem.severity !== 'error').length
      }
    })
    return `${JSON.stringify(report)}\n`
  }
  if (format === 'github') {
    const data = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    const property = (value: string) => data(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
    return problems
      .map(
        (problem) =>
          `::${problem.severity === 'error' ? 'error' : problem.severity === 'warning' ? 'warning' : 'notice'} file=${property(problem.path ?? '')},line=${problem.line},col=${problem.column},endLine=${problem.endLine},endColumn=${problem.endColumn},title=${property(problem.ruleId)}::${data(problem.message)}\n`
      )
      .join('')
  }
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
  const lines: string[] = []
  for (const file of files) {
    const list = byFile.get(file) as Problem[]
    lines.push(paint('4', escapeControls(file)))
    const places = list.map((problem) => `${problem.line}:${problem.column}`)
    const width = Math.max(...places.map((place) => place.length))
    list.forEach((problem, index) => {
      const kind =
        problem.severity === 'error'
          ? paint('31', 'error  ')
          : problem.severity === 'warning'
            ? paint('33', 'warning')
            : paint('2', 'info   ')
      lines.push(`  ${(places[index] as string).padEnd(width)}  ${kind}  ${escapeControls(problem.message)}  ${paint('2', problem.ruleId)}`)
    })
    lines.push('')
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length
  const warnings = problems.filter((problem) => problem.severity === 'warning').length
  const total = errors + warnings
  if (total === 0 && problems.length === 0) return `${paint('32', '✔')} no problems\n`
  const summary = `${errors > 0 ? '✖' : '⚠'} ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`
  lines.push(paint(errors > 0 ? '31;1' : '33;1', summary))
  return `${lines.join('\n')}\n`
}
