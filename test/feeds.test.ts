/**
 * Feeds and sitemaps hold any value a post can: generated sites of all six generators (the hostile
 * string as `permalink`, `url` and `slug`, which each reads as it does) with hostile titles, tags,
 * summaries, authors, URLs and dates (control characters, lone surrogates, `]]>`, bidi controls,
 * astral characters, URLs past 2,048 characters, years 1 and 9999, the farthest offsets and
 * zones), every output judged by real validators in a few batched runs, never one process a case:
 *
 * - sitemaps and sitemap indexes: `xmllint --nonet --schema` with the sitemaps.org 0.9 schemas
 *   (test/schemas/, their source noted in each);
 * - Atom and RSS: `xmllint --nonet` (a strict XML 1.0 parser) and Python's feedparser (Debian's
 *   /usr/bin/python3): `bozo` 0, and the titles, links and dates it reads equal the post's;
 * - JSON Feed 1.1: its required fields and their types, checked here.
 *
 * The sites come from fast-check with the seed test/setup.ts prints (fixed under CI);
 * `KEEP_FEEDS=1` keeps the written files and prints their folder, to look at a failing one.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {parsePostSync} from 'mdpost'
import {createSite, type Site, toFeed, toSitemap, toSitemaps} from 'mdpost/site'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {fastTier} from './helpers/tier.js'
import {needTool} from './helpers/tools.js'

const root = new URL('..', import.meta.url).pathname
const schemas = join(root, 'test', 'schemas')
const now = Date.UTC(2026, 0, 1)
const python = '/usr/bin/python3'

const hasXmllint = needTool('xmllint', 'libxml2-utils', 'feeds and sitemaps against their schemas')
const hasFeedparser = needTool(python, 'python3-feedparser', 'feeds read back by Python’s feedparser', ['-c', 'import feedparser'])

// --- Generated sites -------------------------------------------------------------------------

/** Characters a validator or a reader trips on, with plain ones among them. */
const hostileUnit = fc.oneof(
  {weight: 3, arbitrary: fc.constantFrom('a', 'b', ' ', 'é', '/', '-', '.')},
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u0008',
      '\u000b',
      '\u000c',
      '\u001b',
      '\u001f',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '\u007f',
      '\u0085',
      '\u009f',
      '\ud800',
      '\udfff',
      '\ufffe',
      '\uffff',
      '\ufeff',
      '\u202e',
      '\u2066',
      '\u200f',
      '\u2028',
      '😀',
      '𝕏',
      ']]>',
      '<![CDATA[',
      '-->',
      '<',
      '>',
      '&',
      '&amp;',
      '"',
      "'",
      '[',
      ']',
      '%',
      '%zz',
      '%41',
      '#',
      '?',
      '\\',
      '{{',
      '|',
      '^',
      '`'
    )
  },
  {weight: 1, arbitrary: fc.string({unit: 'binary', minLength: 1, maxLength: 1})},
  {weight: 1, arbitrary: fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code))}
)
const hostile = (maxLength: number) => fc.array(hostileUnit, {maxLength}).map((units) => units.join(''))

/** Dates as front matter writes them: years 1 and 9999 among others, the farthest offsets. */
const writtenDate = fc
  .record({
    year: fc.oneof(fc.constantFrom(1, 2, 99, 999, 1000, 1970, 9998, 9999), fc.integer({min: 1, max: 9999})),
    month: fc.integer({min: 1, max: 12}),
    day: fc.integer({min: 1, max: 28}),
    time: fc.option(fc.tuple(fc.integer({min: 0, max: 23}), fc.integer({min: 0, max: 59}), fc.integer({min: 0, max: 59}))),
    offset: fc.constantFrom(null, 'Z', '+14:00', '-12:00', '+14:59', '-14:59', '+05:45', '-00:00', '+00:00'),
    edge: fc.constantFrom(null, null, '0001-01-01', '0001-01-01T00:00:00+14:00', '9999-12-31T23:59:59-12:00', '9999-12-31T23:59:59')
  })
  .map(({year, month, day, time, offset, edge}) => {
    if (edge) return edge
    const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    if (!time) return date
    return `${date}T${time.map((part) => String(part).padStart(2, '0')).join(':')}${offset ?? ''}`
  })

const generatedPost = fc.record({
  title: hostile(12),
  permalink: fc.oneof(
    hostile(12),
    hostile(6).map((tail) => `/${'x'.repeat(2030)}${tail}/`)
  ),
  date: fc.option(writtenDate, {freq: 5}),
  updated: fc.option(writtenDate, {freq: 2}),
  tags: fc.array(hostile(6), {maxLength: 3}),
  summary: fc.option(hostile(12)),
  body: hostile(12),
  /** HTML that did not come through the renderer, as a Site (plain data) may hold. */
  html: fc.option(hostile(16), {freq: 3}),
  /**
   * A URL that did not come through createSite (a Site is plain data): its path as given. No
   * query or fragment, as createSite never makes one: `?` and `#` are written as escapes.
   */
  rawPath: fc.option(
    hostile(16).map((path) => path.replaceAll('?', '%3F').replaceAll('#', '%23')),
    {freq: 4}
  )
})

const generatedSite = fc.record({
  generator: fc.constantFrom('generic', 'jekyll', 'hugo', 'pelican', 'docusaurus', 'gatsby'),
  timezone: fc.constantFrom(
    null,
    'Pacific/Kiritimati',
    'Etc/GMT+12',
    'Etc/GMT-14',
    'Pacific/Pago_Pago',
    'Asia/Manila',
    'America/Sitka',
    'Australia/Lord_Howe'
  ),
  title: hostile(12),
  description: hostile(12),
  author: fc.option(hostile(12)),
  posts: fc.array(generatedPost, {minLength: 1, maxLength: 4})
})

type GeneratedSite = typeof generatedSite extends fc.Arbitrary<infer T> ? T : never

/** A string as a YAML double-quoted scalar: printable ASCII as is, all else escaped by code point. */
function yamlQuote(value: string): string {
  let out = '"'
  for (let index = 0; index < value.length; index++) {
    const code = value.codePointAt(index) as number
    if (code > 0xffff) index++
    if (code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c) out += String.fromCharCode(code)
    else if (code > 0xffff) out += `\\U${code.toString(16).padStart(8, '0')}`
    else out += `\\u${code.toString(16).padStart(4, '0')}`
  }
  return `${out}"`
}

function buildSite(spec: GeneratedSite): Site {
  const inputs = spec.posts.map((generated, index) => {
    // Each generator reads its own key for the URL: permalink (Jekyll, generic), url (Hugo, generic), slug (Hugo, Docusaurus).
    const quoted = yamlQuote(generated.permalink)
    const lines = [`title: ${yamlQuote(generated.title)}`, `permalink: ${quoted}`, `url: ${quoted}`, `slug: ${quoted}`]
    if (generated.date) lines.push(`date: ${generated.date}`)
    if (generated.updated) lines.push(`last_modified_at: ${generated.updated}`, `lastmod: ${generated.updated}`)
    const path = {
      jekyll: `_posts/2020-01-0${index + 1}-p${index}.md`,
      hugo: `content/posts/p${index}.md`,
      pelican: `content/p${index}.md`,
      docusaurus: `blog/p${index}.md`,
      gatsby: `content/blog/p${index}/index.md`,
      generic: `posts/p${index}.md`
    }[spec.generator]
    return {path, post: parsePostSync(`---\n${lines.join('\n')}\n---\n\n${generated.body}\n`, {path, strict: false})}
  })
  const site = createSite({
    posts: inputs,
    config: {
      generator: spec.generator,
      url: 'https://feeds.example',
      baseurl: '/blog',
      timezone: spec.timezone,
      future: true,
      drafts: true,
      now,
      title: spec.title,
      description: spec.description,
      author: spec.author
    }
  })
  // The values a post can hold, set on the Site (plain data) as any caller may: the generator's
  // rules would otherwise have read and cleaned them from front matter.
  for (const [index, post] of site.posts.entries()) {
    const generated = spec.posts[Number(post.path.replace(/^.*p(\d+)(?:\/index)?\.md$/, '$1'))] ?? spec.posts[index]
    if (!generated) continue
    post.title = generated.title
    post.tags = generated.tags
    post.categories = generated.tags.slice(0, 1)
    post.excerpt = generated.summary === null ? null : {text: generated.summary, source: 'frontmatter'}
    if (generated.rawPath !== null) post.url = `https://feeds.example/blog/${generated.rawPath}`
    if (generated.html !== null) post.html = `<p><a href="/x">${generated.html}</a></p>`
  }
  return site
}

// --- What the validators must read back ---------------------------------------------------------

/**
 * XML 1.0's `Char` production, less the controls its §2.2 discourages (DEL, C1): what a feed
 * holds; the rest is read back as U+FFFD.
 */
function asXmlChars(value: string): string {
  let out = ''
  for (const char of value) {
    const code = char.codePointAt(0) as number
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code < 0x7f) ||
      (code > 0x9f && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000
    out += allowed ? char : '\ufffd'
  }
  return out
}

/** Python's `str.strip()`: feedparser strips titles with it. */
function pythonStrip(value: string): string {
  const space = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+'
  return value.replace(new RegExp(`^${space}|${space}$`, 'g'), '')
}

/**
 * The URL a feed must publish for a post's URL (`https://feeds.example/…`, no query or fragment,
 * as createSite gives none), in RFC 3986 form: valid `%XX` escapes kept, every other stretch
 * through `encodeURI` (which writes `%`, `[`, `]` and non-ASCII as UTF-8 escapes, a lone surrogate
 * refused, so made U+FFFD first), and `&` and `;` as `%26` and `%3B`.
 */
function expectedUri(url: string): string {
  const origin = 'https://feeds.example'
  expect(url.startsWith(`${origin}/`) && !/[?#]/.test(url)).toBe(true)
  return (
    origin +
    url
      .slice(origin.length)
      .toWellFormed()
      .split(/(%[0-9A-Fa-f]{2})/)
      .map((piece, index) => (index % 2 === 1 ? piece : encodeURI(piece).replaceAll('&', '%26').replaceAll(';', '%3B')))
      .join('')
  )
}

/**
 * What makes feedparser read an RSS title as HTML: a close tag or an entity reference (feedparser
 * 6.0.10, `mixin.py` `looks_like_html`, whose `\w` is Unicode's).
 */
const looksLikeHtml = /<\/[\p{L}\p{N}_]+>|&#?[\p{L}\p{N}_]+;/u

/** RFC 3986 URI characters, with `%` only in an escape. */
const uriPattern = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/

/** The instant a feed states, clamped to what a four-digit UTC year says, to the second. */
function statedInstant(timestamp: number): number {
  const first = new Date(0).setUTCFullYear(1, 0, 1) // 0001-01-01T00:00:00Z
  const last = Date.UTC(9999, 11, 31, 23, 59, 59)
  return Math.floor(Math.min(Math.max(timestamp, first), last) / 1000) * 1000
}

function utcParts(instant: number): number[] {
  const date = new Date(instant)
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
}

// --- The batched runs --------------------------------------------------------------------------

const folder = mkdtempSync(join(tmpdir(), 'mdpost-feeds-'))
afterAll(() => (process.env.KEEP_FEEDS ? console.info(folder) : rmSync(folder, {recursive: true, force: true})))

interface Output {
  file: string
  site: Site
  format: 'atom' | 'rss' | 'json' | 'sitemap' | 'index'
  text: string
}

/** Every site's outputs, written to files: one xmllint run per schema, one feedparser run. */
const outputs: Output[] = []

function write(output: Omit<Output, 'file'>): void {
  const file = join(folder, `${outputs.length}.${output.format === 'json' ? 'json' : 'xml'}`)
  writeFileSync(file, output.text)
  outputs.push({...output, file})
}

const sites = fc.sample(generatedSite, {numRuns: 120})

beforeAll(() => {
  for (const spec of sites) {
    const site = buildSite(spec)
    for (const format of ['atom', 'rss', 'json'] as const) write({site, format, text: toFeed(site, {format})})
    // Small files, so that the index and its numbered sitemaps are exercised too.
    for (const file of toSitemaps(site, {maxUrls: 2}).files) {
      write({site, format: file.xml.includes('<sitemapindex') ? 'index' : 'sitemap', text: file.xml})
    }
  }
})

/** xmllint over many files at once; the files it names as failing, with its messages. */
function xmllint(args: readonly string[], files: readonly string[]): {failed: string[]; messages: string} {
  const run = spawnSync('xmllint', ['--noout', '--nonet', ...args, ...files], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  expect(run.error).toBeUndefined()
  const failed = files.filter((file) => run.stderr.includes(`${file}:`) || run.stderr.includes(`${file} fails`))
  if (run.status !== 0 && failed.length === 0) failed.push(`xmllint exited ${run.status}`)
  return {failed, messages: run.stderr.slice(0, 4000)}
}

describe.skipIf(!hasXmllint)('xmllint', () => {
  test('every sitemap validates against sitemaps.org’s sitemap.xsd', () => {
    const files = outputs.filter((output) => output.format === 'sitemap').map((output) => output.file)
    expect(files.length).toBeGreaterThanOrEqual(sites.length)
    const {failed, messages} = xmllint(['--schema', join(schemas, 'sitemap.xsd')], files)
    expect(failed, messages).toEqual([])
  })

  test('every sitemap index validates against sitemaps.org’s siteindex.xsd', () => {
    const files = outputs.filter((output) => output.format === 'index').map((output) => output.file)
    expect(files.length).toBeGreaterThan(0)
    const {failed, messages} = xmllint(['--schema', join(schemas, 'siteindex.xsd')], files)
    expect(failed, messages).toEqual([])
  })

  test('every Atom and RSS feed is well-formed XML 1.0', () => {
    const files = outputs.filter((output) => output.format === 'atom' || output.format === 'rss').map((output) => output.file)
    const {failed, messages} = xmllint([], files)
    expect(failed, messages).toEqual([])
  })

  test('the schema rejects what the sitemap writer avoids (the check can fail)', () => {
    const bad = join(folder, 'bad-sitemap.xml')
    writeFileSync(
      bad,
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '<url><loc>https://e.example/a[b]</loc></url>\n' +
        '<url><loc>https://e.example/%zz</loc></url>\n' +
        `<url><loc>https://e.example/${'x'.repeat(2040)}</loc></url>\n` +
        '<url><loc>https://e.example/x</loc><lastmod>9999-12-31T23:59:59+14:59</lastmod></url>\n' +
        '</urlset>\n'
    )
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(schemas, 'sitemap.xsd'), bad], {encoding: 'utf8'})
    expect(run.status).not.toBe(0)
    expect(run.stderr.match(/Schemas validity error/g)).toHaveLength(4)
  })
})

/** Reads every feed file given on stdin (one path a line); prints one JSON line a file. */
const reader = `
import json, sys, feedparser
def parts(value):
    return None if value is None else list(value)[:6]
for path in sys.stdin.read().splitlines():
    feed = feedparser.parse(path)
    print(json.dumps({
        "path": path,
        "bozo": int(bool(feed.bozo)),
        "error": repr(feed.get("bozo_exception")),
        "entries": [{
            "title": entry.get("title"),
            "titleType": entry.get("title_detail", {}).get("type"),
            "link": entry.get("link"),
            "id": entry.get("id"),
            "published": parts(entry.get("published_parsed")),
            "updated": parts(entry.get("updated_parsed")),
        } for entry in feed.entries],
    }))
`

interface Read {
  path: string
  bozo: number
  error: string
  entries: Array<{
    title: string | null
    titleType: string | null
    link: string | null
    id: string | null
    published: number[] | null
    updated: number[] | null
  }>
}

describe.skipIf(!hasFeedparser)('Python’s feedparser', () => {
  let reads: Map<string, Read>
  beforeAll(() => {
    const files = outputs.filter((output) => output.format === 'atom' || output.format === 'rss').map((output) => output.file)
    const run = spawnSync(python, ['-c', reader], {input: files.join('\n'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
    expect(run.status, run.stderr).toBe(0)
    reads = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Read)
        .map((read) => [read.path, read])
    )
  })

  test('reads every Atom and RSS feed without a complaint (bozo 0)', () => {
    const complaints = [...reads.values()].filter((read) => read.bozo !== 0).map((read) => `${read.path}: ${read.error}`)
    expect(complaints).toEqual([])
    expect(reads.size).toBe(sites.length * 2)
    // Every generator's URLs were in the feeds read.
    const generators = new Set(outputs.filter((output) => output.site.posts.length > 0).map((output) => output.site.generator))
    expect([...generators].sort()).toEqual(['docusaurus', 'gatsby', 'generic', 'hugo', 'jekyll', 'pelican'])
  })

  test('reads back each post’s title, link and dates', () => {
    const rssTitles = {exact: 0, readAsHtml: 0}
    for (const output of outputs) {
      if (output.format !== 'atom' && output.format !== 'rss') continue
      const read = reads.get(output.file) as Read
      const posts = output.site.posts.slice(0, 20)
      expect(read.entries, output.file).toHaveLength(posts.length)
      posts.forEach((post, index) => {
        const entry = read.entries[index] as Read['entries'][number]
        const where = `${output.file} entry ${index}`
        const title = asXmlChars(post.title ?? post.slug)
        if (output.format === 'rss' && entry.titleType === 'text/html') {
          // RSS 2.0 titles are plain text, and mdpost writes them so (escaped once, as the RSS
          // Advisory Board's profile asks); feedparser guesses HTML when the text holds what
          // looks like an entity reference or a close tag (`&amp;`, `</b>`), and then reads it
          // as HTML: the known ambiguity of RSS titles, which no escaping settles, since the
          // reader guesses from the text itself. Atom says `type="text"`, and is exact above.
          expect(title, where).toMatch(looksLikeHtml)
          rssTitles.readAsHtml++
        } else {
          expect(entry.title ?? '', where).toBe(pythonStrip(title))
          if (output.format === 'rss') rssTitles.exact++
        }
        expect(entry.link, where).toBe(expectedUri(post.url as string))
        expect(entry.link, where).toMatch(uriPattern)
        const published = post.date ? utcParts(statedInstant(post.date.timestamp)) : null
        expect(entry.published, where).toEqual(published)
        if (output.format === 'atom') {
          const changed = post.updated ?? post.date
          if (changed) expect(entry.updated, where).toEqual(utcParts(statedInstant(changed.timestamp)))
        }
      })
    }
    const count = (format: Output['format']) => outputs.filter((output) => output.format === format).length
    const entries = [...reads.values()].reduce((sum, read) => sum + read.entries.length, 0)
    console.info(
      `feeds: ${sites.length} sites, ${count('sitemap')} sitemaps and ${count('index')} indexes, ${entries} entries read back by feedparser, RSS titles ${rssTitles.exact} exact and ${rssTitles.readAsHtml} read as HTML`
    )
    // The exception above stays one: most RSS titles are compared exactly.
    expect(rssTitles.exact, JSON.stringify(rssTitles)).toBeGreaterThan(rssTitles.readAsHtml)
  })
})

describe('JSON Feed 1.1', () => {
  const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-](?:0\d|1[0-3]):[0-5]\d|[+-]14:00)$/

  test('required fields and types, well-formed strings, dates as the post’s', () => {
    const feeds = outputs.filter((output) => output.format === 'json')
    expect(feeds).toHaveLength(sites.length)
    for (const {site, text, file} of feeds) {
      const feed = JSON.parse(text)
      expect(feed.version, file).toBe('https://jsonfeed.org/version/1.1')
      expect(typeof feed.title, file).toBe('string')
      expect(Array.isArray(feed.items), file).toBe(true)
      for (const key of ['home_page_url', 'feed_url']) expect(feed[key], file).toMatch(uriPattern)
      if (feed.authors !== undefined) for (const author of feed.authors) expect(typeof author.name).toBe('string')
      const strings: string[] = []
      JSON.parse(text, (_key, value) => {
        if (typeof value === 'string') strings.push(value)
        return value
      })
      expect(
        strings.filter((value) => !value.isWellFormed()),
        file
      ).toEqual([])
      feed.items.forEach((item: Record<string, unknown>, index: number) => {
        const post = site.posts[index] as Site['posts'][number]
        expect(typeof item.id, file).toBe('string')
        expect(item.id, file).toBe(expectedUri(post.url as string))
        expect(typeof item.content_html === 'string' || typeof item.content_text === 'string', file).toBe(true)
        expect(item.title, file).toBe((post.title ?? post.slug).toWellFormed())
        if (item.tags !== undefined) expect((item.tags as unknown[]).every((tag) => typeof tag === 'string')).toBe(true)
        for (const [key, date] of [
          ['date_published', post.date],
          ['date_modified', post.updated]
        ] as const) {
          if (!date) {
            expect(item[key], file).toBeUndefined()
            continue
          }
          expect(item[key], file).toMatch(rfc3339)
          expect(Date.parse(item[key] as string), file).toBe(statedInstant(date.timestamp))
        }
      })
    }
  })
})

describe('sitemaps', () => {
  const site = (permalinks: readonly string[]) =>
    createSite({
      posts: permalinks.map((permalink, index) => {
        const path = `posts/p${index}.md`
        return {path, post: parsePostSync(`---\ntitle: P${index}\npermalink: ${JSON.stringify(permalink)}\n---\n`, {path})}
      }),
      config: {url: 'https://e.example', now}
    })

  test('a URL of 2,048 characters or more is left out, with sitemap-url-too-long at the post', () => {
    // https://e.example (17) + `/` + name + `/`: 2,047 and 2,048 characters.
    const kept = `/${'k'.repeat(2028)}/`
    const left = `/${'l'.repeat(2029)}/`
    const {files, diagnostics} = toSitemaps(site([kept, left, '/short/']))
    expect(files).toHaveLength(1)
    const xml = files[0]?.xml as string
    expect(xml).toContain(`<loc>https://e.example${kept}</loc>`)
    expect(xml).not.toContain('lll')
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.path, d.line])).toEqual([['sitemap-url-too-long', 'warning', 'posts/p1.md', 1]])
    expect(diagnostics[0]?.message).toMatch(/^Unexpected URL of 2048 characters `https:\/\/e\.example\/l+…` in the sitemap/)
    expect(toSitemap(site([kept, left, '/short/']))).toBe(xml)
  })

  test('characters the protocol does not allow are percent-encoded (RFC 3986) and entities escaped', () => {
    const loaded = site(['/a b/[x]/é/😀/%zz/%41/'])
    loaded.posts[0] = {...(loaded.posts[0] as Site['posts'][number]), url: "https://e.example/q?a=1&b='2'<\"\ud800"}
    const xml = toSitemap(loaded)
    expect(xml).toContain('<loc>https://e.example/q?a=1&#38;b=&#39;2&#39;%3C%22%EF%BF%BD</loc>')
    loaded.posts[0] = {...(loaded.posts[0] as Site['posts'][number]), url: 'https://e.example/q&a/#x#y'}
    expect(toSitemap(loaded)).toContain('<loc>https://e.example/q%26a/#x%23y</loc>')
    expect(toSitemap(site(['/a b/[x]/é/😀/%zz/%41/']))).toContain(
      '<loc>https://e.example/a%20b/%5Bx%5D/%C3%A9/%F0%9F%98%80/%25zz/%41/</loc>'
    )
  })

  test('past 50,000 URLs or 50 MiB: a sitemap index and numbered sitemaps', () => {
    const many = site(Array.from({length: 5}, (_, index) => `/p${index}/`))
    const {files} = toSitemaps(many, {maxUrls: 2})
    expect(files.map((file) => file.path)).toEqual(['/sitemap.xml', '/sitemap-1.xml', '/sitemap-2.xml', '/sitemap-3.xml'])
    expect(files[0]?.xml).toContain('<sitemap><loc>https://e.example/sitemap-1.xml</loc></sitemap>')
    expect(files.slice(1).map((file) => file.xml.match(/<url>/g)?.length)).toEqual([2, 2, 1])
    // By size: each entry is ~50 bytes; a 200-byte budget after the head and tail fits few.
    const bySize = toSitemaps(many, {maxBytes: 300})
    expect(bySize.files.length).toBeGreaterThan(2)
    for (const file of bySize.files.slice(1)) expect(file.xml.length).toBeLessThanOrEqual(300)
    // One file while everything fits, with the default limits.
    expect(toSitemaps(many).files).toHaveLength(1)
    // @ts-expect-error: check how invalid input is handled.
    expect(() => toSitemaps(many, {maxUrls: '2'})).toThrow(TypeError)
    expect(() => toSitemaps(many, {path: 'sitemap.xml'})).toThrow(TypeError)
  })

  // A sweep at scale (100 MB of sitemaps): `npm test` only, not the fast tier.
  test.skipIf(!hasXmllint || fastTier)('the protocol’s limits by default: 50,000 URLs and 50 MiB a file', () => {
    // A Site is plain data: posts with only what a sitemap reads, many of them, without parsing.
    const plain = (count: number, length: number): Site => {
      const base = createSite({posts: [], config: {url: 'https://e.example', now}})
      const posts = Array.from({length: count}, (_, index) => {
        const name = String(index).padStart(length, 'x')
        return {path: `posts/${index}.md`, url: `https://e.example/${name}/`, date: null, updated: null, frontmatter: {position: null}}
      })
      return {...base, posts: posts as unknown as Site['posts']}
    }
    const byCount = toSitemaps(plain(50_001, 8))
    expect(byCount.files.map((file) => [file.path, file.xml.match(/<url>/g)?.length ?? 0])).toEqual([
      ['/sitemap.xml', 0],
      ['/sitemap-1.xml', 50_000],
      ['/sitemap-2.xml', 1]
    ])
    // 26,000 URLs of 2,000 characters: over 50 MiB in one file, so split by size.
    const bySize = toSitemaps(plain(26_000, 1980))
    expect(bySize.files.length).toBe(3)
    for (const file of bySize.files) expect(Buffer.byteLength(file.xml)).toBeLessThanOrEqual(50 * 1024 * 1024)
    const written = [...byCount.files, ...bySize.files].map((file, index) => {
      const path = join(folder, `limits-${index}.xml`)
      writeFileSync(path, file.xml)
      return path
    })
    const index = [written[0], written[3]] as string[]
    expect(xmllint(['--schema', join(schemas, 'siteindex.xsd')], index).failed).toEqual([])
    expect(
      xmllint(
        ['--schema', join(schemas, 'sitemap.xsd')],
        written.filter((path) => !index.includes(path))
      ).failed
    ).toEqual([])
  })

  test('a site with no post lists its home page (the schema asks for one URL)', () => {
    expect(toSitemap(site([]))).toContain('<url><loc>https://e.example/</loc></url>')
  })
})

describe('dates at the ends of the calendar', () => {
  test('a hand-made date past any calendar (±Infinity, NaN) is clamped, never thrown', () => {
    const path = 'posts/a.md'
    const site = createSite({
      posts: [{path, post: parsePostSync('---\ntitle: A\ndate: 2020-01-01\n---\n', {path})}],
      config: {url: 'https://e.example', now}
    })
    const post = site.posts[0] as Site['posts'][number]
    const stated = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN].map((timestamp) => {
      post.date = {...(post.date as NonNullable<typeof post.date>), timestamp}
      return [toFeed(site).match(/<published>([^<]*)</)?.[1], toFeed(site, {format: 'rss'}).match(/<pubDate>([^<]*)</)?.[1]]
    })
    expect(stated).toEqual([
      ['9999-12-31T23:59:59Z', 'Fri, 31 Dec 9999 23:59:59 +0000'],
      ['0001-01-01T00:00:00Z', 'Mon, 01 Jan 0001 00:00:00 +0000'],
      ['0001-01-01T00:00:00Z', 'Mon, 01 Jan 0001 00:00:00 +0000']
    ])
  })

  test.each([
    ['0001-01-01T00:00:00+14:00', null, '0001-01-01T14:00:00+14:00', 'Mon, 01 Jan 0001 14:00:00 +1400'],
    ['0001-01-01T00:00:00-12:00', null, '0001-01-01T00:00:00-12:00', 'Mon, 01 Jan 0001 00:00:00 -1200'],
    ['9999-12-31T23:59:59-12:00', null, '9999-12-31T11:59:59-12:00', 'Fri, 31 Dec 9999 11:59:59 -1200'],
    ['9999-12-31T23:59:59+14:00', null, '9999-12-31T23:59:59+14:00', 'Fri, 31 Dec 9999 23:59:59 +1400'],
    ['9999-12-31T23:59:59+14:59', null, '9999-12-31T09:00:59Z', 'Fri, 31 Dec 9999 09:00:59 +0000'],
    // Floating, in a zone: year 1 at +14:00 is still year 0 in UTC, clamped to its first instant.
    ['0001-01-01', 'Etc/GMT-14', '0001-01-01T14:00:00+14:00', 'Mon, 01 Jan 0001 14:00:00 +1400'],
    ['9999-12-31T23:59:59', 'Etc/GMT+12', '9999-12-31T11:59:59-12:00', 'Fri, 31 Dec 9999 11:59:59 -1200'],
    ['2021-07-01T02:30:00', 'Europe/Madrid', '2021-07-01T02:30:00+02:00', 'Thu, 01 Jul 2021 02:30:00 +0200']
  ])('%s in %s: Atom %s, RSS %s', (written, timezone, atom, rss) => {
    const path = 'posts/a.md'
    const dated = createSite({
      posts: [{path, post: parsePostSync(`---\ntitle: A\ndate: ${written}\n---\n`, {path})}],
      config: {url: 'https://e.example', timezone, future: true, now}
    })
    expect(toFeed(dated)).toContain(`<published>${atom}</published>`)
    expect(toFeed(dated, {format: 'rss'})).toContain(`<pubDate>${rss}</pubDate>`)
    expect(toSitemap(dated)).toContain(`<lastmod>${atom}</lastmod>`)
  })
})
