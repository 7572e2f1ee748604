import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PostParseError, parsePost} from 'mdpost'
import {PostWorker, parsePostInWorker} from 'mdpost/node'
import {VFile} from 'vfile'
import {afterAll, describe, expect, test, vi} from 'vitest'
import {currentThreadId, limitDecision, wallFactor} from '../src/node/thread-clock.js'

const sample = readFileSync(new URL('../fixtures/pycon-2018.md', import.meta.url))
const workers: PostWorker[] = []
// A generous time limit unless a test sets one: a loaded machine must not turn a parse into a timeout.
const make = (options?: ConstructorParameters<typeof PostWorker>[0]) => {
  const worker = new PostWorker({timeoutMs: 120_000, ...options})
  workers.push(worker)
  return worker
}
// Plugins that wait without computing, written here: a thread that sleeps, one that never ends.
const plugins = mkdtempSync(join(tmpdir(), 'mdpost-plugins-'))
const sleeper = join(plugins, 'sleep.mjs')
writeFileSync(
  sleeper,
  'export default function sleep(ms) {\n  return () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) }\n}\n'
)
const never = join(plugins, 'never.mjs')
writeFileSync(never, 'export default function never() {\n  return () => new Promise(() => {})\n}\n')
// Whether this OS gives a thread's CPU clock (Linux); the wall clock times a parse elsewhere.
const cpuClock = currentThreadId() !== null
afterAll(async () => {
  for (const worker of workers) await worker.close()
  rmSync(plugins, {recursive: true, force: true})
})

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('Expected a rejection')
}

describe('mdpost/node', () => {
  test('a post parsed in the worker is the post parsePost gives', async () => {
    const inWorker = await parsePostInWorker(new VFile({value: sample, path: '_posts/2018-03-03-pycon.md'}))
    const here = await parsePost(sample, {path: '_posts/2018-03-03-pycon.md'})
    expect(inWorker).toEqual(JSON.parse(JSON.stringify(here)))
    expect(inWorker.slug).toBe('pycon')
  })

  test('content errors come back as the same PostParseError', async () => {
    const text = '---\ntitle: "unclosed\n---\n'
    const here = await rejection(parsePost(text, {path: 'a.md'}))
    const there = await rejection(make().parse(text, {path: 'a.md'}))
    expect(there).toBeInstanceOf(PostParseError)
    expect(there).toMatchObject({ruleId: 'frontmatter-yaml', line: 2, message: (here as Error).message, path: 'a.md'})
  })

  test('a parse over timeoutMs is stopped with parse-timeout, and the worker serves the next post', async () => {
    const worker = make({timeoutMs: 1})
    const long = sample.toString('utf8').repeat(100)
    const error = await rejection(worker.parse(long, {path: 'long.md'}))
    expect(error).toBeInstanceOf(PostParseError)
    expect(error).toMatchObject({ruleId: 'parse-timeout', path: 'long.md', line: 1})
    const relaxed = make({timeoutMs: 60_000})
    expect((await relaxed.parse('# After')).title).toBe('After')
  })

  test('a parse over maxHeapMb is stopped with parse-out-of-memory, and the worker serves the next post', async () => {
    const worker = make({maxHeapMb: 32, timeoutMs: 120_000})
    const dense = 'Heading\n=======\n\nText.\n\n'.repeat(150_000)
    // The next parse is sent at once and waits in the thread: when the thread is replaced, it goes to the new one.
    const [error, after] = await Promise.all([rejection(worker.parse(dense)), worker.parse('# After')])
    expect(error).toMatchObject({name: 'PostParseError', ruleId: 'parse-out-of-memory'})
    expect(after.title).toBe('After')
    expect((await worker.parse('# Later')).title).toBe('Later')
  })

  test('parses wait their turn and each gets its own answer', async () => {
    const worker = make({timeoutMs: 60_000})
    const titles = await Promise.all(['# One', '# Two', '# Three'].map(async (text) => (await worker.parse(text)).title))
    expect(titles).toEqual(['One', 'Two', 'Three'])
  })

  test('misuse is a TypeError at once', () => {
    const worker = make()
    // @ts-expect-error: check how invalid input is handled.
    expect(() => worker.parse('x', {remarkPlugins: [() => {}]})).toThrow(TypeError)
    // @ts-expect-error: `trees` is not a worker option.
    expect(() => worker.parse('x', {trees: true})).toThrow(TypeError)
    expect(() => worker.parse('x', {html: 'nope' as 'trust'})).toThrow(TypeError)
    expect(() => new PostWorker({timeoutMs: -1})).toThrow(TypeError)
  })

  test('close rejects what waits, and a later parse starts a new worker', async () => {
    const worker = make({timeoutMs: 60_000})
    const waiting = rejection(worker.parse(sample))
    await worker.close()
    expect(await waiting).toBeInstanceOf(Error)
    expect((await worker.parse('# Again')).title).toBe('Again')
  })

  test('timeoutMs counts from when the worker begins the parse, not its start-up', async () => {
    // Without depending on how fast the machine is: the clock is a main-thread timer, faked
    // here. Time jumps far past `timeoutMs` before the new thread can say it is ready (this
    // thread has not yielded yet), so a clock started at `parse` would fire; a clock started when
    // the thread is ready is never advanced, however long the start-up and the parse take.
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']})
    try {
      const worker = make({timeoutMs: 300})
      const parsed = worker.parse('# Hello')
      vi.advanceTimersByTime(60_000)
      expect((await parsed).title).toBe('Hello')
    } finally {
      vi.useRealTimers()
    }
  })

  test("the limit counts the thread's CPU time where the OS gives it, with the wall clock as a backstop", () => {
    expect(limitDecision(1000, {cpuMs: 1000, wallMs: 1000})).toEqual({stop: true})
    // A thread that waited for a core: 300 ms of CPU in 5 s of wall clock goes on, and is looked at again.
    expect(limitDecision(1000, {cpuMs: 300, wallMs: 5000})).toEqual({stop: false, ms: 700})
    expect(limitDecision(1000, {cpuMs: 0, wallMs: 1000 * wallFactor})).toEqual({stop: true})
    expect(limitDecision(1000, {cpuMs: 999, wallMs: 1000 * wallFactor - 5})).toEqual({stop: false, ms: 10})
    // Without a CPU clock, the wall clock.
    expect(limitDecision(1000, {cpuMs: null, wallMs: 400})).toEqual({stop: false, ms: 600})
    expect(limitDecision(1000, {cpuMs: null, wallMs: 1000})).toEqual({stop: true})
  })

  test.skipIf(!cpuClock)('a parse whose thread waits without computing is not a timeout (CPU clock)', async () => {
    // The plugin sleeps 2 s, eight times `timeoutMs`, computing nothing: a thread that waits for a
    // core on a busy machine looks the same. The wall-clock backstop (20 × 250 ms) is 2.5 times the
    // sleep; the parse itself takes about 20 ms of CPU.
    const worker = make({timeoutMs: 250})
    const post = await worker.parse('# Slept', {rehypePlugins: [[sleeper, 2000]]})
    expect(post.title).toBe('Slept')
  })

  test('a parse that never ends is stopped by the wall-clock backstop', async () => {
    const worker = make({timeoutMs: 50})
    const error = await rejection(worker.parse('# Never', {path: 'never.md', rehypePlugins: [never]}))
    expect(error).toMatchObject({name: 'PostParseError', ruleId: 'parse-timeout', path: 'never.md'})
    expect((await worker.parse('# After')).title).toBe('After')
  })

  test('metadata keeps its null prototypes across the thread', async () => {
    const post = await make().parse('---\ntitle: T\nnested:\n  a:\n    b: 1\nlist:\n  - k: v\n---\n')
    expect(Object.getPrototypeOf(post.metadata)).toBe(null)
    const nested = post.metadata.nested as Record<string, Record<string, unknown>>
    expect(Object.getPrototypeOf(nested)).toBe(null)
    expect(Object.getPrototypeOf(nested.a)).toBe(null)
    expect(Object.getPrototypeOf((post.metadata.list as object[])[0])).toBe(null)
  })

  test('a rehype plugin by module name, with JSON options, in the worker', async () => {
    const post = await make().parse('```\nconst a = 1\n```\n', {rehypePlugins: [['rehype-highlight', {detect: true, subset: ['js']}]]})
    expect(post.html).toContain('<span>const</span>')
  })
})
