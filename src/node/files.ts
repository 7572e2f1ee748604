/**
 * Collections: parse many post files on a pool of `PostWorker`s, with an optional content
 * cache on disk so that a rebuild parses only the files that changed.
 */
import {createHash} from 'node:crypto'
import {mkdir, readFile, rename, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {PostParseError, type PostParseErrorData} from '../errors.js'
import type {ParsedPost, PostOptions} from '../types.js'
import {PostWorker, workerSettings} from './post-worker.js'

export interface ParseFilesOptions {
  /** Options for every post (no plugins, no `trees`); `path` is each file's own path. */
  post?: Readonly<Omit<PostOptions, 'path' | 'remarkPlugins' | 'rehypePlugins' | 'trees'>> | null | undefined
  /** Worker threads parsing at once (default: `os.availableParallelism()`, at most one per file). */
  concurrency?: number | null | undefined
  /** Folder of the content cache (default: none). Created when missing; safe to delete. */
  cacheDir?: string | null | undefined
  /** Per post, as in `PostWorker` (default: 10000). */
  timeoutMs?: number | null | undefined
  /** Per worker, as in `PostWorker` (default: 512). */
  maxHeapMb?: number | null | undefined
}

export interface FileResult {
  /** The path as given. */
  path: string
  /** The Post, or null when the file could not be read or parsed. */
  post: ParsedPost | null
  /** A `PostParseError` (content), or an `Error` (reading the file); null with a Post. */
  error: PostParseError | Error | null
  /** Whether the answer came from the cache. */
  cached: boolean
}

interface CacheEntry {
  post?: ParsedPost
  error?: PostParseErrorData
}

let version: Promise<string> | undefined

/** mdpost's version (read once): part of every cache key, so a new version parses everything again. */
export function mdpostVersion(): Promise<string> {
  version ??= readFile(new URL('../../package.json', import.meta.url), 'utf8').then(
    (text) => (JSON.parse(text) as {version: string}).version
  )
  return version
}

/** Options of `new PostPool()`. */
export interface PostPoolOptions {
  /** Worker threads (default: `os.availableParallelism()`). */
  size?: number | null | undefined
  /** Per post, as in `PostWorker` (default: 10000). */
  timeoutMs?: number | null | undefined
  /** Per worker, as in `PostWorker` (default: 512). */
  maxHeapMb?: number | null | undefined
}

/**
 * A pool of `PostWorker`s that outlives one call: tools that parse collections again and again
 * (watch modes, dev servers) keep its threads and their warm JIT. Threads start on first use and
 * do not keep the process alive; `close()` stops them (a later call starts them again).
 */
export class PostPool {
  readonly size: number
  readonly #workers: PostWorker[]

  constructor(options?: Readonly<PostPoolOptions> | null) {
    this.size = count(options?.size, 'size') ?? availableParallelism()
    this.#workers = Array.from({length: this.size}, () => new PostWorker({timeoutMs: options?.timeoutMs, maxHeapMb: options?.maxHeapMb}))
  }

  /** `parseFiles` on this pool's threads (at most one per file). */
  parseFiles(paths: readonly string[], options?: Readonly<Pick<ParseFilesOptions, 'post' | 'cacheDir'>> | null): Promise<FileResult[]> {
    return run(this.#workers.slice(0, Math.max(1, Math.min(this.size, paths.length))), paths, options)
  }

  /** Stop every thread; parses waiting in them are rejected. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close()))
  }
}

/**
 * Parse post files, in their order, on `concurrency` worker threads (a `PostPool` for this one
 * call). A file that cannot be read or parsed gives a result with its error, never a rejection.
 * With `cacheDir`, each answer (Post or `PostParseError`) is stored under a SHA-256 of mdpost's
 * version, the options, the path and the file's bytes, and read back instead of parsing when
 * all four are the same.
 */
export async function parseFiles(paths: readonly string[], options?: Readonly<ParseFilesOptions> | null): Promise<FileResult[]> {
  const concurrency = count(options?.concurrency, 'concurrency') ?? availableParallelism()
  const pool = new PostPool({
    size: Math.max(1, Math.min(concurrency, paths.length)),
    timeoutMs: options?.timeoutMs,
    maxHeapMb: options?.maxHeapMb
  })
  try {
    return await pool.parseFiles(paths, options)
  } finally {
    await pool.close()
  }
}

async function run(
  workers: PostWorker[],
  paths: readonly string[],
  options: Readonly<Pick<ParseFilesOptions, 'post' | 'cacheDir'>> | null | undefined
): Promise<FileResult[]> {
  const postOptions: PostOptions = {...options?.post}
  // Checked once here, so that misuse rejects the call instead of failing every file.
  workerSettings(postOptions)
  const cacheDir = options?.cacheDir ?? null
  const optionsKey = `${cacheDir ? await mdpostVersion() : ''}\0${JSON.stringify(Object.entries(postOptions).sort(([a], [b]) => (a < b ? -1 : 1)))}`
  const results: FileResult[] = new Array(paths.length)
  let next = 0

  const one = async (worker: PostWorker, path: string): Promise<FileResult> => {
    let bytes: Uint8Array
    try {
      bytes = await readFile(path)
    } catch (error) {
      return {path, post: null, error: error as Error, cached: false}
    }
    const key = cacheDir ? createHash('sha256').update(`${optionsKey}\0${path}\0`).update(bytes).digest('hex') : ''
    const entryPath = cacheDir ? join(cacheDir, key.slice(0, 2), `${key}.json`) : ''
    if (cacheDir) {
      const entry = await readEntry(entryPath)
      if (entry?.post) return {path, post: entry.post, error: null, cached: true}
      if (entry?.error) return {path, post: null, error: PostParseError.from(entry.error), cached: true}
    }
    let result: FileResult
    try {
      result = {path, post: await worker.parse(bytes, {...postOptions, path}), error: null, cached: false}
    } catch (error) {
      result = {path, post: null, error: error as Error, cached: false}
    }
    // Posts and content errors are the same next time; limits and failures may not be.
    const error = result.error
    const lasting = result.post !== null || (error instanceof PostParseError && !error.ruleId.startsWith('parse-'))
    if (cacheDir && lasting) {
      const entry: CacheEntry = result.post ? {post: result.post} : {error: (error as PostParseError).toJSON()}
      await writeEntry(entryPath, entry)
    }
    return result
  }

  await Promise.all(
    workers.map(async (worker) => {
      while (next < paths.length) {
        const index = next++
        results[index] = await one(worker, paths[index] as string)
      }
    })
  )
  return results
}

async function readEntry(path: string): Promise<CacheEntry | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CacheEntry
  } catch {
    // Missing, or cut short by a crash mid-write elsewhere: parse again.
    return null
  }
}

/** Write to a temporary file, then rename: readers never see half an entry. */
async function writeEntry(path: string, entry: CacheEntry): Promise<void> {
  const folder = join(path, '..')
  await mkdir(folder, {recursive: true})
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  await writeFile(temporary, JSON.stringify(entry))
  await rename(temporary, path)
}

function count(value: number | null | undefined, name: string): number | null {
  if (value === null || value === undefined) return null
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`Expected \`options.${name}\` to be a positive integer, not \`${String(value)}\``)
  return value
}
