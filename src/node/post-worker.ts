/**
 * Parse untrusted posts in a worker thread with a time and a heap limit. A parse
 * that runs past `timeoutMs` (of its thread's CPU time where the OS reports it, see
 * `thread-clock.ts`) or out of `maxHeapMb` is stopped (the worker is terminated and a
 * new one started for the next post) and answered with a `PostParseError` (`parse-timeout`,
 * `parse-out-of-memory`). One worker serves one parse at a time; the others wait in order.
 */
import {Worker} from 'node:worker_threads'
import {PostParseError} from '../errors.js'
import {readInput} from '../input.js'
import {type PostSettings, postSettings} from '../options.js'
import type {ParsedPost, PostInput, PostOptions} from '../types.js'
import {finitePositiveNumber, optional} from '../validate.js'
import {type PluginSpecifier, type ResolvedPlugin, resolvePlugins} from './plugins.js'
import {withNullPrototypes} from './revive.js'
import {limitDecision, threadCpuMs} from './thread-clock.js'
import type {Answer, Request} from './worker.js'

/**
 * `PostOptions` for a parse in a worker: plugins named by module specifier with JSON options,
 * and no `trees`, `schema` or `sanitize` function (none can be sent to a thread).
 */
export interface WorkerPostOptions extends Omit<PostOptions, 'remarkPlugins' | 'rehypePlugins' | 'trees' | 'schema'> {
  /** remark plugins by module specifier, imported in the worker (default: none). */
  remarkPlugins?: readonly PluginSpecifier[] | null | undefined
  /** rehype plugins by module specifier, imported in the worker (default: none). */
  rehypePlugins?: readonly PluginSpecifier[] | null | undefined
}

export interface PostWorkerOptions {
  /**
   * Longest a single parse may run, in milliseconds, counted from when the worker gets it
   * (default: 10000): of the worker thread's CPU time where the OS reports it (Linux), so a busy
   * machine does not turn a parse into a timeout, with 20 times as much wall clock as a backstop;
   * of wall clock elsewhere.
   */
  timeoutMs?: number | null | undefined
  /** Largest old-generation heap of the worker, in MiB (default: 512). */
  maxHeapMb?: number | null | undefined
}

interface Job {
  request: Request
  /** With the Post as JSON text. */
  resolve: (json: string) => void
  reject: (error: Error) => void
  timer?: NodeJS.Timeout
  /** When the worker began the job: wall clock, and its thread's CPU clock where the OS gives one. */
  began?: {wallMs: number; cpuMs: number | null}
}

/** A reusable worker that parses posts one at a time under a time and a heap limit. */
export class PostWorker {
  readonly timeoutMs: number
  readonly maxHeapMb: number
  #worker: Worker | null = null
  /** Whether the current thread has loaded mdpost (until then, a failure is a start-up failure). */
  #ready = false
  /** The OS id of the current thread, whose CPU clock times a parse (`null`: the wall clock does). */
  #tid: number | null = null
  #queue: Job[] = []
  /** Jobs sent to the thread, in order: the first is being parsed, the next waits there (no round trip between them). */
  #sent: Job[] = []
  #nextId = 0

  constructor(options?: Readonly<PostWorkerOptions> | null) {
    this.timeoutMs = optional(options?.timeoutMs, 'options.timeoutMs', finitePositiveNumber) ?? 10_000
    this.maxHeapMb = optional(options?.maxHeapMb, 'options.maxHeapMb', finitePositiveNumber) ?? 512
  }

  /**
   * Parse a post in the worker: the same Post as `parsePost`. Options are checked here, so
   * misuse is a TypeError at once; plugins and `trees` cannot cross to a worker (TypeError).
   */
  parse(input: PostInput, options?: Readonly<WorkerPostOptions> | null): Promise<ParsedPost> {
    return this.parseToJson(input, options).then((json) => withNullPrototypes(JSON.parse(json) as ParsedPost))
  }

  /**
   * `parse`, answered with the Post as JSON text (what a cache stores). A Post crosses from the
   * thread as JSON: stringifying and parsing it costs less than a structured clone of its many
   * small objects, and a cache writes the text as it came.
   */
  parseToJson(input: PostInput, options?: Readonly<WorkerPostOptions> | null): Promise<string> {
    const {settings, plugins} = workerSettings(options)
    const {value, path} = readInput(input)
    const {remarkPlugins: _remark, rehypePlugins: _rehype, ...rest} = options ?? {}
    const request: Request = {id: this.#nextId++, input: value, options: {...rest, path: settings.path ?? path}, plugins}
    return new Promise<string>((resolve, reject) => {
      this.#queue.push({request, resolve, reject})
      this.#pump()
    })
  }

  /** Stop the worker. Waiting parses are rejected; a later `parse` starts a new worker. */
  async close(): Promise<void> {
    const waiting = [...this.#sent, ...this.#queue]
    this.#queue = []
    this.#sent = []
    for (const job of waiting) {
      clearTimeout(job.timer)
      job.reject(new Error('Unexpected close of the PostWorker while a parse was waiting'))
    }
    const worker = this.#worker
    this.#worker = null
    await worker?.terminate()
  }

  #pump(): void {
    while (this.#sent.length < inFlight && this.#queue.length > 0) {
      const job = this.#queue.shift() as Job
      const worker = this.#ensureWorker()
      this.#sent.push(job)
      // A parse in flight keeps the process alive (no timer does until the worker starts it).
      worker.ref()
      worker.postMessage(job.request)
      // A thread that is up begins at once; one that is starting begins when it says it is ready.
      if (this.#ready && this.#sent.length === 1) this.#startClock(job)
    }
    if (this.#sent.length === 0) this.#worker?.unref()
  }

  /**
   * The clock of a parse starts when the worker can begin it, not while the thread starts up, and
   * counts the thread's CPU time where the OS reports it (`limitDecision`).
   */
  #startClock(job: Job): void {
    clearTimeout(job.timer)
    const tid = this.#tid
    job.began = {wallMs: performance.now(), cpuMs: tid === null ? null : threadCpuMs(tid)}
    const look = (ms: number): void => {
      job.timer = setTimeout(() => {
        const began = job.began as {wallMs: number; cpuMs: number | null}
        const cpuMs = tid === null || began.cpuMs === null ? null : threadCpuMs(tid)
        const spent = {wallMs: performance.now() - began.wallMs, cpuMs: cpuMs === null || began.cpuMs === null ? null : cpuMs - began.cpuMs}
        const decision = limitDecision(this.timeoutMs, spent)
        if (!decision.stop) return look(decision.ms)
        const reason = `Unexpected parse that ran longer than ${this.timeoutMs} ms, expected it to finish within \`timeoutMs\``
        this.#fail(job, limitError(reason, 'parse-timeout', job.request))
      }, ms)
    }
    look(this.timeoutMs)
  }

  /** The thread could not start (or load mdpost): every waiting parse gets that one error. */
  #failStart(worker: Worker, cause: Error | null): void {
    if (this.#worker !== worker) return
    this.#worker = null
    void worker.terminate()
    const error = new WorkerStartError(cause)
    const waiting = [...this.#sent, ...this.#queue]
    this.#sent = []
    this.#queue = []
    for (const job of waiting) {
      clearTimeout(job.timer)
      job.reject(error)
    }
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      resourceLimits: {maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: youngGenerationMb(this.maxHeapMb)}
    })
    this.#ready = false
    this.#tid = null
    worker.on('message', (answer: Answer) => {
      if ('ready' in answer) {
        if (this.#worker !== worker) return
        this.#ready = true
        this.#tid = answer.tid
        if (this.#sent[0]) this.#startClock(this.#sent[0])
        return
      }
      // A replaced thread's last words are not answers (its jobs went to the new one).
      const job = this.#sent[0]
      if (!job || this.#worker !== worker || job.request.id !== answer.id) return
      clearTimeout(job.timer)
      this.#sent.shift()
      if ('json' in answer) job.resolve(answer.json)
      else job.reject(revive(answer.error))
      // The next one, already in the thread, begins now.
      if (this.#sent[0]) this.#startClock(this.#sent[0])
      this.#pump()
    })
    worker.on('error', (error: Error & {code?: string}) => {
      if (this.#worker === worker && !this.#ready) {
        this.#failStart(worker, error)
        return
      }
      const job = this.#sent[0]
      if (!job || this.#worker !== worker) return
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `Unexpected parse that needed more than ${this.maxHeapMb} MiB of heap, expected it to fit in \`maxHeapMb\``
          : `Unexpected failure of the parse worker: ${error.message}`
      this.#fail(job, limitError(reason, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'parse-out-of-memory' : 'parse-timeout', job.request))
    })
    worker.on('exit', () => {
      if (this.#worker !== worker) return
      if (!this.#ready) {
        this.#failStart(worker, null)
        return
      }
      const job = this.#sent[0]
      if (job) this.#fail(job, new Error('Unexpected exit of the parse worker'))
      else this.#worker = null
    })
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref()
    this.#worker = worker
    return worker
  }

  /** Give up on the job in flight: the worker may be stuck, so it is replaced; the job waiting in it is sent again to the new one. */
  #fail(job: Job, error: Error): void {
    if (this.#sent[0] !== job) return
    clearTimeout(job.timer)
    this.#queue.unshift(...this.#sent.slice(1))
    this.#sent = []
    const worker = this.#worker
    this.#worker = null
    void worker?.terminate()
    job.reject(error)
    this.#pump()
  }
}

/**
 * Options checked for a worker: what `postSettings` checks; plugins named by module specifier
 * (resolved here); no functions or trees, which cannot cross.
 */
export function workerSettings(options: Readonly<WorkerPostOptions> | null | undefined): {
  settings: PostSettings
  plugins: {remark: ResolvedPlugin[]; rehype: ResolvedPlugin[]}
} {
  const settings = postSettings(options as Readonly<PostOptions> | null | undefined)
  const plugins = {
    remark: resolvePlugins(options?.remarkPlugins, 'remarkPlugins'),
    rehype: resolvePlugins(options?.rehypePlugins, 'rehypePlugins')
  }
  if (settings.trees) throw new TypeError('Expected no `trees: true` in a worker: trees stay in the worker, use `parsePost`')
  if (settings.schema) {
    throw new TypeError('Expected no `schema` in a worker: a validator cannot be sent to it; validate `post.metadata` after the parse')
  }
  if (typeof options?.sanitize === 'function') {
    throw new TypeError('Expected `sanitize` to be a schema object in a worker: functions cannot be sent to it; pass the schema it returns')
  }
  return {settings, plugins}
}

/**
 * The worker thread could not start or could not load mdpost: not a problem of any one post.
 * Usually a bundler left out `dist/node/worker.js`, or the process runs with flags a worker
 * cannot take (`--input-type`).
 */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError' as const
  readonly code = 'ERR_MDPOST_WORKER_START'

  constructor(cause: Error | null) {
    super(
      `Unexpected failure to start mdpost's worker thread${cause ? ` (${cause.message})` : ''}, expected \`worker.js\` beside \`post-worker.js\` (a bundle must copy \`node_modules/mdpost/dist/\` as it is, or keep \`mdpost\` external) and a process without flags a worker cannot take (\`--input-type\`)`,
      cause ? {cause} : undefined
    )
  }
}

/** Jobs sent to a thread at once: the one it parses and the next. */
const inFlight = 2

let shared: PostWorker | null = null

/**
 * `parsePost` in a shared worker (created on first use, not keeping the process alive) with
 * the default limits: 10 s and 512 MiB. Create a `PostWorker` for other limits.
 */
export function parsePostInWorker(input: PostInput, options?: Readonly<WorkerPostOptions> | null): Promise<ParsedPost> {
  shared ??= new PostWorker()
  return shared.parse(input, options)
}

function limitError(reason: string, ruleId: 'parse-timeout' | 'parse-out-of-memory', request: Request): PostParseError {
  return new PostParseError(reason, {ruleId, line: 1, column: 1, offset: 0, path: request.options.path ?? null})
}

function revive(error: Extract<Answer, {error: unknown}>['error']): Error {
  if (error.kind === 'PostParseError') return PostParseError.from(error.data)
  return error.kind === 'TypeError' ? new TypeError(error.message) : new Error(error.message)
}

/**
 * A worker's young generation: V8 sizes it from the old generation's limit, smaller than the
 * main thread's, and a parse makes much short-lived garbage, so a worker spent ~20% more time
 * in scavenges than the same parse in the main thread (measured: 300 corpus posts on one
 * thread, 6.9 s at 16 MiB, 5.3 s at 48, 4.8 s at 96, against 4.7 s for `parsePost` in a loop).
 * A quarter of the heap limit, at most 96 MiB.
 */
function youngGenerationMb(maxHeapMb: number): number {
  return Math.max(1, Math.min(96, Math.floor(maxHeapMb / 4)))
}
