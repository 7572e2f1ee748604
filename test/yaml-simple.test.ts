/**
 * The fast path for simple YAML front matter (src/yaml-simple.ts) must give what yaml gives, or
 * step aside: compared on every corpus post's front matter and on generated blocks. This test
 * reads the sources, as it checks an internal of the package.
 */
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {Reporter} from '../src/diagnostics.js'
import {type FrontmatterBlock, findFrontmatter, parseYaml} from '../src/frontmatter.js'
import {parseSimpleYaml} from '../src/yaml-simple.js'
import {corpusFiles, corpusPresent, decodeText} from './helpers/corpus.js'

function block(raw: string): FrontmatterBlock {
  return {format: 'yaml', raw, start: 0, contentStart: 4, end: raw.length + 8, closeAt: raw.length + 5, closer: '---'}
}

/** yaml's answer as mdpost sees it (JSON data), or undefined when yaml reports anything. */
function slow(raw: string): unknown {
  const report = new Reporter(() => ({}) as never, false, null)
  const data = parseYaml(block(raw), report)
  if (report.sorted().length > 0 || (data !== null && typeof data !== 'object')) return undefined
  return JSON.parse(JSON.stringify(data ?? {}, (_, value) => (typeof value === 'bigint' ? Number(value) : value)))
}

function agree(raw: string): boolean {
  const fast = parseSimpleYaml(raw)
  if (fast === undefined) return false
  expect(JSON.parse(JSON.stringify(fast)), raw).toEqual(slow(raw))
  return true
}

describe('simple YAML fast path', () => {
  test('written cases', () => {
    const taken = [
      'title: Hello\ndate: 2018-03-03\ntags: [a, b, 3]\n',
      "title: \"Quoted: yes # not a comment\"\nname: 'it''s'\n",
      'draft: true\nnothing: ~\ncount: -12\nratio: .5\nbig: 1e3\nzero: -0\nplus: +7\n',
      'tags:\n- one\n- two # comment\ncategories:\n  - x\n  - 2\nempty:\n# only a comment\nlast: [ ]\n',
      'url: https://example.com/a#b\ntime: 2021-11-07T23:30:00-05:00\nwords: yes no on off\n',
      '__proto__: x\nconstructor: y\n',
      'a:\n  b: 1\n  c: [x, y]\nd: e\n',
      'author:\n  name: Jane\n  links:\n    - https://x.org\n    - /about\nheader:\n  image: /i.png\n  teaser: t.png\n',
      'a:\n  b:\n  - x\n  c: 1\n',
      'a:\n  # comment\n  b: 1\n\nc: 2\n',
      'a:\n    deep:\n        deeper: x\n    back: y\nz: ~\n',
      'a: |\n  text\n  more\nb: 1\n',
      'a: >\n  one\n  two\n\n  three\nb: 2\n',
      'description: >-\n  Folded, like the Korean blog’s\n  descriptions.\ntitle: x\n',
      'a: |-\n  x\n\n    indented\n  y\n',
      'a: |\n\n  after a blank line\n',
      'translations:\n  - lang: en\n    url: /x\n  - lang: pt\n    url: /y\nz: 1\n',
      'list:\n- k: v\n  j: [a, b]\n- plain\n',
      'date : 2022-12-03\ntitle  : x\n',
      'authors:\n  - name: A\n    links:\n      - /a\n'
    ]
    for (const raw of taken) expect(agree(raw), raw).toBe(true)
    const declined = [
      'a: |+\n  text\n\n',
      'a: |2\n    text\n',
      'a: >\n  a\n    more\n',
      'a: |\n    x\n  y\n',
      'a: |\n  x\n   \n  y\n',
      'a: |\nb: 1\n',
      'a:\n  b: 1\n   c: 2\n',
      'a:\n    b: 1\n  c: 2\n',
      'a:\n  b: 1\n  b: 2\n',
      'a:\n  - x\n  b: 1\n',
      'a:\n  b: 1\n  continued line\n',
      'a:\n  - name: x\n     bad: y\n',
      ' a: 1\nb: 2\n',
      'a: &x 1\nb: *x\n',
      'a: !tag x\n',
      'a: "esc\\n"\n',
      'a: 0x1F\n',
      'a: .inf\n',
      'a: 123456789012345678901\n',
      'a: 1\na: 2\n',
      'a: b: c\n',
      'a: plain\n  continued\n',
      'a: [x, [y]]\n',
      'a:\n- x\n  - y\n',
      'a:\tb\n',
      'null: x\n',
      'true: x\n',
      `${'k'.repeat(1100)}: x\n`
    ]
    for (const raw of declined) expect(parseSimpleYaml(raw), raw).toBeUndefined()
  })

  test.skipIf(!corpusPresent())('every corpus post: the same data as yaml, or yaml decides', () => {
    let taken = 0
    let yamlBlocks = 0
    for (const file of corpusFiles()) {
      const text = decodeText(readFileSync(file))
      const found = findFrontmatter(text, new Reporter(() => ({}) as never, false, null))
      if (!found || found === 'unclosed' || found.format !== 'yaml') continue
      yamlBlocks++
      if (agree(found.raw)) taken++
    }
    // Most real front matter is simple (510 of 527 blocks when written): the fast path must serve it.
    expect(taken / yamlBlocks).toBeGreaterThan(0.95)
  })

  test('generated blocks', () => {
    const key = fc.constantFrom('title', 'date', 'tags', 'a_b', 'x-y', 'draft', 'n')
    const plain = fc.constantFrom(
      'hello',
      'Hello world',
      '2018-03-03',
      '12',
      '-3',
      '1.5',
      '1e5',
      'true',
      'False',
      'null',
      '~',
      'yes',
      'a#b',
      'a: b',
      'x #c',
      '-x',
      '0o7',
      '.nan',
      "it's",
      'a,b',
      '[x]'
    )
    const quoted = fc.constantFrom('"q"', '"a: b"', "'s''q'", '"e\\"x"', "'#'")
    const value = fc.oneof(
      plain,
      quoted,
      fc.array(fc.oneof(plain, quoted), {maxLength: 4}).map((items) => `[${items.join(', ')}]`),
      fc.array(plain, {minLength: 1, maxLength: 3}).map((items) => `\n${items.map((item) => `  - ${item}`).join('\n')}`)
    )
    const entry = (indent: string) =>
      fc.tuple(key, value).map(([k, v]) => `${k}:${v.startsWith('\n') ? v.replaceAll('\n', `\n${indent}`) : ` ${v}`}`)
    // Nested mappings, two levels deep, indented by 2 or 4 (sometimes unevenly: yaml decides then).
    const nested = fc
      .tuple(fc.constantFrom('  ', '    ', ' '), fc.array(entry('    '), {minLength: 1, maxLength: 3}), fc.option(entry('      ')))
      .map(([indent, entries, deeper]) => {
        const body = entries.map((text) => `${indent}${text}`)
        if (deeper) body.push(`${indent}sub:`, `${indent}  ${deeper}`)
        return `\n${body.join('\n')}`
      })
    const line = fc.tuple(key, fc.oneof(value, nested)).map(([k, v]) => `${k}:${v.startsWith('\n') ? '' : ' '}${v}`)
    let takenNested = 0
    fc.assert(
      fc.property(fc.array(line, {maxLength: 6}), (lines) => {
        const raw = `${lines.join('\n')}\n`
        if (parseSimpleYaml(raw) === undefined) return
        agree(raw)
        if (/^ +[\w-]+:/m.test(raw)) takenNested++
      }),
      {numRuns: 3000}
    )
    // The property is not vacuous: the fast path took (and agreed on) nested mappings.
    expect(takenNested).toBeGreaterThan(40) // 87 to over 100 in runs of 3,000
  })

  test('generated block scalars, lists of mappings and spaced keys', () => {
    const word = fc.constantFrom('one', 'two words', 'x: y', '# not a comment', '- dash', '"q"', "'s'", 'end.', '   indented', '')
    const scalarBlock = fc
      .tuple(fc.constantFrom('|', '>', '|-', '>-', '|+', '>+'), fc.constantFrom('  ', '    '), fc.array(word, {minLength: 1, maxLength: 5}))
      .map(([header, indent, lines]) => ` ${header}\n${lines.map((line) => (line === '' ? '' : indent + line)).join('\n')}`)
    const pair = fc.tuple(
      fc.constantFrom('lang', 'url', 'name', 'k'),
      fc.constantFrom('en', '/x', 'https://a.example', '1', 'true', '[a, b]')
    )
    const mappings = fc
      .tuple(fc.constantFrom('', '  '), fc.array(fc.array(pair, {minLength: 1, maxLength: 3}), {minLength: 1, maxLength: 3}))
      .map(
        ([indent, items]) =>
          `\n${items.map((pairs) => pairs.map(([k, v], index) => `${indent}${index === 0 ? '- ' : '  '}${k}: ${v}`).join('\n')).join('\n')}`
      )
    const spaced = fc
      .tuple(fc.constantFrom(' ', '  '), fc.constantFrom('x', '2022-12-03', '[a]'))
      .map(([space, value]) => `${space}: ${value}`)
    const line = fc
      .tuple(fc.constantFrom('title', 'description', 'translations', 'date', 'n'), fc.oneof(scalarBlock, mappings, spaced))
      .map(([key, rest]) =>
        rest.startsWith(' ') && !rest.startsWith(' :') && !rest.startsWith('  :')
          ? `${key}:${rest}`
          : `${key}${rest.startsWith('\n') ? ':' : ''}${rest}`
      )
    const counts = {block: 0, mappings: 0, spaced: 0}
    fc.assert(
      fc.property(fc.array(line, {maxLength: 5}), fc.boolean(), (lines, newline) => {
        const raw = `${lines.join('\n')}${newline ? '\n' : ''}`
        if (!agree(raw)) return
        if (/: [|>]/.test(raw)) counts.block++
        if (/^ *- \w+:/m.test(raw)) counts.mappings++
        if (/^\w+ +:/m.test(raw)) counts.spaced++
      }),
      {numRuns: 3000}
    )
    // Not vacuous: each shape was taken (and agreed on) many times.
    expect(counts.block).toBeGreaterThan(100)
    expect(counts.mappings).toBeGreaterThan(100)
    expect(counts.spaced).toBeGreaterThan(100)
  })
})
