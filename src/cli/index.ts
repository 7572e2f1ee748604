#!/usr/bin/env node
import {once} from 'node:events'
/**
 * `mdpost`: parse post files from a shell. Posts go to stdout as JSON (one file: the Post;
 * several: a JSON line per file), diagnostics and errors to stderr as `path:line:column`.
 * Exit code 0 when every file parsed, 1 when one did not, 2 for a usage error.
 */
import type {Dirent} from 'node:fs'
import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {parseArgs} from 'node:util'
import {inputTooLarge, reasonOf} from '../errors.js'
import {escapeControls} from '../escape.js'
import {type FrontmatterOptions, type PostFrontmatter, type PostOptions, PostParseError, parseFrontmatter} from '../index.js'
import {mdpostVersion, readPostFile} from '../node/files.js'
import {type FileResult, type PluginSpecifier, PostPool, PostWorker, parseFiles, type WorkerPostOptions} from '../node/index.js'
import type {Diagnostic} from '../types.js'
import {commands, runCommand} from './site.js'

const usage = `Usage: mdpost [options] <file, folder or ->...
       mdpost check|site|feed|sitemap … (mdpost check --help)

Parse blog posts (front matter + markdown) into JSON. A folder is read recursively for
markdown files (.md, .markdown, .mdown, .mkdn, .mkd, .mkdown, .mdx); \`-\` reads one post from
stdin. One file prints its Post; several print a JSON line each, {"path", "post"} or
{"path", "error"}, in input order as they are parsed. Diagnostics and errors go to stderr as
path:line:column: severity: message [rule-id].

Options:
  --frontmatter        front matter fields only, without parsing the body (fastest)
  --html               print the post's HTML (several: {"path", "post": {"html"}} lines)
  --fields <a,b,...>   print only these fields of each post (e.g. title,date,slug)
  --base-url <url>     site URL: resolves links and images (Post field \`resolved\`)
  --html-policy <p>    raw HTML: sanitize (default), escape, drop or trust
  --path <path>        the path of the post read from stdin (slug, date from its name)
  --use <plugin>[=json]  a remark or rehype plugin by module name, with JSON options
                       (repeatable; \`rehype-\`/\`remark-\` names tell which, or prefix
                       \`rehype:\`/\`remark:\`), e.g. --use rehype-highlight='{"detect":true}'
  --no-gfm             CommonMark only: no tables, footnotes, strikethrough…
  --no-strict          report fatal content problems as diagnostics and parse on
  --cache <folder>     reuse the answers for files that did not change
  --jobs <n>           worker threads (default: the number of CPUs)
  --timeout <ms>       longest one post may take, from when its worker starts it (default: 10000)
  --quiet              no diagnostics on stderr (errors still)
  --pretty             indent JSON lines too
  --jsonl              read file paths from stdin, one a line, and write a JSON line per
                       file as it is parsed, in input order, in bounded memory (a stage of
                       xargs, GNU parallel or Spark's RDD.pipe)
  -h, --help           this text
  -v, --version        mdpost's version
`

const extensions = /\.(?:md|markdown|mdown|mkdn|mkd|mkdown|mdx)$/i

/** Fields `--fields` can name: those of a Post. */
const postFields = [
  'title',
  'slug',
  'date',
  'updated',
  'permalink',
  'image',
  'canonical',
  'draft',
  'lang',
  'tags',
  'categories',
  'excerpt',
  'stats',
  'headings',
  'sections',
  'links',
  'images',
  'html',
  'diagnostics',
  'metadata',
  'frontmatter'
]

const defaultMaxBytes = 5 * 1024 * 1024

type Result = Omit<FileResult, 'post'> & {post: PostFrontmatter | null}

async function main(argv: string[]): Promise<number> {
  const command = commands.find((name) => name === argv[0])
  if (command) return runCommand(command, argv.slice(1))
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    return usageError((error as Error).message)
  }
  const {values, positionals} = parsed
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  if (values.version) {
    process.stdout.write(`${await mdpostVersion()}\n`)
    return 0
  }
  if (positionals.length === 0 && !values.jsonl) return usageError('expected a file, folder or -')
  if (positionals.length > 0 && values.jsonl) return usageError('expected no paths with --jsonl: they are read from stdin, one a line')
  if (values.frontmatter && values.html) return usageError('expected --html without --frontmatter, which does not parse the body')
  const policy = values['html-policy']
  if (policy !== undefined && !['sanitize', 'escape', 'drop', 'trust'].includes(policy)) {
    return usageError(`expected --html-policy to be sanitize, escape, drop or trust, not \`${terminalSafe(policy)}\``)
  }
  const fields = values.fields?.split(',').map((field) => field.trim())
  const unknown = fields?.filter((field) => !postFields.includes(field)) ?? []
  if (unknown.length > 0) {
    return usageError(
      `unknown --fields ${unknown.map((field) => `\`${terminalSafe(field)}\``).join(', ')}, expected some of ${postFields.join(', ')}`
    )
  }
  if (positionals.filter((given) => given === '-').length > 1) return usageError('expected - (stdin) once')
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs)
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout)

  let failed = false
  const problem = (line: string): void => {
    failed = true
    // The status so far, should stdout close early (EPIPE).
    process.exitCode = 1
    process.stderr.write(`${line}\n`)
  }
  const paths: string[] = []
  for (const given of positionals) {
    if (given === '-') paths.push('-')
    else await expand(given, paths, problem)
  }
  const many = Boolean(values.jsonl) || paths.length !== 1 || positionals.some((given) => given !== paths[0])
  const strict = !values['no-strict']
  let plugins: {remarkPlugins: PluginSpecifier[]; rehypePlugins: PluginSpecifier[]}
  try {
    plugins = parseUse(values.use ?? [])
  } catch (error) {
    return usageError((error as Error).message)
  }
  const options: WorkerPostOptions = {
    ...plugins,
    strict,
    gfm: !values['no-gfm'],
    ...(values['base-url'] === undefined ? {} : {baseUrl: values['base-url']}),
    ...(policy === undefined ? {} : {html: policy as PostOptions['html']})
  }
  const stdinPath = values.path ?? null

  const print = (result: Result): void => {
    const {path, post, error} = result
    const shownPath = path === '-' ? (stdinPath ?? '<stdin>') : path
    if (error || !post) {
      problem(formatError(shownPath, error))
      if (many) write({path: shownPath, error: error instanceof PostParseError ? error.toJSON() : {message: error?.message}}, values.pretty)
      return
    }
    if (!values.quiet) for (const diagnostic of post.diagnostics) process.stderr.write(`${format(shownPath, diagnostic)}\n`)
    if (values.html && !many) {
      process.stdout.write(`${'html' in post ? String(post.html) : ''}\n`)
      return
    }
    const shown = values.html ? pick(post, ['html']) : fields ? pick(post, fields) : post
    if (many) write({path: shownPath, post: shown}, values.pretty)
    else write(shown, true)
  }
  if (values.jsonl) {
    await streamPaths(print, options, {jobs, timeout, cache: values.cache})
    return failed ? 1 : 0
  }
  // Results arrive out of order from the workers: each is printed once those before it are.
  const order = inOrder(print)
  const arrived = (result: Result, index: number): void => order.arrive(index, result)

  const files = paths.filter((path) => path !== '-')
  const stdinAt = paths.indexOf('-')
  const ordered = (index: number) => (stdinAt !== -1 && index >= stdinAt ? index + 1 : index)
  try {
    if (stdinAt !== -1) {
      // Stdin is parsed here; its place in the output is kept.
      const stdinResult = await fromStdin(stdinPath, options, Boolean(values.frontmatter), timeout)
      arrived(stdinResult, stdinAt)
    }
    if (values.frontmatter) {
      await frontmatterOnly(files, {strict}, (result, index) => arrived(result, ordered(index)))
    } else if (files.length > 0) {
      await parseFiles(files, {
        post: options,
        cacheDir: values.cache,
        concurrency: jobs,
        timeoutMs: timeout,
        onResult: (result, index) => arrived(result, ordered(index)),
        onCacheError: (error) =>
          process.stderr.write(
            `mdpost: warning: cannot use the cache ${terminalSafe(String(values.cache))} (${terminalSafe(error.message)}), parsing without it\n`
          )
      })
    }
  } catch (error) {
    // Options the library refuses (a bad --base-url, --jobs or --timeout) are usage errors;
    // so is a worker thread that cannot start.
    process.stderr.write(`mdpost: ${terminalSafe((error as Error).message)}\n`)
    return 2
  }
  return failed ? 1 : 0
}

/** `--use name[=json]`: remark or rehype by the name, or an explicit `remark:`/`rehype:` prefix. */
function parseUse(uses: string[]): {remarkPlugins: PluginSpecifier[]; rehypePlugins: PluginSpecifier[]} {
  const remarkPlugins: PluginSpecifier[] = []
  const rehypePlugins: PluginSpecifier[] = []
  for (const use of uses) {
    const equals = use.indexOf('=')
    let name = equals === -1 ? use : use.slice(0, equals)
    let options: unknown
    if (equals !== -1) {
      try {
        options = JSON.parse(use.slice(equals + 1))
      } catch {
        throw new Error(`expected the options of --use ${terminalSafe(name)} to be JSON, not \`${terminalSafe(use.slice(equals + 1))}\``)
      }
    }
    let kind: 'remark' | 'rehype' | null = null
    const prefix = /^(remark|rehype):/.exec(name)
    if (prefix) {
      kind = prefix[1] as 'remark' | 'rehype'
      name = name.slice(prefix[0].length)
    } else if (/(^|\/)rehype/.test(name)) kind = 'rehype'
    else if (/(^|\/)remark/.test(name)) kind = 'remark'
    if (!kind)
      throw new Error(`expected --use ${terminalSafe(name)} to name a remark- or rehype- plugin, or to start with remark: or rehype:`)
    const entry: PluginSpecifier = options === undefined ? name : [name, options]
    ;(kind === 'remark' ? remarkPlugins : rehypePlugins).push(entry)
  }
  return {remarkPlugins, rehypePlugins}
}

function usageError(message: string): number {
  process.stderr.write(`mdpost: ${message}\n\n${usage}`)
  return 2
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      frontmatter: {type: 'boolean', default: false},
      html: {type: 'boolean', default: false},
      fields: {type: 'string'},
      'base-url': {type: 'string'},
      'html-policy': {type: 'string'},
      path: {type: 'string'},
      use: {type: 'string', multiple: true},
      'no-gfm': {type: 'boolean', default: false},
      'no-strict': {type: 'boolean', default: false},
      cache: {type: 'string'},
      jobs: {type: 'string'},
      timeout: {type: 'string'},
      quiet: {type: 'boolean', default: false},
      pretty: {type: 'boolean', default: false},
      jsonl: {type: 'boolean', default: false},
      help: {type: 'boolean', short: 'h', default: false},
      version: {type: 'boolean', short: 'v', default: false}
    }
  })
}

/**
 * A file as itself; a folder as its post files, recursively, sorted. A path that is missing or
 * a folder that cannot be read is reported, and the others go on.
 */
async function expand(path: string, found: string[], problem: (line: string) => void): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error)
  if (info instanceof Error) {
    problem(`${terminalSafe(path)}: error: ${info.code === 'ENOENT' ? 'no such file or folder' : terminalSafe(info.message)}`)
    return
  }
  if (!info.isDirectory()) {
    found.push(path)
    return
  }
  let entries: Dirent[]
  try {
    entries = await readdir(path, {withFileTypes: true})
  } catch (error) {
    problem(`${terminalSafe(path)}: error: cannot read the folder (${terminalSafe((error as Error).message)})`)
    return
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = join(path, entry.name)
    if (entry.isDirectory()) await expand(child, found, problem)
    // Special files with a post's name are listed too: reading refuses them, path by path.
    else if (extensions.test(entry.name)) found.push(child)
  }
}

async function fromStdin(
  path: string | null,
  options: WorkerPostOptions,
  frontmatter: boolean,
  timeoutMs: number | undefined
): Promise<Result> {
  try {
    const bytes = await readStdin(defaultMaxBytes)
    // Stdin is parsed in a worker too: the same limits, and plugins named by module.
    const post = frontmatter
      ? parseFrontmatter(bytes, {strict: options.strict, path})
      : await new PostWorker({timeoutMs}).parse(bytes, {...options, ...(path === null ? {} : {path})})
    return {path: '-', post, error: null, cached: false}
  } catch (error) {
    return {path: '-', post: null, error: error as Error, cached: false}
  }
}

/**
 * `--jsonl`: paths from stdin, a line each, each parsed as soon as it is read (on one kept
 * pool) and printed as soon as it and those before it are known. At most `window` files are
 * in flight or waiting to be printed (memory is bounded by that, not by the input), and a
 * reader slower than the parse holds the reading of stdin back.
 */
async function streamPaths(
  print: (result: Result) => void,
  options: WorkerPostOptions,
  {jobs, timeout, cache}: {jobs: number | undefined; timeout: number | undefined; cache: string | undefined}
): Promise<void> {
  const pool = new PostPool({size: jobs, timeoutMs: timeout})
  const window = pool.size * 32
  const order = inOrder(print)
  let read = 0
  let failure: Error | null = null
  let room: (() => void) | null = null
  let warned = false
  const run = {
    post: options,
    cacheDir: cache,
    onCacheError: (error: Error) => {
      if (!warned) process.stderr.write(`mdpost: warning: cannot use the cache (${terminalSafe(error.message)}), parsing without it\n`)
      warned = true
    }
  }
  const arrived = (index: number, result: Result): void => {
    order.arrive(index, result)
    room?.()
  }
  const wait = () =>
    new Promise<void>((resolve) => {
      room = resolve
    })
  try {
    for await (const line of createInterface({input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY})) {
      const path = line.trim()
      if (path === '') continue
      const index = read++
      pool.parseFiles([path], run).then(
        ([result]) => arrived(index, result as Result),
        (error: Error) => {
          failure ??= error
          room?.()
        }
      )
      while (failure === null && read - order.printed >= window) await wait()
      if (failure) throw failure
      // A reader slower than the parse: wait for it rather than hold its lines in memory.
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain')
    }
    while (failure === null && order.printed < read) await wait()
    if (failure) throw failure
  } finally {
    await pool.close()
  }
}

/** Results by index, printed in index order as soon as those before them are in. */
function inOrder(print: (result: Result) => void): {arrive(index: number, result: Result): void; readonly printed: number} {
  const pending = new Map<number, Result>()
  let printed = 0
  return {
    arrive(index, result) {
      pending.set(index, result)
      for (let next = pending.get(printed); next; next = pending.get(printed)) {
        pending.delete(printed)
        printed++
        print(next)
      }
    },
    get printed() {
      return printed
    }
  }
}

/** Stdin, refused past `maxBytes` without reading further. */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let length = 0
  for await (const chunk of process.stdin as AsyncIterable<Uint8Array>) {
    length += chunk.length
    if (length > maxBytes) {
      process.stdin.destroy()
      throw inputTooLarge({bytes: length, orMore: true}, maxBytes, null)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** parseFrontmatter reads no body: it runs here, one file after the other, without workers. */
async function frontmatterOnly(
  paths: string[],
  options: FrontmatterOptions,
  onResult: (result: Result, index: number) => void
): Promise<void> {
  for (const [index, path] of paths.entries()) {
    let result: Result
    try {
      const bytes = await readPostFile(path, defaultMaxBytes)
      result = {path, post: parseFrontmatter(bytes, {...options, path}), error: null, cached: false}
    } catch (error) {
      result = {path, post: null, error: error as Error, cached: false}
    }
    onResult(result, index)
  }
}

function pick(post: object, fields: string[]): Record<string, unknown> {
  const record = post as Record<string, unknown>
  return Object.fromEntries(fields.map((field) => [field, record[field] ?? null]))
}

function format(path: string, diagnostic: Diagnostic): string {
  const {line, column, severity, message, ruleId} = diagnostic
  return `${terminalSafe(path)}:${line}:${column}: ${severity}: ${terminalSafe(message)} [${ruleId}]`
}

/** A fatal error in the format of diagnostics (without a place when the file could not be read). */
function formatError(path: string, error: Error | null): string {
  if (error instanceof PostParseError) {
    return `${terminalSafe(path)}:${error.line}:${error.column}: error: ${terminalSafe(reasonOf(error))} [${error.ruleId}]`
  }
  let message = error?.message ?? 'unknown error'
  if (message.startsWith(`${path}: `)) message = message.slice(path.length + 2)
  // Node's messages repeat the path (`ENOENT: no such file or directory, open 'x'`).
  return `${terminalSafe(path)}: error: ${terminalSafe(message)}`
}

/** Control characters (a file name with ESC or a newline) never reach the terminal raw. */
const terminalSafe = escapeControls

function write(value: unknown, pretty: boolean): void {
  process.stdout.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`)
}

// A reader that goes away (\`mdpost … | head\`) ends the run quietly, as \`cat\` does.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await main(process.argv.slice(2))
