#!/usr/bin/env node
/**
 * What a loaded Site's heap is made of, field by field: `node --expose-gc bench/site-fields.js
 * <site folder> [lean|full] [cacheDir]` (a folder from `npm run bench:site -- --keep`, its cache
 * in `<folder>/.cache`). Loads the site, then sets one field of every post to null at a time,
 * with a full GC before and after: the heap freed is what that field held (KiB per post), in
 * the order of the list; what is left is the posts' own objects and the site's indexes.
 */
import {loadSite} from 'mdpost/node'
import {heapUsed as heap, settle} from './heap-used.js'

const [folder, mode = 'lean', cacheDir = `${folder}/.cache`] = process.argv.slice(2)
const before = heap()
const site = await loadSite(folder, {lean: mode === 'lean', cacheDir})
await settle()
const count = site.posts.length
const kib = (bytes) => (bytes / count / 1024).toFixed(2)
let last = heap()
console.log(`${count} posts, ${mode}: ${kib(last - before)} KiB a post retained`)
for (const field of [
  'html',
  'sections',
  'links',
  'headings',
  'images',
  'diagnostics',
  'frontmatter',
  'metadata',
  'excerpt',
  'date',
  'backlinks'
]) {
  for (const post of site.posts) post[field] = null
  const now = heap()
  console.log(`${field.padEnd(12)} ${kib(last - now)}`)
  last = now
}
site.posts = []
const now = heap()
console.log(`${'post objects'.padEnd(12)} ${kib(last - now)}`)
console.log(`${'the rest'.padEnd(12)} ${kib(now - before)} (indexes, served, site diagnostics, modules loaded by the load)`)
globalThis.keep = site
