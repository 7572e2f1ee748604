#!/usr/bin/env node
/**
 * One memory measurement in a fresh process (run with --expose-gc):
 * `node --expose-gc bench/memory-run.js <bare|safe|mdpost> <file|large:bytes>`. Prints
 * {bytes, peakRssMb, retainedMb, dataMb}: the peak RSS of the parse over the warm baseline, the
 * heap still used, after a full GC, while the result is held (what a caller keeps alive), and the
 * size of the result as text (the Post's JSON, the VFile's HTML): retained close to that means no
 * tree is kept alive.
 */
import {readFileSync} from 'node:fs'
import {parsePost} from 'mdpost'
import {bare, safe} from './pipelines.js'
import {largePost} from './posts.js'

const [pipeline, target] = process.argv.slice(2)
const text = target.startsWith('large:') ? largePost(Number(target.slice(6))) : readFileSync(target, 'utf8')
const run = {
  bare: async (input) => bare.process(input),
  safe: async (input) => safe.process(input),
  mdpost: async (input) => parsePost(input, {maxBytes: Number.POSITIVE_INFINITY})
}[pipeline]

await run('# warm\n\nup *a* [b](c)\n')
globalThis.gc()
const rss = process.memoryUsage().rss
const heap = process.memoryUsage().heapUsed
const kept = await run(text)
const peak = process.resourceUsage().maxRSS * 1024
globalThis.gc()
const retained = process.memoryUsage().heapUsed - heap
// What the result holds as data: JSON text of the Post (the HTML of a VFile), for comparison.
const dataMb = (pipeline === 'mdpost' ? JSON.stringify(kept).length : String(kept).length) / 2 ** 20
console.log(JSON.stringify({bytes: Buffer.byteLength(text), peakRssMb: (peak - rss) / 2 ** 20, retainedMb: retained / 2 ** 20, dataMb}))
