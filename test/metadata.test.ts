/** Front matter and file names as real blogs write them (Jekyll's and Hugo's rules). */
import {parseFrontmatter, parsePostSync} from 'mdpost'
import {describe, expect, test} from 'vitest'

const front = (yaml: string, path: string | null = null, strict = true) => parseFrontmatter(`---\n${yaml}\n---\n`, {path, strict})
const rules = (post: {diagnostics: Array<{ruleId: string}>}) => post.diagnostics.map((diagnostic) => diagnostic.ruleId)

describe('file names', () => {
  test.each([
    ['_posts/2024-1-10-hello.md', 'hello', '2024-01-10'],
    ['_posts/2024-01-5-x.markdown', 'x', '2024-01-05'],
    ['2018-10-12-trailing-dots...markdown', 'trailing-dots', '2018-10-12'],
    ['content/post/casa-museo.it.md', 'casa-museo', null],
    ['content/casa-museo-san-juan-cruz/index.it.md', 'casa-museo-san-juan-cruz', null],
    ['content/section/_index.en.md', 'section', null],
    ['content/post.pt-BR.md', 'post', null],
    ['notes.v2.md', 'notes.v2', null],
    ['readme.old.md', 'readme.old', null],
    ['blog/2019-07-14-name/index.md', 'name', '2019-07-14']
  ])('%s → slug %s, date %s', (path, slug, iso) => {
    const post = front('x: 1', path)
    expect(post.slug).toBe(slug)
    expect(post.date?.iso ?? null).toBe(iso)
    expect(rules(post)).not.toContain('date-invalid')
  })

  test('a language suffix gives `lang` when the front matter has none', () => {
    expect(front('x: 1', 'content/post.it.md').lang).toBe('it')
    expect(front('lang: es', 'content/post.it.md').lang).toBe('es')
    expect(front('x: 1', 'content/post.pt-BR.md').lang).toBe('pt-BR')
    expect(front('x: 1', 'notes.v2.md').lang).toBe(null)
  })

  test('an impossible date in a file name is date-invalid at line 1', () => {
    for (const path of ['_posts/2016-22-01-test.md', '_posts/2019-02-30-x.md', '_posts/19-01-01-short.md']) {
      const post = front('title: T', path, false)
      expect(post.date, path).toBe(null)
      expect(
        post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'date-invalid'),
        path
      ).toMatchObject({line: 1, column: 1})
    }
  })

  test('a slug from the title is trimmed', () => {
    expect(front('title: "  Working with drafts   "').slug).toBe('working-with-drafts')
    expect(front('title: "¿Qué tal?"').slug).toBe('qué-tal')
  })
})

describe('date keys, as Hugo reads them', () => {
  test.each([
    ['publishDate: 2020-01-02', '2020-01-02', null],
    ['PublishDate: 2020-01-03', '2020-01-03', null],
    ['pubdate: 2020-01-04', '2020-01-04', null],
    ['published: 2020-01-05', '2020-01-05', null],
    ['Date: 2020-01-06\nlastMod: 2021-01-01', '2020-01-06', '2021-01-01'],
    ['date: 2020-01-01\npublishDate: 2019-01-01\nmodified: 2022-02-02', '2020-01-01', '2022-02-02'],
    ['published: false\ndate: 2020-05-05', '2020-05-05', null],
    ['published: off\ntitle: YAML 1.1 flag', null, null],
    ['published: "yes"', null, null],
    ['last_modified_at: 2023-03-03', null, '2023-03-03']
  ])('%j', (yaml, date, updated) => {
    const post = front(yaml)
    expect(post.date?.iso ?? null).toBe(date)
    expect(post.updated?.iso ?? null).toBe(updated)
  })

  test('an invalid date under another key is reported at that key', () => {
    const post = front('title: T\npublishDate: 2020-02-30', null, false)
    expect(post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'date-invalid')).toMatchObject({line: 3})
  })
})

describe('YAML as people write it', () => {
  test('not strict: a repeated key keeps the last value and every other key', () => {
    const post = front('title: T\nauthor_note: one\ndate: 2020-01-02\nauthor_note: two\ntags: [a, b]', '_posts/2019-01-01-x.md', false)
    expect(post).toMatchObject({title: 'T', date: {iso: '2020-01-02'}, tags: ['a', 'b']})
    expect(post.metadata.author_note).toBe('two')
    expect(post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'frontmatter-yaml')).toMatchObject({severity: 'error', line: 5})
  })

  test('strict: unchanged, the first error throws', () => {
    expect(() => front('title: T\na: 1\na: 2')).toThrow(/frontmatter-yaml/)
  })

  test('fences with a language are reported at line 1', () => {
    for (const opening of ['---yaml', '---toml', '--- coffee', '---json', '+++toml']) {
      const post = parseFrontmatter(`${opening}\ntitle: x\n---\n\nBody\n`)
      expect(
        post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'frontmatter-suspicious'),
        opening
      ).toMatchObject({line: 1})
      expect(post.frontmatter.format).toBe(null)
    }
  })
})

describe('metadata headers (Pelican, MultiMarkdown)', () => {
  const headers = 'Title: Um post\nDate: 2014-12-03 15:05\ntags: a, b\nCATEGORY: Dev\nEmail: a@b.example\n\nCorpo.\n'

  test('read with the option, keys case-insensitive, lists split, positions at each key', () => {
    const post = parsePostSync(headers, {metadataHeaders: true, strict: false})
    expect(post).toMatchObject({title: 'Um post', date: {iso: '2014-12-03T15:05:00'}, tags: ['a', 'b'], categories: ['Dev']})
    expect(post.frontmatter).toMatchObject({format: 'headers', position: {start: {line: 1}, end: {line: 5}}})
    expect(post.links).toEqual([])
    expect(post.excerpt?.text).toBe('Corpo.')
    expect(post.stats.words).toBe(1)
    const invalid = parsePostSync('Title: x\nDate: 2014-02-30\n\nBody', {metadataHeaders: true, strict: false})
    expect(invalid.diagnostics.find((diagnostic) => diagnostic.ruleId === 'date-invalid')).toMatchObject({line: 2, column: 1})
  })

  test('without the option they are body, reported once at line 1', () => {
    const post = parsePostSync(headers)
    expect(post.frontmatter.format).toBe(null)
    expect(post.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'frontmatter-suspicious')).toHaveLength(1)
    // One known key is not enough; prose with a colon is not a header block.
    expect(rules(parsePostSync('Note: this is prose.\n\nMore.'))).not.toContain('frontmatter-suspicious')
  })

  test("'python-markdown': between `---` lines they are header lines, not YAML, positions in the whole file", () => {
    const text = '---\ntitle: Raspando: parte 1\nDate: 2021-05-03\n---\n\nCorpo.\n'
    const post = parsePostSync(text, {metadataHeaders: 'python-markdown'})
    expect(post).toMatchObject({title: 'Raspando: parte 1', date: {iso: '2021-05-03'}, html: '<p>Corpo.</p>'})
    expect(post.frontmatter).toMatchObject({
      format: 'headers',
      raw: 'title: Raspando: parte 1\nDate: 2021-05-03',
      position: {start: {line: 1}, end: {line: 4}}
    })
    expect(post.diagnostics).toEqual([])
    const invalid = parsePostSync('---\ntitle: x\ndate: 2014-02-30\n...\n', {metadataHeaders: 'python-markdown', strict: false})
    expect(invalid.diagnostics.find((diagnostic) => diagnostic.ruleId === 'date-invalid')).toMatchObject({line: 3, column: 1})
    // A line that is neither a key nor a continuation ends them: it and the rest are body.
    expect(parsePostSync('---\ntitle: x\n- item\n---\n', {metadataHeaders: 'python-markdown'}).frontmatter.raw).toBe('title: x')
    // `+++` opens nothing in Python-Markdown; with `true` a `---` block is still YAML.
    expect(parsePostSync('+++\ntitle = "x"\n+++\n', {metadataHeaders: 'python-markdown'}).frontmatter.format).toBe(null)
    expect(parsePostSync('---\ntitle: x\n---\n', {metadataHeaders: true}).frontmatter.format).toBe('yaml')
  })

  test('parseFrontmatter from bytes reads them as from text', () => {
    const bytes = new TextEncoder().encode(headers + 'x\n'.repeat(5000))
    expect(parseFrontmatter(bytes, {metadataHeaders: true}).title).toBe('Um post')
  })
})

describe('text fields and excerpts', () => {
  test('CRLF files give `\\n` in every text field', () => {
    const post = parsePostSync('# T\r\n\r\nOne\r\ntwo.\r\n\r\n- a\r\n  b\r\n')
    expect(post.sections[0]?.text).toBe('One\ntwo.\n\na\nb')
    expect(post.excerpt?.text).toBe('One\ntwo.')
  })

  test('an image-only paragraph is not the excerpt; without paragraphs, the first block with text', () => {
    expect(parsePostSync('![Logo de hugo](/logo.png)\n\nThe real start.').excerpt?.text).toBe('The real start.')
    expect(parsePostSync('[![badge](/b.svg)](/ci)\n\nText.').excerpt?.text).toBe('Text.')
    expect(parsePostSync('# T\n\n- first item\n- second\n\n```\ncode\n```\n').excerpt?.text).toBe('first item\n\nsecond')
  })

  test('link text from raw <a> collapses its whitespace', () => {
    const post = parsePostSync('<p><a href="mailto:x@y.example">Correo electrónico\n            frc</a></p>')
    expect(post.links[0]?.text).toBe('Correo electrónico frc')
  })

  test('Liquid in raw HTML attributes is a liquid-tag, and the src stays as written', () => {
    const post = parsePostSync('<img src="{{ site.url }}/a.png" alt="a">\n')
    expect(post.images[0]?.src).toBe('{{ site.url }}/a.png')
    expect(post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'liquid-tag')).toMatchObject({line: 1, column: 11})
  })
})
