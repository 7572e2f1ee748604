#!/usr/bin/env node
import {loadSite} from 'mdpost/node'
/**
 * One load of a generated site in a fresh process (run with --expose-gc), for `bench/site.js`:
 * `node --expose-gc bench/site-run.js <folder> <lean|full> [cacheDir]`. Prints one JSON line:
 * posts, ms, peak RSS of the process (threads included: `maxRSS`), and the heap the Site
 * retains after full collections (heap in use with the Site held, minus the heap before the
 * load): `loadSite` with `lean: true` (what `mdpost check` loads), or whole.
 */
import {heapUsed, settle} from './heap-used.js'

const [folder, mode, cacheDir] = process.argv.slice(2)
if (!['lean', 'full'].includes(mode)) throw new TypeError(`Expected a mode: lean or full, not ${mode}`)
const before = heapUsed()
const start = performance.now()
const site = await loadSite(folder, {lean: mode === 'lean', ...(cacheDir ? {cacheDir} : {})})
const ms = performance.now() - start
await settle()
const retained = heapUsed() - before
console.log(
  JSON.stringify({
    mode,
    posts: site.posts.length,
    ms,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    retainedMb: retained / 2 ** 20,
    diagnostics: site.diagnostics.length
  })
)
// Held until here, so that the measure above counts it.
globalThis.keep = site
