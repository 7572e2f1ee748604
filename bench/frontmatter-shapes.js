/**
 * parseFrontmatter against gray-matter on generated front matter of each YAML shape blogs use
 * (issue 11): plain scalars, nested mappings, flow and block lists, folded and literal block
 * scalars, lists of mappings, keys with a space before the colon, and one shape only yaml reads
 * (anchors) for reference. Each shape is 1,000 posts of its kind as bytes; the two candidates
 * alternate, and the median of the rounds is kept.
 */
import matter from 'gray-matter'
import {parseFrontmatter} from 'mdpost'

const count = 1000
const body = '\n# Post\n\nSome text of the post, which parseFrontmatter does not read.\n'

/** @type {Record<string, (index: number) => string>} */
const shapes = {
  scalars: (i) =>
    `title: Post ${i}\ndate: 2021-03-${String((i % 28) + 1).padStart(2, '0')}\ndraft: false\nauthor: "Ana ${i}"\nweight: ${i}\n`,
  'nested mappings': (i) =>
    `title: Post ${i}\nauthor:\n  name: Ana\n  url: https://a.example/${i}\nheader:\n  image: /img/${i}.png\n  teaser: t.png\n`,
  'flow lists': (i) => `title: Post ${i}\ntags: [python, web, "tag ${i}"]\ncategories: [blog]\n`,
  'block lists': (i) => `title: Post ${i}\ntags:\n  - python\n  - web\n  - t${i}\ncategories:\n- blog\n`,
  'folded description (>-)': (i) =>
    `title: Post ${i}\ndescription: >-\n  A folded description of post ${i},\n  written over several lines as a\n  Korean .mdx blog writes them.\ndate: 2022-12-03\n`,
  'literal block (|)': (i) => `title: Post ${i}\nsummary: |\n  First line of ${i}.\n  Second line.\n\n  A paragraph.\n`,
  'lists of mappings': (i) =>
    `title: Post ${i}\ntranslations:\n  - lang: en\n    url: /en/${i}/\n  - lang: pt\n    url: /pt/${i}/\nauthors:\n- name: Ana\n  email: a@b.example\n`,
  'spaced keys (key : value)': (i) => `title : Post ${i}\ndate : 2022-12-03\nlayout : post\n`,
  'anchors (yaml only)': (i) => `base: &b\n  name: Ana ${i}\nauthor: *b\ntitle: Post ${i}\n`
}

export function measureFrontmatterShapes(rounds) {
  const encoder = new TextEncoder()
  const rows = []
  for (const [shape, make] of Object.entries(shapes)) {
    const inputs = Array.from({length: count}, (_, index) => encoder.encode(`---\n${make(index)}---\n${body}`))
    const run = {
      mdpost: () => {
        for (const bytes of inputs) parseFrontmatter(bytes)
      },
      gray: () => {
        // An options object each time: without one, gray-matter caches by content.
        for (const bytes of inputs) matter(Buffer.from(bytes), {})
      }
    }
    const spent = {mdpost: [], gray: []}
    run.mdpost()
    run.gray()
    for (let round = 0; round < rounds; round++) {
      for (const name of ['mdpost', 'gray']) {
        const start = performance.now()
        run[name]()
        spent[name].push(performance.now() - start)
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
    const mdpostMs = median(spent.mdpost)
    const grayMs = median(spent.gray)
    rows.push({
      shape,
      posts: count,
      mdpostMs: Number(mdpostMs.toFixed(1)),
      grayMs: Number(grayMs.toFixed(1)),
      ratio: Number((mdpostMs / grayMs).toFixed(3))
    })
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measureFrontmatterShapes(process.argv.includes('--quick') ? 3 : 7)
  for (const row of rows) console.log(`${row.shape.padEnd(28)} mdpost ${row.mdpostMs} ms  gray-matter ${row.grayMs} ms  ratio ${row.ratio}`)
}
