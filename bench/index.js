#!/usr/bin/env node
/**
 * mdpost against the bare and the safe unified pipelines and against gray-matter + markdown-it,
 * on ../shared/corpus, in one process: candidates alternate round by round after a warm-up,
 * and the report gives medians and ratios to the bare pipeline (absolute times drift on shared
 * machines). `--quick` runs fewer rounds. Writes bench/results.json and bench/results.md.
 */
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import matter from 'gray-matter'
import MarkdownIt from 'markdown-it'
import {parseFrontmatter, parsePost} from 'mdpost'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'

const quick = process.argv.includes('--quick')
const rounds = quick ? 3 : 7
const corpus = new URL('../../shared/corpus/', import.meta.url).pathname
const files = []
const walk = (folder) => {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (name !== 'SOURCES.tsv') files.push({path, bytes: readFileSync(path)})
  }
}
walk(corpus)
const texts = files.map((file) => file.bytes.toString('utf8'))
const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0)

const bare = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkRehype).use(rehypeStringify)
const safe = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkGfm)
  .use(remarkRehype, {allowDangerousHtml: true})
  .use(rehypeRaw)
  .use(rehypeSanitize)
  .use(rehypeStringify)
const markdownIt = new MarkdownIt({html: true, linkify: true})

const candidates = {
  'bare unified': async () => {
    for (const text of texts) bare.processSync(text)
  },
  'safe unified (+ rehype-raw + rehype-sanitize)': async () => {
    for (const text of texts) safe.processSync(text)
  },
  'mdpost parsePost (every field)': async () => {
    for (const file of files) {
      try {
        await parsePost(file.bytes, {path: file.path})
      } catch {}
    }
  },
  'gray-matter + markdown-it': async () => {
    for (const text of texts) {
      try {
        markdownIt.render(matter(text, {}).content)
      } catch {}
    }
  },
  'mdpost parseFrontmatter': async () => {
    for (const file of files) {
      try {
        parseFrontmatter(file.bytes, {path: file.path})
      } catch {}
    }
  },
  'gray-matter alone': async () => {
    for (const text of texts) {
      try {
        // A fresh options object each time: gray-matter caches by content otherwise.
        matter(text, {})
      } catch {}
    }
  }
}

const times = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]))
for (const run of Object.values(candidates)) await run()
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(candidates)) {
    const start = performance.now()
    await run()
    times[name].push(performance.now() - start)
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const base = median(times['bare unified'])
const rows = Object.entries(times).map(([name, values]) => {
  const ms = median(values)
  return {
    name,
    medianMs: Math.round(ms),
    ratioToBare: Number((ms / base).toFixed(3)),
    mbPerSecond: Number((totalBytes / 1e6 / (ms / 1000)).toFixed(2))
  }
})
const byName = Object.fromEntries(rows.map((row) => [row.name, row]))
const goals = {
  'parsePost / safe unified': Number(
    (byName['mdpost parsePost (every field)'].medianMs / byName['safe unified (+ rehype-raw + rehype-sanitize)'].medianMs).toFixed(3)
  ),
  'parsePost / parseFrontmatter': Number(
    (byName['mdpost parsePost (every field)'].medianMs / byName['mdpost parseFrontmatter'].medianMs).toFixed(1)
  ),
  'parseFrontmatter / gray-matter': Number((byName['mdpost parseFrontmatter'].medianMs / byName['gray-matter alone'].medianMs).toFixed(3))
}
const result = {date: new Date().toISOString(), node: process.version, files: files.length, bytes: totalBytes, rounds, rows, goals}
writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`)
const table = [
  `Corpus: ${files.length} posts, ${(totalBytes / 1e6).toFixed(2)} MB, ${rounds} rounds, median, Node ${process.version}`,
  '',
  '| pipeline | median ms | ratio to bare | MB/s |',
  '|---|---:|---:|---:|',
  ...rows.map((row) => `| ${row.name} | ${row.medianMs} | ${row.ratioToBare} | ${row.mbPerSecond} |`),
  '',
  ...Object.entries(goals).map(([name, value]) => `- ${name}: ${value}`)
].join('\n')
writeFileSync(new URL('results.md', import.meta.url), `${table}\n`)
console.log(table)
