/**
 * GFM with only the parts a document can use (src/gfm.ts) gives remark-gfm's trees: on every
 * corpus post, on the shapes where a trigger is easy to miss, and on generated documents built
 * from the characters the triggers look for. This test reads the sources, as it checks an
 * internal of the package.
 */
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {type Processor, unified} from 'unified'
import {describe, expect, test} from 'vitest'
import {allGfmParts, GfmPart, gfmParts, remarkGfmParts} from '../src/gfm.js'
import {remarkLinear} from '../src/linear.js'
import {corpusFiles, corpusPresent, decodeText} from './helpers/corpus.js'
import {expectSameTrees} from './helpers/trees.js'

const byParts = new Map<number, ReturnType<typeof partial>>()
// As mdpost's processor has them: remarkLinear too (its line endings merge text as literals are found).
const partial = (parts: number) =>
  unified()
    .use(remarkParse)
    .use(remarkLinear)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfmParts, parts)
    .use(remarkRehype)
    .freeze()

/** The text of a tree's text nodes, in order. */
function textOf(node: object): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  return 'children' in node && Array.isArray(node.children) ? node.children.map(textOf).join('') : ''
}

function same(text: string): void {
  const parts = gfmParts(text)
  const processor = byParts.get(parts) ?? partial(parts)
  byParts.set(parts, processor)
  expectSameTrees(processor as unknown as Processor, text)
}

const shapes: Record<string, [string, number]> = {
  'a table without pipes, colon first': ['a\n:-\n', GfmPart.table],
  'a table without pipes, colon last': ['a\n--:\n\nb\n', GfmPart.table],
  'a colon apart from the dash is no table': ['a\n: -\n', 0],
  'an email written with a character reference': ['x foo&#64;example.com y\n', GfmPart.autolink],
  'www. with an escaped dot': ['x www\\.example.com y\n', GfmPart.autolink],
  'http:// with an escaped slash': ['x HTTP:\\//example.com y\n', GfmPart.autolink],
  'an email': ['mail me@example.com\n', GfmPart.autolink | GfmPart.email],
  'a task with a tab': ['- [\t] a\n', GfmPart.taskListItem],
  'a task with a line ending': ['- [\n] a\n', GfmPart.taskListItem],
  'a task with CRLF': ['- [\r\n] a\r\n', GfmPart.taskListItem],
  'a checked task': ['* [X] done\n', GfmPart.taskListItem],
  'a footnote': ['a[^1]\n\n[^1]: b\n', GfmPart.footnote],
  strikethrough: ['~~a~~ ~b~\n', GfmPart.strikethrough],
  'candidates only in code and link text': ['`a@b.org` [http://c.org](/d) ![www.e.org](/f)\n', GfmPart.autolink | GfmPart.email],
  'a URL from a character reference': ['x http&#58;//example.com y\n', GfmPart.autolink],
  'literals on many lines, after brackets': [
    'a [b me@x.org\nc] www.x.org d\n[e](f) http://x.org\ng_h@x.org /i@x.org j.k@x.org.\n',
    GfmPart.autolink | GfmPart.email
  ],
  'none of them': ['# Title\n\nPlain *text* with [a link](/x "t") and `code`.\n', 0]
}

describe('GFM parts give remark-gfm trees', () => {
  for (const [name, [text, parts]] of Object.entries(shapes)) {
    test(name, () => {
      expect(gfmParts(text)).toBe(parts)
      same(text)
    })
  }

  test('a task check outside a list item stays text (remark-gfm loses it)', () => {
    // Found by the generated documents below (FC_SEED=2094047962): an empty item, then a paragraph.
    for (const text of ['*\n[\r\n] a', '*\n[x] a', '- *\n  [ ] a', '> -\n>\n> [X] b']) {
      const tree = partial(allGfmParts).parse(text)
      expect(JSON.stringify(tree)).not.toContain('"checked":true')
      expect(JSON.stringify(tree)).not.toContain('"checked":false')
      const check = text.match(/\[(?:\r\n|[^\]])\]/)?.[0] as string
      expect(textOf(tree)).toContain(`${check} `)
      same(text)
    }
    // Where it belongs, it is still a check.
    for (const [text, checked] of [
      ['- [x] a', true],
      ['-\n  [ ] a', false],
      ['1. [X] b\n2. c', true]
    ] as const) {
      const tree = partial(allGfmParts).parse(text)
      expect(JSON.stringify(tree)).toContain(`"checked":${checked}`)
      expect(textOf(tree)).not.toContain('[')
      same(text)
    }
  })

  test('every part, as remark-gfm', () => {
    same('| a | b |\n|:-|-:|\n| ~c~ | www.d.org |\n\n- [x] e@f.org[^1]\n\n[^1]: g\n')
    expect(gfmParts('| [^1] ~ @ [ ]')).toBe(allGfmParts)
  })

  test('generated documents around the triggers', () => {
    const piece = fc.constantFrom(
      'a',
      'www',
      'WWW',
      'http',
      'https',
      '.',
      ':',
      '/',
      '@',
      '&#64;',
      '&commat;',
      '&period;',
      '\\',
      '-',
      '|',
      '~',
      '[',
      ']',
      '^',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '- ',
      '* ',
      '1. ',
      '> ',
      'x',
      'X',
      'example',
      'org',
      '*',
      '_',
      '(',
      ')',
      '`',
      ':-',
      '-:',
      '- [',
      'a\n'
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 40}), (pieces) => same(pieces.join(''))),
      {numRuns: 3000}
    )
  })

  test.skipIf(!corpusPresent())('every corpus post, and how many leave parts out', () => {
    const without = {table: 0, email: 0, autolink: 0}
    for (const file of corpusFiles()) {
      const text = decodeText(readFileSync(file))
      same(text)
      const parts = gfmParts(text)
      if (!(parts & GfmPart.table)) without.table++
      if (!(parts & GfmPart.email)) without.email++
      if (!(parts & GfmPart.autolink)) without.autolink++
    }
    // Measured on the 698 posts: most have no table and no `@`; the gain depends on it.
    expect(without.table).toBeGreaterThan(400)
    expect(without.email).toBeGreaterThan(400)
    expect(without.autolink).toBeGreaterThan(50)
  })
})
