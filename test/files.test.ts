import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PostParseError, parsePost} from 'mdpost'
import {PostPool, parseFiles} from 'mdpost/node'
import {afterAll, describe, expect, test} from 'vitest'

const folder = mkdtempSync(join(tmpdir(), 'mdpost-files-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

const sample = readFileSync(new URL('../fixtures/pycon-2018.md', import.meta.url))
const write = (name: string, content: string | Uint8Array) => {
  const path = join(folder, name)
  writeFileSync(path, content)
  return path
}
const good = write('2018-03-03-pycon.md', sample)
const broken = write('broken.md', '---\ntitle: "unclosed\n---\n\nBody\n')
const other = write('other.md', '---\ntitle: Other\n---\n\n# Heading\n\nText.\n')
const missing = join(folder, 'missing.md')
const mine = write('mine.md', '---\ntitle: Mine\n---\n\nText.\n')

describe('parseFiles', () => {
  test('each file in order: its Post, its PostParseError, or the read error', async () => {
    const results = await parseFiles([good, broken, missing, other], {concurrency: 2})
    expect(results.map((result) => result.path)).toEqual([good, broken, missing, other])
    const here = await parsePost(sample, {path: good})
    expect(results[0]).toMatchObject({post: JSON.parse(JSON.stringify(here)), error: null, cached: false})
    expect(results[1]?.post).toBeNull()
    expect(results[1]?.error).toBeInstanceOf(PostParseError)
    expect(results[1]?.error).toMatchObject({ruleId: 'frontmatter-yaml', line: 2, path: broken})
    expect(results[2]).toMatchObject({post: null, cached: false, error: expect.objectContaining({code: 'ENOENT'})})
    expect(results[3]?.post?.title).toBe('Other')
  })

  test('the cache answers unchanged files, and parses again what changed', async () => {
    const cacheDir = join(folder, 'cache')
    const first = await parseFiles([good, broken, other], {cacheDir, post: {baseUrl: 'https://x.org'}})
    expect(first.map((result) => result.cached)).toEqual([false, false, false])
    const second = await parseFiles([good, broken, other], {cacheDir, post: {baseUrl: 'https://x.org'}})
    expect(second.map((result) => result.cached)).toEqual([true, true, true])
    expect(second[0]?.post).toEqual(first[0]?.post)
    expect(second[1]?.error).toBeInstanceOf(PostParseError)
    expect(second[1]?.error?.message).toBe(first[1]?.error?.message)

    // Other bytes, other options or another path: parsed again.
    write('other.md', '---\ntitle: Changed\n---\n')
    const third = await parseFiles([good, other], {cacheDir, post: {baseUrl: 'https://x.org'}})
    expect(third.map((result) => [result.cached, result.post?.title])).toEqual([
      [true, 'Pycon 2018'],
      [false, 'Changed']
    ])
    expect((await parseFiles([good], {cacheDir})).map((result) => result.cached)).toEqual([false])
  })

  test('a damaged cache entry is parsed again; limits are not cached', async () => {
    const cacheDir = join(folder, 'cache-damaged')
    await parseFiles([other], {cacheDir})
    const [shard] = readdirSync(cacheDir)
    const [entry] = readdirSync(join(cacheDir, shard as string))
    writeFileSync(join(cacheDir, shard as string, entry as string), '{"post": {"tit')
    const [again] = await parseFiles([other], {cacheDir})
    expect(again).toMatchObject({cached: false, error: null})

    const limitsDir = join(folder, 'cache-limits')
    const [stopped] = await parseFiles([good], {cacheDir: limitsDir, timeoutMs: 1})
    expect(stopped?.error).toMatchObject({ruleId: 'parse-timeout'})
    const [parsed] = await parseFiles([good], {cacheDir: limitsDir})
    expect(parsed).toMatchObject({cached: false, error: null})
  })

  test('a PostPool answers call after call as parseFiles does, and works again after close', async () => {
    const pool = new PostPool({size: 2})
    try {
      const once = await parseFiles([good, broken, other], {concurrency: 2})
      const first = await pool.parseFiles([good, broken, other])
      const second = await pool.parseFiles([other, good])
      expect(first.map((result) => result.post)).toEqual(once.map((result) => result.post))
      expect(first[1]?.error?.message).toBe(once[1]?.error?.message)
      expect(second.map((result) => result.post)).toEqual([first[2]?.post, first[0]?.post])
      await pool.close()
      expect((await pool.parseFiles([other]))[0]?.post?.title).toBe(first[2]?.post?.title)
    } finally {
      await pool.close()
    }
    expect(() => new PostPool({size: 1.5})).toThrow(TypeError)
  })

  test('warm starts every thread and parses in each; calls meanwhile and after are answered; close ends it', async () => {
    const pool = new PostPool({size: 2})
    try {
      const [results] = await Promise.all([pool.parseFiles([good, other]), pool.warm(3)])
      expect(results.map((result) => result.error)).toEqual([null, null])
      const warming = pool.warm(1000)
      await pool.close()
      await expect(warming).resolves.toBeUndefined()
      expect((await pool.parseFiles([other]))[0]?.post?.title).toBe(results[1]?.post?.title)
      await expect(pool.warm(-1)).rejects.toThrow(TypeError)
    } finally {
      await pool.close()
    }
  })

  test('misuse is a TypeError', async () => {
    await expect(parseFiles([good], {concurrency: 0})).rejects.toThrow(TypeError)
    // @ts-expect-error: plugins cannot cross to a worker.
    await expect(parseFiles([good], {post: {remarkPlugins: [() => undefined]}})).rejects.toThrow(TypeError)
  })

  test('a worker that cannot start is one WorkerStartError for the call, saying how to fix it', async () => {
    const script = `import {parseFiles, PostWorker} from 'mdpost/node'
const files = await parseFiles(${JSON.stringify([good, other])}).then(() => 'parsed', (error) => error.name)
const worker = await new PostWorker().parse('# a').then(() => 'parsed', (error) => error.name + ': ' + error.message)
console.log(JSON.stringify({files, worker}))`
    const {stdout} = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: new URL('..', import.meta.url).pathname
    })
    const answer = JSON.parse(stdout)
    expect(answer.files).toBe('WorkerStartError')
    expect(answer.worker).toMatch(/^WorkerStartError: .*worker\.js.*--input-type/)
  })

  test('a cache that cannot be written is reported once, and every file is still parsed', async () => {
    const notAFolder = write('cache-is-a-file', 'x')
    const errors: Error[] = []
    const results = await parseFiles([good, mine], {cacheDir: notAFolder, onCacheError: (error) => errors.push(error)})
    expect(results.map((result) => [result.post?.title, result.cached])).toEqual([
      ['Pycon 2018', false],
      ['Mine', false]
    ])
    expect(errors).toHaveLength(1)
    const entryIsFolder = join(folder, 'cache-entry-folder')
    await parseFiles([mine], {cacheDir: entryIsFolder})
    const [shard] = readdirSync(entryIsFolder)
    const [entry] = readdirSync(join(entryIsFolder, shard as string))
    rmSync(join(entryIsFolder, shard as string, entry as string))
    mkdirSync(join(entryIsFolder, shard as string, entry as string))
    const [again] = await parseFiles([mine], {cacheDir: entryIsFolder})
    expect(again).toMatchObject({cached: false, error: null, post: {title: 'Mine'}})
  })

  test('cache entries of the wrong shape, altered or moved are parsed again', async () => {
    const cacheDir = join(folder, 'cache-forged')
    await parseFiles([mine, good], {cacheDir})
    const entries = readdirSync(cacheDir).flatMap((shard) => readdirSync(join(cacheDir, shard)).map((name) => join(cacheDir, shard, name)))
    expect(entries).toHaveLength(2)
    const [first, second] = entries as [string, string]
    for (const forged of ['{"post":1}', '{"error":{}}', '{"post":{"title":"FORGED","html":"<script>x</script>"}}']) {
      const digestLine = readFileSync(first, 'utf8').split('\n')[0]
      writeFileSync(first, `${digestLine}\n${forged}`)
      writeFileSync(second, readFileSync(first))
      const results = await parseFiles([mine, good], {cacheDir})
      expect(results.map((result) => [result.cached, result.post?.title])).toEqual([
        [false, 'Mine'],
        [false, 'Pycon 2018']
      ])
    }
    // An entry copied under anmine file's key is not that file's answer.
    writeFileSync(second, readFileSync(first))
    const moved = await parseFiles([mine, good], {cacheDir})
    expect(moved.map((result) => result.post?.title)).toEqual(['Mine', 'Pycon 2018'])
    expect(moved.filter((result) => !result.cached)).toHaveLength(1)
  })

  test('onResult gets each result with its index as it is known', async () => {
    const seen: Array<[number, string]> = []
    const results = await parseFiles([good, missing, mine], {concurrency: 2, onResult: (result, index) => seen.push([index, result.path])})
    expect(seen.sort()).toEqual(results.map((result, index) => [index, result.path]))
  })

  test('plugins named by module specifier run in the workers, and are part of the cache key', async () => {
    const code = write('code.md', '# Code\n\n```js\nconst a = 1\n```\n')
    const cacheDir = join(folder, 'cache-plugins')
    const [plain] = await parseFiles([code], {cacheDir})
    expect(plain?.post?.html).toContain('<code class="language-js">const a = 1\n</code>')
    const [highlighted] = await parseFiles([code], {cacheDir, post: {rehypePlugins: ['rehype-highlight']}})
    expect(highlighted).toMatchObject({cached: false})
    expect(highlighted?.post?.html).toContain('<span>const</span>')
    const [again] = await parseFiles([code], {cacheDir, post: {rehypePlugins: ['rehype-highlight']}})
    expect(again).toMatchObject({cached: true})
    const [withOptions] = await parseFiles([code], {cacheDir, post: {rehypePlugins: [['rehype-highlight', {subset: ['python']}]]}})
    expect(withOptions).toMatchObject({cached: false})
  })

  test('plugins that cannot be sent or found are a TypeError for the call', async () => {
    // @ts-expect-error: check how invalid input is handled.
    await expect(parseFiles([good], {post: {remarkPlugins: [() => undefined]}})).rejects.toThrow(/by module specifier/)
    await expect(parseFiles([good], {post: {rehypePlugins: ['rehype-not-installed']}})).rejects.toThrow(/to be installed/)
  })
})
