/**
 * Invariants over generated posts (fast-check): a Post or a PostParseError only; positions
 * inside the input; top-level sections ordered and non-overlapping; every link and image
 * position covers source text with its URL; default-policy HTML passes rule I2.
 */
import fc from 'fast-check'
import {type ParsedPost, PostParseError, parseFrontmatter, parsePostSync} from 'mdpost'
import {htmlBlockNames, htmlRawNames} from 'micromark-util-html-tag-name'
import {expect, test} from 'vitest'
import {checkInvariants} from './helpers/invariants.js'
import {unsafeParts} from './helpers/safety.js'

const pieces = [
  '# Title\n',
  'Setext\n===\n',
  '## Sub {#id}\n',
  '- item\n',
  '1. one\n',
  '> quote\n',
  '```js\ncode\n```\n',
  '    indented\n',
  '[link](https://a.example "t")',
  '[ref][r]',
  '[r]: /ref\n',
  '![alt](/i.png)',
  '<https://auto.example>',
  'https://literal.example',
  '<a href="javascript:x()" onclick="y">a</a>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[js](javascript:alert(1))',
  '*em*',
  '**strong**',
  '_',
  '*',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '`',
  '\\',
  '&amp;',
  '&#0;',
  '\0',
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  ' ',
  '\t',
  '{% raw %}',
  '<!--more-->',
  '<!--',
  '-->',
  'text',
  'ñandú',
  '中文',
  '[^1]',
  '[^1]: note\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
  '---\n'
]
const frontmatters = [
  '',
  '---\ntitle: T\n---\n',
  '---\ntitle: [unclosed\n---\n',
  '+++\ntitle = "T"\n+++\n',
  '---\n',
  '---\ndate: 2018-02-30\n...\n'
]

const body = fc.array(fc.constantFrom(...pieces), {maxLength: 40}).map((list) => list.join(''))
const post = fc.tuple(fc.constantFrom(...frontmatters), fc.oneof(body, fc.string({maxLength: 200}))).map(([front, text]) => front + text)

function check(input: string, strict: boolean, options: {html?: 'sanitize' | 'trust'} = {}): void {
  let parsed: ParsedPost
  try {
    parsed = parsePostSync(input, {strict, ...options})
  } catch (error) {
    expect(error).toBeInstanceOf(PostParseError)
    return
  }
  checkInvariants(input, parsed)
  if (options.html !== 'trust') expect(unsafeParts(parsed.html)).toEqual([])
}

test('generated posts: a Post or a PostParseError, positions inside, safe HTML', () => {
  fc.assert(
    fc.property(post, fc.boolean(), (input, strict) => check(input, strict)),
    {numRuns: 2000}
  )
})

/**
 * Raw HTML tags from the HTML spec's lists (micromark's block and raw names, raw-text elements,
 * table parts), open or closed, indented or in containers, beside footnotes, literal autolinks,
 * tables and lists: the mixes that re-parsing turns into nodes without positions.
 */
test('raw HTML tags mixed with footnotes, autolinks, tables and lists', () => {
  const names = [
    ...htmlBlockNames,
    ...htmlRawNames,
    'textarea',
    'title',
    'xmp',
    'noembed',
    'noframes',
    'noscript',
    'plaintext',
    'iframe',
    'a',
    'img',
    'td',
    'input'
  ]
  const tag = fc
    .tuple(
      fc.constantFrom(...names),
      fc.constantFrom('<', '</'),
      fc.constantFrom('>', ' href="https://a.example/x">', ' src="/i.png">', '')
    )
    .map(([name, open, close]) => `${open}${name}${close}`)
  const other = fc.constantFrom(
    '[^1]',
    '[^1]: note\n',
    'www.example.com',
    'x@y.example',
    'https://a.example',
    '| a | b |\n|---|---|\n| 1 | 2 |\n',
    '- item\n',
    '> ',
    '\n\n',
    '\n',
    ' ',
    '   ',
    'text',
    '# Head\n',
    '<!-->',
    '<!--',
    '-->'
  )
  const body = fc.array(fc.oneof(tag, other), {maxLength: 30}).map((list) => list.join(''))
  fc.assert(
    fc.property(body, fc.constantFrom<'sanitize' | 'trust'>('sanitize', 'trust'), (input, html) => check(input, false, {html})),
    {numRuns: 2000}
  )
})

test('any string', () => {
  fc.assert(
    fc.property(fc.string({unit: 'binary', maxLength: 300}), (input) => check(input, false)),
    {numRuns: 2000}
  )
})

/**
 * parseFrontmatter decodes bytes in growing prefixes cut at line feeds (2 KiB, 8 KiB…): front
 * matter, closers, near misses and a second block placed around those cuts read the same from
 * bytes as from the whole string.
 */
test('parseFrontmatter reads the same from bytes as from the whole text, wherever the prefix is cut', () => {
  const encoder = new TextEncoder()
  const line = fc.constantFrom('key: value\n', 'ñandú: 中文\n', 'list:\n  - a\n', '# comment\n', '\n', 'x: [unclosed\n', 'd: 2018-02-30\n')
  const closer = fc.constantFrom('---\n', '...\n', '---   \r\n', '+++\n', '')
  const after = fc.constantFrom('', '---\nmore: x\n---\n', '\n', '\r')
  const opener = fc.constantFrom('---\n', '+++\n', '----\n', '   ---\n', '{\n', '\n\n---\nkey: v\n', '\n'.repeat(2100), '')
  // A comment line pads the front matter so that its closer lands within 80 bytes of a cut.
  const near = fc.tuple(fc.constantFrom(2048, 8192), fc.integer({min: -80, max: 80})).map(([cut, delta]) => cut + delta)
  const input = fc
    .tuple(opener, fc.array(line, {maxLength: 150}), near, closer, after, fc.integer({min: 0, max: 9000}))
    .map(([open, lines, at, close, rest, pad]) => {
      const start = `${open}${lines.join('')}`
      const filler = Math.max(0, at - encoder.encode(start).length - 3)
      return `${start}#${'c'.repeat(filler)}\n${close}${rest}${'b'.repeat(pad)}\nend\n`
    })
  const read = (value: string | Uint8Array) => {
    try {
      return parseFrontmatter(value, {strict: false})
    } catch (error) {
      return String(error)
    }
  }
  fc.assert(
    fc.property(input, (text) => {
      expect(read(encoder.encode(text))).toEqual(read(text))
    }),
    {numRuns: 1000}
  )
})
