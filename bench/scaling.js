#!/usr/bin/env node
/**
 * `npm run bench:scaling`: for every input family, parsePost and the bare unified pipeline at
 * n, 2n and 4n, each measurement in a fresh process (bench/scaling-run.js), with the 4n/n ratio
 * and the exponent log(t4n/tn) / log(bytes4n/bytesn). n is 5% of the family's nominal size (1% with `--quick`),
 * halved until 4n fits in mdpost's default 5 MiB limit. A run over the timeout (60 s, 20 s with
 * `--quick`) stops that pipeline's larger sizes. `--only a,b` measures those families again and
 * keeps the other rows of the last run. Writes
 * bench/scaling.json and bench/scaling.md. Times are medians of up to three parses after a
 * warm-up; exponents of runs under 20 ms are not given (timer noise).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {loadFamilies} from './families.js'

const quick = process.argv.includes('--quick')
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt === -1 ? null : new Set(process.argv[onlyAt + 1].split(','))
const scale = quick ? 0.01 : 0.05
const timeout = quick ? 20_000 : 60_000
const limit = 5 * 1024 * 1024
const {families, generated} = await loadFamilies()
const runner = new URL('./scaling-run.js', import.meta.url).pathname

function measure(family, n, pipeline) {
  const child = spawnSync(process.execPath, ['--stack-size=984', runner, family, String(n), pipeline], {encoding: 'utf8', timeout})
  if (child.error || child.status !== 0) {
    const timedOut = child.error?.code === 'ETIMEDOUT' || child.signal === 'SIGTERM'
    return {
      ms: Number.NaN,
      outcome: timedOut ? `> ${timeout / 1000} s` : `crash: ${(child.stderr || String(child.error)).trim().split('\n').pop()?.slice(0, 80)}`
    }
  }
  const result = JSON.parse(child.stdout.trim().split('\n').pop())
  // A pipeline that threw (the bare one overflows its stack on deep nesting) has no time.
  if (result.ms === null) result.ms = Number.NaN
  return result
}

const rows = []
// `--report` rewrites scaling.md from scaling.json without measuring.
const reportOnly = process.argv.includes('--report')
for (const [name, family] of Object.entries(families)) {
  if (reportOnly || (only && !only.has(name))) continue
  let n = Math.max(1, Math.round(family.n * scale))
  while (n > 1 && Buffer.byteLength(family.make(4 * n)) > limit) n = Math.floor(n / 2)
  const row = {family: name, n, bytes4n: Buffer.byteLength(family.make(4 * n)), bare: [], mdpost: []}
  for (const pipeline of ['bare', 'mdpost']) {
    for (const size of [n, 2 * n, 4 * n]) {
      const result = measure(name, size, pipeline)
      row[pipeline].push(result)
      if (Number.isNaN(result.ms)) break
    }
  }
  row.bareRatio = ratio(row.bare)
  row.mdpostRatio = ratio(row.mdpost)
  rows.push(row)
  console.log(line(row))
}

function ratio(results) {
  const [first, , last] = results
  if (!first || !last || Number.isNaN(first.ms) || Number.isNaN(last.ms) || first.ms < 20 || last.outcome !== 'ok') return null
  return {time: last.ms / first.ms, bytes: last.bytes / first.bytes}
}

/** Growth of time against growth of input bytes (some families grow faster than n). */
function exponent(value) {
  return value === null ? '—' : (Math.log(value.time) / Math.log(value.bytes)).toFixed(2)
}

function times(results) {
  return results
    .map((result) => {
      if (Number.isNaN(result.ms)) return result.outcome
      return result.outcome === 'ok' ? `${Math.round(result.ms)}` : `${Math.round(result.ms)} (${result.outcome})`
    })
    .join(' / ')
}

function outcome(results) {
  const last = results[results.length - 1]
  return last?.outcome === 'ok' ? 'ok' : (last?.outcome ?? '')
}

function rss(result) {
  return result?.rssPerByte === undefined || result.outcome !== 'ok' ? '—' : Math.round(result.rssPerByte)
}

function line(row) {
  const cells = [
    row.family,
    row.n,
    row.bytes4n,
    times(row.bare),
    row.bareRatio === null ? '—' : row.bareRatio.time.toFixed(1),
    exponent(row.bareRatio),
    times(row.mdpost),
    row.mdpostRatio === null ? '—' : row.mdpostRatio.time.toFixed(1),
    exponent(row.mdpostRatio),
    outcome(row.mdpost),
    `${rss(row.bare[2])} / ${rss(row.mdpost[2])}`
  ]
  return `| ${cells.join(' | ')} |`
}

// With `--only`, the other families keep their rows from the last full run.
const saved = new URL('./scaling.json', import.meta.url)
if ((only || reportOnly) && existsSync(saved)) {
  const previous = JSON.parse(readFileSync(saved, 'utf8')).rows.filter((row) => !only?.has(row.family))
  for (const row of previous) for (const result of [...row.bare, ...row.mdpost]) result.ms ??= Number.NaN
  const order = Object.keys(families)
  rows.push(...previous)
  rows.sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family))
}

const header = [
  `Scaling: parsePost against the bare unified pipeline (remark-parse, frontmatter, gfm, remark-rehype, rehype-stringify), n = ${scale * 100}% of each family's nominal size, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`,
  generated ? '' : 'Only mdpost’s own families: ../shared/adversarial/generate.mjs is absent.',
  '',
  'Times in ms at n / 2n / 4n (median of up to three parses in a fresh process after a warm-up). Exponent = log(t4n / tn) / log(bytes4n / bytesn): 1 is linear, 2 quadratic (given when tn ≥ 20 ms and both runs parsed). A bare time with a rule id is a crash (RangeError) of the bare pipeline. "Outcome" is mdpost at 4n: ok, or the rule id of the limit that rejected it. RSS/byte: peak RSS of the first parse at 4n over the warm baseline, per input byte, bare / mdpost (— when that run did not parse); it follows when V8 chooses to run a full collection, and small inputs are mostly noise: `npm run bench:heap` (bench/heap-need.md) gives the heap each parse needs.',
  '',
  '| family | n | bytes at 4n | bare ms | bare 4n/n | bare exp | mdpost ms | mdpost 4n/n | mdpost exp | outcome | RSS/byte bare / mdpost |',
  '|---|--:|--:|---|--:|--:|---|--:|--:|---|--:|'
]
writeFileSync(new URL('./scaling.md', import.meta.url), `${[...header, ...rows.map(line)].join('\n')}\n`)
writeFileSync(
  new URL('./scaling.json', import.meta.url),
  `${JSON.stringify({date: new Date().toISOString(), node: process.version, scale, rows}, null, 2)}\n`
)
