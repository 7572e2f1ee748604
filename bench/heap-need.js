#!/usr/bin/env node
/**
 * `npm run bench:heap`: the heap each pipeline needs, not the heap V8 happens to grow to. For each
 * input family (at the 4n size of `bench:scaling`, or `--size N` items), finds by bisection the
 * smallest `--max-old-space-size` (in MB, to `--step` MB, default 2) with which the parse
 * completes (bench/scaling-run.js in a fresh process: once, or three times in a row when a parse
 * takes under a second; a run over 300 s counts as not completing), for parsePost and for the
 * bare unified pipeline, and prints their ratio. Peak RSS at the default heap (`bench:scaling`'s RSS/byte) depends on when V8
 * chooses to run a full collection, which moves with anything allocated earlier; the heap needed
 * does not. `--only a,b` measures those families and keeps the other rows of the last run
 * (`--report` measures none); writes bench/heap-need.json and bench/heap-need.md.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {loadFamilies} from './families.js'

const argument = (name) => {
  const at = process.argv.indexOf(name)
  return at === -1 ? null : process.argv[at + 1]
}
const report = process.argv.includes('--report')
const only = report ? [] : (argument('--only')?.split(',') ?? null)
const sizeGiven = argument('--size')
const step = Number(argument('--step') ?? 2)
const limit = 5 * 1024 * 1024
const {families} = await loadFamilies()
const runner = new URL('./scaling-run.js', import.meta.url).pathname

/** Whether one parse of `family` at `n` completes with `mb` MB of old space. */
function fits(family, n, pipeline, mb) {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${mb}`, '--stack-size=984', runner, family, String(n), pipeline], {
    encoding: 'utf8',
    timeout: 300_000
  })
  if (child.status !== 0) return false
  const result = JSON.parse(child.stdout.trim().split('\n').pop())
  return result.outcome === 'ok'
}

/** The smallest old space (MB) that fits, or null past 4096 MB. */
function need(family, n, pipeline) {
  let low = 0
  let high = 32
  while (!fits(family, n, pipeline, high)) {
    low = high
    high *= 2
    if (high > 4096) return null
  }
  while (high - low > step) {
    const middle = Math.round((low + high) / 2)
    if (fits(family, n, pipeline, middle)) high = middle
    else low = middle
  }
  return high
}

const rows = []
for (const [name, family] of Object.entries(families)) {
  if (only && !only.includes(name)) continue
  let n = sizeGiven ? Number(sizeGiven) : 4 * Math.max(1, Math.round(family.n * 0.05))
  while (n > 1 && Buffer.byteLength(family.make(n)) > limit) n = Math.floor(n / 2)
  const bytes = Buffer.byteLength(family.make(n))
  const bare = need(name, n, 'bare')
  const mdpost = need(name, n, 'mdpost')
  const row = {family: name, n, bytes, bare, mdpost, ratio: bare && mdpost ? mdpost / bare : null}
  rows.push(row)
  console.log(JSON.stringify(row))
}

const json = new URL('./heap-need.json', import.meta.url)
const measured = new Set(rows.map((row) => row.family))
const last = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null
const kept = only && last ? last.rows.filter((row) => !measured.has(row.family)) : []
const order = Object.keys(families)
const date = report && last ? last.date : new Date().toISOString()
const all = [...kept, ...rows].sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family))
writeFileSync(json, `${JSON.stringify({date, node: process.version, step, rows: all}, null, 2)}\n`)

const table = [
  `Heap needed: the smallest \`--max-old-space-size\` (MB, to ${step} MB) with which the parse completes (once, or three times in a row when one takes under a second; a run over 300 s counts as not completing), in a fresh process after a warm-up on the sample post (the loaded modules, about 10 MB, are in both), ${date.slice(0, 10)}, Node ${process.version}. Families that one of them does not parse (refused by a limit of mdpost, a RangeError of bare) are left out.`,
  '',
  '| family | n | bytes | bare MB | mdpost MB | mdpost / bare |',
  '|---|--:|--:|--:|--:|--:|',
  ...all.map(
    (row) =>
      `| ${row.family} | ${row.n} | ${row.bytes} | ${row.bare ?? '—'} | ${row.mdpost ?? '—'} | ${row.ratio === null ? '—' : row.ratio.toFixed(2)} |`
  )
]
writeFileSync(new URL('./heap-need.md', import.meta.url), `${table.join('\n')}\n`)
