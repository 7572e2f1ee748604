#!/usr/bin/env node
/**
 * `node bench/floor.js [every]`: what a unified-based post parser cannot go under. On the corpus
 * (one post in `every`, default 2), alternating, 5 rounds, medians, as ratios to the bare
 * pipeline: the bare pipeline, its parse alone (remark-parse + remark-frontmatter + remark-gfm),
 * mdpost's parse alone (GFM by parts, remarkLinear), parsePost, and @nuxtjs/mdc's parseMarkdown.
 * It backs the note on the 1.5× goal against mdc in bench/NOTES.md.
 */
import {parseMarkdown} from '@nuxtjs/mdc/runtime'
import {parsePost, remarkLinear} from 'mdpost'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {gfmParts, remarkGfmParts} from '../dist/gfm.js'
import {bare} from './pipelines.js'
import {loadPosts} from './posts.js'

const every = Number(process.argv[2] ?? 2)
const {source, files} = loadPosts(every)
const texts = files.map((file) => new TextDecoder().decode(file.bytes))
const stock = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze()
const byParts = new Map()
const ours = (text) => {
  const parts = gfmParts(text)
  const processor =
    byParts.get(parts) ??
    unified().use(remarkParse).use(remarkLinear).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfmParts, parts).freeze()
  byParts.set(parts, processor)
  return processor.parse(text)
}
const quiet = async (work) => {
  try {
    await work()
  } catch {
    // Broken posts fail in every candidate alike; the floor is about the others.
  }
}

const candidates = {
  'bare unified': async () => {
    for (const text of texts) await bare.process(text)
  },
  'parse alone: remark-parse + frontmatter + remark-gfm': async () => {
    for (const text of texts) stock.parse(text)
  },
  "parse alone: mdpost's (GFM by parts, remarkLinear)": async () => {
    for (const text of texts) ours(text)
  },
  'mdpost parsePost': async () => {
    for (const file of files) await quiet(() => parsePost(file.bytes, {path: file.path}))
  },
  '@nuxtjs/mdc parseMarkdown': async () => {
    for (const text of texts) await quiet(() => parseMarkdown(text))
  }
}

const times = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]))
for (const run of Object.values(candidates)) await run()
for (let round = 0; round < 5; round++) {
  for (const [name, run] of Object.entries(candidates)) {
    const start = performance.now()
    await run()
    times[name].push(performance.now() - start)
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[2]
const base = median(times['bare unified'])
console.log(`${source}: ${files.length} posts, 5 rounds, median, ratio to the bare pipeline`)
for (const [name, values] of Object.entries(times))
  console.log(`${(median(values) / base).toFixed(3)}  ${Math.round(median(values))} ms  ${name}`)
