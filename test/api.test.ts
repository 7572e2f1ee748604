import {type PostOptions, PostParseError, parseFrontmatter, parsePost, parsePostSync, remarkPost, renderDocument} from 'mdpost'
import rehypeStringify from 'rehype-stringify'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, test} from 'vitest'

const post = (text: string, options: Readonly<PostOptions> = {}) => parsePostSync(text, options)

describe('input', () => {
  test('string, bytes, BOM, UTF-16 with BOM and VFile give the same post', () => {
    const text = '---\ntitle: Título\n---\n\n# Hola\n\nTexto.\n'
    const expected = post(text)
    const utf16le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)])
    const utf16be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])])
    for (const input of [`\uFEFF${text}`, new TextEncoder().encode(`\uFEFF${text}`), utf16le, utf16be, new VFile({value: text})]) {
      const parsed = post(input as string)
      expect(parsed.title).toBe('Título')
      expect(parsed.html).toBe(expected.html)
      expect(parsed.headings[0]?.position).toEqual(expected.headings[0]?.position)
    }
  })

  test('invalid UTF-8 is an error, or U+FFFD with strict: false', () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0x63])
    expect(() => post(bytes as unknown as string)).toThrow(PostParseError)
    try {
      post(bytes as unknown as string)
    } catch (error) {
      expect(error).toMatchObject({name: 'PostParseError', ruleId: 'encoding-invalid', line: 2, column: 2, path: null})
    }
    const loose = post(bytes as unknown as string, {strict: false})
    expect(loose.html).toBe('<p>a\nb\uFFFDc</p>')
    expect(loose.diagnostics.map((d) => d.ruleId)).toContain('encoding-invalid')
  })

  test('UTF-16 without a BOM is reported, not rendered as mojibake silently', () => {
    const bytes = new Uint8Array([...'# Title\n\ntext\n'].flatMap((c) => [0, c.charCodeAt(0)]))
    expect(() => post(bytes as unknown as string)).toThrow(/UTF-16 without a byte order mark/)
  })

  test('NUL becomes U+FFFD everywhere, metadata included', () => {
    const parsed = post('---\ntitle: "a\0b"\n---\n\nx\0y\n')
    expect(parsed.title).toBe('a\uFFFDb')
    expect(parsed.html).toBe('<p>x\uFFFDy</p>')
  })
})

describe('errors', () => {
  test('YAML errors are located in the whole file and name the file', () => {
    const text = '---\ntitle: ok\ndescription: "unclosed\n---\n\nBody\n'
    try {
      post(text, {path: 'posts/a.md'})
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(PostParseError)
      expect(error).toMatchObject({ruleId: 'frontmatter-yaml', line: 3, column: 23, path: 'posts/a.md'})
      expect((error as Error).message).toMatch(/^posts\/a\.md:3:23: Unexpected YAML: Missing closing "quote/)
    }
  })

  test('strict: false keeps the body and reports the error', () => {
    const parsed = post('---\n- a\n- b\n---\n\nBody\n', {strict: false})
    expect(parsed.html).toBe('<p>Body</p>')
    expect(parsed.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ruleId: 'frontmatter-not-mapping', line: 2})
  })

  test('TOML errors are located in the whole file', () => {
    expect(() => post('+++\ntitle = "x"\nbroken = \n+++\n')).toThrow(expect.objectContaining({ruleId: 'frontmatter-toml', line: 3}))
  })

  test('misuse is a TypeError naming the value', () => {
    // @ts-expect-error: check how invalid input is handled.
    expect(() => post(42)).toThrow(TypeError)
    // @ts-expect-error: check how invalid input is handled.
    expect(() => post('x', {html: 'maybe'})).toThrow(/`options.html`/)
    expect(() => post('x', {baseUrl: 'blog/'})).toThrow('Expected `options.baseUrl` to be an absolute http(s) URL, not `blog/`')
    expect(() => post('x', {wordsPerMinute: 0})).toThrow(TypeError)
  })

  test('parsePostSync refuses async plugins with a TypeError; parsePost takes them', async () => {
    const asyncPlugin = () => async () => {}
    expect(() => parsePostSync('x', {remarkPlugins: [asyncPlugin]})).toThrow(TypeError)
    await expect(parsePost('x', {remarkPlugins: [asyncPlugin]})).resolves.toMatchObject({html: '<p>x</p>'})
  })
})

describe('html policies', () => {
  const text = '# Title\n\n<b onclick="x()">bold</b> [js](javascript:alert(1))\n'
  test('sanitize (default)', () => {
    expect(post(text).html).toBe('<h1 id="title">Title</h1>\n<p><b>bold</b> <a>js</a></p>')
  })
  test('escape', () => {
    expect(post(text, {html: 'escape'}).html).toBe('<h1 id="title">Title</h1>\n<p>&#x3C;b onclick="x()">bold&#x3C;/b> <a>js</a></p>')
  })
  test('drop', () => {
    const dropped = post(text, {html: 'drop'})
    expect(dropped.html).toBe('<h1 id="title">Title</h1>\n<p>bold <a>js</a></p>')
    expect(dropped.diagnostics.map((d) => d.ruleId)).toEqual(['html-stripped', 'link-unsafe'])
  })
  test('trust', () => {
    expect(post(text, {html: 'trust'}).html).toBe(
      '<h1 id="title">Title</h1>\n<p><b onclick="x()">bold</b> <a href="javascript:alert(1)">js</a></p>'
    )
  })
  test('idPrefix prefixes heading ids; footnote ids carry one prefix', () => {
    const parsed = post('# A\n\nNote[^1].\n\n[^1]: Text.\n', {idPrefix: 'p-'})
    expect(parsed.headings[0]?.id).toBe('p-a')
    expect(parsed.html).toContain('<h1 id="p-a">A</h1>')
    expect(parsed.html).toContain('id="user-content-fn-1"')
    expect(parsed.html).not.toContain('user-content-user-content')
  })
})

describe('raw HTML', () => {
  test('an unclosed comment that hides the rest of the post is reported', () => {
    const parsed = post('# T\n\nIntro.\n\n<!-- unclosed\n\n## Later\n\nText after.\n')
    expect(parsed.html).not.toContain('Later')
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['5:1 html-comment-unclosed'])
    expect(parsed.diagnostics[0]?.message).toContain('5 lines')
    expect(post('# T\n\n<!-- closed -->\n\nText.\n').diagnostics).toEqual([])
  })
})

describe('other entry points', () => {
  test('parseFrontmatter does not read the body', () => {
    const front = parseFrontmatter('---\ntitle: T\ntags: a b\n---\n\n# Heading\n\n[x][missing]\n')
    expect(front).toMatchObject({title: 'T', tags: ['a', 'b'], diagnostics: []})
    expect('headings' in front).toBe(false)
  })

  test('parseFrontmatter decodes bytes only as far as the front matter needs', async () => {
    const encoder = new TextEncoder()
    const front = '---\ntitle: T\n---\n'
    const body = `${'Text line.\n'.repeat(1000)}caf\xe9\n`
    const latin1 = new Uint8Array([...encoder.encode(front + body.slice(0, -3)), 0xe9, 0x0a])
    expect(parseFrontmatter(latin1)).toMatchObject({title: 'T', diagnostics: []})
    await expect(parsePost(latin1)).rejects.toMatchObject({ruleId: 'encoding-invalid', line: 1004})
    // An invalid byte inside the front matter is still found, at its line and column.
    const inFront = new Uint8Array([...encoder.encode('---\ntitle: caf'), 0xe9, ...encoder.encode(`\n---\n${body}`)])
    expect(() => parseFrontmatter(inFront)).toThrow(expect.objectContaining({ruleId: 'encoding-invalid', line: 2, column: 11}))
    // Front matter far longer than the first prefix, closed by `...` with a second block after it.
    const long = `---\n${Array.from({length: 3000}, (_, index) => `key${index}: value\n`).join('')}...\n---\nmore: x\n---\n${body}`
    const fromBytes = parseFrontmatter(encoder.encode(long), {strict: false})
    expect(fromBytes).toEqual(parseFrontmatter(long, {strict: false}))
    expect(fromBytes.diagnostics.map((d) => d.ruleId)).toContain('frontmatter-suspicious')
  })

  test('remarkPost attaches the Post without HTML to file.data.post', async () => {
    const file = await unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml', 'toml'])
      .use(remarkPost)
      .use(remarkRehype)
      .use(rehypeStringify)
      .process('---\ntitle: T\n---\n\n# One\n\n[a](/b)\n')
    const attached = file.data.post
    expect(attached).toMatchObject({title: 'T', slug: 't'})
    expect(attached?.links).toHaveLength(1)
    expect(attached?.html).toBeUndefined()
    expect(String(file)).toBe('<h1 id="one">One</h1>\n<p><a href="/b">a</a></p>')
  })

  test('renderDocument escapes metadata and links the canonical URL', () => {
    const parsed = post('---\ntitle: "<script>x</script>"\nlang: es\npermalink: /a/\ndescription: "A & B"\n---\n\nBody\n')
    const page = renderDocument(parsed, {baseUrl: 'https://x.org/blog'})
    expect(page).toContain('<html lang="es">')
    expect(page).toContain('<title>&#60;script&#62;x&#60;/script&#62;</title>')
    expect(page).toContain('<meta name="description" content="A &#38; B">')
    expect(page).toContain('<link rel="canonical" href="https://x.org/blog/a/">')
    expect(page).not.toContain('<script>')
  })

  test('URL-typed front matter fields pass the scheme allowlist, metadata keeps them as written', () => {
    const front = parseFrontmatter(
      '---\npermalink: "javascript:alert(1)"\nimage:\n  path: /img/cover.png\ncanonical: " JaVa\tscript:alert(2)"\nheader:\n  teaser: "data:text/html,x"\n---\n'
    )
    expect(front).toMatchObject({permalink: null, image: '/img/cover.png', canonical: null})
    expect(front.metadata.permalink).toBe('javascript:alert(1)')
    expect(front.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual([
      '2 metadata-url-unsafe',
      '5 metadata-url-unsafe',
      '7 metadata-url-unsafe'
    ])
    const safe = parseFrontmatter('---\nimages: [https://x.org/a.png, /b.png]\ncanonical_url: https://x.org/p/\n---\n')
    expect(safe).toMatchObject({image: 'https://x.org/a.png', canonical: 'https://x.org/p/', diagnostics: []})
    expect(parseFrontmatter('---\nheader:\n  image: /h.png\n---\n').image).toBe('/h.png')
  })

  test('renderDocument prefers canonical and never links a non-http canonical URL', () => {
    const parsed = post('---\ntitle: T\npermalink: /a/\ncanonical: https://elsewhere.org/a/\n---\n\nBody\n')
    expect(renderDocument(parsed, {baseUrl: 'https://x.org'})).toContain('<link rel="canonical" href="https://elsewhere.org/a/">')
    const forged = {...parsed, canonical: 'javascript:alert(1)'}
    expect(renderDocument(forged, {baseUrl: 'https://x.org'})).not.toContain('rel="canonical"')
  })

  test('trees are kept only when asked, and never serialized', () => {
    expect(post('x').tree).toBeUndefined()
    const kept = post('x', {trees: true})
    expect(kept.tree?.type).toBe('root')
    expect(kept.hast?.type).toBe('root')
    expect(Object.keys(JSON.parse(JSON.stringify(kept)))).not.toContain('tree')
  })

  test('the library never writes to the console', () => {
    const calls: unknown[] = []
    const saved = {log: console.log, warn: console.warn, error: console.error, emit: process.emitWarning}
    console.log = console.warn = console.error = (...args: unknown[]) => calls.push(args)
    process.emitWarning = ((...args: unknown[]) => calls.push(args)) as typeof process.emitWarning
    try {
      post('---\na: !!js/function "x"\nb: .inf\n---\n\n<script>x</script>{% x %}\n', {strict: false})
      post('---\n%YAML 1.1\n---\n', {strict: false})
    } finally {
      Object.assign(console, {log: saved.log, warn: saved.warn, error: saved.error})
      process.emitWarning = saved.emit
    }
    expect(calls).toEqual([])
  })
})
