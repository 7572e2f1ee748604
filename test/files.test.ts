import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
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

  test('misuse is a TypeError', async () => {
    await expect(parseFiles([good], {concurrency: 0})).rejects.toThrow(TypeError)
    // @ts-expect-error: plugins cannot cross to a worker.
    await expect(parseFiles([good], {post: {remarkPlugins: [() => undefined]}})).rejects.toThrow(TypeError)
  })
})
