#!/usr/bin/env node
/**
 * `npm run bench`: mdpost against the bare and the safe unified pipelines and against peer
 * libraries, on ../shared/corpus (or generated posts without it), in one process: after a
 * warm-up, the candidates alternate round by round (A B C … A B C …) and the report gives
 * medians and ratios to the bare pipeline, since absolute times drift on shared machines.
 * Memory is measured in fresh processes (bench/memory-run.js) on the largest post and on a
 * generated 5 MB post. `--quick` reads one post in eight, runs three rounds (two for many posts) and
 * measures memory on a 1 MB post: under a minute. Writes bench/results.json, bench/results.md and bench/results.svg.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseFrontmatter as astroFrontmatter, createMarkdownProcessor} from '@astrojs/markdown-remark'
import {parseMarkdown as mdcParse} from '@nuxtjs/mdc/runtime'
import matter from 'gray-matter'
import MarkdownIt from 'markdown-it'
import {parseFrontmatter, parsePost} from 'mdpost'
import {PostPool, parseFiles} from 'mdpost/node'
import {measureFrontmatterShapes} from './frontmatter-shapes.js'
import {bare, safe} from './pipelines.js'
import {loadPosts} from './posts.js'

const quick = process.argv.includes('--quick')
const rounds = quick ? 3 : 5
// Many posts cost a pool of workers per run: fewer rounds.
const collectionRounds = quick ? 2 : 3
const {source, files} = loadPosts(quick ? 8 : 1)
// The generated post for memory: 5 MB, or 1 MB with `--quick`.
const largeBytes = quick ? 1_000_000 : 5_000_000
const texts = files.map((file) => file.bytes.toString('utf8'))
const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0)

const markdownIt = new MarkdownIt({html: true, linkify: true})
const astro = await createMarkdownProcessor()

/** Peers may reject a broken post; the failures are counted, not hidden. */
const failures = {}
const guard = async (name, work) => {
  try {
    await work()
  } catch {
    failures[name] = (failures[name] ?? 0) + 1
  }
}

const names = {
  bare: 'bare unified',
  safe: 'safe unified (+ rehype-raw + rehype-sanitize)',
  mdpost: 'mdpost parsePost (every field)',
  astro: '@astrojs/markdown-remark (parseFrontmatter + render)',
  mdc: '@nuxtjs/mdc parseMarkdown',
  markdownIt: 'gray-matter + markdown-it',
  front: 'mdpost parseFrontmatter',
  gray: 'gray-matter alone'
}

const candidates = {
  [names.bare]: async () => {
    for (const text of texts) await guard(names.bare, () => bare.process(text))
  },
  [names.safe]: async () => {
    for (const text of texts) await guard(names.safe, () => safe.process(text))
  },
  [names.mdpost]: async () => {
    for (const file of files) await guard(names.mdpost, () => parsePost(file.bytes, {path: file.path}))
  },
  [names.astro]: async () => {
    for (const text of texts) {
      await guard(names.astro, async () => {
        const {content, frontmatter} = astroFrontmatter(text)
        await astro.render(content, {frontmatter})
      })
    }
  },
  [names.mdc]: async () => {
    for (const text of texts) await guard(names.mdc, () => mdcParse(text))
  },
  [names.markdownIt]: async () => {
    for (const text of texts) await guard(names.markdownIt, () => markdownIt.render(matter(text, {}).content))
  },
  [names.front]: async () => {
    for (const file of files) await guard(names.front, () => parseFrontmatter(file.bytes, {path: file.path}))
  },
  [names.gray]: async () => {
    // The same input as parseFrontmatter, the file's bytes, which gray-matter decodes too; and an
    // options object each time: without one, gray-matter caches by content.
    for (const file of files) await guard(names.gray, () => matter(file.bytes, {}))
  }
}

const times = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]))
for (const run of Object.values(candidates)) await run()
// Failures of the warm-up round: the posts each candidate could not parse.
const failuresPerRound = {...failures}
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(candidates)) {
    const start = performance.now()
    await run()
    times[name].push(performance.now() - start)
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const base = median(times[names.bare])
const rows = Object.entries(times).map(([name, values]) => {
  const ms = median(values)
  return {
    name,
    medianMs: Math.round(ms),
    ratioToBare: Number((ms / base).toFixed(3)),
    mbPerSecond: Number((totalBytes / 1e6 / (ms / 1000)).toFixed(2)),
    failedPosts: failuresPerRound[name] ?? 0
  }
})
const byName = Object.fromEntries(rows.map((row) => [row.name, row]))
const ratio = (a, b, digits = 3) => Number((byName[a].medianMs / byName[b].medianMs).toFixed(digits))

const memory = measureMemory()
const collections = await measureCollections()
const shapes = measureFrontmatterShapes(quick ? 5 : 15)
const blogShapes = shapes.filter((row) => !row.shape.includes('yaml only'))
const goals = [
  {goal: 'parsePost / safe unified ≤ 1.15', value: ratio(names.mdpost, names.safe)},
  {goal: 'parsePost / bare unified (reported)', value: ratio(names.mdpost, names.bare)},
  {goal: '@astrojs/markdown-remark / parsePost ≥ 1.5', value: ratio(names.astro, names.mdpost)},
  {goal: '@nuxtjs/mdc / parsePost ≥ 1.5', value: ratio(names.mdc, names.mdpost)},
  {goal: 'parsePost / parseFrontmatter ≥ 30', value: ratio(names.mdpost, names.front, 1)},
  {goal: 'parseFrontmatter / gray-matter ≤ 1.5', value: ratio(names.front, names.gray)},
  {
    goal: `parseFrontmatter / gray-matter ≤ 1.5 on every YAML shape blogs use (worst: ${blogShapes.reduce((worst, row) => (row.ratio > worst.ratio ? row : worst)).shape})`,
    value: Math.max(...blogShapes.map((row) => row.ratio))
  },
  {
    goal: `many posts, warm cache / cold on ${collections.cpus} workers (reported)`,
    value: Number((collections.rows[4].medianMs / collections.rows[2].medianMs).toFixed(3))
  },
  {
    goal: `peak RSS, ${largeBytes / 1e6} MB post: parsePost / bare ≤ 1.2`,
    value: Number((memory.large.mdpost.peakRssMb / memory.large.bare.peakRssMb).toFixed(3))
  }
]

/**
 * Many posts at once, as a site build reads them: the same posts written to a temporary folder,
 * parsed by `parseFiles` on one worker and on one per CPU (cold: no cache), on a `PostPool` kept
 * across rounds (its threads warm), and again from a warm content cache; alternating with the bare pipeline (one thread, texts in memory) so that
 * the ratios compare runs made at the same time.
 */
async function measureCollections() {
  const folder = mkdtempSync(join(tmpdir(), 'mdpost-bench-'))
  // A pool kept across runs, as a watch mode keeps it: its threads stay warm.
  const pool = new PostPool({size: availableParallelism()})
  try {
    const paths = files.map((file, index) => {
      const path = join(folder, String(index % 100), file.path.replace(/.*\//, ''))
      mkdirSync(join(path, '..'), {recursive: true})
      writeFileSync(path, file.bytes)
      return path
    })
    const cacheDir = join(folder, '.cache')
    const cpus = availableParallelism()
    const runs = {
      'bare unified (one thread, texts in memory)': async () => {
        for (const text of texts) await guard('collections bare', () => bare.process(text))
      },
      'parseFiles, 1 worker, cold': () => parseFiles(paths, {concurrency: 1}),
      [`parseFiles, ${cpus} workers, cold`]: () => parseFiles(paths, {concurrency: cpus}),
      [`PostPool (kept), ${cpus} workers, no cache`]: () => pool.parseFiles(paths),
      [`parseFiles, ${cpus} workers, warm cache`]: () => parseFiles(paths, {concurrency: cpus, cacheDir})
    }
    const spent = Object.fromEntries(Object.keys(runs).map((name) => [name, []]))
    for (const run of Object.values(runs)) await run()
    for (let round = 0; round < collectionRounds; round++) {
      for (const [name, run] of Object.entries(runs)) {
        const start = performance.now()
        await run()
        spent[name].push(performance.now() - start)
      }
    }
    const [bareName] = Object.keys(runs)
    const bareMs = median(spent[bareName])
    return {
      cpus,
      rows: Object.entries(spent).map(([name, values]) => ({
        name,
        medianMs: Math.round(median(values)),
        ratioToBare: Number((median(values) / bareMs).toFixed(3)),
        postsPerSecond: Math.round(files.length / (median(values) / 1000))
      }))
    }
  } finally {
    await pool.close()
    rmSync(folder, {recursive: true, force: true})
  }
}

function measureMemory() {
  const runner = new URL('./memory-run.js', import.meta.url).pathname
  const largest = files.reduce((best, file) => (file.bytes.length > best.bytes.length ? file : best))
  const out = {}
  for (const [label, target] of [
    ['largest', largest.path],
    ['large', `large:${largeBytes}`]
  ]) {
    out[label] = {
      target:
        label === 'large' ? `generated ${largeBytes / 1e6} MB post (the sample’s body repeated)` : largest.path.replace(/.*\/corpus\//, '')
    }
    for (const pipeline of ['bare', 'safe', 'mdpost']) {
      const child = spawnSync(process.execPath, ['--expose-gc', runner, pipeline, target], {encoding: 'utf8'})
      out[label][pipeline] = JSON.parse(child.stdout.trim().split('\n').pop())
    }
  }
  return out
}

const date = new Date().toISOString()
writeFileSync(
  new URL('results.json', import.meta.url),
  `${JSON.stringify({date, node: process.version, source, files: files.length, bytes: totalBytes, rounds, rows, memory, collections, shapes, goals}, null, 2)}\n`
)
const mb = (value) => value.toFixed(1)
const cell = (entry) => `${mb(entry.peakRssMb)} / ${mb(entry.retainedMb)} / ${mb(entry.dataMb)}`
const table = [
  `${source}: ${files.length} posts, ${(totalBytes / 1e6).toFixed(2)} MB; ${rounds} rounds after a warm-up, candidates alternating; median; Node ${process.version}; ${date.slice(0, 10)}.`,
  '',
  '| pipeline | median ms | ratio to bare | MB/s | posts that failed |',
  '|---|---:|---:|---:|---:|',
  ...rows.map((row) => `| ${row.name} | ${row.medianMs} | ${row.ratioToBare} | ${row.mbPerSecond} | ${row.failedPosts} |`),
  '',
  'Memory, each in a fresh process: peak RSS of the parse over the warm baseline; retained = heap still used after a full GC while the result is held; data = the result as text (the Post as JSON, the HTML of a VFile), in characters.',
  '',
  '| post | bytes | bare peak / retained / data MB | safe peak / retained / data MB | mdpost peak / retained / data MB |',
  '|---|--:|---|---|---|',
  ...Object.values(memory).map(
    (entry) => `| ${entry.target} | ${entry.bare.bytes} | ${cell(entry.bare)} | ${cell(entry.safe)} | ${cell(entry.mdpost)} |`
  ),
  '',
  `Many posts: the same ${files.length} posts as files, parsed by \`parseFiles\` (reading, workers, limits) on a machine with ${collections.cpus} CPUs; cold = no cache and new threads, kept = a \`PostPool\` reused across rounds (warm threads, no cache), warm cache = every post in the content cache; alternating with the bare pipeline, ${collectionRounds} rounds, median.`,
  '',
  '| collection | median ms | ratio to bare | posts/s |',
  '|---|---:|---:|---:|',
  ...collections.rows.map((row) => `| ${row.name} | ${row.medianMs} | ${row.ratioToBare} | ${row.postsPerSecond} |`),
  '',
  `Front matter by YAML shape (bench/frontmatter-shapes.js): ${shapes[0]?.posts} generated posts of each shape as bytes, parseFrontmatter against gray-matter, alternating, median of ${quick ? 5 : 15} rounds. The last shape (anchors) only yaml reads, for reference.`,
  '',
  '| shape | parseFrontmatter ms | gray-matter ms | ratio |',
  '|---|---:|---:|---:|',
  ...shapes.map((row) => `| ${row.shape} | ${row.mdpostMs} | ${row.grayMs} | ${row.ratio} |`),
  '',
  '| goal | measured |',
  '|---|---:|',
  ...goals.map(({goal, value}) => `| ${goal} | ${value} |`)
].join('\n')
writeFileSync(new URL('results.md', import.meta.url), `${table}\n`)
writeFileSync(new URL('results.svg', import.meta.url), chart([...rows, ...collections.rows.slice(1)]))
console.log(table)

/** A horizontal bar chart of the ratios to the bare pipeline (log scale, 1 marked). */
function chart(rows) {
  const width = 760
  const left = 330
  const barHeight = 22
  const top = 40
  const height = top + rows.length * (barHeight + 8) + 30
  const max = Math.max(...rows.map((row) => row.ratioToBare))
  const min = Math.min(...rows.map((row) => row.ratioToBare))
  const low = Math.log10(min) - 0.1
  const high = Math.log10(max) + 0.1
  const x = (value) => left + ((Math.log10(value) - low) / (high - low)) * (width - left - 60)
  const escapeXml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')
  const bars = rows.map((row, index) => {
    const y = top + index * (barHeight + 8)
    const mine = row.name.startsWith('mdpost')
    const start = x(Math.min(1, row.ratioToBare))
    const end = x(Math.max(1, row.ratioToBare))
    return [
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escapeXml(row.name)}</text>`,
      `<rect x="${start}" y="${y}" width="${Math.max(1, end - start)}" height="${barHeight}" fill="${mine ? '#2f6fdd' : '#9aa4b2'}"/>`,
      `<text x="${end + 6}" y="${y + 15}">${row.ratioToBare}×</text>`
    ].join('')
  })
  const one = x(1)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12" role="img">
<title>mdpost benchmark: time of each pipeline relative to the bare unified pipeline</title>
<text x="10" y="20" font-size="14">Time relative to the bare unified pipeline (log scale; shorter is faster) — ${escapeXml(source)}, ${date.slice(0, 10)}</text>
${bars.join('\n')}
<line x1="${one}" y1="${top - 6}" x2="${one}" y2="${height - 24}" stroke="#333" stroke-dasharray="3 3"/>
<text x="${one}" y="${height - 8}" text-anchor="middle">1× bare</text>
</svg>
`
}
