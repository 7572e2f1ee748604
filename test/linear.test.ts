/**
 * mdpost's linear setext resolver, definition lookup and `listItem` handler give exactly the
 * trees of the originals: on every corpus post, on shapes written for the edge cases, and on
 * generated inputs. (That they are linear is measured by `npm run bench:scaling`, not here.)
 */
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {linearHandlers, remarkLinear} from 'mdpost'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {type Processor, unified} from 'unified'
import {describe, test} from 'vitest'
import {corpusFiles, corpusPresent, decodeText} from './helpers/corpus.js'
import {expectSameTrees} from './helpers/trees.js'

const linear = unified()
  .use(remarkParse)
  .use(remarkLinear)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkGfm)
  .use(remarkRehype, {handlers: linearHandlers})
  .freeze()

const same = (text: string) => expectSameTrees(linear as unknown as Processor, text)

const shapes: Record<string, string> = {
  'setext after definitions': '[a]: /a\n[b]: /b "t"\nHeading\n=======\n\n[a] [b]\n',
  'setext, definitions only': '[a]: /a\n===\n',
  'setext over two lines': 'Two\nlines\n---\n\nText\n',
  'setext in a list and a quote': '- Item\n  ---\n\n> Quote\n> ===\n',
  'setext lazy line': '> a\nb\n===\n',
  'tight, loose and nested lists': '- a\n- b\n\n- c\n\n1. x\n   - y\n   - z\n2. w\n\n- [ ] task\n- [x] done\n',
  'a list with a spread item': '- a\n\n  b\n- c\n',
  'references to later definitions': '[x][later] [later]\n\n[later]: /l\n',
  'case-folded labels': '[ẞ][] [SS]\n\n[ss]: /s\n',
  'text cut by failed constructs on every line': 'a & b ! c < d \\q e\nf & g ! h < i\nj `k\n',
  'unmatched emphasis, brackets and tildes on every line': 'a * b _ c [ d ] e ~ f\ng ** h __ i ]] j\n*k* [l] m\n',
  'runs of text at a hard break and in a link': 'a & b  \nc & d\\\ne [f & g\nh ! i](/j) k\n',
  'a line of only a failed construct': 'a\n&\n!\n<\nb\n'
}

describe('linear replacements give the original trees', () => {
  for (const [name, text] of Object.entries(shapes)) test(name, () => same(text))

  test('generated mixes of headings, definitions, references and lists', () => {
    const piece = fc.constantFrom(
      'Title\n',
      '===\n',
      '---\n',
      '[a]: /a\n',
      '[b]: </b> "t"\n',
      '[a] ',
      '[c][b]\n',
      '- x\n',
      '  - y\n',
      '1. z\n',
      '\n',
      '> ',
      'text '
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 30}), (pieces) => same(pieces.join(''))),
      {numRuns: 1000}
    )
  })

  test('generated paragraphs of text cut into runs', () => {
    const piece = fc.constantFrom(
      'a ',
      'b',
      '&',
      '& ',
      '&amp;',
      '!',
      '![',
      '<',
      '< ',
      '<b>',
      '\\q',
      '\\*',
      '*',
      '_',
      '**',
      '[',
      ']',
      '](/u)',
      '~',
      '~~',
      '`',
      '@',
      'me@x.org',
      'www.x.org',
      'http://x.org',
      ' ',
      '  \n',
      '\\\n',
      '\n',
      '\n\n',
      '> ',
      'é'
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 40}), (pieces) => same(pieces.join(''))),
      {numRuns: 1000}
    )
  })

  test.skipIf(!corpusPresent())('every corpus post', () => {
    for (const file of corpusFiles()) same(decodeText(readFileSync(file)))
  })
})
