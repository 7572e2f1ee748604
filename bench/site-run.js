#!/usr/bin/env node
import {loadSite} from 'mdpost/node'
/**
 * One load of a generated site in a fresh process (run with --expose-gc), for `bench/site.js`:
 * `node --expose-gc bench/site-run.js <folder> <check|lean|full> [cacheDir]`. Prints one JSON
 * line: posts, ms, peak RSS of the process (threads included: `maxRSS`), and the heap the Site
 * retains after a full GC (heap in use with the Site held, minus the heap before the load).
 * - `check`: what `mdpost check <folder>` does with a lean load: `loadSite({lean: true})`, then
 *   every problem (the site's and each post's, with its file) formatted by the CLI's own
 *   `formatProblems` (stylish), not printed;
 * - `lean`, `full`: `loadSite` with `lean: true`, or whole.
 */
import {formatProblems} from '../dist/cli/site.js'

const [folder, mode, cacheDir] = process.argv.slice(2)
if (!['check', 'lean', 'full'].includes(mode)) throw new TypeError(`Expected a mode: check, lean or full, not ${mode}`)
const heap = () => {
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage().heapUsed
}
const before = heap()
const start = performance.now()
const site = await loadSite(folder, {lean: mode !== 'full', ...(cacheDir ? {cacheDir} : {})})
let problems = 0
let reportChars = 0
if (mode === 'check') {
  const list = [...site.diagnostics]
  for (const post of site.posts) for (const diagnostic of post.diagnostics) list.push({...diagnostic, path: post.path})
  problems = list.length
  reportChars = formatProblems(list, 'stylish', false).length
}
const ms = performance.now() - start
const retained = heap() - before
console.log(
  JSON.stringify({
    mode,
    posts: site.posts.length,
    ms,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    retainedMb: retained / 2 ** 20,
    problems,
    reportChars,
    diagnostics: site.diagnostics.length
  })
)
// Held until here, so that the measure above counts it.
globalThis.keep = site
