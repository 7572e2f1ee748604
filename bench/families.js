/**
 * Input families for the scaling benchmark: every generated family of
 * ../shared/adversarial/generate.mjs (when it is there) plus mdpost's own, which cover the shapes
 * issue 4 names and real text: setext against ATX headings, front matter with many keys, and
 * the sample post repeated.
 */
import {existsSync, readFileSync} from 'node:fs'

const generator = new URL('../../shared/adversarial/generate.mjs', import.meta.url)
const sample = readFileSync(new URL('../fixtures/pycon-2018.md', import.meta.url), 'utf8')
const sampleBody = sample.slice(sample.indexOf('\n---', 3) + 4)
const fm = (title) => `---\ntitle: ${JSON.stringify(title)}\n---\n\n`

/** @type {Record<string, {n: number, make: (n: number) => string, origin?: string}>} */
const own = {
  'setext-headings': {
    n: 40000,
    origin: 'mdpost: the sample post’s heading kind',
    make: (n) => fm('setext') + 'Heading\n=======\n\nText.\n\n'.repeat(n)
  },
  'atx-headings': {n: 40000, origin: 'mdpost: the same count of ATX headings', make: (n) => fm('atx') + '# Heading\n\nText.\n\n'.repeat(n)},
  'tight-list': {n: 100000, origin: 'mdpost: an ordinary list', make: (n) => fm('list') + '- a\n'.repeat(n)},
  'frontmatter-many-keys': {
    n: 50000,
    origin: 'mdpost: front matter with many keys',
    make: (n) => `---\n${Array.from({length: n}, (_, index) => `key${index}: value`).join('\n')}\n---\n\nBody.\n`
  },
  'cjk-paragraph': {
    n: 1000000,
    origin: 'mdpost: one Chinese paragraph without spaces (word counting)',
    make: (n) => `${fm('中文')}${'中文文本没有空格'.repeat(Math.ceil(n / 8))}\n`
  },
  'gfm-table-rows': {
    n: 100000,
    origin: 'mdpost: one GFM table with many rows',
    make: (n) => `${fm('table')}| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(n)}`
  },
  'many-footnotes': {
    n: 50000,
    origin: 'mdpost: many footnote references and definitions',
    make: (n) => {
      const parts = [fm('footnotes')]
      for (let index = 0; index < n; index++) parts.push(`Text[^${index}].\n\n`)
      for (let index = 0; index < n; index++) parts.push(`[^${index}]: Note ${index}.\n`)
      return parts.join('')
    }
  },
  'paragraph-email-literal': {
    n: 200000,
    origin: 'mdpost: one soft-wrapped paragraph in a post with an `@` (GFM email literals; issue 14 item 9)',
    make: (n) =>
      `${fm('email')}Mail me@example.org.\n\n${'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod\n'.repeat(Math.ceil(n / 10))}`
  },
  'paragraph-failed-constructs': {
    n: 200000,
    origin: 'mdpost: one paragraph where constructs fail on every line (`&`, `!`, `<`, `\\`), with literals',
    make: (n) => `${fm('failed')}${'a & b ! c < d \\q e me@example.org www.example.org\n'.repeat(Math.ceil(n / 10))}`
  },
  'random-bytes': {
    n: 3000000,
    origin: 'mdpost: seeded random bytes, decoded as UTF-8 with U+FFFD for what is not (a binary file named .md; issue 14 item 3)',
    make: (n) => {
      let seed = 20261127
      const bytes = new Uint8Array(n)
      for (let index = 0; index < n; index++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        bytes[index] = seed & 0xff
      }
      return new TextDecoder().decode(bytes)
    }
  },
  'sample-post-repeated': {n: 1000, origin: 'mdpost: fixtures/pycon-2018.md body repeated', make: (n) => sample + sampleBody.repeat(n - 1)}
}

export async function loadFamilies() {
  if (!existsSync(generator)) return {families: own, generated: false}
  const {families} = await import(generator.href)
  return {families: {...own, ...families}, generated: true}
}
