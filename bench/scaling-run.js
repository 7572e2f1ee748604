#!/usr/bin/env node
/**
 * One measurement of the scaling benchmark, in its own process so that memory and time are its
 * own: `node bench/scaling-run.js <family> <n> <mdpost|bare>`. Warms up on the sample post, then
 * parses the input (three times when a run is short, the median kept) and prints one JSON line:
 * {ms, bytes, outcome, rssPerByte} (peak RSS of the first parse over the warm baseline, per input byte).
 */
import {readFileSync} from 'node:fs'
import {PostParseError, parsePost} from 'mdpost'
import {loadFamilies} from './families.js'
import {bare} from './pipelines.js'

const [family, size, pipeline] = process.argv.slice(2)
const {families} = await loadFamilies()
const text = families[family].make(Number(size))

async function once(input) {
  if (pipeline === 'bare') {
    bare.processSync(input)
    return 'ok'
  }
  try {
    await parsePost(input, {maxBytes: Number.POSITIVE_INFINITY})
    return 'ok'
  } catch (error) {
    if (error instanceof PostParseError) return error.ruleId
    throw error
  }
}

const warm = readFileSync(new URL('../fixtures/pycon-2018.md', import.meta.url), 'utf8')
for (let round = 0; round < 5; round++) await once(warm)
const baseline = process.memoryUsage().rss
const times = []
let outcome = 'ok'
let peak = 0
try {
  for (let run = 0; run < 3; run++) {
    const start = performance.now()
    outcome = await once(text)
    times.push(performance.now() - start)
    // Peak RSS of the first parse only: later runs add their garbage to it.
    if (run === 0) peak = process.resourceUsage().maxRSS * 1024
    if (times[0] > 1000) break
  }
} catch (error) {
  outcome = error?.name ?? 'Error'
  times.push(Number.NaN)
}
times.sort((a, b) => a - b)
const bytes = Buffer.byteLength(text)
console.log(JSON.stringify({ms: times[Math.floor((times.length - 1) / 2)], bytes, outcome, rssPerByte: (peak - baseline) / bytes}))
