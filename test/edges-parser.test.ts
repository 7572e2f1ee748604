/**
 * Parser edges found by peers' suites and real posts (issue 19), each closed as a class: an
 * unquoted front matter value with a colon, raw-text elements left open one after another,
 * reference shapes that are not references, and a sanitize schema's own clobbering.
 */

import {defaultSchema} from 'hast-util-sanitize'
import {type Diagnostic, type ParsedPost, parseFrontmatter, parsePostSync} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {checkInvariants} from './helpers/invariants.js'

function parse(input: string, options: Parameters<typeof parsePostSync>[1] = {}): ParsedPost {
  const post = parsePostSync(input, {strict: false, ...options})
  checkInvariants(input, post)
  return post
}

const where = (diagnostics: readonly Diagnostic[], ruleId: string) =>
  diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId).map((diagnostic) => `${diagnostic.line}:${diagnostic.column}`)

const messages = (diagnostics: readonly Diagnostic[], ruleId: string) =>
  diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId).map((diagnostic) => diagnostic.message)

describe('front matter: an unquoted value with a colon', () => {
  const front = (yaml: string) => `---\n${yaml}---\n\nBody.\n`

  test('keeps the value as written and every later key, with one located error', () => {
    const post = parse(front('title: A: B\nslug: x\ndate: 2020-01-01\n'))
    expect(post.metadata).toEqual({title: 'A: B', slug: 'x', date: '2020-01-01'})
    expect(post.title).toBe('A: B')
    expect(post.slug).toBe('x')
    expect(post.date?.iso).toBe('2020-01-01')
    expect(where(post.diagnostics, 'frontmatter-yaml')).toEqual(['2:8'])
    expect(messages(post.diagnostics, 'frontmatter-yaml')).toEqual([
      'Unexpected colon in an unquoted value, expected the value in quotes: `"A: B"` (BLOCK_AS_IMPLICIT_KEY)'
    ])
  })

  const cases: Array<[string, string, Record<string, unknown>, string[]]> = [
    ['two broken lines', 'title: A: B\ndesc: C: D\nslug: x\n', {title: 'A: B', desc: 'C: D', slug: 'x'}, ['2:8', '3:7']],
    ['several colons, a comment', 'title: A: B: C # note\nslug: x\n', {title: 'A: B: C', slug: 'x'}, ['2:8']],
    ['a value ending in a colon', 'title: Re:\nslug: x\n', {title: 'Re:', slug: 'x'}, ['2:8']],
    ['a nested key', 'author:\n  name: A: B\n  url: /me\nslug: x\n', {author: {name: 'A: B', url: '/me'}, slug: 'x'}, ['3:9']],
    [
      'in a list of mappings',
      'links:\n  - t: A: B\n  - t: C: D\nslug: x\n',
      {links: [{t: 'A: B'}, {t: 'C: D'}], slug: 'x'},
      ['3:8', '4:8']
    ],
    ['a continuation line', 'title: A: B\n  and more\nslug: x\n', {title: 'A: B and more', slug: 'x'}, ['2:8']],
    ['an anchor before it', 'title: &t A: B\nalias: *t\n', {title: 'A: B', alias: 'A: B'}, ['2:8']],
    ['a quoted start', "title: 'A': B\nslug: x\n", {title: "'A': B", slug: 'x'}, ['2:8']],
    ['CRLF line endings', 'title: A: B\r\nslug: x\r\n', {title: 'A: B', slug: 'x'}, ['2:8']],
    ['quotes and backslashes inside', 'title: A: "B" \\ C\nslug: x\n', {title: 'A: "B" \\ C', slug: 'x'}, ['2:8']]
  ]
  test.each(cases)('%s', (_, yaml, metadata, at) => {
    const post = parse(front(yaml))
    expect(post.metadata).toEqual(metadata)
    expect(where(post.diagnostics, 'frontmatter-yaml')).toEqual(at)
  })

  test('other YAML errors on other lines are still said, and the keys around them kept', () => {
    const post = parse(front('title: A: B\ntags: [a, b\nslug: x\n'))
    expect(post.metadata.title).toBe('A: B')
    expect(messages(post.diagnostics, 'frontmatter-yaml').length).toBeGreaterThan(1)
  })

  test('strict: the first one throws, at its place, saying what to write', () => {
    expect(() => parsePostSync(front('title: A: B\nslug: x\n'))).toThrow(
      '<input>:2:8: Unexpected colon in an unquoted value, expected the value in quotes: `"A: B"` (BLOCK_AS_IMPLICIT_KEY) (frontmatter-yaml)'
    )
  })

  test('parseFrontmatter reads it the same way', () => {
    const front2 = parseFrontmatter(front('title: A: B\nslug: x\n'), {strict: false})
    expect(front2.metadata).toEqual({title: 'A: B', slug: 'x'})
    expect(front2.slug).toBe('x')
  })

  test('a colon without a space after it is plain text, as before', () => {
    const post = parse(front('title: A:B\nurl: http://example.org/a\n'))
    expect(post.metadata).toEqual({title: 'A:B', url: 'http://example.org/a'})
    expect(where(post.diagnostics, 'frontmatter-yaml')).toEqual([])
  })
})

describe('raw-text elements left open one after another', () => {
  const unclosed = (post: ParsedPost) => messages(post.diagnostics, 'html-raw-text-unclosed').map((message) => message.split(' ')[1])

  test('`a <title> b <style> c`: both shown as text, nothing swallowed', () => {
    const post = parse('a <title> b <style> c\n\nnext\n')
    expect(post.html).toBe('<p>a &#x3C;title> b &#x3C;style> c</p>\n<p>next</p>')
    expect(unclosed(post)).toEqual(['`<title>`', '`<style>`'])
    expect(where(post.diagnostics, 'html-raw-text-unclosed')).toEqual(['1:3', '1:13'])
  })

  const names = ['title', 'textarea', 'style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']
  test.each(names.map((first, index) => [first, names[(index + 3) % names.length] as string]))('`<%s>` then `<%s>`', (first, second) => {
    const post = parse(`a <${first}> b <${second}> c\n\nnext\n`)
    expect(post.html).toContain(`&#x3C;${first}> b &#x3C;${second}> c`)
    expect(post.html).toContain('<p>next</p>')
    expect(unclosed(post)).toEqual([`\`<${first}>\``, `\`<${second}>\``])
  })

  test('three in one block, in an HTML block too', () => {
    const post = parse('x <style> y <title> z <xmp> w\n\n<div>\n<title> b <noscript> c\n</div>\n\nafter\n')
    expect(post.html).toContain('<p>x &#x3C;style> y &#x3C;title> z &#x3C;xmp> w</p>')
    expect(post.html).toContain('&#x3C;title> b &#x3C;noscript> c')
    expect(post.html).toContain('<p>after</p>')
    expect(where(post.diagnostics, 'html-raw-text-unclosed')).toEqual(['1:3', '1:13', '1:23', '4:1', '4:11'])
  })

  test('one that closes after an escaped one hides what it holds, and only that', () => {
    const post = parse('a <title> b <style> [in](/in) </style> [out](/out) <img src="/i.png" alt="i"> c\n\nafter\n')
    expect(post.links.map((link) => link.url)).toEqual(['/out'])
    expect(post.images.map((image) => image.src)).toEqual(['/i.png'])
    expect(post.html).toContain('<a href="/out">out</a> <img src="/i.png" alt="i"> c')
    expect(unclosed(post)).toEqual(['`<title>`'])
  })

  test('links in raw HTML after an escaped one are read', () => {
    const post = parse('<div>\n<title> b <a href="/x">x</a>\n</div>\n')
    expect(post.links.map((link) => link.url)).toEqual(['/x'])
  })

  test('a closed one before an unclosed one: only the unclosed one is escaped', () => {
    const post = parse('a <title> b </title> c <style> d\n\ne\n')
    expect(post.html).toBe('<p>a  c &#x3C;style> d</p>\n<p>e</p>')
    expect(unclosed(post)).toEqual(['`<style>`'])
  })
})

describe('`link-reference-missing`: only reference shapes count', () => {
  const missing = (input: string) => messages(parse(input).diagnostics, 'link-reference-missing').map((message) => message.split(' ')[2])

  test.each([
    ['escaped brackets', 'a \\[b\\]\\[c\\] d'],
    ['an escaped opening bracket', 'a \\[b][c] d'],
    ['an escaped closing bracket', 'a [b\\][c] d'],
    ['an escaped bracket between', 'a [b]\\[c] d'],
    ['character references', 'a &#91;b&#93;&#91;c&#93; d'],
    ['a character reference between', 'a [b]&#91;c] d'],
    ['a blank label', 'a [b][ ] d'],
    ['blank text, collapsed', 'a [ ][] d'],
    ['in code', 'a `[b][c]` d'],
    ['in a link', '[a [b][c]](/x)']
  ])('%s: none', (_, input) => {
    expect(missing(input)).toEqual([])
  })

  test.each([
    ['full', 'a [b][c] d', ['`c`']],
    ['collapsed', 'a [b][] d', ['`b`']],
    ['an escaped backslash before it', 'a \\\\[b][c] d', ['`c`']],
    ['escaped brackets inside the label', 'a [b][c\\]d] e', ['`c\\]d`']],
    ['after escapes elsewhere in the text', 'a \\* \\[x\\] [b][c] d', ['`c`']],
    ['in a blockquote', '> a [b][c] d', ['`c`']]
  ])('%s: reported', (_, input, expected) => {
    expect(missing(input)).toEqual(expected)
  })

  test('placed where it is written, after escapes and character references', () => {
    const post = parse('x \\[a\\] &amp; [b][c] y\n\n> q\n> r [d][e]\n')
    const found = post.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'link-reference-missing')
    expect(found.map((diagnostic) => [diagnostic.line, diagnostic.column, diagnostic.endLine, diagnostic.endColumn])).toEqual([
      [1, 15, 1, 21],
      [4, 5, 4, 11]
    ])
  })

  test('a defined reference is a link, not a warning', () => {
    const post = parse('a [b][c] d\n\n[c]: /c\n')
    expect(post.links.map((link) => link.url)).toEqual(['/c'])
    expect(where(post.diagnostics, 'link-reference-missing')).toEqual([])
  })
})

describe('a sanitize schema from hast-util-sanitize’s `defaultSchema`', () => {
  const input = '# Title\n\n## Sub heading\n\nText[^1] <span id="x">y</span> [go](#sub-heading).\n\n[^1]: A note.\n'
  const schemas = {
    'defaultSchema with a tag more': {...defaultSchema, tagNames: [...(defaultSchema.tagNames ?? []), 'video']},
    'defaultSchema as it is': defaultSchema,
    'a partial schema (completed from defaultSchema by the sanitizer)': {tagNames: [...(defaultSchema.tagNames ?? [])]}
  }

  test.each(Object.entries(schemas))('%s: heading ids in HTML are `headings[].id` and `sections[].id`', (_, sanitize) => {
    const post = parse(input, {sanitize})
    const ids = [...post.html.matchAll(/<h[1-6] id="([^"]*)"/g)].map((match) => match[1])
    expect(post.headings.map((heading) => heading.id)).toEqual(['title', 'sub-heading'])
    expect(ids.slice(0, 2)).toEqual(['title', 'sub-heading'])
    expect(post.sections[0]?.id).toBe('title')
    expect(post.sections[0]?.children[0]?.id).toBe('sub-heading')
    expect(messages(post.diagnostics, 'html-stripped')).toEqual([])
  })

  test('ids mdpost and remark-rehype prefix are prefixed once, so footnote links still land', () => {
    const post = parse(input, {sanitize: defaultSchema})
    const own = parse(input)
    expect(post.html).toBe(own.html)
    expect(post.html).toContain('<span id="user-content-x">')
    expect(post.html).toContain('href="#user-content-fn-1"')
    expect(post.html).toContain('<li id="user-content-fn-1">')
    expect(post.html).not.toContain('user-content-user-content-')
  })

  test('what such a schema removes from markdown is said to come from markdown', () => {
    const post = parse('| a |\n|---|\n| b |\n', {sanitize: {tagNames: ['p']}})
    expect(messages(post.diagnostics, 'html-stripped')).toContain('Removed `<table>` from HTML made from markdown')
    expect(messages(post.diagnostics, 'html-stripped').some((message) => message.includes('a plugin made'))).toBe(false)
  })

  test('an unsafe markdown link is `link-unsafe` once, not also an attribute change', () => {
    const post = parse('[j](javascript:alert(1))\n', {sanitize: defaultSchema})
    expect(where(post.diagnostics, 'link-unsafe')).toEqual(['1:1'])
    expect(messages(post.diagnostics, 'html-stripped')).toEqual([])
  })
})

describe('positions found by fuzzing (issue 22)', () => {
  test('a diagnostic from re-parsed raw HTML ends inside the file', () => {
    const post = parse('<table><y>&\n+')
    expect(where(post.diagnostics, 'html-stripped')).toEqual(['1:8'])
    const stripped = post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'html-stripped') as Diagnostic
    expect([stripped.endLine, stripped.endColumn]).toEqual([2, 2])
  })

  test.each([
    ['"x"www.&#0;', 'www.&#0;'],
    ['x www\\.a.org y', 'www\\.a.org'],
    ['mail a&#64;b.org now', 'a&#64;b.org'],
    ['(www.a&#46;org) and www.a.org', 'www.a&#46;org'],
    ['&amp; www&period;a.org', 'www&period;a.org']
  ])('a literal autolink written with references or escapes is placed on its own text: %j', (input, written) => {
    const post = parse(input)
    const link = post.links[0]
    expect(link?.source).toBe('literal')
    const {start, end} = link?.position ?? {start: {offset: -1}, end: {offset: -1}}
    expect(input.slice(start.offset, end.offset)).toBe(written)
  })

  test('the same literal twice in a paragraph, once escaped: each at its own place', () => {
    const input = 'www\\.a.org then www.a.org'
    const spans = parse(input).links.map((link) => input.slice(link.position?.start.offset, link.position?.end.offset))
    expect(spans).toEqual(['www\\.a.org', 'www.a.org'])
  })
})

describe('`frontmatterAfterWhitespace`: front matter after leading whitespace (Hugo)', () => {
  const cases: Array<[string, string]> = [
    ['blank lines', '\n\n---\ntitle: T\n---\n# Body\n'],
    ['spaces and a tab', '  \t\n---\ntitle: T\n---\n# Body\n'],
    ['an indented fence', '   ---\ntitle: T\n---\n# Body\n'],
    ['CRLF', '\r\n\r\n---\r\ntitle: T\r\n---\r\n# Body\r\n'],
    ['a BOM in a string', '\uFEFF\n---\ntitle: T\n---\n# Body\n'],
    ['TOML', '\n+++\ntitle = "T"\n+++\n# Body\n']
  ]
  for (const [name, text] of cases) {
    test(name, () => {
      const post = parsePostSync(text, {frontmatterAfterWhitespace: true})
      expect(post.title).toBe('T')
      expect(post.html).toBe('<h1 id="body">Body</h1>')
      // Positions are the whole file's (a BOM is not part of it): the block from its fence, the heading on its own line.
      const fence = text.replace(/^\uFEFF/, '').search(/[-+]{3}/)
      expect(post.frontmatter.position?.start.offset).toBe(fence)
      expect(post.headings[0]?.position?.start.line).toBe(text.slice(0, text.indexOf('# Body')).split(/\r\n|\r|\n/).length)
      checkInvariants(text, post)
      // Without the option the block is body, and said to be.
      const plain = parseFrontmatter(text, {strict: false})
      expect(plain.title).toBeNull()
    })
  }
  test('a YAML error is located in the whole file', () => {
    const post = parsePostSync('\n\n---\ntitle: T\ndate: [\n---\nx\n', {strict: false, frontmatterAfterWhitespace: true})
    expect(post.diagnostics.find((d) => d.ruleId === 'frontmatter-yaml')).toMatchObject({line: 5, column: 8})
  })
  test('text that only starts with whitespace has no front matter', () => {
    expect(parseFrontmatter('\n\nTitle: x\n', {frontmatterAfterWhitespace: true}).frontmatter.format).toBeNull()
    expect(parseFrontmatter('  \n', {frontmatterAfterWhitespace: true}).title).toBeNull()
  })
})
