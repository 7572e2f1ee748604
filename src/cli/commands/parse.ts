/**
 * `mdpost [parse]`: posts to stdout as JSON (one file: the Post; several: a JSON line per file),
 * diagnostics and errors to stderr in the compact format, `path:line:column: severity: message
 * [rule-id]`. Exit 0 when every file parsed, 1 when one did not, 2 for a usage error.
 */
import {once} from 'node:events'
import {createInterface} from 'node:readline'
import {inputTooLarge} from '../../errors.js'
import {type FrontmatterOptions, type PostFrontmatter, type PostOptions, PostParseError, parseFrontmatter} from '../../index.js'
import {readPostFile} from '../../node/files.js'
import {type FileResult, type PluginSpecifier, PostPool, PostWorker, parseFiles, type WorkerPostOptions} from '../../node/index.js'
import {failure} from '../../node/site.js'
import {type Options, UsageError} from '../args.js'
import {type Context, terminalText} from '../context.js'
import {postPaths} from '../files.js'
import {compactLine} from '../report/compact.js'

const defaultMaxBytes = 5 * 1024 * 1024

type Result = Omit<FileResult, 'post'> & {post: PostFrontmatter | null}

export async function parse(options: Options, context: Context): Promise<number> {
  const {stdout, stderr} = context
  const positionals = options.paths
  if (positionals.length === 0 && !options.jsonl) throw new UsageError('expected a file, folder or -', 'parse')
  if (positionals.length > 0 && options.jsonl)
    throw new UsageError('expected no paths with `--jsonl`: they are read from stdin, one a line', 'parse')
  if (positionals.filter((given) => given === '-').length > 1) throw new UsageError('expected - (stdin) once', 'parse')
  const plugins = parseUse(options.use)
  const fields = options.fields
  const {jobs, timeout} = options

  let failed = false
  const problem = (line: string): void => {
    failed = true
    // The status so far, should stdout close early (EPIPE).
    process.exitCode = 1
    stderr.write(`${line}\n`)
  }
  const paths: string[] = []
  for (const given of positionals) {
    if (given === '-') paths.push('-')
    else paths.push(...(await postPaths([given], (path, reason) => problem(`${terminalText(path)}: error: ${terminalText(reason)}`))))
  }
  const many = options.jsonl || paths.length !== 1 || positionals.some((given) => given !== paths[0])
  const postOptions: WorkerPostOptions = {
    ...plugins,
    strict: options.strict,
    gfm: options.gfm,
    ...(options.baseUrl === null ? {} : {baseUrl: options.baseUrl}),
    ...(options.htmlPolicy === null ? {} : {html: options.htmlPolicy as PostOptions['html']})
  }
  const stdinPath = options.path

  const print = (result: Result): void => {
    const {path, post, error} = result
    const shownPath = path === '-' ? (stdinPath ?? '<stdin>') : path
    if (error || !post) {
      const diagnostic = failure(shownPath, error ?? new Error('unknown error'))
      problem(compactLine({...diagnostic, path: shownPath}))
      if (many) {
        const data = error instanceof PostParseError ? error.toJSON() : {ruleId: diagnostic.ruleId, message: diagnostic.message}
        write({path: shownPath, error: data}, options.pretty)
      }
      return
    }
    if (!options.quiet) for (const diagnostic of post.diagnostics) stderr.write(`${compactLine({...diagnostic, path: shownPath})}\n`)
    if (options.html && !many) {
      stdout.write(`${'html' in post ? String(post.html) : ''}\n`)
      return
    }
    const shown = options.html ? pick(post, ['html']) : fields ? pick(post, fields) : post
    if (many) write({path: shownPath, post: shown}, options.pretty)
    else write(shown, true)
  }
  const write = (value: unknown, pretty: boolean): void => {
    stdout.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`)
  }
  const cacheWarning = (error: Error) =>
    stderr.write(
      `mdpost: warning: cannot use the cache ${terminalText(String(options.cache))} (${terminalText(error.message)}), parsing without it\n`
    )
  if (options.jsonl) {
    await streamPaths(print, postOptions, {jobs, timeout, cache: options.cache, onCacheError: cacheWarning})
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
      const stdinResult = await fromStdin(stdinPath, postOptions, options.frontmatter, timeout)
      arrived(stdinResult, stdinAt)
    }
    if (options.frontmatter) {
      await frontmatterOnly(files, {strict: options.strict}, (result, index) => arrived(result, ordered(index)))
    } else if (files.length > 0) {
      await parseFiles(files, {
        post: postOptions,
        cacheDir: options.cache,
        concurrency: jobs,
        timeoutMs: timeout,
        onResult: (result, index) => arrived(result, ordered(index)),
        onCacheError: cacheWarning
      })
    }
  } catch (error) {
    // Options the library refuses are usage errors; so is a worker thread that cannot start.
    throw new UsageError((error as Error).message, 'parse')
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
        throw new UsageError(
          `expected the options of --use ${terminalText(name)} to be JSON, not \`${terminalText(use.slice(equals + 1))}\``,
          'parse'
        )
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
      throw new UsageError(
        `expected --use ${terminalText(name)} to name a remark- or rehype- plugin, or to start with remark: or rehype:`,
        'parse'
      )
    const entry: PluginSpecifier = options === undefined ? name : [name, options]
    ;(kind === 'remark' ? remarkPlugins : rehypePlugins).push(entry)
  }
  return {remarkPlugins, rehypePlugins}
}

async function fromStdin(path: string | null, options: WorkerPostOptions, frontmatter: boolean, timeoutMs: number | null): Promise<Result> {
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
  {
    jobs,
    timeout,
    cache,
    onCacheError
  }: {jobs: number | null; timeout: number | null; cache: string | null; onCacheError: (error: Error) => void}
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
      if (!warned) onCacheError(error)
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
