import {readFileSync} from 'node:fs'
import {parsePost} from 'mdpost'
import {describe, expect, test} from 'vitest'

const path = 'fixtures/pycon-2018.md'
const bytes = readFileSync(new URL(`../${path}`, import.meta.url))

describe('the sample post (pycon-2018)', async () => {
  const post = await parsePost(bytes, {path, baseUrl: 'https://example.org/blog'})

  test('metadata', () => {
    expect(post.title).toBe('Pycon 2018')
    expect(post.slug).toBe('pycon-2018')
    expect(post.date).toEqual({
      year: 2018,
      month: 3,
      day: 3,
      hour: null,
      minute: null,
      second: null,
      offset: null,
      iso: '2018-03-03',
      // Floating: taken as UTC for sorting (createSite takes it in the site's time zone).
      timestamp: Date.UTC(2018, 2, 3),
      source: 'frontmatter'
    })
    expect(post.updated).toBeNull()
    expect(post.permalink).toBe('/posts/2013/08/blog-post-2/')
    expect(post.draft).toBe(false)
    expect(post.tags).toEqual(['Python', 'Machine learning', 'Conference', 'Coding', 'Diversity'])
    expect(post.categories).toEqual([])
    expect(post.frontmatter.format).toBe('yaml')
    expect(post.frontmatter.position?.end.line).toBe(11)
  })

  test('sections: preamble and the three days, setext headings like ATX ones', () => {
    expect(post.sections.map((section) => [section.id, section.title, section.depth])).toEqual([
      [null, null, 0],
      ['viernes-9', 'Viernes 9', 1],
      ['sabado-10', 'Sabado 10', 1],
      ['domingo-11', 'Domingo 11', 1]
    ])
    const [preamble, viernes, sabado, domingo] = post.sections
    expect(preamble?.text.startsWith('Del 9 al 11 de febrero')).toBe(true)
    expect(viernes?.html).toContain('<img src="/images/satya_example.png" alt="Satya example">')
    expect(viernes?.html).not.toContain('<h1')
    expect(sabado?.text).toContain('Manuel franco')
    expect(domingo?.text).toBe('')
    expect(domingo?.words).toBe(0)
  })

  test('headings keep plain ids in the HTML', () => {
    expect(post.headings.map((heading) => heading.id)).toEqual(['viernes-9', 'sabado-10', 'domingo-11'])
    expect(post.html).toContain('<h1 id="viernes-9">Viernes 9</h1>')
    expect(post.headings[0]?.position?.start).toEqual({line: 19, column: 1, offset: 852})
  })

  test('links and images, with sections and resolution', () => {
    expect(post.links).toHaveLength(7)
    expect(post.links.every((link) => link.kind === 'external' && link.source === 'inline')).toBe(true)
    expect(post.links.filter((link) => link.section === 'viernes-9')).toHaveLength(6)
    expect(post.links[6]?.section).toBe('sabado-10')
    expect(post.images.map((image) => image.resolved)).toEqual([
      'https://example.org/blog/images/satya_example.png',
      'https://example.org/blog/images/bpm_example.png'
    ])
    for (const link of post.links) {
      expect(bytes.toString('utf8').slice(link.position?.start.offset, link.position?.end.offset)).toContain(link.url)
    }
  })

  test('diagnostics: the permalink date and the empty Sunday', () => {
    expect(post.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([
      ['permalink-date-mismatch', 4],
      ['section-empty', 65]
    ])
  })

  test('excerpt and stats', () => {
    expect(post.excerpt?.source).toBe('paragraph')
    expect(post.excerpt?.html.startsWith('<p>Del 9 al 11')).toBe(true)
    expect(post.stats.words).toBeGreaterThan(500)
    expect(post.stats.words).toBeLessThan(540)
    expect(post.stats.readingMinutes).toBe(3)
  })
})
