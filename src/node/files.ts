/**
 * Collections: parse many post files on a pool of `PostWorker`s, with an optional content
 * cache on disk so that a rebuild parses only the files that changed.
 */
import {createHash} from 'node:crypto'
import {closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats} from 'node:fs'
import {mkdir, open, readFile, rename, stat, unlink, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {inputTooLarge, PostParseError, type PostParseErrorData} from '../errors.js'
import type {ParsedPost} from '../types.js'
import {optional, positiveInteger, positiveNumber} from '../validate.js'
import {pluginsKey} from './plugins.js'
import {PostWorker, type WorkerPostOptions, WorkerStartError, workerSettings} from './post-worker.js'
import {withNullPrototypes} from './revive.js'
import {warmPost} from './warm.js'

export interface ParseFilesOptions {
  /**
   * Options for every post (no `trees`); `path` is each file's own path. Plugins are named by
   * module specifier with JSON options (`[['rehype-highlight', {detect: true}]]`).
   */
  post?: Readonly<Omit<WorkerPostOptions, 'path'>> | null | undefined
  /** Worker threads parsing at once (default: `os.availableParallelism()`, at most one per file). */
  concurrency?: number | null | undefined
  /** Folder of the content cache (default: none). Created when missing; safe to delete. */
  cacheDir?: string | null | undefined
  /** Per post, as in `PostWorker` (default: 10000). */
  timeoutMs?: number | null | undefined
  /** Per worker, as in `PostWorker` (default: 512). */
  maxHeapMb?: number | null | undefined
  /**
   * Called once when the cache cannot be used (a folder that cannot be created or written): the
   * run goes on without it (default: none, the run goes on silently uncached).
   */
  onCacheError?: ((error: Error) => void) | null | undefined
  /** Called with each result as soon as it is known, with its index in `paths` (default: none). */
  onResult?: ((result: FileResult, index: number) => void) | null | undefined
}

/** What `parseFiles` answers for one path: its Post, or why there is none (narrow on `error`). */
export type FileResult =
  | {
      /** The path as given. */
      path: string
      post: ParsedPost
      error: null
      /** Whether the answer came from the cache. */
      cached: boolean
    }
  | {
      /** The path as given. */
      path: string
      post: null
      /** A `PostParseError` (content, limits), or an `Error` (reading the file). */
      error: PostParseError | Error
      /** Whether the answer came from the cache. */
      cached: boolean
    }

interface CacheEntry {
  post?: ParsedPost
  error?: PostParseErrorData
}

/** Files in flight in one call (read, waiting for a thread, or being written to the cache). */
const ioLanes = 16

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

type RunOptions = Pick<ParseFilesOptions, 'post' | 'cacheDir' | 'onCacheError' | 'onResult'>

/**
 * A pool of `PostWorker`s that outlives one call: tools that parse collections again and again
 * (watch modes, dev servers) keep its threads and their warm JIT. Threads start on first use and
 * do not keep the process alive; `close()` stops them (a later call starts them again).
 */
export class PostPool {
  readonly size: number
  readonly #workers: PostWorker[]
  readonly #slots: Slots
  /** Times closed: a warm-up stops at the next close. */
  #closes = 0

  constructor(options?: Readonly<PostPoolOptions> | null) {
    this.size = optional(options?.size, 'options.size', positiveInteger) ?? availableParallelism()
    this.#workers = Array.from({length: this.size}, () => new PostWorker({timeoutMs: options?.timeoutMs, maxHeapMb: options?.maxHeapMb}))
    this.#slots = new Slots(this.#workers)
  }

  /** `parseFiles` on this pool's threads; calls at once share them (each file goes to the next free one). */
  parseFiles(paths: readonly string[], options?: Readonly<RunOptions> | null): Promise<FileResult[]> {
    return run(this.#slots, paths, options)
  }

  /**
   * Start every thread and parse a small built-in post in each `rounds` times (default: 20), one
   * at a time per thread, so that a parse after start-up runs with compiled code: for watch modes
   * and dev servers, where the first edit should be as fast as the next (`openSite` calls it).
   * Real parses wait behind at most one warming parse per thread. Resolves when done; a pool
   * closed meanwhile ends it early, without error.
   */
  async warm(rounds = 20): Promise<void> {
    if (!Number.isInteger(rounds) || rounds < 0)
      throw new TypeError(`Expected \`rounds\` to be a non-negative integer, not \`${String(rounds)}\``)
    const closes = this.#closes
    await Promise.all(
      this.#workers.map(async () => {
        for (let round = 0; round < rounds && this.#closes === closes; round++) {
          const worker = await this.#slots.acquire()
          // Closed while waiting for a thread: a parse now would start a new one.
          if (this.#closes !== closes) {
            this.#slots.release(worker)
            return
          }
          try {
            await worker.parseToJson(warmPost, {path: '_posts/2020-01-02-warming-up.md'})
          } catch {
            return
          } finally {
            this.#slots.release(worker)
          }
        }
      })
    )
  }

  /** Stop every thread; parses waiting in them are rejected. */
  async close(): Promise<void> {
    this.#closes++
    await Promise.all(this.#workers.map((worker) => worker.close()))
  }
}

/**
 * Who parses next: each thread takes two files at a time (the one it parses, and the next,
 * waiting in the thread so that it begins without a round trip); a file waits, in order, for
 * the first thread with room. Threads start when they get their first file.
 */
class Slots {
  /** Files in threads at once, at most. */
  readonly capacity: number
  readonly #free: PostWorker[]
  readonly #waiting: Array<(worker: PostWorker) => void> = []

  constructor(workers: readonly PostWorker[]) {
    this.#free = [...workers, ...workers]
    this.capacity = this.#free.length
  }

  acquire(): Promise<PostWorker> {
    const worker = this.#free.shift()
    return worker ? Promise.resolve(worker) : new Promise((resolve) => this.#waiting.push(resolve))
  }

  release(worker: PostWorker): void {
    const next = this.#waiting.shift()
    if (next) next(worker)
    else this.#free.push(worker)
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
  const concurrency = optional(options?.concurrency, 'options.concurrency', positiveInteger) ?? availableParallelism()
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

async function run(slots: Slots, paths: readonly string[], options: Readonly<RunOptions> | null | undefined): Promise<FileResult[]> {
  if (!Array.isArray(paths) || paths.some((path) => typeof path !== 'string' || path === '')) {
    throw new TypeError('Expected `paths` to be a list of non-empty strings')
  }
  const postOptions: WorkerPostOptions = {...options?.post}
  // Checked once here, so that misuse rejects the call instead of failing every file.
  const {settings, plugins} = workerSettings(postOptions)
  const {maxBytes} = settings
  let cacheDir = options?.cacheDir ?? null
  const cacheFailed = (error: unknown): void => {
    if (cacheDir === null) return
    cacheDir = null
    options?.onCacheError?.(error as Error)
  }
  // Regular expressions (in a `sanitize` schema) are part of the key as their source.
  const optionsJson = JSON.stringify(
    Object.entries(postOptions).sort(([a], [b]) => (a < b ? -1 : 1)),
    (_, value: unknown) => (value instanceof RegExp ? `RegExp(${String(value)})` : value)
  )
  const optionsKey = `${cacheDir ? await mdpostVersion() : ''}\0${optionsJson}\0${pluginsKey(plugins.remark, plugins.rehype)}`
  const results: FileResult[] = new Array(paths.length)
  let next = 0

  const one = async (parse: (bytes: Uint8Array, path: string) => Promise<string>, path: string): Promise<FileResult> => {
    let bytes: Uint8Array
    try {
      bytes = readPostFileSync(path, maxBytes)
    } catch (error) {
      return {path, post: null, error: error as Error, cached: false}
    }
    const key = cacheDir ? createHash('sha256').update(`${optionsKey}\0${path}\0`).update(bytes).digest('hex') : ''
    const entryPath = cacheDir ? join(cacheDir, key.slice(0, 2), `${key}.json`) : ''
    if (cacheDir) {
      const entry = readEntrySync(entryPath, key)
      if (entry?.post) return {path, post: withNullPrototypes(entry.post), error: null, cached: true}
      if (entry?.error) return {path, post: null, error: PostParseError.from(entry.error), cached: true}
    }
    let result: FileResult
    let json = ''
    try {
      json = await parse(bytes, path)
      result = {path, post: withNullPrototypes(JSON.parse(json) as ParsedPost), error: null, cached: false}
    } catch (error) {
      result = {path, post: null, error: error as Error, cached: false}
    }
    // Posts and content errors are the same next time; limits and failures may not be.
    const error = result.error
    const lasting = result.post !== null || (error instanceof PostParseError && !error.ruleId.startsWith('parse-'))
    if (cacheDir && lasting) {
      const entry = result.post ? `{"post":${json}}` : JSON.stringify({error: (error as PostParseError).toJSON()} satisfies CacheEntry)
      await writeEntry(entryPath, key, entry).catch(cacheFailed)
    }
    return result
  }

  // More lanes than threads: each thread finds the next file read when it is done, and cache
  // writes overlap parses; a lane that needs a parse waits for a thread with room.
  const parse = async (bytes: Uint8Array, path: string): Promise<string> => {
    const worker = await slots.acquire()
    try {
      return await worker.parseToJson(bytes, {...postOptions, path})
    } finally {
      slots.release(worker)
    }
  }
  let failed: WorkerStartError | null = null
  let fromCache = 0
  await Promise.all(
    Array.from({length: Math.min(paths.length, Math.max(ioLanes, slots.capacity))}, async () => {
      while (next < paths.length && failed === null) {
        const index = next++
        const result = await one(parse, paths[index] as string)
        // A thread that cannot start fails every file alike: that is the call's error, said once.
        if (result.error instanceof WorkerStartError) {
          failed ??= result.error
          break
        }
        results[index] = result
        options?.onResult?.(result, index)
        // Files and cache entries are read synchronously (a fraction of the cost of promise-based
        // reads for small files): let the event loop run between answers from the cache.
        if (result.cached && ++fromCache % 16 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
    })
  )
  if (failed) throw failed
  return results
}

/**
 * A post file's bytes, refused before they are read when they are not a regular file (a FIFO
 * would hang, `/dev/zero` never ends) or when they are over `maxBytes`; at most `maxBytes + 1`
 * bytes are read, in case the file grows meanwhile.
 */
export async function readPostFile(path: string, maxBytes: number): Promise<Uint8Array> {
  if (typeof path !== 'string' || path === '') throw new TypeError(`Expected \`path\` to be a non-empty string, not \`${String(path)}\``)
  positiveNumber(maxBytes, 'maxBytes')
  const buffer = bufferFor(path, await stat(path), maxBytes)
  const handle = await open(path, 'r')
  try {
    let length = 0
    for (;;) {
      const {bytesRead} = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length === buffer.length) break
    }
    return filled(path, buffer, length, maxBytes)
  } finally {
    await handle.close()
  }
}

/**
 * The message of `file-unreadable` for an error of `readPostFile`: the OS reason (`ENOENT: no
 * such file or directory`, `EACCES: permission denied`) or why the file was refused (`not a
 * regular file (a FIFO)`), without the path, which the diagnostic carries.
 */
export function unreadableMessage(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code
  const refused = error.message.lastIndexOf(': not a regular file')
  const reason =
    typeof code === 'string'
      ? error.message.replace(/, \w+ '[\s\S]*'$/, '')
      : refused === -1
        ? error.message
        : error.message.slice(refused + 2).replace(/, expected a post file$/, '')
  return `Unexpected file that cannot be read: ${reason}`
}

/** Room for a post file's bytes and one more, once its `stat` says it is a regular file within `maxBytes`. */
function bufferFor(path: string, info: Stats, maxBytes: number): Uint8Array {
  if (!info.isFile()) throw new Error(`${path}: not a regular file (${kindOf(info)}), expected a post file`)
  if (info.size > maxBytes) throw inputTooLarge({bytes: info.size, orMore: true}, maxBytes, path)
  return new Uint8Array(Math.min(info.size, maxBytes) + 1)
}

/** The bytes read, refused when the file grew past `maxBytes` meanwhile. */
function filled(path: string, buffer: Uint8Array, length: number, maxBytes: number): Uint8Array {
  if (length > maxBytes) throw inputTooLarge({bytes: length, orMore: true}, maxBytes, path)
  return buffer.subarray(0, length)
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a FIFO'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  return 'a special file'
}

/**
 * `readPostFile` for the pool's own reads, synchronous: for the small files posts are, a
 * fraction of the cost of promise-based reads (a warm `loadSite` of 1,000 posts: 973 ms with
 * promises, 554 ms without), and parsing the JSON of a cache entry blocks as long anyway.
 */
function readPostFileSync(path: string, maxBytes: number): Uint8Array {
  // Non-blocking, so that opening a FIFO returns at once (and is refused below) instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const buffer = bufferFor(path, fstatSync(fd), maxBytes)
    let length = 0
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length === buffer.length) break
    }
    return filled(path, buffer, length, maxBytes)
  } finally {
    closeSync(fd)
  }
}

/**
 * A cache entry is its digest (SHA-256 of its key and its JSON), a line feed, then the JSON. An
 * entry that is missing, cut short, altered, moved from another key or of the wrong shape is
 * not used: the file is parsed again.
 */
function readEntrySync(path: string, key: string): CacheEntry | null {
  try {
    const text = readFileSync(path, 'utf8')
    const newline = text.indexOf('\n')
    const json = text.slice(newline + 1)
    if (newline === -1 || text.slice(0, newline) !== entryDigest(key, json)) return null
    const entry = JSON.parse(json) as unknown
    return isEntry(entry) ? entry : null
  } catch {
    return null
  }
}

/** Write to a temporary file, then rename: readers never see half an entry. */
async function writeEntry(path: string, key: string, json: string): Promise<void> {
  const folder = join(path, '..')
  await mkdir(folder, {recursive: true})
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    await writeFile(temporary, `${entryDigest(key, json)}\n${json}`)
    await rename(temporary, path)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}

function entryDigest(key: string, json: string): string {
  return createHash('sha256').update(`${key}\0`).update(json).digest('hex')
}

function isEntry(value: unknown): value is CacheEntry {
  if (!isRecord(value)) return false
  if ('post' in value) {
    const post = value.post
    return (
      isRecord(post) &&
      typeof post.html === 'string' &&
      typeof post.slug === 'string' &&
      (post.title === null || typeof post.title === 'string') &&
      isRecord(post.metadata) &&
      isRecord(post.frontmatter) &&
      isRecord(post.stats) &&
      ['headings', 'sections', 'links', 'images', 'templateTags', 'diagnostics', 'tags', 'categories'].every((field) =>
        Array.isArray(post[field])
      )
    )
  }
  const error = value.error
  return (
    isRecord(error) &&
    error.name === 'PostParseError' &&
    typeof error.message === 'string' &&
    error.message !== '' &&
    typeof error.ruleId === 'string' &&
    ['line', 'column', 'offset'].every((field) => Number.isInteger(error[field]))
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
