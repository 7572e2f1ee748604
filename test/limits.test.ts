/**
 * The inline work estimate (src/depth.ts) rejects the paragraph shapes on which micromark is
 * quadratic, and lets through large posts of ordinary shapes. Behaviour only: how long either
 * takes is measured by `npm run bench:scaling`.
 */
import {PostParseError, parsePostSync} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {fastTier} from './helpers/tier.js'

function ruleOf(text: string, gfm = true): string {
  try {
    parsePostSync(text, {gfm})
    return 'ok'
  } catch (error) {
    if (error instanceof PostParseError) return error.ruleId
    throw error
  }
}

describe('inline work estimate', () => {
  const rejected: Record<string, string> = {
    'emphasis closers': 'a_ '.repeat(8000),
    'mismatched emphasis': '*a_ '.repeat(4000),
    '`]` without `[`': 'a]'.repeat(12_000),
    '`](` without `)`': '[ (]('.repeat(5000),
    'backtick runs without a closer': '``\\'.repeat(6000),
    'unclosed links': '[a](<b'.repeat(5000),
    'a line that only starts like a link definition': `[x]: ${'*a_ '.repeat(4000)}`,
    'a paragraph that only starts like an HTML block': `<x =>\n${'*a_ '.repeat(4000)}`,
    'a paragraph after a tag name that does not end': `<div=\n${'*a_ '.repeat(4000)}`,
    'a paragraph after a line that is not a fence': `\`\`\`x\`\n${'*a_\n'.repeat(4000)}`,
    'a paragraph with an indented backtick line in it': `x\n        \`\`\`\n${'*a_\n'.repeat(4000)}`,
    'paragraphs after indented code that looks like a fence': `        \`\`\`\n\n${'*a_\n'.repeat(4000)}`,
    'paragraphs after a setext heading': `x\n---\n${'*a_\n'.repeat(4000)}`,
    'a paragraph whose delimiter row does not match its header': `a\n|---|---|\n${'*a_\n'.repeat(4000)}`
  }
  for (const [name, text] of Object.entries(rejected)) {
    test(`rejects ${name}`, () => expect(ruleOf(`# T\n\n${text}\n`)).toBe('input-too-complex'))
  }

  const accepted: Record<string, string> = {
    'many links in one paragraph': '[link](https://example.com/a) '.repeat(5000),
    'many code spans': '`x` '.repeat(20_000),
    'snake_case words': 'some_snake_case_name '.repeat(20_000),
    'a long table with emphasis': `| a | b |\n|---|---|\n${'| *x* | **y** |\n'.repeat(8000)}`,
    'a long list with emphasis': '- *item* and **more**\n'.repeat(8000),
    'emphasis in many paragraphs': '*a* **b** _c_\n\n'.repeat(8000),
    'many link definitions and references': `${Array.from({length: 30_000}, (_, index) => `[r${index}]: /url/${index}`).join('\n')}\n\n${Array.from({length: 30_000}, (_, index) => `[r${index}]`).join(' ')}`,
    'a long HTML table': `<table>\n${'<tr><td>some words here</td><td>and there</td></tr>\n'.repeat(20_000)}</table>`,
    'a fenced block in a list item, full of stars': `- item\n\n      \`\`\`c\n${'      int *p = *q;\n'.repeat(8000)}      \`\`\`\n`,
    'code blocks full of stars': `\`\`\`c\n${'int *p = *q;\n'.repeat(8000)}\`\`\`\n`
  }
  for (const [name, text] of Object.entries(accepted)) {
    // Large inputs: left out of `npm run test:fast`.
    test.skipIf(fastTier)(`accepts ${name}`, () => expect(ruleOf(`# T\n\n${text}\n`)).toBe('ok'))
  }

  test('a paragraph of 70,000 words is accepted with an `@` (GFM email literals), and one of failed constructs on every line', () => {
    // GFM's email literal was tried at every word and micromark merged each line's pieces with a
    // splice of the whole paragraph (quadratic): mdpost tries it only where one could start and
    // merges each line as it is read (src/gfm.ts, src/linear.ts; linear in bench:scaling).
    const paragraph = `# T\n\nMail me@example.org.\n\n${'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod\n'.repeat(6400)}`
    expect(ruleOf(paragraph)).toBe('ok')
    expect(ruleOf(`# T\n\n${'a & b ! c < d \\q e me@example.org www.example.org\n'.repeat(6400)}`)).toBe('ok')
  })

  test('the error is located at the paragraph', () => {
    try {
      parsePostSync(`---\ntitle: T\n---\n\nFine.\n\n${'a]'.repeat(12_000)}\n`, {path: 'p.md'})
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ruleId: 'input-too-complex', line: 7, column: 1})
      expect((error as Error).message).toMatch(/^p\.md:7:1: /)
    }
  })
})

describe('nesting pre-scan', () => {
  // Tags that never close, as a post about key bindings writes them: `<Leader>`, `<CR>`.
  const keys = Array.from({length: 150}, (_, index) => `nmap <Leader>${index} :Tab /=<CR>`)
  const accepted: Record<string, string> = {
    // A real Hugo post (a .vimrc in indented code) was refused as input-too-deep.
    'indented code after a paragraph': `Text.\n\n${keys.map((line) => `    ${line}`).join('\n')}\n`,
    'indented code with blank lines in it': `${keys.map((line) => `    ${line}\n\n`).join('')}`,
    'code spans on their lines': keys.map((line) => `Map \`${line}\` here.`).join('\n\n'),
    'fenced code': `\`\`\`vim\n${keys.join('\n')}\n\`\`\`\n`
  }
  for (const [name, text] of Object.entries(accepted)) {
    test(`accepts tags that do not nest: ${name}`, () => expect(ruleOf(`# T\n\n${text}`)).toBe('ok'))
  }

  const rejected: Record<string, string> = {
    'raw HTML in a paragraph': `a ${'<span>'.repeat(150)}x`,
    // An indented line continues an open paragraph: it is not code.
    'raw HTML on indented lines that continue a paragraph': `Text\n${'    <span>x\n'.repeat(150)}`,
    // Inside a list, an indented line may be the item's content.
    'raw HTML indented in a list item': `- item\n\n${'    <span>x\n'.repeat(150)}`,
    'raw HTML between code spans that do not close on their line': `\`a\n${'<span>'.repeat(150)}\nb\``,
    'a backtick inside a tag does not hide what follows': `<a title="\`">${'<span>'.repeat(150)}\``
  }
  for (const [name, text] of Object.entries(rejected)) {
    test(`rejects ${name}`, () => expect(ruleOf(`# T\n\n${text}\n`)).toBe('input-too-deep'))
  }
})
