/**
 * ../shared/adversarial: every vector file and every generated family (at scale 0.1) through
 * parsePost in strict and loose mode. The answer is a Post or a PostParseError, never anything
 * else; the HTML passes rule I2; the outcomes below are what EXPECTED.md asks (see the notes).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {PostParseError, parsePost} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {unsafeParts} from './helpers/safety.js'
import {fastTier} from './helpers/tier.js'

const folder = new URL('../../shared/adversarial/', import.meta.url).pathname
const present = existsSync(folder)
if (!present && process.env.CI) throw new Error(`Missing ${folder}: CI must have ../shared/adversarial`)

/** Strict-mode outcome per vector: the rule of the PostParseError; files not listed parse. */
const strictFailures: Record<string, string> = {
  'frontmatter-huge-yaml-key.md': 'frontmatter-yaml',
  'frontmatter-unclosed-fence.md': 'frontmatter-unclosed',
  'invalid-utf8.bin': 'encoding-invalid',
  'utf16be-no-bom.md': 'encoding-invalid',
  'yaml-bad-indent.md': 'frontmatter-yaml',
  'yaml-billion-laughs.md': 'frontmatter-too-complex',
  'yaml-directives.md': 'frontmatter-yaml',
  'yaml-duplicate-keys.md': 'frontmatter-yaml',
  'yaml-not-a-mapping-list.md': 'frontmatter-not-mapping',
  'yaml-not-a-mapping-scalar.md': 'frontmatter-not-mapping',
  'yaml-tabs.md': 'frontmatter-yaml',
  'yaml-unclosed-flow.md': 'frontmatter-yaml',
  'yaml-unclosed-quote.md': 'frontmatter-yaml'
}

async function outcome(input: Uint8Array | string, strict: boolean) {
  try {
    return {post: await parsePost(input, {strict, path: 'vector.md'})}
  } catch (error) {
    if (error instanceof PostParseError) return {error}
    throw error
  }
}

describe.skipIf(!present)('adversarial vectors', () => {
  const names = present ? readdirSync(folder).filter((name) => /\.(md|bin)$/.test(name) && !/^(README|EXPECTED)\.md$/.test(name)) : []

  test('there are vectors', () => expect(names.length).toBeGreaterThan(60))

  for (const name of names) {
    test(name, async () => {
      const bytes = readFileSync(folder + name)
      const strict = await outcome(bytes, true)
      expect(strict.error?.ruleId, 'strict outcome').toBe(strictFailures[name])
      const loose = await outcome(bytes, false)
      expect(loose.error, 'strict: false only throws for limits').toBeUndefined()
      const post = loose.post
      expect(post).toBeDefined()
      if (!post) return
      if (strict.error) expect(post.diagnostics.some((d) => d.ruleId === strict.error?.ruleId && d.severity === 'error')).toBe(true)
      expect(unsafeParts(post.html), 'I2').toEqual([])
      for (const section of post.sections) expect(unsafeParts(section.html)).toEqual([])
      expect(JSON.parse(JSON.stringify(post.metadata))).toBeTypeOf('object')
    })
  }

  test('prototype pollution and code tags do nothing', async () => {
    for (const name of ['yaml-proto-pollution.md', 'yaml-js-function-tag.md', 'yaml-exotic-types.md']) {
      const {post} = await outcome(readFileSync(folder + name), false)
      expect(Object.getPrototypeOf(post?.metadata)).toBeNull()
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
      expect(Object.keys(globalThis).filter((key) => key.startsWith('PWNED'))).toEqual([])
      const walk = (value: unknown): void => {
        if (value === null || ['string', 'boolean'].includes(typeof value)) return
        if (typeof value === 'number') return void expect(Number.isFinite(value)).toBe(true)
        expect(Array.isArray(value) || Object.getPrototypeOf(value) === null, name).toBe(true)
        for (const item of Object.values(value as object)) walk(item)
      }
      walk(post?.metadata)
    }
  })

  test('hostile front matter comes back as written; URL fields are checked, the slug normalised (I5)', async () => {
    const {post} = await outcome(readFileSync(`${folder}xss-in-frontmatter-title.md`), true)
    expect(post?.title).toBe('<script>alert(1)</script>')
    expect(post?.metadata.description).toBe('<img src=x onerror=alert(2)>')
    expect(post?.metadata.canonical).toBe('javascript:alert(5)')
    expect(post).toMatchObject({image: null, canonical: null, slug: 'etcpasswd'})
    expect(post?.diagnostics.filter((d) => d.ruleId === 'metadata-url-unsafe').map((d) => d.line)).toEqual([5, 6, 7])
  })

  test('!!timestamp keeps the string; YAML 1.1 types, complex keys and lone surrogates are reported at their line', async () => {
    const stamped = (await outcome(readFileSync(`${folder}date-timestamp-tag.md`), true)).post
    expect(stamped?.metadata).toMatchObject({date: '2018-03-03', bad: '2018-02-30'})
    expect(stamped?.date?.iso).toBe('2018-03-03')
    const exotic = (await outcome(readFileSync(`${folder}yaml-exotic-types.md`), true)).post
    expect(exotic?.metadata).toMatchObject({when: '2018-03-03T23:30:00-05:00', blob: 'aGVsbG8='})
    expect(exotic?.diagnostics.map((d) => d.line)).toEqual([4, 5, 6, 7, 8, 10])
    const implicit = (await outcome(readFileSync(`${folder}yaml-implicit-typing.md`), true)).post
    expect(implicit?.metadata).toMatchObject({big: '12345678901234567890123', float: 'Infinity', zip: 1234})
    expect(implicit?.diagnostics.map((d) => d.line)).toEqual([11, 12, 13, 14])
    const lone = (await outcome(readFileSync(`${folder}lone-surrogate-entities.md`), true)).post
    expect(lone?.title).toBe('\ufffd lone surrogate escape in YAML')
    expect(lone?.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['2 frontmatter-yaml'])
  })

  test('a second `---` block after a `...` closer is body, with a warning', async () => {
    const {post} = await outcome(readFileSync(`${folder}yaml-multiple-documents.md`), true)
    expect(post?.metadata).toEqual(Object.assign(Object.create(null), {title: 'first document'}))
    expect(post?.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['4 frontmatter-suspicious'])
  })

  test('no C0 control other than whitespace reaches the HTML', async () => {
    const {post} = await outcome(readFileSync(`${folder}control-chars.md`), true)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be there.
    expect(post?.html).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/)
    expect(post?.html).toContain('\ufffd')
  })

  test('located errors count the fence: yaml-unclosed-quote is at file line 3', async () => {
    const {error} = await outcome(readFileSync(`${folder}yaml-unclosed-quote.md`), true)
    expect(error?.line).toBe(3)
  })

  test('UTF-16 with a BOM, CR-only and mixed line endings are recognised', async () => {
    const utf16 = await outcome(readFileSync(`${folder}utf16le-bom.md`), true)
    expect(utf16.post?.frontmatter.format).toBe('yaml')
    for (const name of ['line-endings-cr-only.md', 'line-endings-mixed.md', 'bom-crlf.md']) {
      const {post} = await outcome(readFileSync(folder + name), true)
      expect(post?.frontmatter.format, name).toBe('yaml')
      expect(post?.headings[0]?.text, name).toBe('Heading')
      expect(String(post?.title)).not.toContain('\r')
    }
  })
})

describe.skipIf(!present || fastTier)('generated families at scale 0.1', async () => {
  const {families} = (present ? await import(`${folder}generate.mjs`) : {families: {}}) as {
    families: Record<string, {n: number; make: (n: number) => string}>
  }
  for (const [name, family] of Object.entries(families)) {
    test(name, async () => {
      const text = family.make(Math.max(1, Math.round(family.n * 0.1)))
      const result = await outcome(text, true)
      if (result.error) {
        expect(['input-too-deep', 'input-too-complex', 'input-too-large', 'frontmatter-too-complex', 'frontmatter-unclosed']).toContain(
          result.error.ruleId
        )
      } else {
        expect(unsafeParts(result.post?.html ?? '')).toEqual([])
      }
    })
  }
})
