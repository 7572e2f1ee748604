/**
 * Link checks against the REAL build (issue 21): for each site of fixtures/link-sites/, build it
 * with the real generator (Debian's jekyll 4.3.1 + jekyll-feed/-redirect-from, hugo 0.111.3, pelican 4.8),
 * list every `<a href>`/`<img src>` of the built content that points at nothing (missing file,
 * or missing `#fragment`; GitHub-Pages-tolerant: `x` is served by `x.html`), and a link tag to
 * nothing (`post_url`, `link`, `ref`, `relref`: it fails the real build; Pelican's `{filename}`:
 * a warning), each at its source
 * file; then run `loadSite` and require its `link-internal-broken`, `link-fragment-broken` and
 * `image-local-missing` reports to be the same list, both ways, by source file + target URL +
 * rule, except for the entries of `exceptions` (each with its reason).
 *
 * The oracle is scripts/link-oracle.mjs (also a command: `node scripts/link-oracle.mjs <site>`).
 */
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadSite} from 'mdpost/node'
import type {Site} from 'mdpost/site'
import {afterAll, describe, expect, test} from 'vitest'
import {needTool} from './helpers/tools.js'

type Kind = 'internal' | 'fragment' | 'image'
type Generator = 'jekyll' | 'hugo' | 'pelican'

interface BrokenLink {
  page: string
  source: string
  href: string
  kind: Kind
  target: string
  fragment: string | null
  strict: boolean
  tolerant: boolean
  tag?: boolean
}

interface Build {
  generator: Generator
  version: string
  work: string
  base: string
  tagErrors: Array<{source: string; tag: string; error: string}>
  errors: Array<{path: string; error: string}>
  neutralised: string[]
}

interface Crawled {
  broken: BrokenLink[]
  stats: {pages: number; links: number; checked: number}
}

interface MdpostReport {
  source: string
  line: number
  column: number
  rule: string
  kind: Kind
  severity: string
  href: string | null
  resolved: {path: string; fragment: string | null} | null
  tag: boolean
}

interface Comparison {
  matches: Array<{report: MdpostReport; entry: BrokenLink; how: string}>
  falsePositives: Array<MdpostReport & {cause: string}>
  falseNegatives: Array<BrokenLink & {cause: string}>
}

interface LinkOracleModule {
  buildSite(root: string, generator?: string): Build
  crawl(build: Build): Crawled
  compareLinks(build: Build, crawled: Crawled, site: Site, options?: {strict?: boolean; root?: string}): Comparison
  formatLinkReport(name: string, build: Build, crawled: Crawled, comparison: Comparison): string
}

const oracle = (await import(new URL('../scripts/link-oracle.mjs', import.meta.url).href)) as LinkOracleModule

/**
 * Deliberate differences: `side` `fp` (mdpost reports, the build has no such broken link) or `fn`
 * (the build has it, mdpost does not report it), matched on the source file and the href as the
 * build has it (`fn`) or as written (`fp`).
 */
interface Exception {
  side: 'fp' | 'fn'
  source: string
  href: string
  reason: string
}

const exceptions: Record<string, readonly Exception[]> = {
  jekyll: [
    {
      side: 'fn',
      source: '_posts/2020-01-01-hello.md',
      href: '#nope',
      reason:
        'the post holds a Liquid loop (`{% for %}`), which could write elements with ids: fragments into such a page are not checked without its build (precision first; `built` checks them)'
    },
    {
      side: 'fn',
      source: '_posts/2020-02-02-second.md',
      href: '/blog/2020/01/hello/#wrong-id',
      reason: 'into the same templated post as above'
    },
    {
      side: 'fn',
      source: '_posts/2020-01-01-hello.md',
      href: 'You and Your Research',
      reason:
        'markdown dialect: kramdown takes a destination with spaces (`[t](You and Your Research)`), CommonMark does not read it as a link'
    },
    {
      side: 'fn',
      source: '_posts/2020-01-01-hello.md',
      href: '/blog/data-missing/',
      reason:
        'made by `{% for repo in site.data.repos %}<a href="{{ repo.url }}">`: a destination that still holds template code after expansion is skipped by design (issue 21, point 3)'
    }
  ],
  hugo: [
    {
      side: 'fn',
      source: 'content/posts/first.md',
      href: '#block-id',
      reason:
        'with `parser.attribute.block` on, an attribute line alone under a heading (`{#block-id}`) gives no id in Goldmark, while one ending a paragraph does: mdpost does not tell the two apart and takes both (precision first)'
    }
  ],
  'hugo-safe': [
    {
      side: 'fp',
      source: 'content/posts/raw.md',
      href: '/posts/nowhere.html',
      reason:
        'markdown dialect: Goldmark’s definition lists (on in Hugo) split the paragraph at `: post`, so the build has no such link; mdpost reads CommonMark and GFM'
    }
  ],
  pelican: []
}

const have = {
  jekyll: needTool('jekyll', 'jekyll', 'Link differential tests (Jekyll)'),
  hugo: needTool('hugo', 'hugo', 'Link differential tests (Hugo)', ['version']),
  pelican: needTool('pelican', 'pelican', 'Link differential tests (Pelican)')
}

const folder = new URL('../fixtures/link-sites/', import.meta.url).pathname
const sites = readdirSync(folder, {withFileTypes: true})
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({
    name: entry.name,
    root: join(folder, entry.name),
    generator: (['hugo', 'pelican'].find((name) => entry.name.startsWith(name)) ?? 'jekyll') as Generator
  }))

const works: string[] = []
afterAll(() => {
  for (const work of works) rmSync(work, {recursive: true, force: true})
})

const target = (path: string, fragment: string | null): string => (fragment === null ? path : `${path}#${fragment}`)

for (const {name, root, generator} of sites) {
  describe.skipIf(!have[generator])(`links of fixtures/link-sites/${name} against ${generator}'s build`, () => {
    test('mdpost reports exactly the broken links of the real build', async () => {
      const build = oracle.buildSite(root, generator)
      works.push(build.work)
      const crawled = oracle.crawl(build)
      const site = await loadSite(root, {generator, concurrency: 1})
      const comparison = oracle.compareLinks(build, crawled, site, {root})
      const text = oracle.formatLinkReport(name, build, crawled, comparison)
      const used = new Set<Exception>()
      const excused = (side: 'fp' | 'fn', source: string, href: string | null): boolean => {
        const item = (exceptions[name] ?? []).find((each) => each.side === side && each.source === source && each.href === href)
        if (item) used.add(item)
        return item !== undefined
      }

      expect(crawled.stats.checked, `${name}: the build has internal links`).toBeGreaterThan(10)
      expect(crawled.broken.length, `${name}: the build has broken links`).toBeGreaterThan(0)
      const failures = [
        ...comparison.falsePositives
          .filter((report) => !excused('fp', report.source, report.href))
          .map(
            (report) =>
              `false positive ${report.source}:${report.line}:${report.column} ${report.rule} ${JSON.stringify(report.href)} (${report.cause})`
          ),
        ...comparison.falseNegatives
          .filter((entry) => !excused('fn', entry.source, entry.href))
          .map(
            (entry) =>
              `false negative ${entry.source} ${entry.kind} ${JSON.stringify(entry.href)} → ${target(entry.target, entry.fragment)} (${entry.cause})`
          ),
        ...comparison.matches
          .filter((match) => !['exact', 'tag', 'tag fragment'].includes(match.how))
          .map(
            (match) =>
              `${match.how}: ${match.report.source}:${match.report.line} ${match.report.rule} ${JSON.stringify(match.report.href)}; the build: ${match.entry.kind} ${target(match.entry.target, match.entry.fragment)}`
          ),
        // A link tag to nothing fails the real build (Jekyll, Hugo): mdpost says so as an error, at the tag.
        ...comparison.matches
          .filter((match) => generator !== 'pelican' && match.how === 'tag' && match.report.severity !== 'error')
          .map(
            (match) => `link tag to nothing reported as ${match.report.severity}, not error: ${match.report.source}:${match.report.line}`
          )
      ]
      for (const item of exceptions[name] ?? [])
        if (!used.has(item)) failures.push(`stale exception (nothing to excuse): ${item.side} ${item.source} ${item.href}`)
      // Every tag error of the build is one of the matched reports.
      const tagged = comparison.matches.filter((match) => match.how === 'tag').length
      if (tagged !== build.tagErrors.length)
        failures.push(
          `link tags to nothing: the build has ${build.tagErrors.length} (${build.tagErrors.map((tag) => `${tag.source} ${tag.tag}`).join('; ')}), mdpost reported ${tagged}`
        )
      expect(failures, text).toEqual([])
    })
  })
}

/**
 * Hand-written cases of the link check as a browser and the generator's plugins make it (no
 * generator run): each was a difference with the real build before.
 */
describe('links as the build serves them', () => {
  const site = (files: Record<string, string>): string => {
    const root = mkdtempSync(join(tmpdir(), 'mdpost-links-'))
    works.push(root)
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), {recursive: true})
      writeFileSync(join(root, path), text)
    }
    return root
  }
  const reports = (loaded: Site): string[] =>
    loaded.diagnostics
      .filter((d) => ['link-internal-broken', 'link-fragment-broken', 'image-local-missing'].includes(d.ruleId))
      .map((d) => `${d.path}:${d.line} ${d.ruleId} ${/`([^`]*)`/.exec(d.message)?.[1]}`)
      .sort()
  const config = 'url: https://example.org\npermalink: /:title/\nplugins: [jekyll-redirect-from]\n'

  test("jekyll-redirect-from's redirect_to is the page's one link, and the page has no ids", async () => {
    const root = site({
      '_config.yml': config,
      '_posts/2020-01-01-moved.md': '---\ntitle: Moved\nredirect_to: nowhere\n---\n[gone with the content](/also-nowhere/)\n\n## Heading\n',
      '_posts/2020-01-02-there.md': '---\ntitle: There\nredirect_to: [https://example.org/moved/, x]\n---\n',
      '_posts/2020-01-03-link.md': '---\ntitle: Link\n---\n[heading of a redirect page](/moved/#heading)\n',
      'old.html': '---\nredirect_to: /link/\n---\n<a href="/nowhere-in-old/">replaced</a>\n'
    })
    expect(reports(await loadSite(root, {generator: 'jekyll', concurrency: 1}))).toEqual([
      '_posts/2020-01-01-moved.md:3 link-internal-broken https://example.org/nowhere',
      '_posts/2020-01-03-link.md:4 link-fragment-broken #heading'
    ])
    // Without the plugin, the content is the page's.
    const plain = site({
      '_config.yml': 'permalink: /:title/\n',
      '_posts/2020-01-01-moved.md': '---\nredirect_to: nowhere\n---\n[x](/also-nowhere/)\n'
    })
    expect(reports(await loadSite(plain, {generator: 'jekyll', concurrency: 1}))).toEqual([
      '_posts/2020-01-01-moved.md:4 link-internal-broken /also-nowhere/'
    ])
  })

  test('a fragment on an alias (a redirect page) is lost; #top is any page’s top', async () => {
    const root = site({
      '_config.yml': config,
      '_posts/2020-01-01-a.md': '---\ntitle: A\nredirect_from: /old-a/\n---\n## Part\n',
      '_posts/2020-01-02-b.md':
        '---\ntitle: B\n---\n[by its alias](/old-a/#part), [itself](/a/#part), [top](/old-a/#top), [own top](#top)\n'
    })
    expect(reports(await loadSite(root, {generator: 'jekyll', concurrency: 1}))).toEqual([
      '_posts/2020-01-02-b.md:4 link-fragment-broken #part'
    ])
  })

  test('paths resolve as a browser resolves them: an empty segment stays, dot segments go, /\\ is another host', async () => {
    const root = site({
      '_config.yml': config,
      '_posts/2020-01-01-a.md': '---\ntitle: A\n---\nA.\n',
      '_posts/2020-01-02-b.md':
        '---\ntitle: B\n---\n[doubled](/a//), [absolute doubled](https://example.org/a//), [dots](/x/../a/), <a href="/\\other.example/x">other</a>, [protocol-relative](//example.org/nowhere/), [other host](//other.example/nowhere/), [leading slashes are one](https://example.org//a/)\n'
    })
    expect(reports(await loadSite(root, {generator: 'jekyll', concurrency: 1}))).toEqual([
      '_posts/2020-01-02-b.md:4 link-internal-broken //example.org/nowhere/',
      '_posts/2020-01-02-b.md:4 link-internal-broken /a//',
      '_posts/2020-01-02-b.md:4 link-internal-broken https://example.org/a//'
    ])
  })

  test('a page written in HTML has its links, images and ids checked as written, its Liquid URL outputs expanded', async () => {
    const root = site({
      '_config.yml': config,
      'team.html': [
        '---',
        'permalink: /team/',
        '---',
        "<h2 id='members'>Members</h2>",
        '<a href="/nowhere/">x</a> <a href="#members">y</a> <img src="/gone.png">',
        '<!-- <a href="/in-comment/">c</a> --><script>"<a href=\'/in-script/\'>"</script>',
        '{% comment %}<a href="/in-liquid-comment/">l</a>{% endcomment %}<a href="{{ site.baseurl }}/templated/">t</a>',
        ''
      ].join('\n'),
      'static.html': '<a href="/not-a-page/">a file without front matter is copied, not checked</a>\n',
      'notes/plain.md': '# Copied as it is\n\n[not checked](/not-rendered/)\n',
      '_posts/2020-01-01-a.md': '---\ntitle: A\n---\n[members](/team/#members), [nobody](/team/#nobody)\n'
    })
    expect(reports(await loadSite(root, {generator: 'jekyll', concurrency: 1}))).toEqual([
      '_posts/2020-01-01-a.md:4 link-fragment-broken #nobody',
      'team.html:5 image-local-missing /gone.png',
      'team.html:5 link-internal-broken /nowhere/',
      'team.html:7 link-internal-broken {{ site.baseurl }}/templated/'
    ])
  })
})
