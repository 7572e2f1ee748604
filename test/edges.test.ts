/**
 * Edge cases that other projects' test suites, real posts and a review found: raw HTML that
 * re-parses into nodes without positions, URL schemes, GitHub heading ids, raw text elements
 * that would swallow the post, what the sanitizer changes, empty comments, and plugins.
 */

import type {Root} from 'mdast'
import {type ParsedPost, parseFrontmatter, parsePost, parsePostSync, remarkPost, renderDocument} from 'mdpost'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, test} from 'vitest'
import {checkInvariants} from './helpers/invariants.js'

function parse(input: string, options: Parameters<typeof parsePostSync>[1] = {}): ParsedPost {
  const post = parsePostSync(input, {strict: false, ...options})
  checkInvariants(input, post)
  return post
}

const rules = (post: ParsedPost) => post.diagnostics.map((diagnostic) => diagnostic.ruleId)

describe('nodes without positions never crash a parse', () => {
  const cases: Array<[string, 'sanitize' | 'trust']> = [
    ['x <table>[^1]\n\n[^1]: <table>', 'sanitize'],
    ['Intro <table> here[^1]\n\n[^1]: see <table> there', 'sanitize'],
    ['1<table>[^1]\n[^1]:<table>', 'sanitize'],
    ['a <script>www.example.com', 'sanitize'],
    ['x <style>www.', 'sanitize'],
    ['text <textarea>www.a.b', 'sanitize'],
    ['m<script>www.', 'sanitize'],
    ['a <title>x@y.example and more', 'sanitize'],
    ['<select>[^1]\n\n[^1]: <select> www.b.example', 'sanitize'],
    ['a\n\n <img src="x.png">', 'trust'],
    ['# T\n\n <div>x</div>', 'trust'],
    ['a\n\n  <br>', 'trust'],
    ['- a\n\n   <span>b</span>', 'trust'],
    ['$<e>', 'sanitize'],
    ['[\u0010][]', 'sanitize'],
    ['><d>\n > <img src="/i.png">', 'sanitize'],
    ['* <p\n  <a href="https://a.b">', 'sanitize'],
    ['<#@0>', 'sanitize'],
    ['- > <a href="https://q.example">q</a>\n  > <img src="/j.png" alt="j">', 'sanitize']
  ]
  test.each(cases)('%j (%s)', (input, html) => {
    parse(input, {html})
  })

  test('raw HTML inside containers: links and images at their place in the file', () => {
    const input = '> intro\n>\n> <img src="/i.png" alt="i">\n\n- x\n\n  <a href="https://a.example/">a</a>\n'
    const post = parse(input)
    const image = post.images[0]
    const link = post.links[0]
    expect(input.slice(image?.position?.start.offset, image?.position?.end.offset)).toBe('<img src="/i.png" alt="i">')
    expect(input.slice(link?.position?.start.offset, link?.position?.end.offset)).toBe('<a href="https://a.example/">')
  })

  test('control characters in messages are escaped', () => {
    const post = parse('---\nlastmod: "a\\0b"\n---\n[\u0010][]\n')
    expect(post.diagnostics.some((diagnostic) => diagnostic.message.includes('\\u0010'))).toBe(true)
  })
})

describe('URL schemes', () => {
  test('are case-insensitive: an allowed scheme in capitals keeps its URL', () => {
    const post = parse('[x](HTTPS://example.com) <MAILTO:FOO@BAR.BAZ> ![i](HTTPS://example.com/a.png) <a href="Http://b.example">b</a>')
    expect(post.html).toContain('href="https://example.com"')
    expect(post.html).toContain('href="mailto:FOO@BAR.BAZ"')
    expect(post.html).toContain('src="https://example.com/a.png"')
    expect(post.html).toContain('href="http://b.example"')
    expect(rules(post)).not.toContain('link-unsafe')
    expect(post.links.map((link) => link.kind)).toEqual(['external', 'email', 'external'])
  })

  test('a colon after characters a scheme cannot hold makes a relative URL (CommonMark example 500)', () => {
    for (const [markdown, href] of [
      ['[link](foo\\)\\:)', './foo):'],
      ['[a](a b:c)', null],
      ['[a](<a b:c>)', './a%20b:c'],
      ['[a](_x:y)', './_x:y'],
      ['[a](1a:b)', './1a:b']
    ] as const) {
      const post = parse(markdown)
      if (href === null) continue
      expect(post.html, markdown).toContain(`href="${href}"`)
      expect(rules(post), markdown).not.toContain('link-unsafe')
    }
  })

  test('HTML and links agree on what survived', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:x', 'data:text/html,x', 'foo:bar']) {
      const post = parse(`[x](<${url}>) <a href="${url}">y</a>`)
      expect(post.html, url).not.toContain('href=')
      expect(
        rules(post).filter((rule) => rule === 'link-unsafe'),
        url
      ).toHaveLength(2)
    }
    // Percent-encoded by remark-rehype, a leading space makes a relative URL: kept, not reported.
    const spaced = parse('[x](< javascript:x>) [y](<java\tscript:y>)')
    expect(spaced.html).toContain('href="./%20javascript:x"')
    expect(spaced.html).toContain('href="./java%09script:y"')
    expect(rules(spaced)).not.toContain('link-unsafe')
    // In raw HTML the browser trims and deletes them: a script URL, removed and reported.
    const raw = parse('<a href=" javascript:x">x</a> <a href="java\tscript:y">y</a>')
    expect(raw.html).not.toContain('href=')
    expect(rules(raw).filter((rule) => rule === 'link-unsafe')).toHaveLength(2)
  })
})

describe('heading ids as GitHub makes them', () => {
  test('the issue’s cases', () => {
    const post = parse('## 🚀 Getting started\n\n## — Notes\n\n## -a-\n\n## Section\n\n# &#x20;a\n\n# a&#x20;\n\n## ???\n\n## !!!\n')
    expect(post.headings.map((heading) => heading.id)).toEqual([
      '-getting-started',
      '-notes',
      '-a-',
      'section',
      '-a',
      'a-',
      'section-1',
      'section-2'
    ])
  })

  /** Cases of github-slugger's test/fixtures.json (generated from github.com), in their order. */
  test('github-slugger’s fixtures, through post.headings', () => {
    const fixtures: Array<[string, string]> = [
      ['alpha', 'alpha'],
      ['alpha', 'alpha-1'],
      ['bravoCharlieDelta', 'bravocharliedelta'],
      ['\\_\\_proto\\_\\_', '__proto__'],
      ['\\_\\_proto\\_\\_', '__proto__-1'],
      ['hasOwnProperty', 'hasownproperty'],
      ['echo', 'echo'],
      ['echo', 'echo-1'],
      ['echo 1', 'echo-1-1'],
      ['echo-1', 'echo-1-2'],
      ['echo', 'echo-2'],
      ['foxtrot-1', 'foxtrot-1'],
      ['foxtrot', 'foxtrot'],
      ['foxtrot', 'foxtrot-2'],
      ['heading with a - dash', 'heading-with-a---dash'],
      ['heading with an \\_ underscore', 'heading-with-an-_-underscore'],
      ['heading with a period.txt', 'heading-with-a-periodtxt'],
      ['exchange.bind\\_headers(exchange, routing \\[, bindCallback\\])', 'exchangebind_headersexchange-routing--bindcallback'],
      ['&#x20;', '-'],
      ['&#x20;a', '-a'],
      ['a&#x20;', 'a-'],
      ['&#x20;a&#x20;', '-a-'],
      ['-a-', '-a--1'],
      ['apostrophe’s should be trimmed', 'apostrophes-should-be-trimmed'],
      ['golf', 'golf'],
      ['golf', 'golf-1'],
      ['golf', 'golf-2'],
      ['I ♥ unicode', 'i--unicode'],
      ['dash-dash', 'dash-dash'],
      ['en–dash', 'endash'],
      ['em–dash', 'emdash'],
      ['😄 unicode emoji', '-unicode-emoji'],
      ['😄-😄 unicode emoji', '--unicode-emoji'],
      ['😄\\_😄 unicode emoji', '_-unicode-emoji'],
      ['😄 - an emoji', '---an-emoji'],
      [':smile: - a gemoji', 'smile---a-gemoji'],
      ['Привет', 'привет'],
      ['Профили пользователей', 'профили-пользователей'],
      ['Привет non-latin 你好', 'привет-non-latin-你好'],
      [':ok: No underscore', 'ok-no-underscore'],
      [':ok\\_hand: Single', 'ok_hand-single'],
      [':ok\\_hand::hatched\\_chick: Two in a row with no spaces', 'ok_handhatched_chick-two-in-a-row-with-no-spaces'],
      [':ok\\_hand: :hatched\\_chick: Two in a row', 'ok_hand-hatched_chick-two-in-a-row'],
      ['a» ’ ” › b', 'a----b'],
      ['a« ‘ “ ‹ b', 'a----b-1']
    ]
    const post = parse(fixtures.map(([markdown]) => `# ${markdown}\n\ntext\n`).join('\n'))
    expect(post.headings.map((heading) => heading.id)).toEqual(fixtures.map(([, id]) => id))
    expect(post.html).toContain('<h1 id="-a-"> a </h1>')
  })

  test('only an empty slug becomes `section`, numbered as GitHub numbers repeats', () => {
    const post = parse('# ?\n\n# section\n\n# ?\n')
    expect(post.headings.map((heading) => heading.id)).toEqual(['section', 'section-1', 'section-2'])
  })
})

describe('raw HTML never swallows the rest of the post', () => {
  const tags = ['textarea', 'title', 'xmp', 'style', 'script', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']
  test.each(tags)('an unclosed <%s> in a paragraph', (tag) => {
    const post = parse(`<p>a <${tag}> b</p>\n\nNext paragraph.\n\n# One\n\ntext one\n`)
    expect(post.html).toContain('<p>Next paragraph.</p>')
    expect(post.html).toContain('<h1 id="one">One</h1>')
    expect(post.html).toContain(`&#x3C;${tag}>`)
    expect(post.sections.map((section) => section.id)).toEqual([null, 'one'])
    expect(post.sections[1]?.html).toBe('<p>text one</p>')
    expect(rules(post)).toContain('html-raw-text-unclosed')
    parse(`intro <${tag}> x\n\n# One\n\ntext one`, {html: 'trust'})
  })

  test('the issue’s examples', () => {
    expect(parse('intro <plaintext> x\n\n# One\n\ntext one').html).toBe(
      '<p>intro &#x3C;plaintext> x</p>\n<h1 id="one">One</h1>\n<p>text one</p>'
    )
    expect(parse('a <script> b\n\n<div>\nhello\n</div>\n\nafter').html).toBe('<p>a &#x3C;script> b</p>\n<div>\nhello\n</div>\n<p>after</p>')
  })

  test('a closed raw-text element is removed with its content, as before', () => {
    const post = parse('a <textarea>[x](https://in.example) b</textarea> c\n\n<script>\nalert(1)\n</script>\n\nafter\n')
    expect(post.html).not.toContain('alert')
    expect(post.html).not.toContain('in.example')
    expect(post.html).toContain('<p>after</p>')
    expect(rules(post)).not.toContain('html-raw-text-unclosed')
  })
})

describe('what raw-text elements and comments hold is not a link', () => {
  test.each([
    '<textarea><a href="https://hidden.example">x</a></textarea>',
    '<script>var s = "<img src=https://tracker.example/p.png>"</script>',
    '<style>/* <a href="https://hidden.example">x</a> */</style>',
    '<title><img src="https://tracker.example/p.png"></title>',
    '<!-- <a href="https://hidden.example">x</a> -->',
    'a <textarea>[x](https://hidden.example)</textarea> b',
    '<noscript><img src="https://tracker.example/p.png"></noscript>'
  ])('%j', (input) => {
    const post = parse(input)
    expect(post.links).toEqual([])
    expect(post.images).toEqual([])
  })
})

describe('every change the sanitizer makes is reported', () => {
  test('an input that becomes a disabled checkbox', () => {
    const post = parse('<p><input type="text" name="q"></p>')
    expect(post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'html-stripped')?.message).toMatch(/`type`/)
  })

  test('a table cell outside a table', () => {
    const post = parse('<div><td>cell</td></div>')
    expect(post.html).toBe('<div>cell</div>')
    expect(post.diagnostics.find((diagnostic) => diagnostic.ruleId === 'html-stripped')?.message).toMatch(/`<td>`/)
  })

  test('a class the schema does not allow', () => {
    const post = parse('<code class="language-js evil">x</code>')
    expect(rules(post)).toContain('html-stripped')
  })

  test('a raw element the schema keeps as it is gets no diagnostic', () => {
    expect(rules(parse('<p><a href="https://a.example/" title="t">a</a> <em>b</em></p>'))).not.toContain('html-stripped')
  })
})

describe('comments', () => {
  test('`<!-->` and `<!--->` are whole comments (CommonMark 0.31, example 626)', () => {
    for (const input of ['<!-->\n\ntext', 'a <!---> b', '<!---->\n\nx', 'foo <!--> bar -->']) {
      expect(rules(parse(input)), input).not.toContain('html-comment-unclosed')
    }
    expect(rules(parse('<!-- b\n\nc'))).toContain('html-comment-unclosed')
  })
})

describe('plugins', () => {
  const toc = () => (tree: Root) => {
    tree.children.unshift(
      {type: 'heading', depth: 2, children: [{type: 'text', value: 'Contents'}]},
      {
        type: 'paragraph',
        children: [
          {type: 'link', url: '#a', children: [{type: 'text', value: 'https://x.example'}]},
          {type: 'image', url: '/i.png', alt: 'i'}
        ]
      }
    )
  }

  test('nodes a plugin adds without positions are collected with position: null', async () => {
    const post = await parsePost('# A\n\ntext [x](/y) www.z.example\n', {remarkPlugins: [toc]})
    expect(post.headings[0]).toMatchObject({id: 'contents', position: null})
    expect(post.links.map((link) => [link.url, link.source, link.position === null])).toEqual([
      ['/y', 'inline', false],
      ['http://www.z.example', 'literal', false],
      ['#a', 'generated', true]
    ])
    expect(post.images[0]).toMatchObject({src: '/i.png', source: 'generated', position: null, section: 'contents'})
    expect(post.sections.map((section) => section.id)).toEqual(['contents', 'a'])
    expect(post.sections[0]?.html).toContain('href="#a"')
  })

  test('a plugin’s own RangeError is its own', async () => {
    const sync = () => () => {
      throw new RangeError('bad option')
    }
    await expect(parsePost('# A', {remarkPlugins: [sync]})).rejects.toThrow(new RangeError('bad option'))
    await expect(parsePost('# A', {rehypePlugins: [() => async () => Promise.reject(new RangeError('async'))]})).rejects.toThrow(
      new RangeError('async')
    )
    expect(() => parsePostSync('# A', {remarkPlugins: [[sync, {}]]})).toThrow(new RangeError('bad option'))
  })

  test('remarkPost decodes a file of bytes as parsePost does', async () => {
    const file = new VFile({value: new TextEncoder().encode('\ufeff---\ntitle: Hi\ndate: 2020-01-02\n---\n# X\n'), path: 'x.md'})
    const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkPost)
    await processor.run(processor.parse(file), file)
    expect(file.data.post).toMatchObject({title: 'Hi', date: {iso: '2020-01-02'}, slug: 'x'})
  })
})

describe('limits are checked before the work they limit', () => {
  test('a string is counted only until it passes maxBytes, bytes by their length, before any decoding', async () => {
    await expect(parsePost('a'.repeat(4000), {maxBytes: 1000})).rejects.toMatchObject({
      ruleId: 'input-too-large',
      message: expect.stringContaining('Unexpected input of 1001 bytes or more')
    })
    // Not UTF-8 and too large: the size answers first, nothing is decoded.
    await expect(parsePost(new Uint8Array(3000).fill(0xff), {maxBytes: 1000})).rejects.toMatchObject({ruleId: 'input-too-large'})
  })
})

describe('misuse of every export is a TypeError in mdpost’s words', () => {
  test('parsePost and parseFrontmatter', async () => {
    // @ts-expect-error: check how invalid input is handled.
    await expect(parsePost(42)).rejects.toThrow(/^Expected `input` to be a string, Uint8Array or VFile/)
    await expect(parsePost('x', {path: ''})).rejects.toThrow(new TypeError('Expected `options.path` to be a non-empty string, not ``'))
    // @ts-expect-error: check how invalid input is handled.
    expect(() => parseFrontmatter('x', {strict: 'yes'})).toThrow(TypeError)
    // @ts-expect-error: check how invalid input is handled.
    expect(() => parsePostSync('x', [])).toThrow(TypeError)
  })

  test('renderDocument', () => {
    const post = parsePostSync('# T\n\ntext')
    // @ts-expect-error: check how invalid input is handled.
    expect(() => renderDocument({html: '', title: {}})).toThrow(
      new TypeError('Expected `post.title` to be a string or null, not `an object`')
    )
    // @ts-expect-error: check how invalid input is handled.
    expect(() => renderDocument({...post, excerpt: 'x'})).toThrow(TypeError)
    // @ts-expect-error: check how invalid input is handled.
    expect(() => renderDocument(post, {stylesheet: 5})).toThrow(TypeError)
    // @ts-expect-error: check how invalid input is handled.
    expect(() => renderDocument(null)).toThrow(TypeError)
  })

  test('mdpost/node', async () => {
    const {parseFiles, readPostFile} = await import('mdpost/node')
    // @ts-expect-error: check how invalid input is handled.
    await expect(parseFiles('posts/')).rejects.toThrow(TypeError)
    await expect(parseFiles([''])).rejects.toThrow(TypeError)
    await expect(readPostFile('x.md', 0)).rejects.toThrow(TypeError)
  })
})

describe('control characters never reach a page raw', () => {
  test('front matter values in renderDocument', () => {
    const post = parsePostSync('---\ntitle: "a\\x1b[31mb\\0c\\x07"\nlang: "e\\x01s"\ndescription: "d\\x1bx"\n---\n\ntext\n')
    const page = renderDocument(post)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be in the page.
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/)
    expect(page).toContain('<title>a\uFFFD[31mb\uFFFDc\uFFFD</title>')
    expect(page).toContain('lang="e\uFFFDs"')
  })
})

describe('rehype-stringify is the compiler', () => {
  test('serializer settings given as a preset reach the body, sections and excerpt', async () => {
    const settings = {settings: {characterReferences: {useNamedReferences: true}}}
    const post = await parsePost('# T\n\na & b <c\n', {rehypePlugins: [settings]})
    expect(post.html).toContain('<p>a &amp; b &lt;c</p>')
    expect(post.sections[0]?.html).toBe('<p>a &amp; b &lt;c</p>')
    expect(post.excerpt?.html).toBe('<p>a &amp; b &lt;c</p>')
    expect((await parsePost('a & b')).html).toBe('<p>a &#x26; b</p>')
  })
})
