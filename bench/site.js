#!/usr/bin/env node
/**
 * `npm run bench:site`: how `loadSite` scales with the number of posts. For each size (default
 * `--posts 1000,5000,20000,50000`), a Jekyll site of that many posts is generated in a temporary
 * folder: the posts of ../shared/corpus taken in turn (so the sizes follow the corpus'), each
 * under a new file name, its own `permalink`/`slug`/`url` lines dropped (every post at its own
 * URL), with root-relative links to two others. Then, each in a fresh process:
 * 1. `check`: the command itself, `mdpost check <folder> --format compact --cache <folder>/.cache`
 *    (dist/cli/index.js, its report read and dropped), cold (every post parsed, the cache
 *    written): peak RSS (bench/site-check-rss.js, loaded with `--import`, reads it at exit),
 *    wall time per post file, node's start included;
 * 2. `lean`: a lean `loadSite` from that cache (bench/site-run.js): retained heap, peak RSS;
 * 3. `full`: a whole load from that cache: retained heap, peak RSS.
 * Writes bench/site-scale.md and .json after each size (a run cut short keeps what it measured)
 * and prints the table. `--keep` keeps the generated folders; `--append` keeps the other sizes
 * of the last run (sizes run one at a time).
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, freemem, loadavg, tmpdir, totalmem} from 'node:os'
import {join} from 'node:path'
import {loadPosts} from './posts.js'

const option = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at === -1 ? fallback : process.argv[at + 1]
}
const sizes = option('--posts', '1000,5000,20000,50000').split(',').map(Number)
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new TypeError('Expected --posts to be whole numbers, as 1000,5000')
const keep = process.argv.includes('--keep')
// `--append`: keep the sizes of the last run's bench/site-scale.json that this run does not measure.
const jsonUrl = new URL('site-scale.json', import.meta.url)
const earlier =
  (process.argv.includes('--append') || process.argv.includes('--table')) && existsSync(jsonUrl)
    ? JSON.parse(readFileSync(jsonUrl, 'utf8'))
    : []
const {source, files} = loadPosts(1)

/** A Jekyll site of `count` posts in a new temporary folder; its total bytes of posts. */
function generate(count) {
  const folder = mkdtempSync(join(tmpdir(), 'mdpost-site-scale-'))
  const posts = join(folder, '_posts')
  mkdirSync(posts, {recursive: true})
  writeFileSync(join(folder, '_config.yml'), 'title: Bench\nurl: https://bench.example\npermalink: /:title/\n')
  let bytes = 0
  for (let index = 0; index < count; index++) {
    const text = ownUrl(files[index % files.length].bytes.toString('utf8'))
    const day = String((index % 28) + 1).padStart(2, '0')
    const links = `\n\nSee [one](/post-${(index + 1) % count}/) and [two](/post-${(index + 7) % count}/).\n`
    const post = text + links
    bytes += Buffer.byteLength(post)
    writeFileSync(join(posts, `2020-01-${day}-post-${index}.md`), post)
  }
  return {folder, bytes}
}

/** The post without the front matter lines that set its URL: copies of one post would share it. */
function ownUrl(text) {
  const fence = /^(---|\+\+\+)\r?\n/.exec(text)
  if (!fence) return text
  const end = text.indexOf(`\n${fence[1]}`, fence[0].length - 1)
  if (end === -1) return text
  const head = text.slice(0, end).replace(/^(permalink|slug|url)[ \t]*[:=].*$/gim, '')
  return head + text.slice(end)
}

/** `mdpost check` on the folder, in a child process: its wall time, peak RSS and exit code. */
function checkRun(folder, cacheDir) {
  const rssFile = join(folder, 'check-rss.json')
  const cli = new URL('../dist/cli/index.js', import.meta.url).pathname
  const preload = new URL('site-check-rss.js', import.meta.url).href
  const start = performance.now()
  const run = spawnSync(process.execPath, ['--import', preload, cli, 'check', folder, '--format', 'compact', '--cache', cacheDir], {
    cwd: folder,
    env: {...process.env, MDPOST_BENCH_RSS: rssFile},
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 2 ** 30
  })
  const ms = performance.now() - start
  if (run.error) throw run.error
  if (run.status !== 0 && run.status !== 1) throw new Error(`mdpost check exited with ${run.status}`)
  const result = {
    mode: 'check',
    ms,
    ...JSON.parse(readFileSync(rssFile, 'utf8')),
    exit: run.status,
    reportLines: run.stdout.toString('utf8').split('\n').length - 1
  }
  console.error(`${new Date().toISOString().slice(11, 19)} check: ${JSON.stringify(result)}`)
  return result
}

function measure(folder, mode, cacheDir) {
  const output = execFileSync(process.execPath, ['--expose-gc', new URL('site-run.js', import.meta.url).pathname, folder, mode, cacheDir], {
    encoding: 'utf8',
    maxBuffer: 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const result = JSON.parse(output.trim().split('\n').at(-1))
  // Each measure as soon as it is known: a run cut short keeps it in its log.
  console.error(`${new Date().toISOString().slice(11, 19)} ${mode}: ${JSON.stringify(result)}`)
  return result
}

const machine = () =>
  `${cpus().length} CPUs, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}, ${Math.round(freemem() / 2 ** 30)} of ${Math.round(totalmem() / 2 ** 30)} GiB free`
const results = earlier.filter((result) => !sizes.includes(result.count))
const mib = (value) => Math.round(value)
const kib = (value) => (value * 1024).toFixed(1)

function write() {
  const rows = results.map((r) => {
    const previous = results[results.indexOf(r) - 1]
    // Per post of the Site (a post that fails to parse is left out, and is a diagnostic).
    const posts = r.full.posts
    const growth = (key) => (previous ? `${kib((r[key].retainedMb - previous[key].retainedMb) / (posts - previous.full.posts))}` : '–')
    return `| ${r.count} | ${posts} | ${(r.bytes / 2 ** 20).toFixed(0)} | ${mib(r.check.peakRssMb)} | ${(r.check.ms / r.count).toFixed(2)} | ${mib(r.lean.retainedMb)} | ${kib(r.lean.retainedMb / posts)} | ${growth('lean')} | ${mib(r.lean.peakRssMb)} | ${mib(r.full.retainedMb)} | ${kib(r.full.retainedMb / posts)} | ${growth('full')} | ${mib(r.full.peakRssMb)} | ${(r.full.ms / r.count).toFixed(2)} |`
  })
  const table = [
    `Generated Jekyll sites (${source}, taken in turn); Node ${process.version}; last written ${new Date().toISOString().slice(0, 16)}Z.`,
    '',
    "check: `mdpost check <site> --format compact --cache <dir>` (dist/cli/index.js) in a child process, cold (every post parsed on the worker pool, the cache written); ms/post: its wall time, node's start included, per post file. lean / full: `loadSite` from that cache (lean is what check loads). Retained: heap in use after full collections with the Site held, minus before the load (MiB; KiB per post); growth: KiB per added post since the size above. Per post: per post of the Site (a file that does not parse is left out, and is a diagnostic). Peak RSS: the process, threads included (MiB).",
    '',
    '| post files | Site posts | MiB of markdown | check peak RSS | check ms/post (cold) | lean retained | KiB/post | lean growth KiB/post | lean peak RSS (warm) | full retained | KiB/post | full growth KiB/post | full peak RSS (warm) | full ms/post (warm) |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
    'The machine when each size started (the cores are shared: times move with the load):',
    '',
    ...results.map((r) => `- ${r.count} posts, ${r.started ?? ''}: ${r.machine}${r.remeasured ? `; ${r.remeasured}` : ''}`)
  ].join('\n')
  writeFileSync(new URL('site-scale.md', import.meta.url), `${table}\n`)
  writeFileSync(jsonUrl, `${JSON.stringify(results, null, 2)}\n`)
  return table
}

// `--table`: only write the table again, from bench/site-scale.json.
if (process.argv.includes('--table')) {
  results.push(...earlier.filter((result) => !results.includes(result)))
  sizes.length = 0
}
for (const count of sizes) {
  const state = machine()
  const started = `${new Date().toISOString().slice(0, 16)}Z`
  const {folder, bytes} = generate(count)
  const cacheDir = join(folder, '.cache')
  try {
    const check = checkRun(folder, cacheDir)
    const lean = measure(folder, 'lean', cacheDir)
    const full = measure(folder, 'full', cacheDir)
    results.push({count, bytes, started, machine: state, check, lean, full})
    results.sort((a, b) => a.count - b.count)
    console.error(`${count} posts: ${JSON.stringify({check, lean, full})}`)
    write()
  } finally {
    if (!keep) rmSync(folder, {recursive: true, force: true})
  }
}
console.log(write())
