#!/usr/bin/env node
/**
 * `node bench/site-compare.js` (before 2026-12-03 `npm run bench:site`): a generated Jekyll site
 * of N posts (default 5,000: the corpus posts
 * repeated under new file names, each with root-relative links to two others), in a temporary
 * folder. Times, in one process:
 * - gray-matter + markdown-it, reading and parsing every post cold, in one thread;
 * - parsePost in a loop, reading every post, in one thread;
 * - loadSite cold (no cache), loadSite warm (every post in the content cache);
 * - one edited post under watch: `openSite` keeps the site in memory, `update([file])` after an
 *   edit (median of 7 edits of different posts), as `mdpost check --watch` runs.
 * Peak RSS is sampled. Writes bench/site.md and prints it. `--posts N` changes the size.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import matter from 'gray-matter'
import MarkdownIt from 'markdown-it'
import {parsePost} from 'mdpost'
import {loadSite, openSite} from 'mdpost/node'
import {loadPosts} from './posts.js'

const at = process.argv.indexOf('--posts')
const count = at === -1 ? 5000 : Number(process.argv[at + 1])
const {files} = loadPosts(1)
const folder = mkdtempSync(join(tmpdir(), 'mdpost-site-bench-'))
const posts = join(folder, '_posts')
mkdirSync(posts, {recursive: true})
writeFileSync(join(folder, '_config.yml'), 'title: Bench\nurl: https://bench.example\npermalink: /:title/\n')
const names = []
for (let index = 0; index < count; index++) {
  const source = files[index % files.length]
  const day = String((index % 28) + 1).padStart(2, '0')
  const name = `2020-01-${day}-post-${index}`
  names.push(name)
  const text = source.bytes.toString('utf8')
  const links = `\n\nSee [one](/post-${(index + 1) % count}/) and [two](/post-${(index + 7) % count}/).\n`
  writeFileSync(join(posts, `${name}.md`), text + links)
}
const paths = names.map((name) => join(posts, `${name}.md`))

let peak = 0
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
}, 20)
const time = async (work) => {
  const start = performance.now()
  await work()
  return performance.now() - start
}

const rows = []
const markdownIt = new MarkdownIt({html: true, linkify: true})
rows.push([
  'gray-matter + markdown-it, cold, one thread',
  await time(() => {
    for (const path of paths) {
      try {
        const {content} = matter(readFileSync(path), {})
        markdownIt.render(content)
      } catch {
        // A peer may reject a broken post.
      }
    }
  })
])
rows.push([
  'parsePost in a loop, one thread',
  await time(async () => {
    for (const path of paths) await parsePost(readFileSync(path), {path, strict: false}).catch(() => null)
  })
])
const cacheDir = join(folder, '.cache')
rows.push(['loadSite, cold (no cache)', await time(() => loadSite(folder, {now: Date.now()}))])
await loadSite(folder, {cacheDir})
rows.push(['loadSite, warm (every post cached)', await time(() => loadSite(folder, {cacheDir}))])
// Under watch: the site kept in memory (openSite, as `mdpost check --watch`), then edits of
// single posts, each `update([file])`: parse that post, compute the indexes and checks again.
const session = await openSite(folder, {cacheDir})
// A user's first edit comes seconds after the watch starts: its threads warm up meanwhile.
await new Promise((resolve) => setTimeout(resolve, 3000))
const edits = []
for (const at of [0, 1, 2, 3, 4, 5, 6]) {
  const edited = paths[(at * 709) % paths.length]
  writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nAn edit.\n`)
  edits.push(await time(() => session.update([edited])))
}
await session.close()
edits.sort((a, b) => a - b)
rows.push([
  `one edited post under watch (openSite, update; median of ${edits.length}, max ${Math.round(edits.at(-1))} ms)`,
  edits[edits.length >> 1]
])
clearInterval(sampler)
rmSync(folder, {recursive: true, force: true})

const base = rows[1][1]
const table = [
  `A generated Jekyll site of ${count} posts (the corpus repeated, with links between them); Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; peak RSS of the process ${Math.round(peak / 2 ** 20)} MiB.`,
  '',
  '| run | ms | ratio to parsePost in one thread |',
  '|---|--:|--:|',
  ...rows.map(([name, ms]) => `| ${name} | ${Math.round(ms)} | ${(ms / base).toFixed(3)} |`)
].join('\n')
writeFileSync(new URL('site.md', import.meta.url), `${table}\n`)
console.log(table)
