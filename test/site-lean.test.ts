/**
 * Lean sites (`lean: true`) and the Site as JSON in pieces (`serializeSite`): a lean load gives
 * the same diagnostics and cross-post results as a whole one, on every fixture site and on a site
 * of corpus posts; the whole form's JSON is unchanged by the memory work (slices, shared strings)
 * and by writing it in pieces.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fast from 'fast-check'
import {parsePost, parsePostSync} from 'mdpost'
import {loadSite, openSite} from 'mdpost/node'
import {createSite, type LeanSite, type Site, serializeSite} from 'mdpost/site'
import {afterAll, describe, expect, test} from 'vitest'
import {packPositions, sliceHtml} from '../src/site/lean.js'
import {packFrontmatter, packHeadings, packImages, packLinks, packTemplateTags} from '../src/site/packed.js'
import type {Position} from '../src/types.js'
import {corpusFiles, corpusPresent} from './helpers/corpus.js'

const root = new URL('..', import.meta.url).pathname
const now = Date.UTC(2026, 0, 1)
const folder = mkdtempSync(join(tmpdir(), 'mdpost-lean-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

/** What a lean site should be: the whole site with its posts' HTML and sections left out. */
function leanOf(site: Site): unknown {
  return {
    ...site,
    posts: site.posts.map(({html: _html, sections: _sections, excerpt, ...post}) => ({
      ...post,
      excerpt: excerpt && {text: excerpt.text, source: excerpt.source}
    }))
  }
}

/** A JSON round trip: plain data, as a reader of `mdpost site` sees it. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const urls: Record<string, string | undefined> = {
  docusaurus: 'https://docs.example.org',
  gatsby: 'https://gatsby.example.org',
  pelican: 'https://pelican.example.org'
}

describe('a lean load', () => {
  test.each(['jekyll', 'hugo', 'docusaurus', 'gatsby', 'pelican'])('%s: the whole site without HTML and sections', async (name) => {
    const options = {now, ...(urls[name] ? {url: urls[name]} : {})}
    const site = join(root, 'fixtures', 'sites', name)
    const full = await loadSite(site, options)
    const lean: LeanSite = await loadSite(site, {...options, lean: true})
    // The fixture sites have diagnostics and backlinks: the comparison below compares something.
    expect(full.diagnostics.length + full.posts.flatMap((post) => post.backlinks).length).toBeGreaterThan(0)
    expect(plain(lean)).toEqual(plain(leanOf(full)))
    for (const [at, post] of lean.posts.entries()) {
      expect(post).not.toHaveProperty('html')
      expect(post).not.toHaveProperty('sections')
      // Positions are packed (an accessor), and read as the whole load's.
      for (const item of [...post.links, ...post.images, ...post.headings, ...post.templateTags, post.frontmatter]) {
        expect(Object.getOwnPropertyDescriptor(item, 'position')?.get).toBeTypeOf('function')
      }
      const whole = full.posts[at]
      expect([post.links, post.images, post.headings, post.templateTags, post.frontmatter]).toEqual([
        whole?.links,
        whole?.images,
        whole?.headings,
        whole?.templateTags,
        whole?.frontmatter
      ])
    }
    expect(full.posts.every((post) => typeof post.html === 'string' && Array.isArray(post.sections))).toBe(true)
  })

  test('fragments into ids that only the HTML has (raw HTML, footnotes, attribute lists) are found as in a whole load', async () => {
    const site = join(folder, 'ids')
    mkdirSync(join(site, '_posts'), {recursive: true})
    writeFileSync(join(site, '_config.yml'), 'url: https://ids.example\npermalink: /:title/\n')
    writeFileSync(
      join(site, '_posts', '2020-01-01-target.md'),
      '---\ntitle: Target\n---\n\n<div id="raw">x</div>\n\nA note.[^1]\n\nA list.\n{: #listed}\n\n[^1]: The note.\n'
    )
    writeFileSync(
      join(site, '_posts', '2020-01-02-links.md'),
      '---\ntitle: Links\n---\n\n[a](/target/#raw) [b](/target/#fn:1) [c](/target/#listed) [d](/target/#none) [e](/nowhere/)\n'
    )
    const full = await loadSite(site, {now})
    const lean = await loadSite(site, {now, lean: true})
    expect(full.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('#none'), expect.stringContaining('/nowhere/')])
    expect(plain(lean)).toEqual(plain(leanOf(full)))
  })

  test('openSite: an update of a lean session gives what a lean load gives', async () => {
    const site = join(folder, 'watch')
    mkdirSync(join(site, '_posts'), {recursive: true})
    writeFileSync(join(site, '_config.yml'), 'permalink: /:title/\n')
    writeFileSync(join(site, '_posts', '2020-01-01-a.md'), '---\ntitle: A\n---\n\n# One\n\n[b](/b/#two)\n')
    writeFileSync(join(site, '_posts', '2020-01-02-b.md'), '---\ntitle: B\n---\n\n# Two\n\n<p id="kept">x</p>\n')
    const session = await openSite(site, {now, lean: true})
    try {
      expect(session.site.diagnostics).toEqual([])
      writeFileSync(join(site, '_posts', '2020-01-01-a.md'), '---\ntitle: A\n---\n\n# One\n\n[b](/b/#kept) [c](/b/#gone)\n')
      const updated = await session.update(['_posts/2020-01-01-a.md'])
      expect(updated.diagnostics.map((d) => d.ruleId)).toEqual(['link-fragment-broken'])
      expect(plain(updated)).toEqual(plain(await loadSite(site, {now, lean: true})))
    } finally {
      await session.close()
    }
  })

  test.skipIf(!corpusPresent())('a site of corpus posts linking to each other: the same diagnostics and backlinks', async () => {
    const site = join(folder, 'corpus')
    mkdirSync(join(site, '_posts'), {recursive: true})
    writeFileSync(join(site, '_config.yml'), 'url: https://corpus.example\npermalink: /:title/\n')
    // One post in ten, each with links to two others (one to a heading id that may not exist).
    const files = corpusFiles().filter((_, index) => index % 10 === 0)
    files.forEach((file, index) => {
      const links = `\n\n[next](/post-${(index + 1) % files.length}/) [fragment](/post-${(index + 3) % files.length}/#introduction)\n`
      writeFileSync(join(site, '_posts', `2020-01-01-post-${index}.md`), Buffer.concat([readFileSync(file), Buffer.from(links)]))
    })
    const full = await loadSite(site, {now})
    const lean = await loadSite(site, {now, lean: true})
    expect(full.posts.length).toBeGreaterThan(50)
    expect(full.posts.flatMap((post) => post.backlinks).length).toBeGreaterThan(50)
    expect(plain(lean)).toEqual(plain(leanOf(full)))
  })

  test('misuse is a TypeError', async () => {
    // @ts-expect-error: check how invalid input is handled.
    await expect(loadSite(join(root, 'fixtures', 'sites', 'jekyll'), {lean: 'yes'})).rejects.toThrow(TypeError)
    // @ts-expect-error: check how invalid input is handled.
    expect(() => createSite({posts: [], lean: 1})).toThrow(/`options.lean`/)
  })
})

describe('createSite with lean', () => {
  test('the same results, posts without HTML and sections, the Posts given unchanged', () => {
    const posts = [
      {path: '_posts/2020-01-01-a.md', post: parsePostSync('---\ntitle: A\n---\n\n# Head\n\nText.\n\n## Sub\n\nMore.\n')},
      {path: '_posts/2020-01-02-b.md', post: parsePostSync('---\ntitle: B\n---\n\n[a](/a/#head) [x](/a/#sub-x)\n')}
    ]
    const before = structuredClone(posts)
    const config = {now, generator: 'jekyll' as const, permalink: '/:title/'}
    const full = createSite({posts, config})
    const lean = createSite({posts, config, lean: true})
    expect(full.diagnostics).toHaveLength(1)
    expect(plain(lean)).toEqual(plain(leanOf(full)))
    expect(posts).toEqual(before)
  })
})

describe('packed positions', () => {
  const point = (limit: number) =>
    fast.record({
      line: fast.oneof(fast.integer({min: 1, max: 40}), fast.integer({min: 1, max: limit})),
      column: fast.oneof(fast.integer({min: 1, max: 80}), fast.integer({min: 1, max: limit})),
      offset: fast.oneof(fast.integer({min: 0, max: 5000}), fast.integer({min: 0, max: limit}))
    })
  // Small values pack, large ones (a column past 2,047, a span past 15 lines…) are kept whole.
  const position = fast.oneof(
    fast.constant(null),
    fast.tuple(point(2 ** 31), fast.nat({max: 20}), fast.nat({max: 3000}), fast.nat({max: 40_000})).map(
      ([start, lines, column, length]): Position => ({
        start,
        end: {line: start.line + lines, column: column + 1, offset: start.offset + length}
      })
    ),
    fast.record({start: point(2 ** 31), end: point(2 ** 31)})
  )
  const text = fast.string({maxLength: 8})
  const nullable = fast.option(text)

  test('any link, image, heading, template tag and front matter: the same keys, values, JSON, spread and clone', () => {
    fast.assert(
      fast.property(position, position, text, nullable, (where, other, value, maybe) => {
        const link = {
          url: value,
          text: value,
          title: maybe,
          kind: 'internal' as const,
          source: 'inline' as const,
          resolved: maybe,
          section: maybe,
          position: where
        }
        const image = {src: value, alt: value, title: maybe, source: 'inline' as const, resolved: maybe, section: maybe, position: where}
        const heading = {depth: 2 as const, text: value, id: value, position: where}
        const tag = {
          syntax: 'liquid' as const,
          name: value,
          args: value,
          text: value,
          inCode: false,
          position: where ?? (other as Position)
        }
        const frontmatter = {format: 'yaml' as const, raw: value, position: where}
        const pairs: Array<[object, object]> = [
          [link, packLinks([link])[0] as object],
          [image, packImages([image])[0] as object],
          [heading, packHeadings([heading])[0] as object],
          ...(tag.position ? [[tag, packTemplateTags([tag])[0] as object] as [object, object]] : []),
          [frontmatter, packFrontmatter(frontmatter)]
        ]
        for (const [given, packed] of pairs) {
          expect(packed).not.toBe(given)
          expect(Object.keys(packed)).toEqual(Object.keys(given))
          expect(JSON.stringify(packed)).toBe(JSON.stringify(given))
          expect({...packed}).toEqual(given)
          expect(structuredClone(packed)).toEqual(given)
          expect(packed).toEqual(given)
          const read = (packed as {position: Position | null}).position
          expect(read).toEqual((given as {position: Position | null}).position)
          // Each read is a new object: changing it changes nothing.
          if (read) {
            expect((packed as {position: Position}).position).not.toBe(read)
            read.start.line = -1
            expect((packed as {position: Position}).position).toEqual((given as {position: Position}).position)
          }
          // Assigning stores the new position.
          ;(packed as {position: Position | null}).position = other
          expect((packed as {position: Position | null}).position).toEqual(other)
        }
      }),
      {numRuns: 300}
    )
  })

  test('packed items are kept, items of another shape left as they are, the given ones unchanged', () => {
    const post = parsePostSync('---\ntitle: T\n---\n\n# Head {#x}\n\n[a](/a/) ![i](/i.png) {% post_url x %}\n')
    const before = structuredClone(post)
    const packed = packPositions(post)
    expect(post).toEqual(before)
    expect(packed.links).not.toBe(post.links)
    expect(packPositions({...post, ...packed})).toEqual(packed)
    for (const key of ['links', 'images', 'headings', 'templateTags', 'frontmatter'] as const) {
      expect(packPositions({...post, ...packed})[key]).toBe(packed[key])
      expect(packed[key]).toEqual(post[key])
    }
    const odd = {...(post.links[0] as (typeof post.links)[number]), extra: 1}
    expect(packLinks([odd])[0]).toBe(odd)
  })
})

describe('sliceHtml: the sections’ and the excerpt’s HTML as slices of the page’s', () => {
  test('values are unchanged, on posts with nested sections, an excerpt and raw HTML', async () => {
    const inputs = [
      '---\ntitle: A\n---\n\nIntro paragraph long enough to slice.\n\n# One\n\nText *one*.\n\n## One.a\n\n<div id="x">raw</div>\n\n# Two\n\nLast.\n',
      '---\nexcerpt: Written\n---\n\nFirst.\n\n<!--more-->\n\nSecond.\n',
      '# Only\n',
      ''
    ]
    for (const input of inputs) {
      const post = await parsePost(input)
      const copy = structuredClone(post)
      sliceHtml(copy)
      expect(copy).toEqual(post)
    }
  })

  test('a piece that is not in the page stays as it is', async () => {
    const post = await parsePost('# One\n\nText of the first section.\n\n# Two\n\nText of the second section.\n')
    const changed = structuredClone(post)
    const first = changed.sections[0]
    if (!first) throw new Error('Expected a section')
    first.html = '<p>Not in the page at all, anywhere.</p>'
    const expected = structuredClone(changed)
    sliceHtml(changed)
    expect(changed).toEqual(expected)
  })

  test('any post: values unchanged', () => {
    const blocks = fast.constantFrom('# A\n', '## B\n', 'text *x*\n', '<div id="d">r</div>\n', '- a\n- b\n', '> q\n', '<!--more-->\n', '')
    fast.assert(
      fast.asyncProperty(fast.array(blocks, {maxLength: 12}), async (parts) => {
        const post = await parsePost(parts.join('\n'))
        const copy = structuredClone(post)
        sliceHtml(copy)
        expect(copy).toEqual(post)
      }),
      {numRuns: 200}
    )
  })
})

describe('the whole form', () => {
  // The golden was written by the code before lean sites and shared strings (a35a718): what
  // `mdpost site` printed then, `JSON.stringify(site, null, 2)`; since then each post has two
  // more fields, `templateTags` and `listed` (their only changes, reviewed in the diff).
  test('`mdpost site`’s JSON of a fixture site is what it was, as one string and in pieces', async () => {
    const site = await loadSite(join(root, 'fixtures', 'sites', 'gatsby'), {now, url: 'https://gatsby.example.org'})
    const path = join(root, 'fixtures', 'sites', 'gatsby', 'site.full.golden.json')
    const text = `${JSON.stringify(site, null, 2)}\n`
    if (process.env.UPDATE || (!existsSync(path) && !process.env.CI)) writeFileSync(path, text)
    expect(text).toBe(readFileSync(path, 'utf8'))
    expect(`${[...serializeSite(site, {indent: 2})].join('')}\n`).toBe(text)
  })
})

describe('serializeSite', () => {
  test('the pieces are JSON.stringify’s text, for fixture sites whole and lean, and cut to fields', async () => {
    for (const name of ['jekyll', 'hugo']) {
      const site = await loadSite(join(root, 'fixtures', 'sites', name), {now})
      const lean = await loadSite(join(root, 'fixtures', 'sites', name), {now, lean: true})
      const fields = {...site, posts: site.posts.map((post) => ({title: post.title, url: post.url}))}
      for (const value of [site, lean, fields]) {
        for (const indent of [0, 2]) {
          const pieces = [...serializeSite(value, {indent})]
          expect(pieces.length).toBe(value.posts.length + 2)
          expect(pieces.join('')).toBe(JSON.stringify(value, null, indent))
        }
      }
    }
  })

  test('any object with a list of posts', () => {
    fast.assert(
      fast.property(
        fast.dictionary(fast.string(), fast.jsonValue()),
        fast.array(fast.jsonValue(), {maxLength: 5}),
        fast.integer({min: 0, max: 10}),
        (rest, posts, indent) => {
          const value = {...rest, posts} as unknown as Site
          expect([...serializeSite(value, {indent})].join('')).toBe(JSON.stringify(value, null, indent))
        }
      ),
      {numRuns: 500}
    )
  })

  test('misuse is a TypeError', () => {
    // @ts-expect-error: check how invalid input is handled.
    expect(() => [...serializeSite({})]).toThrow(TypeError)
    expect(() => [...serializeSite({posts: []} as unknown as Site, {indent: 11})]).toThrow(/`options.indent`/)
  })
})
