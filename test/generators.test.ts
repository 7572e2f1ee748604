/**
 * Differential tests: `loadSite` against the REAL generators (Debian's jekyll 4.3.1 with
 * jekyll-feed/-sitemap/-redirect-from, hugo 0.111.3, pelican 4.8; see scripts/oracles.mjs for
 * how each is asked). For each site, post by post: included or not, URL, date instant, title,
 * categories, tags; and the set of served URLs. A deliberate difference is an entry of
 * `exceptions` with its reason; anything else fails.
 *
 * Sites: the fixture sites (fixtures/sites/{jekyll,hugo,pelican}), the sites written for these
 * tests (fixtures/generators/*), and generated sites (seeded random configs × random posts):
 * the seed is printed; replay with `MDPOST_DIFF_SEED=<seed>`, more sites per generator with
 * `MDPOST_DIFF_SITES=<n>` (default 2). `MDPOST_DIFF_LOG=<file>` appends every report to a file;
 * `MDPOST_DIFF_KEEP=1` keeps the generated sites (their folder is printed).
 *
 * The same comparison from the command line: `node scripts/differential.mjs <site-folder>`.
 */
import {appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {loadSite} from 'mdpost/node'
import {afterAll, describe, expect, test} from 'vitest'
import {compareSite, detectGenerator, type Exception, formatReport, type OracleGenerator, truthOf} from './helpers/oracles.js'
import {needTool} from './helpers/tools.js'

const have: Record<OracleGenerator, boolean> = {
  jekyll: needTool('jekyll', 'jekyll', 'Jekyll differential tests'),
  hugo: needTool('hugo', 'hugo', 'Hugo differential tests', ['version']),
  pelican: needTool('pelican', 'pelican', 'Pelican differential tests')
}

/**
 * Deliberate differences, each with its reason. Keep this short: a difference that is not a
 * decision is a bug of `loadSite` (or of the oracle), not an exception.
 */
const exceptions: Record<string, readonly Exception[]> = {}

const fixtures = new URL('../fixtures/', import.meta.url).pathname
const given = process.env.MDPOST_DIFF_SEED
const seed = given ? Number(given) : process.env.CI ? 20260520 : Math.floor(Math.random() * 2 ** 31)
const perGenerator = Number(process.env.MDPOST_DIFF_SITES ?? 2)
console.info(`generator differential seed ${seed} (replay: MDPOST_DIFF_SEED=${seed} npx vitest run test/generators.test.ts)`)

let work: string | undefined
afterAll(() => {
  if (!work) return
  if (process.env.MDPOST_DIFF_KEEP) console.info(`generated sites kept in ${work}`)
  else rmSync(work, {recursive: true, force: true})
})

function workFolder(): string {
  work ??= mkdtempSync(join(tmpdir(), 'mdpost-generators-'))
  return work
}

async function differential(name: string, root: string, generator: OracleGenerator): Promise<void> {
  const now = Date.now()
  const truth = truthOf(root, {generator, now})
  const site = await loadSite(root, {generator, now, concurrency: 1})
  const report = compareSite(truth, site, {exceptions: exceptions[name] ?? []})
  const text = formatReport(name, report, {limit: 20})
  if (process.env.MDPOST_DIFF_LOG) appendFileSync(process.env.MDPOST_DIFF_LOG, `${text}\n`)
  if (report.failures.length > 0) console.info(text)
  expect(report.counts.posts, `${name}: the real build has posts`).toBeGreaterThan(0)
  expect(
    report.failures.map(
      (entry) => `${entry.kind} ${entry.key}: generator ${JSON.stringify(entry.truth)} / mdpost ${JSON.stringify(entry.mdpost)}`
    ),
    text
  ).toEqual([])
}

const fixtureSites: Array<{name: string; root: string; generator: OracleGenerator}> = []
for (const generator of ['jekyll', 'hugo', 'pelican'] as const)
  fixtureSites.push({name: `sites/${generator}`, root: join(fixtures, 'sites', generator), generator})
for (const entry of readdirSync(join(fixtures, 'generators'), {withFileTypes: true})) {
  if (!entry.isDirectory()) continue
  const root = join(fixtures, 'generators', entry.name)
  const generator = detectGenerator(root)
  if (generator) fixtureSites.push({name: `generators/${entry.name}`, root, generator})
}

// ---------------------------------------------------------------------------------------------
// Generated sites: a seeded PRNG, random configs × random posts.

type Random = () => number

function prng(start: number): Random {
  let state = start >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
const chance = (random: Random, p: number): boolean => random() < p
const int = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1))
const pad = (value: number): string => String(value).padStart(2, '0')

const words = [
  'hello',
  'World',
  'café',
  'naïve',
  'Über',
  'data',
  'Go',
  'rust',
  '2020',
  'a',
  'x-y',
  'C++',
  'Q&A',
  'what?',
  "it's",
  'über',
  'ÉTÉ',
  'dot.net',
  'snake_case',
  'CamelCase'
]
const slugWords = ['hello', 'world', 'Mixed', 'CASE', 'data', 'go', 'a1', 'post', 'note', 'über', 'café', 'x_y']
const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'Europe/Madrid', 'America/Los_Angeles']

function title(random: Random): string {
  const parts = Array.from({length: int(random, 1, 4)}, () => pick(random, words))
  if (chance(random, 0.2)) parts.push(pick(random, [':', '—', '!', '"quoted"', '(paren)', '#1']))
  return parts.join(' ')
}

function slug(random: Random): string {
  return Array.from({length: int(random, 1, 3)}, () => pick(random, slugWords)).join('-')
}

interface Day {
  year: number
  month: number
  day: number
}

function day(random: Random): Day {
  return {year: int(random, 2012, 2024), month: int(random, 1, 12), day: int(random, 1, 28)}
}

const ymd = (d: Day): string => `${d.year}-${pad(d.month)}-${pad(d.day)}`
const offset = (random: Random): string => pick(random, ['+00:00', '+02:00', '-05:00', '+05:30', '+13:00', 'Z'])
const clock = (random: Random): string => `${pad(int(random, 0, 23))}:${pad(int(random, 0, 59))}:${pad(int(random, 0, 59))}`

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), {recursive: true})
  writeFileSync(join(root, path), text)
}

const yamlString = (value: string): string => JSON.stringify(value)

function jekyllSite(random: Random, root: string): void {
  const config = [`title: ${yamlString(title(random))}`]
  const permalink = pick(random, [
    null,
    'date',
    'pretty',
    'ordinal',
    'none',
    '/:categories/:year/:month/:day/:title:output_ext',
    '/:year/:title/',
    '/blog/:i_month/:i_day/:slug.html',
    '/:categories/:title',
    '/:short_year/:y_day/:title/'
  ])
  if (permalink) config.push(`permalink: ${permalink}`)
  const zone = pick(random, [null, ...zones])
  if (zone) config.push(`timezone: ${zone}`)
  if (chance(random, 0.3)) config.push('baseurl: /base')
  if (chance(random, 0.3)) config.push('url: https://gen.example.org')
  if (chance(random, 0.3))
    config.push('collections:', '  posts:', `    permalink: ${pick(random, ['/p/:title/', '/:year/:month/:slug', 'pretty'])}`)
  const plugins = ['jekyll-feed', 'jekyll-sitemap', 'jekyll-redirect-from'].filter(() => chance(random, 0.4))
  if (plugins.length > 0) config.push('plugins:', ...plugins.map((plugin) => `  - ${plugin}`))
  write(root, '_config.yml', `${config.join('\n')}\n`)
  if (chance(random, 0.6))
    write(root, 'about.md', `---\ntitle: About\n${chance(random, 0.5) ? 'permalink: /about-us/\n' : ''}---\nAbout.\n`)
  if (chance(random, 0.3)) write(root, 'index.html', '---\n---\n<p>Home</p>\n')
  if (chance(random, 0.3)) write(root, '_drafts/a-draft.md', '---\ntitle: Draft\n---\nDraft.\n')
  const used = new Set<string>()
  const count = int(random, 3, 6)
  for (let index = 0; index < count; index++) {
    const d = chance(random, 0.1) ? {year: 2099, month: 1, day: 1} : day(random)
    let name = slug(random)
    while (used.has(name)) name = `${name}-${index}`
    used.add(name)
    const ext = pick(random, ['.md', '.md', '.md', '.markdown', '.html'])
    const folder = chance(random, 0.25) ? `${pick(random, ['travel', 'Code', 'news/local'])}/` : ''
    const front: string[] = []
    if (chance(random, 0.85)) front.push(`title: ${yamlString(title(random))}`)
    const dateKind = pick(random, ['none', 'date', 'zoneless', 'offset', 'iso'])
    if (dateKind === 'date') front.push(`date: ${ymd(d)}`)
    else if (dateKind === 'zoneless') front.push(`date: ${ymd(d)} ${clock(random)}`)
    else if (dateKind === 'offset') front.push(`date: ${ymd(d)} ${clock(random)} ${pick(random, ['+0200', '-0500', '+0000'])}`)
    else if (dateKind === 'iso') front.push(`date: ${ymd(d)}T${clock(random)}${offset(random)}`)
    const categories = pick(random, [null, 'one', 'one two', '[Alpha, beta]', '[]'])
    if (categories !== null) front.push(`categories: ${categories}`)
    if (chance(random, 0.15)) front.push(`category: ${pick(random, ['solo', 'Mixed Case'])}`)
    const tags = pick(random, [null, '[a, b]', 'single', '[C++, "two words"]'])
    if (tags !== null) front.push(`tags: ${tags}`)
    if (chance(random, 0.1)) front.push('published: false')
    if (chance(random, 0.1)) front.push(`slug: ${slug(random)}`)
    if (chance(random, 0.07)) front.push(`permalink: /fixed/${name}/`)
    if (plugins.includes('jekyll-redirect-from') && chance(random, 0.3)) front.push(`redirect_from: /old/${name}/`)
    write(root, `${folder}_posts/${ymd(d)}-${name}${ext}`, `---\n${front.join('\n')}\n---\nText of ${name}.\n`)
  }
}

function hugoSite(random: Random, root: string): void {
  const config = [
    `baseURL = ${JSON.stringify(pick(random, ['https://gen.example.org/', 'https://gen.example.org/sub/']))}`,
    'title = "Generated"'
  ]
  const zone = pick(random, [null, ...zones])
  if (zone) config.push(`timeZone = ${JSON.stringify(zone)}`)
  if (chance(random, 0.25)) config.push('uglyURLs = true')
  const pattern = pick(random, [
    null,
    '/:year/:month/:slug/',
    '/:year/:month/:day/:title/',
    ':filename',
    '/:section/:slug',
    '/:slug/',
    '/:year/:filename/'
  ])
  if (pattern) config.push('[permalinks]', `posts = ${JSON.stringify(pattern)}`)
  write(root, 'hugo.toml', `${config.join('\n')}\n`)
  if (chance(random, 0.5)) write(root, 'content/about.md', '---\ntitle: About\n---\nAbout.\n')
  if (chance(random, 0.5)) write(root, 'content/posts/_index.md', '---\ntitle: All posts\n---\n')
  const used = new Set<string>()
  const count = int(random, 3, 6)
  for (let index = 0; index < count; index++) {
    const d = day(random)
    let name = slug(random)
    while (used.has(name)) name = `${name}-${index}`
    used.add(name)
    const front: string[] = []
    if (chance(random, 0.9)) front.push(`title: ${yamlString(title(random))}`)
    const key = pick(random, ['date', 'date', 'date', 'publishDate', 'lastmod', null])
    if (key) {
      const value = pick(random, [
        ymd(d),
        `${ymd(d)}T${clock(random)}`,
        `${ymd(d)}T${clock(random)}${offset(random)}`,
        `${ymd(d)} ${clock(random)}`
      ])
      front.push(`${key}: ${value}`)
    }
    if (chance(random, 0.3)) front.push(`slug: ${yamlString(slug(random))}`)
    if (chance(random, 0.4)) front.push(`tags: ${pick(random, ['[a, b]', '[Go, "two words"]', 'single'])}`)
    if (chance(random, 0.3)) front.push(`categories: ${pick(random, ['[Dev]', '[One, Two]'])}`)
    if (chance(random, 0.1)) front.push('draft: true')
    if (chance(random, 0.08)) front.push('date: 2099-01-01'.replace('date', key === 'date' ? 'publishDate' : 'date'))
    if (chance(random, 0.08)) front.push('expiryDate: 2019-01-01')
    if (chance(random, 0.08)) front.push(`aliases: [/old/${name}/]`)
    const path = chance(random, 0.3) ? `content/posts/${name}/index.md` : `content/posts/${name}.md`
    write(root, path, `---\n${front.join('\n')}\n---\nText of ${name}.\n`)
  }
}

function pelicanSite(random: Random, root: string): void {
  const config = [
    "SITENAME = 'Generated'",
    `SITEURL = ${JSON.stringify(pick(random, ['', 'https://gen.example.org', 'https://gen.example.org/blog']))}`,
    "PATH = 'content'"
  ]
  const zone = pick(random, [null, ...zones])
  if (zone) config.push(`TIMEZONE = ${JSON.stringify(zone)}`)
  const urls = pick(random, [
    null,
    ['{date:%Y}/{date:%m}/{slug}.html', '{date:%Y}/{date:%m}/{slug}.html'],
    ['{category}/{slug}/', '{category}/{slug}/index.html'],
    ['posts/{date:%Y}/{date:%b}/{date:%d}/{slug}/', 'posts/{date:%Y}/{date:%b}/{date:%d}/{slug}/index.html']
  ])
  if (urls) config.push(`ARTICLE_URL = ${JSON.stringify(urls[0])}`, `ARTICLE_SAVE_AS = ${JSON.stringify(urls[1])}`)
  if (chance(random, 0.3)) config.push('USE_FOLDER_AS_CATEGORY = False')
  if (chance(random, 0.3)) config.push("DEFAULT_CATEGORY = 'general'")
  write(root, 'pelicanconf.py', `${config.join('\n')}\n`)
  if (chance(random, 0.5)) write(root, 'content/pages/about.md', 'Title: About\n\nAbout.\n')
  const used = new Set<string>()
  const count = int(random, 3, 6)
  for (let index = 0; index < count; index++) {
    const d = day(random)
    const text = `${title(random)} ${index}`
    const name = `post-${index}`
    used.add(name)
    const colon = chance(random, 0.15) ? ':' : ': '
    const header = [`Title${colon}${text}`]
    header.push(
      `Date${colon}${pick(random, [ymd(d), `${ymd(d)} ${clock(random).slice(0, 5)}`, `${ymd(d)}T${clock(random)}${offset(random)}`])}`
    )
    if (chance(random, 0.4)) header.push(`Slug: ${slug(random)}-${index}`)
    if (chance(random, 0.4)) header.push(`Category: ${pick(random, ['Dev', 'News, Events', 'Mixed Case'])}`)
    if (chance(random, 0.4)) header.push(`Tags: ${pick(random, ['a, b', 'python', 'Two Words, x'])}`)
    if (chance(random, 0.1)) header.push(`Status: ${pick(random, ['draft', 'hidden', 'published'])}`)
    const folder = chance(random, 0.3) ? `${pick(random, ['python', 'Life'])}/` : ''
    write(root, `content/${folder}${name}.md`, `${header.join('\n')}\n\nText ${index}.\n`)
  }
}

const makers: Record<OracleGenerator, (random: Random, root: string) => void> = {jekyll: jekyllSite, hugo: hugoSite, pelican: pelicanSite}

// ---------------------------------------------------------------------------------------------

for (const generator of ['jekyll', 'hugo', 'pelican'] as const) {
  describe.skipIf(!have[generator])(`${generator}: loadSite as the real generator builds`, () => {
    for (const site of fixtureSites.filter((entry) => entry.generator === generator)) {
      test(`fixture ${site.name}`, () => differential(site.name, site.root, generator))
    }
    for (let index = 0; index < perGenerator; index++) {
      const siteSeed = (seed + index * 7919 + generator.length * 104729) >>> 0
      test(`generated ${generator} site ${index} (site seed ${siteSeed})`, async () => {
        const root = join(workFolder(), `${generator}-${index}`)
        makers[generator](prng(siteSeed), root)
        await differential(`generated ${generator} ${index}`, root, generator)
      })
    }
  })
}
