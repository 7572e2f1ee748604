/**
 * Sites: fixture sites against golden summaries, permalinks against Jekyll's and Hugo's
 * documented examples (one case per placeholder and style), time zones under any machine TZ,
 * feeds parsed back by an XML parser and by a feed reader's parser, and bad input.
 */
import {execFileSync} from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseFeed} from '@rowanmanning/feed-parser'
import fast from 'fast-check'
import {XMLParser, XMLValidator} from 'fast-xml-parser'
import {parsePostSync} from 'mdpost'
import {loadSite, openSite} from 'mdpost/node'
import {createSite, type Site, type SiteConfig, toFeed, toSitemap} from 'mdpost/site'
import {afterAll, describe, expect, test} from 'vitest'
import {corpusFiles, corpusPresent, decodeText} from './helpers/corpus.js'

const root = new URL('..', import.meta.url).pathname
const now = Date.UTC(2026, 0, 1)
const folder = mkdtempSync(join(tmpdir(), 'mdpost-site-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

/** What a golden file keeps of a Site: everything but the posts' own fields. */
function summary(site: Site): unknown {
  return {
    generator: site.generator,
    config: site.config,
    authors: site.authors,
    posts: site.posts.map((post) => ({
      path: post.path,
      title: post.title,
      permalink: post.permalink,
      url: post.url,
      date: post.date && {iso: post.date.iso, instant: new Date(post.date.timestamp).toISOString()},
      excerpt: post.excerpt?.source ?? null,
      categories: post.categories,
      tags: post.tags,
      backlinks: post.backlinks,
      previous: post.previous,
      next: post.next
    })),
    tags: site.tags,
    categories: site.categories,
    excluded: site.excluded,
    served: site.served,
    diagnostics: site.diagnostics.map((d) => `${d.path}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.ruleId}]`)
  }
}

function golden(path: string, actual: string): void {
  if (process.env.UPDATE || (!existsSync(path) && !process.env.CI)) writeFileSync(path, actual)
  expect(actual, `${path} differs`).toBe(readFileSync(path, 'utf8'))
}

describe('fixture sites', () => {
  // JavaScript and Python configs are never executed: their URL comes as an option.
  const urls: Record<string, string | undefined> = {
    docusaurus: 'https://docs.example.org',
    gatsby: 'https://gatsby.example.org',
    pelican: 'https://pelican.example.org'
  }
  test.each(['jekyll', 'hugo', 'docusaurus', 'gatsby', 'pelican'])('%s', async (name) => {
    const site = await loadSite(join(root, 'fixtures', 'sites', name), {now, ...(urls[name] ? {url: urls[name]} : {})})
    expect(site.generator).toBe(name)
    golden(join(root, 'fixtures', 'sites', name, 'site.golden.json'), `${JSON.stringify(summary(site), null, 2)}\n`)
  })
})

const post = (markdown: string, path: string) => ({path, post: parsePostSync(markdown, {path, strict: false})})
const permalink = (config: SiteConfig, markdown: string, path: string) =>
  createSite({posts: [post(markdown, path)], config: {now, ...config}}).posts[0]?.permalink

describe('Jekyll permalinks (jekyllrb.com/docs/permalinks)', () => {
  const slapChop = '---\ntitle: Slap Chop\n---\n'
  test.each([
    ['date', '/2009/04/29/slap-chop.html'],
    ['pretty', '/2009/04/29/slap-chop/'],
    ['ordinal', '/2009/119/slap-chop.html'],
    ['weekdate', '/2009/W18/Wed/slap-chop.html'],
    ['none', '/slap-chop.html'],
    ['/:year/:month/:day/:title:output_ext', '/2009/04/29/slap-chop.html'],
    ['/:year/:month/:day/:title/', '/2009/04/29/slap-chop/'],
    ['/:year/:month/:title', '/2009/04/slap-chop'],
    ['/:short_year/:i_month/:i_day/:slug/', '/09/4/29/slap-chop/'],
    ['/:year/:short_month/:long_month/:short_day/:long_day/:title/', '/2009/Apr/April/Wed/Wednesday/slap-chop/'],
    ['/:hour/:minute/:second/:title/', '/00/00/00/slap-chop/'],
    ['/:y_day/:week/:title/', '/119/18/slap-chop/']
  ])('%s', (style, expected) => {
    expect(permalink({generator: 'jekyll', permalink: style}, slapChop, '_posts/2009-04-29-slap-chop.md')).toBe(expected)
  })

  test(':categories from folders above _posts, then front matter; `slug` front matter wins for :title', () => {
    const text = '---\ncategories: [Food, Kitchen]\nslug: custom\n---\n'
    expect(permalink({generator: 'jekyll'}, text, 'recipes/_posts/2009-04-29-slap-chop.md')).toBe(
      '/recipes/food/kitchen/2009/04/29/custom.html'
    )
  })

  test('time of day and front matter permalink with placeholders', () => {
    const text = '---\ndate: 2009-04-29 15:16:17\npermalink: /:year/:hour-:minute-:second/\n---\n'
    expect(permalink({generator: 'jekyll'}, text, '_posts/2009-04-29-x.md')).toBe('/2009/15-16-17/')
  })
})

describe('Hugo permalinks (gohugo.io/content-management/urls)', () => {
  const first = '---\ntitle: My First Post\ndate: 2023-03-15T10:00:00\n---\n'
  test.each([
    ['/:year/:month/:title/', '/2023/03/my-first-post/'],
    ['/:year/:monthname/:day/', '/2023/march/15/'],
    ['/:weekday/:weekdayname/:yearday/', '/3/wednesday/74/'],
    ['/:section/:slug/', '/posts/my-first-post/'],
    ['/:sections/:filename/', '/posts/first/'],
    ['/:slugorfilename/', '/first/'],
    ['/:contentbasename/', '/first/']
  ])('%s', (pattern, expected) => {
    expect(permalink({generator: 'hugo', permalink: {posts: pattern}}, first, 'content/posts/first.md')).toBe(expected)
  })

  test('the default, bundles, `slug` and `url`', () => {
    expect(permalink({generator: 'hugo'}, first, 'content/posts/first.md')).toBe('/posts/first/')
    expect(permalink({generator: 'hugo'}, first, 'content/posts/my-bundle/index.md')).toBe('/posts/my-bundle/')
    expect(
      permalink({generator: 'hugo', permalink: {posts: '/:slug/'}}, `${first.slice(0, -4)}slug: chosen\n---\n`, 'content/posts/a.md')
    ).toBe('/chosen/')
    expect(permalink({generator: 'hugo'}, '---\nurl: /elsewhere/\n---\n', 'content/posts/a.md')).toBe('/elsewhere/')
  })
})

describe('Jekyll defaults and excerpt_separator', () => {
  test('values by path scope, under the post’s own front matter; the longer path wins', () => {
    const config: SiteConfig = {
      generator: 'jekyll',
      now,
      defaults: [
        {scope: {path: ''}, values: {tags: ['everywhere'], lang: 'es'}},
        {scope: {path: 'news', type: 'posts'}, values: {tags: ['news'], permalink: '/news/:title/'}},
        {scope: {path: 'news', type: 'drafts'}, values: {tags: ['never']}}
      ]
    }
    const site = createSite({
      posts: [
        post('---\ntitle: A\n---\n', 'news/_posts/2020-01-01-a.md'),
        post('---\ntitle: B\ntags: [own]\nlang: en\n---\n', '_posts/2020-01-02-b.md')
      ],
      config
    })
    const [b, a] = site.posts
    expect(a).toMatchObject({tags: ['news'], lang: 'es', permalink: '/news/a/'})
    expect(b).toMatchObject({tags: ['own'], lang: 'en', permalink: '/2020/01/02/b.html'})
    expect(a?.metadata.tags).toEqual(['news'])
  })

  test('as Jekyll 4.3 ranks them: at equal length a typed scope wins; globs; a draft is of type posts', () => {
    const config: SiteConfig = {
      generator: 'jekyll',
      now,
      drafts: true,
      defaults: [
        {scope: {path: '_posts', type: 'posts'}, values: {permalink: '/typed/:title/'}},
        {scope: {path: '_posts'}, values: {permalink: '/untyped/:title/', tags: ['kept']}},
        {scope: {path: '*/_posts'}, values: {permalink: '/globbed/:title/'}},
        {scope: {type: 'drafts'}, values: {tags: ['never']}},
        {scope: {type: 'post'}, values: {lang: 'fr'}}
      ]
    }
    const site = createSite({
      posts: [
        post('---\ntitle: A\n---\n', '_posts/2020-01-01-a.md'),
        post('---\ntitle: B\n---\n', 'news/_posts/2020-01-02-b.md'),
        post('---\ntitle: C\n---\n', '_drafts/c.md')
      ],
      config
    })
    const by = (path: string) => site.posts.find((entry) => entry.path === path)
    expect(by('_posts/2020-01-01-a.md')).toMatchObject({permalink: '/typed/a/', tags: ['kept'], lang: 'fr'})
    expect(by('news/_posts/2020-01-02-b.md')).toMatchObject({permalink: '/globbed/b/', tags: [], lang: 'fr'})
    expect(by('_drafts/c.md')).toMatchObject({tags: [], lang: 'fr'})
  })

  test('loadSite reads them from _config.yml', async () => {
    const site = await loadSite(join(root, 'fixtures', 'sites', 'jekyll'), {now})
    const update = site.posts.find((p) => p.path === 'news/_posts/2021-03-01-update.md')
    expect(update?.tags).toEqual(['announcement'])
    const winter = site.posts.find((p) => p.path === '_posts/2021-01-15-winter.md')
    expect(winter?.excerpt?.source).toBe('separator')
  })
})

describe('Liquid and shortcodes in link destinations', () => {
  test('Jekyll: post_url, link, site.baseurl expanded, positions kept in the file', async () => {
    const site = await loadSite(join(root, 'fixtures', 'sites', 'jekyll'), {now})
    const winter = site.posts.find((p) => p.path === '_posts/2021-01-15-winter.md')
    const source = readFileSync(join(root, 'fixtures', 'sites', 'jekyll', '_posts', '2021-01-15-winter.md'), 'utf8')
    const liquid = winter?.links.filter(
      (link) => link.position && source.slice(link.position.start.offset, link.position.end.offset).includes('{')
    )
    expect(liquid?.map((link) => [link.url, source.slice(link.position?.start.offset, link.position?.end.offset)])).toEqual([
      ['/blog/same/', '[the update]({% post_url 2021-03-01-update %})'],
      ['/blog/travel/2021/07/01/summer/', '[the summer]({% link _posts/2021-07-01-summer.md %})'],
      ['/blog/assets/a.png', '[the assets]({{ site.baseurl }}/assets/a.png)'],
      ['/blog/2020-01-01-never', '[a post that never was]({% post_url 2020-01-01-never %})']
    ])
    expect(
      site.diagnostics.filter((d) => d.path === '_posts/2021-01-15-winter.md').map((d) => `${d.line}:${d.column} ${d.ruleId}`)
    ).toContain('20:5 link-internal-broken')
  })

  test('Hugo: ref and relref expanded', async () => {
    const site = await loadSite(join(root, 'fixtures', 'sites', 'hugo'), {now})
    const bundle = site.posts.find((p) => p.path === 'content/posts/bundle/index.md')
    expect(bundle?.links.map((link) => link.url)).toContain('/2022/01/custom-slug/')
    expect(bundle?.links.map((link) => link.url)).toContain('https://hugo.example.org/notes/first-note/')
    expect(site.posts.find((p) => p.path === 'content/posts/second.md')?.backlinks).toEqual([
      {path: 'content/posts/bundle/index.md', line: 11}
    ])
  })
})

describe('Hugo aliases', () => {
  test('a link to an alias reaches its post', () => {
    const moved = post('---\ntitle: Moved\naliases: [/old/path/, old-name]\n---\n', 'content/posts/moved.md')
    // A relative alias is beside the page's folder (`renderAliases`, hugolib/site_render.go).
    const linking = post('---\ntitle: Linking\n---\n\n[old](/old/path/) and [other](/posts/old-name/)\n', 'content/posts/linking.md')
    const site = createSite({posts: [moved, linking], config: {generator: 'hugo', now}, files: []})
    expect(site.diagnostics).toEqual([])
    expect(site.posts.find((p) => p.title === 'Moved')?.backlinks).toHaveLength(2)
  })
})

describe('other layouts', () => {
  test('Docusaurus, Gatsby, Pelican, generic', () => {
    expect(permalink({generator: 'docusaurus'}, '# Hi', 'blog/2021-08-26-welcome.md')).toBe('/blog/2021/08/26/welcome/')
    expect(permalink({generator: 'docusaurus'}, '---\nslug: /custom\n---\n', 'blog/2021-08-26-welcome/index.md')).toBe('/blog/custom/')
    expect(permalink({generator: 'gatsby'}, '# Hi', 'content/blog/hello-world/index.md')).toBe('/hello-world/')
    // Pelican reads `Key: value` headers; an article without a title or a date is skipped.
    const pelican = parsePostSync('Title: My post\nDate: 2020-01-01\n\nBody', {path: 'content/my-post.md', metadataHeaders: true})
    expect(
      createSite({posts: [{path: 'content/my-post.md', post: pelican}], config: {generator: 'pelican', now}}).posts[0]?.permalink
    ).toBe('/my-post.html')
    expect(permalink({generator: 'pelican'}, 'Title: x\n\nBody', 'content/my-post.md')).toBeUndefined()
    expect(permalink({}, '# Hi', 'notes/hello.md')).toBe('/hello/')
  })
})

describe('time zones', () => {
  const summer = post('---\ntitle: Summer\ndate: 2021-07-01 00:30:00\n---\n', '_posts/2021-07-01-summer.md')
  const winter = post('---\ntitle: Winter\ndate: 2021-01-15 00:30:00\n---\n', '_posts/2021-01-15-winter.md')

  // As Jekyll 4.3.1 reads them (asked: `Jekyll::Site#read` with `timezone: Europe/Madrid`): a
  // YAML timestamp without zone is UTC (SafeYAML); a date, a time without seconds and a quoted
  // value are `Time.parse`d in the site's zone, with its daylight saving.
  test('a floating date or quoted time is read in the site’s zone, with its daylight saving; a YAML timestamp is UTC', () => {
    const quoted = post('---\ntitle: Quoted\ndate: "2021-07-02 00:30:00"\n---\n', '_posts/2021-07-02-quoted.md')
    const minutes = post('---\ntitle: Minutes\ndate: 2021-01-16 00:30\n---\n', '_posts/2021-01-16-minutes.md')
    const site = createSite({
      posts: [winter, summer, quoted, minutes],
      config: {generator: 'jekyll', timezone: 'Europe/Madrid', now, url: 'https://e.example'}
    })
    expect(site.posts.map((p) => new Date(p.date?.timestamp as number).toISOString())).toEqual([
      '2021-07-01T22:30:00.000Z',
      '2021-07-01T00:30:00.000Z',
      '2021-01-15T23:30:00.000Z',
      '2021-01-15T00:30:00.000Z'
    ])
    expect(site.posts.map((p) => p.permalink)).toEqual([
      '/2021/07/02/quoted.html',
      '/2021/07/01/summer.html',
      '/2021/01/16/minutes.html',
      '/2021/01/15/winter.html'
    ])
    const atom = toFeed(site)
    expect(atom).toContain('<published>2021-07-01T02:30:00+02:00</published>')
    expect(atom).toContain('<published>2021-07-02T00:30:00+02:00</published>')
    expect(atom).toContain('<published>2021-01-15T01:30:00+01:00</published>')
    expect(toFeed(site, {format: 'rss'})).toContain('<pubDate>Thu, 01 Jul 2021 02:30:00 +0200</pubDate>')
  })

  test('identical under any TZ of the machine', () => {
    const script = `import {parsePostSync} from 'mdpost'
import {createSite} from 'mdpost/site'
const p = (t, path) => ({path, post: parsePostSync(t, {path})})
const site = createSite({posts: [p('---\\ndate: 2021-07-01 00:30:00\\n---\\n', '_posts/2021-07-01-a.md'), p('---\\ndate: 2021-01-15 00:30:00\\n---\\n', '_posts/2021-01-15-b.md')], config: {generator: 'jekyll', timezone: 'Europe/Madrid', now: ${now}}})
console.log(JSON.stringify(site.posts.map((post) => [post.permalink, post.date.timestamp])))`
    const answers = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Lord_Howe'].map((zone) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8', env: {...process.env, TZ: zone}})
    )
    expect(new Set(answers).size).toBe(1)
  })
})

describe('feeds and the sitemap', () => {
  const site = () => loadSite(join(root, 'fixtures', 'sites', 'jekyll'), {now})

  test('Atom and RSS are well formed and read back by a feed reader', async () => {
    const loaded = await site()
    for (const format of ['atom', 'rss'] as const) {
      const xml = toFeed(loaded, {format})
      expect(XMLValidator.validate(xml), format).toBe(true)
      const feed = parseFeed(xml)
      expect(feed.items.map((item) => item.title)).toEqual(loaded.posts.map((p) => p.title))
      expect(feed.items[0]?.url).toBe('https://example.org/blog/travel/2021/07/01/summer/')
      // Relative links and images made absolute.
      const content = (feed.items[0]?.content ?? feed.items[0]?.description) as string
      expect(content).toContain('src="https://example.org/blog/assets/a.png"')
      expect(content).not.toMatch(/(href|src)="\/(?!\/)/)
    }
  })

  test('JSON Feed 1.1 and the sitemap', async () => {
    const loaded = await site()
    const json = JSON.parse(toFeed(loaded, {format: 'json', limit: 2}))
    expect(json.version).toBe('https://jsonfeed.org/version/1.1')
    expect(json.items).toHaveLength(2)
    expect(json.items[0]).toMatchObject({
      id: 'https://example.org/blog/travel/2021/07/01/summer/',
      date_published: '2021-07-01T12:00:00+02:00'
    })
    const sitemap = toSitemap(loaded)
    expect(XMLValidator.validate(sitemap)).toBe(true)
    const parsed = new XMLParser().parse(sitemap) as {urlset: {url: Array<{loc: string}>}}
    expect(parsed.urlset.url.map((url) => url.loc)).toEqual(loaded.posts.map((p) => p.url))
  })

  test('XML-hostile text is escaped', () => {
    const hostile = post('---\ntitle: "A <b>&amp; \\"quoted\\" \\u0001 title"\n---\n\n<script>x</script> & text\n', 'x.md')
    const loaded = createSite({posts: [hostile], config: {url: 'https://e.example', now}})
    for (const format of ['atom', 'rss'] as const) expect(XMLValidator.validate(toFeed(loaded, {format}))).toBe(true)
    expect(() => toFeed(createSite({posts: [hostile], config: {now}}))).toThrow(TypeError)
  })
})

describe('openSite: a site kept in memory', () => {
  /** Each step changes files, names them, and the update must give what loading again gives. */
  type Step = [string, (site: string) => string[]]
  const edit = (file: string, change: (text: string) => string) => (site: string) => {
    const before = readFileSync(join(site, file), 'utf8')
    const after = change(before)
    expect(after, `an edit of ${file}`).not.toBe(before)
    writeFileSync(join(site, file), after)
    return [file]
  }
  const jekyll: Step[] = [
    ['a title and a heading change', edit('_posts/2021-07-01-summer.md', (text) => text.replace('# Summer heading', '# Hot heading'))],
    [
      'a new post that the broken link names, with a post_url to another',
      (site) => {
        writeFileSync(
          join(site, '_posts/2021-08-01-nope.md'),
          '---\ntitle: Nope\npermalink: /nope/\n---\n\n[Back]({% post_url 2021-07-01-summer %})\n'
        )
        return [join(site, '_posts/2021-08-01-nope.md')]
      }
    ],
    [
      'a permalink change that a post_url follows',
      edit('_posts/2021-07-01-summer.md', (text) => text.replace('title: Summer', 'title: Summer\nslug: hot'))
    ],
    [
      'a missing image added, in a new folder',
      (site) => {
        mkdirSync(join(site, 'assets/more'), {recursive: true})
        writeFileSync(join(site, 'assets/missing.png'), '')
        writeFileSync(join(site, 'assets/more/b.png'), '')
        return ['assets/missing.png', 'assets/more']
      }
    ],
    [
      'a post removed, a folder of posts removed',
      (site) => {
        unlinkSync(join(site, '_posts/2021-01-15-winter.md'))
        rmSync(join(site, 'news'), {recursive: true})
        return ['_posts/2021-01-15-winter.md', 'news']
      }
    ],
    [
      'a post renamed',
      (site) => {
        renameSync(join(site, '_posts/2021-03-02-clash.md'), join(site, '_posts/2021-03-03-clash.md'))
        return ['_posts/2021-03-02-clash.md', '_posts/2021-03-03-clash.md']
      }
    ],
    ['a post that stops parsing', edit('_posts/2021-08-01-nope.md', (text) => text.replace('title: Nope', 'title: "Nope'))],
    [
      'the config: a new permalink style and time zone',
      edit('_config.yml', (text) => text.replace('timezone: Europe/Madrid', 'timezone: America/New_York'))
    ],
    ['drafts shown', edit('_config.yml', (text) => `${text}show_drafts: true\n`)],
    ['a file outside the root and a hidden one are ignored', (site) => [join(site, '..', 'elsewhere.md'), '.cache/x.json']]
  ]
  const hugo: Step[] = [
    [
      'a bundle resource removed',
      (site) => {
        unlinkSync(join(site, 'content/posts/bundle/cover.jpg'))
        return ['content/posts/bundle/cover.jpg']
      }
    ],
    [
      'an alias added',
      edit('content/posts/second.md', (text) => text.replace('title: Second Post', 'title: Second Post\naliases: [/old/]'))
    ],
    [
      'a static file added',
      (site) => {
        writeFileSync(join(site, 'static/images/new.png'), '')
        return ['static/images/new.png']
      }
    ]
  ]

  test.each([
    ['jekyll', jekyll],
    ['hugo', hugo]
  ] as const)('%s: every update gives what loading again gives', async (name, steps) => {
    const site = join(folder, `session-${name}`)
    rmSync(site, {recursive: true, force: true})
    cpSync(join(root, 'fixtures', 'sites', name), site, {recursive: true})
    const cacheDir = join(folder, `session-${name}-cache`)
    const session = await openSite(site, {now, cacheDir})
    try {
      expect(session.site).toEqual(await loadSite(site, {now}))
      for (const [label, step] of steps) {
        const updated = await session.update(step(site))
        expect(JSON.stringify(updated), label).toBe(JSON.stringify(await loadSite(site, {now})))
      }
      // Without a list, every file is looked at again.
      writeFileSync(
        join(site, name === 'jekyll' ? '_posts/2021-07-01-summer.md' : 'content/posts/second.md'),
        '---\ntitle: Rewritten\n---\n'
      )
      expect(JSON.stringify(await session.update())).toBe(JSON.stringify(await loadSite(site, {now})))
    } finally {
      await session.close()
    }
  })

  test('updates run one after another; misuse is a TypeError', async () => {
    const site = join(folder, 'session-order')
    rmSync(site, {recursive: true, force: true})
    cpSync(join(root, 'fixtures', 'sites', 'jekyll'), site, {recursive: true})
    const session = await openSite(site, {now})
    try {
      const file = '_posts/2021-07-01-summer.md'
      writeFileSync(join(site, file), '---\ntitle: One\n---\n')
      const first = session.update([file])
      writeFileSync(join(site, file), '---\ntitle: Two\n---\n')
      const second = session.update([file])
      expect((await first).posts.some((post) => post.title === 'One' || post.title === 'Two')).toBe(true)
      expect((await second).posts.find((post) => post.path === file)?.title).toBe('Two')
      // @ts-expect-error: check how invalid input is handled.
      await expect(session.update('x')).rejects.toThrow(TypeError)
    } finally {
      await session.close()
    }
    await expect(openSite(join(folder, 'missing'))).rejects.toThrow(TypeError)
  })

  test('a schema validates each post once, and again when it changes', async () => {
    const site = join(folder, 'session-schema')
    rmSync(site, {recursive: true, force: true})
    cpSync(join(root, 'fixtures', 'sites', 'hugo'), site, {recursive: true})
    let calls = 0
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) => {
          calls++
          return (value as {description?: unknown}).description === 'Bad'
            ? {issues: [{message: 'Bad description', path: ['description']}]}
            : {value: {...(value as object), checked: true}}
        }
      }
    }
    const session = await openSite(site, {now, schema})
    try {
      expect(calls).toBe(3)
      expect(session.site.posts.every((post) => post.metadata.checked === true)).toBe(true)
      // Its permalink stays: no other post is parsed again (a permalink change would expand `ref`s anew).
      writeFileSync(
        join(site, 'content/posts/second.md'),
        '---\ntitle: Second Post\nslug: custom-slug\npublishDate: 2022-01-10\ndescription: Bad\n---\n'
      )
      const site2 = await session.update(['content/posts/second.md'])
      expect(calls).toBe(4)
      expect(site2.diagnostics.filter((d) => d.ruleId === 'metadata-invalid').map((d) => d.path)).toEqual(['content/posts/second.md'])
    } finally {
      await session.close()
    }
  })
})

describe('createSite', () => {
  test('a site post has every field of its Post, in its order, then the site’s', async () => {
    const {parsePost} = await import('mdpost')
    const parsed = await parsePost('---\ntitle: A\ndate: 2020-01-02\n---\n\n# A\n\nText.\n', {path: '_posts/2020-01-02-a.md'})
    const [post] = createSite({posts: [{path: '_posts/2020-01-02-a.md', post: parsed}], config: {now, generator: 'jekyll'}}).posts
    expect(Object.keys(post ?? {})).toEqual([...Object.keys(parsed), 'path', 'url', 'backlinks', 'previous', 'next', 'listed'])
    const {permalink: _permalink, date: _date, categories: _categories, ...same} = parsed
    expect(post).toMatchObject(same)
  })

  test('what it derives from a Post object is derived again when the config or the metadata object changes', () => {
    const input = post('---\ntitle: A\n---\n', '_posts/2020-01-02-a.md')
    const a = createSite({posts: [input], config: {now, generator: 'jekyll', permalink: '/:title/'}})
    const b = createSite({posts: [input], config: {now, generator: 'jekyll', permalink: '/x/:title/'}})
    expect([a.posts[0]?.permalink, b.posts[0]?.permalink]).toEqual(['/a/', '/x/a/'])
    // With defaults, the site reads a copy of the metadata: a new metadata object (a validator's
    // output) is read again.
    const config: SiteConfig = {now, generator: 'jekyll', defaults: [{values: {lang: 'es'}}]}
    expect(createSite({posts: [input], config}).posts[0]?.lang).toBe('es')
    input.post.metadata = {...input.post.metadata, published: false}
    expect(createSite({posts: [input], config}).excluded.unpublished).toBe(1)
  })
})

describe('bad input', () => {
  test('a config that does not parse is config-invalid at its place; the site loads with defaults', async () => {
    const site = join(folder, 'bad-config')
    mkdirSync(join(site, '_posts'), {recursive: true})
    writeFileSync(join(site, '_config.yml'), 'title: ok\ntitle: twice\n')
    writeFileSync(join(site, '_posts', '2020-01-01-a.md'), '---\ntitle: A\n---\n\nText.\n')
    writeFileSync(join(site, '_posts', '2020-01-02-b.md'), '---\ntitle: "unclosed\n---\n')
    symlinkSync(site, join(site, 'loop'))
    const loaded = await loadSite(site, {now})
    // Jekyll builds a post whose YAML does not parse, with no front matter (titled from its file
    // name); the post keeps its error.
    expect(loaded.posts.map((p) => p.title)).toEqual(['B', 'A'])
    expect(loaded.diagnostics.find((d) => d.ruleId === 'config-invalid')).toMatchObject({path: '_config.yml', line: 2, severity: 'error'})
    expect(loaded.posts[0]?.diagnostics.find((d) => d.ruleId === 'frontmatter-yaml')).toMatchObject({severity: 'error'})
    // With `strict_front_matter`, Jekyll stops at it; mdpost leaves the post out and reports it.
    writeFileSync(join(site, '_config.yml'), 'strict_front_matter: true\n')
    const strict = await loadSite(site, {now})
    expect(strict.posts.map((p) => p.title)).toEqual(['A'])
    expect(strict.diagnostics.find((d) => d.ruleId === 'frontmatter-yaml')).toMatchObject({path: '_posts/2020-01-02-b.md'})
  })

  test('files that cannot be read as posts (a FIFO, a dangling link, a folder named .md) are errors of the site, which loads', async () => {
    const site = join(folder, 'unreadable')
    mkdirSync(join(site, '_posts', '2020-01-03-folder.md'), {recursive: true})
    writeFileSync(join(site, '_posts', '2020-01-01-a.md'), '---\ntitle: A\n---\n\nText.\n')
    execFileSync('mkfifo', [join(site, '_posts', '2020-01-02-fifo.md')])
    symlinkSync(join(site, 'nowhere.md'), join(site, '_posts', '2020-01-04-dangling.md'))
    const loaded = await loadSite(site, {now})
    expect(loaded.posts.map((p) => p.title)).toEqual(['A'])
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((d) => [d.path, d.ruleId])).toEqual([
      ['_posts/2020-01-02-fifo.md', 'file-unreadable'],
      ['_posts/2020-01-04-dangling.md', 'file-unreadable']
    ])
    expect(errors[0]?.message).toMatch(/not a regular file \(a FIFO\)/)
    expect(errors[1]?.message).toMatch(/ENOENT/)
  })

  test('a schema validates every post after the workers parsed', async () => {
    const {z} = await import('zod')
    const site = await loadSite(join(root, 'fixtures', 'sites', 'hugo'), {
      now,
      schema: z.object({title: z.string(), tags: z.array(z.string()).default([])})
    })
    expect(site.posts.map((p) => p.metadata.tags)).toEqual([['hugo'], [], []])
    const strict = await loadSite(join(root, 'fixtures', 'sites', 'hugo'), {now, schema: z.object({weight: z.number()})})
    expect(strict.diagnostics.filter((d) => d.ruleId === 'metadata-invalid').map((d) => d.path)).toEqual([
      'content/notes/first-note.md',
      'content/posts/bundle/index.md',
      'content/posts/second.md'
    ])
  })

  test('misuse is a TypeError', async () => {
    // @ts-expect-error: check how invalid input is handled.
    expect(() => createSite({posts: 'x'})).toThrow(TypeError)
    expect(() => createSite({posts: [], config: {timezone: 'Mars/Olympus'}})).toThrow(TypeError)
    // @ts-expect-error: check how invalid input is handled.
    expect(() => createSite({posts: [], config: {generator: 'wordpress'}})).toThrow(TypeError)
    await expect(loadSite(join(folder, 'missing'))).rejects.toThrow(TypeError)
  })
})

describe('link checks resolve as a browser and the generator do', () => {
  const check = (posts: Array<{path: string; post: ReturnType<typeof parsePostSync>}>, config: SiteConfig, files: string[] = []) =>
    createSite({posts, config: {now, ...config}, files}).diagnostics.map((d) => `${d.path}:${d.line} ${d.ruleId} ${d.severity}`)

  test('fragments reach raw-HTML ids and names, kramdown attribute lists and `{#id}` headings', () => {
    const target = post(
      '---\ntitle: T\n---\n\n## Custom {#chosen}\n\n<a name="_ftn1"></a><h3 id="raw-id">Raw</h3>\n\nA note.\n{: #note}\n',
      '_posts/2020-01-01-t.md'
    )
    const linking = post(
      '---\ntitle: L\n---\n\n[a](/2020/01/01/t.html#chosen) [b](/2020/01/01/t.html#_ftn1) [c](/2020/01/01/t.html#raw-id) [d](/2020/01/01/t.html#note) [e](/2020/01/01/t.html#gone)\n',
      '_posts/2020-01-02-l.md'
    )
    expect(check([target, linking], {generator: 'jekyll'})).toEqual(['_posts/2020-01-02-l.md:5 link-fragment-broken warning'])
  })

  test('template code left in a destination is never a broken link; a path outside the baseurl is not the site’s', () => {
    const text =
      '---\ntitle: L\n---\n\n<a href="{{ item.repo }}">x</a> [y]({{ page.url }}) [other app](/blogroll/) [in the site](/blog/missing/)\n'
    expect(check([post(text, '_posts/2020-01-02-l.md')], {generator: 'jekyll', baseurl: '/blog'})).toEqual([
      '_posts/2020-01-02-l.md:5 link-internal-broken warning'
    ])
  })

  test('absolute links on the site’s own host are checked and count as backlinks; `x` reaches `x.html`', () => {
    const target = post('---\ntitle: T\n---\n\nText.\n', '_posts/2020-01-01-t.md')
    const linking = post(
      '---\ntitle: L\n---\n\n[a](https://example.org/2020/01/01/t.html) [b](http://example.org/gone/) [c](/folium/map) [d](https://elsewhere.example/x)\n',
      '_posts/2020-01-02-l.md'
    )
    const site = createSite({
      posts: [target, linking],
      config: {generator: 'jekyll', url: 'https://example.org', now},
      files: ['/folium/map.html']
    })
    expect(site.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['5:44 link-internal-broken'])
    expect(site.posts.find((p) => p.title === 'T')?.backlinks).toEqual([{path: '_posts/2020-01-02-l.md', line: 5}])
  })

  test('translations may share a slug: only a shared URL is reported', () => {
    const en = post('---\ntitle: Hello\nslug: hello\n---\n', 'content/en/posts/hello.md')
    const fr = post('---\ntitle: Bonjour\nslug: hello\n---\n', 'content/fr/posts/hello.md')
    const settings = {languages: {en: {contentDir: 'content/en'}, fr: {contentDir: 'content/fr'}}}
    const site = createSite({posts: [en, fr], config: {generator: 'hugo', now, settings}})
    expect(site.posts.map((p) => p.permalink).sort()).toEqual(['/fr/posts/hello/', '/posts/hello/'])
    expect(site.diagnostics).toEqual([])
  })
})

describe('a post cannot move its URL off the site', () => {
  const generators = ['jekyll', 'hugo', 'pelican', 'docusaurus', 'gatsby', 'generic'] as const
  const hostile = [
    '\\\\evil.example/phish',
    '//evil.example/x',
    'javascript:alert(1)',
    '/%2e%2e/%2e%2e/x/',
    '../../x',
    '/a/\u0000b',
    'https://evil.example/'
  ]

  test.each(generators)('%s: every permalink, slug and url stays under the site’s origin and base path', (generator) => {
    const fc = fast
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...hostile),
          fc.string({unit: fc.constantFrom('/', '\\', '.', '%2e', ':', 'a', '#', '?', ' ', '\u0000', 'évil')})
        ),
        (value) => {
          const yaml = JSON.stringify(value)
          const text =
            generator === 'pelican'
              ? `Title: T\nDate: 2020-01-01\nSlug: ${value.replace(/\n/g, '')}\n\nx`
              : `---\ntitle: T\ndate: 2020-01-01\npermalink: ${yaml}\nslug: ${yaml}\nurl: ${yaml}\n---\nx`
          const path = {
            jekyll: '_posts/2020-01-01-t.md',
            hugo: 'content/posts/t.md',
            pelican: 'content/t.md',
            docusaurus: 'blog/2020-01-01-t.md',
            gatsby: 'content/blog/t/index.md',
            generic: 't.md'
          }[generator]
          const parsed = parsePostSync(text, {path, strict: false, metadataHeaders: generator === 'pelican'})
          const site = createSite({
            posts: [{path, post: parsed}],
            config: {generator, url: 'https://myblog.example', baseurl: '/blog', now}
          })
          for (const post of site.posts) {
            const url = new URL(post.url as string)
            expect(url.origin).toBe('https://myblog.example')
            expect(url.pathname.startsWith('/blog/')).toBe(true)
            expect(post.permalink.startsWith('/blog/')).toBe(true)
          }
        }
      )
    )
  })

  test('the probes of the issue give site URLs, and a diagnostic where the permalink tried to leave', () => {
    const input = (permalink: string) => post(`---\ntitle: T\npermalink: ${JSON.stringify(permalink)}\n---\n`, '_posts/2020-01-01-t.md')
    const site = createSite({posts: [input('\\\\evil.example/phish')], config: {generator: 'jekyll', url: 'https://myblog.example', now}})
    expect(site.posts[0]?.url).toBe('https://myblog.example/evil.example/phish')
    expect(site.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['permalink-unsafe', 'error']])
    expect(toSitemap(site)).not.toContain('<loc>https://evil.example')
    const hugo = createSite({
      posts: [
        post('---\ntitle: T\nurl: "//evil.example/x"\n---\n', 'content/posts/a.md'),
        post('---\ntitle: U\nurl: /x/\n---\n', 'content/posts/b.md')
      ],
      config: {generator: 'hugo', url: 'https://myblog.example', now}
    })
    expect(hugo.posts.map((p) => p.url)).toEqual(['https://myblog.example/evil.example/x', 'https://myblog.example/x/'])
    const twice = createSite({
      posts: [
        post('---\ntitle: A\npermalink: /%2e%2e/%2e%2e/x/\n---\n', '_posts/2020-01-01-a.md'),
        post('---\ntitle: B\npermalink: /x/\n---\n', '_posts/2020-01-02-b.md')
      ],
      config: {generator: 'jekyll', now}
    })
    expect(twice.diagnostics.filter((d) => d.ruleId === 'permalink-duplicate')).toHaveLength(2)
  })

  test('links out of the root are never read: a post, a config', async () => {
    const site = join(folder, 'links-out')
    mkdirSync(join(site, '_posts'), {recursive: true})
    const secret = join(folder, 'secret.md')
    writeFileSync(secret, '---\ntitle: Secret\n---\nnot for publishing\n')
    writeFileSync(join(site, '_posts', '2020-01-01-a.md'), '---\ntitle: A\n---\n\nText.\n')
    symlinkSync(secret, join(site, '_posts', '2020-01-02-secret.md'))
    symlinkSync('/dev/zero', join(site, '_config.yml'))
    symlinkSync(join(site, '_posts', '2020-01-01-a.md'), join(site, '_posts', '2020-01-03-inside.md'))
    const loaded = await loadSite(site, {now})
    expect(loaded.posts.map((p) => p.title).sort()).toEqual(['A', 'A'])
    expect(loaded.diagnostics.filter((d) => d.ruleId === 'path-outside-root').map((d) => d.path)).toEqual([
      '_config.yml',
      '_posts/2020-01-02-secret.md'
    ])
  })
})

describe('feeds and sitemaps hold any date a post can have', () => {
  test.each([null, 'Europe/Madrid', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'years 1, 3 and 9999 in %s: four-digit years, offsets in range',
    (zone) => {
      const dated = (date: string, name: string) => post(`---\ntitle: ${name}\ndate: ${date}\n---\nx`, `_posts/2020-01-01-${name}.md`)
      const site = createSite({
        posts: [
          dated('0001-01-01', 'zero'),
          dated('0003-01-01T10:00:00', 'three'),
          dated('9999-12-31T23:59:59', 'far'),
          dated('9999-12-31', 'last')
        ],
        config: {generator: 'jekyll', url: 'https://e.example', timezone: zone, future: true, now}
      })
      const atom = toFeed(site)
      const rss = toFeed(site, {format: 'rss'})
      const sitemap = toSitemap(site)
      for (const xml of [atom, rss, sitemap]) expect(XMLValidator.validate(xml)).toBe(true)
      const rfc3339 = [...atom.matchAll(/<(?:published|updated)>([^<]*)</g), ...sitemap.matchAll(/<lastmod>([^<]*)</g)].map(
        (m) => m[1] as string
      )
      expect(rfc3339.length).toBeGreaterThan(0)
      for (const value of rfc3339) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-](0\d|1[0-4]):[0-5]\d)$/)
      const rfc822 = [...rss.matchAll(/<pubDate>([^<]*)</g)].map((m) => m[1] as string)
      for (const value of rfc822)
        expect(value).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-](0\d|1[0-4])[0-5]\d$/)
    }
  )
})

describe('Jekyll plugins that add URLs', () => {
  // As Jekyll 4.3.1 with Debian's ruby-jekyll-paginate, -optional-front-matter and -readme-index builds it.
  test('jekyll-paginate, jekyll-optional-front-matter, jekyll-readme-index', async () => {
    const site = join(folder, 'plugins')
    mkdirSync(join(site, '_posts'), {recursive: true})
    mkdirSync(join(site, 'docs'), {recursive: true})
    writeFileSync(
      join(site, '_config.yml'),
      'plugins:\n  - jekyll-paginate\n  - jekyll-optional-front-matter\n  - jekyll-readme-index\npaginate: 2\npaginate_path: "/blog/page:num/"\n'
    )
    writeFileSync(join(site, 'index.html'), '---\n---\n{% for p in paginator.posts %}{{p.title}}{% endfor %}\n')
    for (const day of [1, 2, 3, 4, 5]) writeFileSync(join(site, '_posts', `2020-01-0${day}-p${day}.md`), `---\ntitle: P${day}\n---\nx\n`)
    writeFileSync(join(site, 'docs', 'README.md'), '# Docs\n')
    writeFileSync(join(site, 'notes.md'), 'plain\n')
    writeFileSync(join(site, 'README.md'), 'readme\n')
    const loaded = await loadSite(site, {now})
    expect(loaded.served).toEqual([
      '/',
      '/2020/01/01/p1.html',
      '/2020/01/02/p2.html',
      '/2020/01/03/p3.html',
      '/2020/01/04/p4.html',
      '/2020/01/05/p5.html',
      '/README.md',
      '/blog/page2/',
      '/blog/page3/',
      '/docs/',
      '/docs/README.md',
      '/notes.html',
      '/notes.md'
    ])
  })
})

describe('a built site as ground truth (`built`)', () => {
  test('links and fragments are checked against the output folder, problems at their source line', async () => {
    const site = join(folder, 'with-build')
    mkdirSync(join(site, '_posts'), {recursive: true})
    mkdirSync(join(site, 'out', 'made-by-a-theme'), {recursive: true})
    mkdirSync(join(site, 'out', '2020', '01', '01'), {recursive: true})
    writeFileSync(
      join(site, '_posts', '2020-01-01-a.md'),
      '---\ntitle: A\n---\n\n[theme page](/made-by-a-theme/) [its part](/made-by-a-theme/#part) [no part](/made-by-a-theme/#gone)\n\n[nowhere](/nowhere/)\n'
    )
    writeFileSync(join(site, 'out', 'made-by-a-theme', 'index.html'), '<h2 id="part">Part</h2>')
    writeFileSync(join(site, 'out', '2020', '01', '01', 'a.html'), '<p>a</p>')
    const computed = await loadSite(site, {now})
    expect(computed.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      '5:1 link-internal-broken',
      '5:33 link-internal-broken',
      '5:68 link-internal-broken',
      '7:1 link-internal-broken'
    ])
    const built = await loadSite(site, {now, built: join(site, 'out')})
    expect(built.diagnostics.map((d) => `${d.path}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      '_posts/2020-01-01-a.md:5:68 link-fragment-broken',
      '_posts/2020-01-01-a.md:7:1 link-internal-broken'
    ])
    const missing = await loadSite(site, {now, built: join(site, 'no-such-output')})
    expect(missing.diagnostics.some((d) => d.ruleId === 'config-invalid')).toBe(true)
  })
})

describe('Pelican headers as Python-Markdown’s meta extension reads them', () => {
  // Asked of Python-Markdown 3.4 (Debian's, with pelican 4.8): `markdown.Markdown(extensions=['meta'])`.
  test.each([
    ['Title:No space\nDate:2020-01-01\n\nBody', {title: 'No space', date: '2020-01-01'}, '<p>Body</p>'],
    [
      'Title: A\nTags: a, b\nThis line is not a header\n\nBody',
      {title: 'A', tags: ['a', 'b']},
      '<p>This line is not a header</p>\n<p>Body</p>'
    ],
    ['Title: A\nSummary: long\n    continued\n\nBody', {title: 'A', summary: 'long continued'}, '<p>Body</p>'],
    ['Title: A\nSummary: short\n  not continued\n\nBody', {title: 'A', summary: 'short'}, '<p>not continued</p>\n<p>Body</p>'],
    ['Title:No space\nKey With Space: x\n\nBody', {title: 'No space'}, '<p>Key With Space: x</p>\n<p>Body</p>']
  ])('%j', (text, metadata, html) => {
    const parsed = parsePostSync(text, {metadataHeaders: true, strict: false})
    expect(parsed.metadata).toEqual(metadata)
    expect(parsed.html).toBe(html)
  })
})

describe('every generator reads any front matter without throwing', () => {
  const generators = ['jekyll', 'hugo', 'pelican', 'docusaurus', 'gatsby', 'generic'] as const
  const keys = [
    'title',
    'date',
    'slug',
    'permalink',
    'url',
    'categories',
    'category',
    'tags',
    'tag',
    'published',
    'draft',
    'status',
    'aliases'
  ]
  const more = [
    'redirect_from',
    'lang',
    'author',
    'authors',
    'cascade',
    '_build',
    'headless',
    'expiryDate',
    'publishDate',
    'lastmod',
    'outputs',
    'save_as'
  ]
  const paths = {
    jekyll: '_posts/2020-01-01-t.md',
    hugo: 'content/posts/t.md',
    pelican: 'content/t.md',
    docusaurus: 'blog/t.md',
    gatsby: 'content/blog/t/index.md',
    generic: 't.md'
  }

  test.each(generators)('%s: generated values of every key it reads', (generator) => {
    fast.assert(
      fast.property(fast.dictionary(fast.constantFrom(...keys, ...more), fast.jsonValue({maxDepth: 3})), (data) => {
        const path = paths[generator]
        const parsed = parsePostSync(`---\n${JSON.stringify(data)}\n---\nx`, {path, strict: false})
        const site = createSite({posts: [{path, post: parsed}], config: {generator, url: 'https://e.example', now}, files: []})
        for (const served of site.served) expect(served.startsWith('/')).toBe(true)
      })
    )
  })

  test.skipIf(!corpusPresent())('the corpus: every post under every generator', () => {
    const posts = corpusFiles().map((file, index) => {
      const text = decodeText(readFileSync(file))
      return {text, index}
    })
    for (const generator of generators) {
      const inputs = posts.map(({text, index}) => {
        const path = paths[generator].replace(/t(\/index)?\.md$/, `p${index}$1.md`).replace('2020-01-01-p', '2020-01-01-p')
        return {path, post: parsePostSync(text, {path, strict: false, metadataHeaders: generator === 'pelican'})}
      })
      const site = createSite({posts: inputs, config: {generator, url: 'https://e.example', now, future: true, drafts: true}, files: []})
      expect(site.posts.length + Object.values(site.excluded).reduce((a, b) => a + b, 0)).toBe(inputs.length)
    }
  })
})

describe('posts the build writes but lists nowhere (`listed: false`)', () => {
  test('Pelican `Status: hidden`: in the site and served, out of lists, tags, previous/next, feeds and the sitemap', () => {
    const file = (path: string, text: string) => ({path, post: parsePostSync(text, {path, metadataHeaders: true})})
    const site = createSite({
      posts: [
        file('content/a.md', 'Title: Shown\nDate: 2020-01-01\nTags: x\n\nA.\n'),
        file('content/b.md', 'Title: Hidden\nDate: 2020-01-02\nTags: x, only\nStatus: hidden\n\nB.\n'),
        file('content/c.md', 'Title: Newer\nDate: 2020-01-03\n\nC.\n')
      ],
      config: {now, generator: 'pelican', url: 'https://example.org'},
      files: []
    })
    expect(site.posts.map((post) => [post.title, post.listed])).toEqual([
      ['Newer', true],
      ['Hidden', false],
      ['Shown', true]
    ])
    expect(site.excluded.unpublished).toBe(0)
    expect(site.served).toContain('/hidden.html')
    expect(site.tags).toEqual({x: ['content/a.md']})
    expect(site.posts.map((post) => [post.previous, post.next])).toEqual([
      [null, 'content/a.md'],
      [null, null],
      ['content/c.md', null]
    ])
    expect(toFeed(site)).not.toContain('Hidden')
    expect(toSitemap(site)).not.toContain('/hidden.html')
    expect(toSitemap(site)).toContain('/shown.html')
  })
})

describe('Hugo content in other markups (AsciiDoc, Org, rst, Pandoc)', () => {
  test('is a page: its front matter read, its body none of markdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdpost-hugo-adoc-'))
    try {
      mkdirSync(join(dir, 'content', 'notes'), {recursive: true})
      writeFileSync(join(dir, 'hugo.toml'), 'baseURL = "https://adoc.example.org/"\n')
      writeFileSync(
        join(dir, 'content', 'notes', 'guide.adoc'),
        '\n---\ntitle: A guide\ndate: 2021-04-01\ntags: [adoc]\n---\n\n== Heading\n\nlink:missing.html[a link] and [broken](nowhere.md).\n'
      )
      const site = await loadSite(dir, {now})
      expect(site.posts.map((post) => [post.path, post.title, post.permalink, post.tags])).toEqual([
        ['content/notes/guide.adoc', 'A guide', '/notes/guide/', ['adoc']]
      ])
      expect(site.posts[0]?.links).toEqual([])
      expect(site.diagnostics.filter((d) => d.ruleId.startsWith('link-'))).toEqual([])
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('Jekyll gem themes', () => {
  test('minima (the theme Debian ships) serves its assets, and outside safe mode its dependencies’ feed', async () => {
    // What `jekyll build` (4.3.1, jekyll-theme-minima 2.5.1) wrote for this site, asked on 2026-12-03:
    // /2020/01/02/a.html, /assets/main.css, /assets/main.css.map, /assets/minima-social-icons.svg, /feed.xml, /index.html.
    const dir = mkdtempSync(join(tmpdir(), 'mdpost-jekyll-minima-'))
    try {
      mkdirSync(join(dir, '_posts'))
      writeFileSync(join(dir, '_config.yml'), 'title: T\ntheme: minima\nurl: https://m.example.org\n')
      writeFileSync(join(dir, '_posts', '2020-01-02-a.md'), '---\ntitle: A\n---\nHi\n')
      writeFileSync(join(dir, 'index.md'), '---\nlayout: home\n---\n')
      const built = ['/', '/2020/01/02/a.html', '/assets/main.css', '/assets/main.css.map', '/assets/minima-social-icons.svg', '/feed.xml']
      expect([...(await loadSite(dir, {now})).served].sort()).toEqual(built)
      // In safe mode the theme's dependencies are not required: no jekyll-feed.
      writeFileSync(join(dir, '_config.yml'), 'title: T\ntheme: minima\nurl: https://m.example.org\nsafe: true\n')
      expect([...(await loadSite(dir, {now})).served].sort()).toEqual(built.filter((url) => url !== '/feed.xml'))
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('Jekyll defaults as Jekyll 4.3.1 merges and scopes them', () => {
  test('a scope path is a leading part of the path as text (`about` covers `about-us.md`), not at a `/` only', () => {
    const config: SiteConfig = {
      generator: 'jekyll',
      now,
      defaults: [{scope: {path: '_posts/2022'}, values: {permalink: '/y2022/:title/'}}]
    }
    const site = createSite({
      posts: [post('---\ntitle: A\n---\n', '_posts/2022-03-04-a.md'), post('---\ntitle: B\n---\n', '_posts/2021-03-04-b.md')],
      config
    })
    const by = (path: string) => site.posts.find((entry) => entry.path === path)
    expect(by('_posts/2022-03-04-a.md')?.permalink).toBe('/y2022/a/')
    expect(by('_posts/2021-03-04-b.md')?.permalink).toBe('/2021/03/04/b.html')
  })

  test('values deep-merged (`Utils.deep_merge_hashes`): between sets, and the front matter over them; a null keeps the default', () => {
    const config: SiteConfig = {
      generator: 'jekyll',
      now,
      defaults: [
        {scope: {path: ''}, values: {header: {image: '/a.png', caption: 'All'}, permalink: '/all/:title/'}},
        {scope: {path: '_posts'}, values: {header: {caption: 'Posts'}}}
      ]
    }
    const site = createSite({
      posts: [post('---\ntitle: A\nheader:\n  teaser: /t.png\npermalink:\n---\n', '_posts/2022-03-04-a.md')],
      config
    })
    const [a] = site.posts
    expect(a?.metadata.header).toEqual({image: '/a.png', caption: 'Posts', teaser: '/t.png'})
    expect(a?.permalink).toBe('/all/a/')
  })
})

describe('Pelican headers: repeated keys, continued lines and `;` lists (readers.py 4.8)', () => {
  // Asked of pelican 4.8: a repeated tags/date/category/slug… key, or one continued on an
  // indented line, keeps its first value only (`DUPLICATES_DEFINITIONS_ALLOWED`); a list
  // splits on `;` when it has one (`ensure_metadata_list`).
  test.each([
    ['Title: A\nTags: a, b; c\n\nBody', {title: 'A', tags: ['a, b', 'c']}],
    ['Title: A\nTags: a; b\nTags: c\n\nBody', {title: 'A', tags: ['a', 'b']}],
    ['Title: A\nTags: a, b\n    c, d\n\nBody', {title: 'A', tags: ['a', 'b']}],
    ['Title: A\nDate: 2020-01-01\nDate: 2021-01-01\nSlug: s1\nSlug: s2\n\nBody', {title: 'A', date: '2020-01-01', slug: 's1'}],
    ['Title: A\nCategory: x\nCategory: y\n\nBody', {title: 'A', category: 'x'}]
  ])('%j', (text, metadata) => {
    expect(parsePostSync(text, {metadataHeaders: true, strict: false}).metadata).toEqual(metadata)
  })
})

describe('Pelican `{filename}` links to reStructuredText and .mkd sources', () => {
  test('reach the page of the file they name; a missing one is reported', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mdpost-pelican-rst-'))
    try {
      mkdirSync(join(root, 'content'))
      writeFileSync(join(root, 'pelicanconf.py'), "PATH = 'content'\nTIMEZONE = 'UTC'\n")
      writeFileSync(
        join(root, 'content', 'a.md'),
        'Title: A\nDate: 2020-01-01\n\n[rst]({filename}b.rst) [mkd]({filename}/c.mkd) [gone]({filename}gone.rst)\n'
      )
      writeFileSync(join(root, 'content', 'b.rst'), 'Bee\n===\n\n:date: 2020-01-02\n\nBody.\n')
      writeFileSync(join(root, 'content', 'c.mkd'), 'Title: C\nDate: 2020-01-03\n\nBody.\n')
      const site = await loadSite(root, {generator: 'pelican', concurrency: 1})
      const broken = site.diagnostics.filter((entry) => entry.ruleId === 'link-internal-broken').map((entry) => entry.message)
      expect(broken).toEqual([expect.stringContaining('{filename}gone.rst')])
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  })
})

describe('Pelican heading ids as Python-Markdown’s toc makes them', () => {
  test('a fragment to a toc id is found; GitHub’s id for the same heading is not one', async () => {
    // Asked of Python-Markdown 3.4 with `toc`: `## Step 2 - Loop` → `step-2-loop`, a second
    // `## Intro` → `intro_1`, `## Café!` → `cafe`.
    const root = mkdtempSync(join(tmpdir(), 'mdpost-pelican-toc-'))
    try {
      mkdirSync(join(root, 'content'))
      writeFileSync(
        join(root, 'pelicanconf.py'),
        "PATH = 'content'\nTIMEZONE = 'UTC'\nMARKDOWN = {'extension_configs': {'markdown.extensions.toc': {}}}\n"
      )
      writeFileSync(
        join(root, 'content', 'a.md'),
        'Title: A\nDate: 2020-01-01\n\n[a](#step-2-loop) [b](#intro_1) [c](#cafe) [d](#step-2---loop) [e](#intro-1)\n\n## Step 2 - Loop\n\n## Intro\n\n## Intro\n\n## Café!\n'
      )
      const site = await loadSite(root, {generator: 'pelican', concurrency: 1})
      const broken = site.diagnostics.filter((entry) => entry.ruleId === 'link-fragment-broken').map((entry) => entry.message)
      expect(broken).toEqual([expect.stringContaining('step-2---loop'), expect.stringContaining('intro-1')])
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  })
})

describe('Pelican drafts are written (DRAFT_SAVE_AS): their links are checked', () => {
  test('a broken link in a draft is reported; a link to the draft reaches it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mdpost-pelican-draft-'))
    try {
      mkdirSync(join(root, 'content'))
      writeFileSync(join(root, 'pelicanconf.py'), "PATH = 'content'\nTIMEZONE = 'UTC'\n")
      writeFileSync(join(root, 'content', 'a.md'), 'Title: A\nDate: 2020-01-01\n\n[draft]({filename}b.md) [page](/drafts/b.html)\n')
      writeFileSync(
        join(root, 'content', 'b.md'),
        'Title: B\nDate: 2020-01-02\nStatus: draft\n\n[gone]({filename}gone.md) [a]({filename}a.md)\n'
      )
      const site = await loadSite(root, {generator: 'pelican', concurrency: 1})
      const broken = site.diagnostics
        .filter((entry) => entry.ruleId === 'link-internal-broken')
        .map((entry) => `${entry.path}: ${entry.message}`)
      expect(broken).toEqual([expect.stringMatching(/^content\/b\.md: .*\{filename\}gone\.md/)])
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  })
})

describe('generator modules', () => {
  test('no code outside src/generators/ tests a generator by its name (what one does is a property of its module)', () => {
    const names = 'jekyll|hugo|pelican|docusaurus|gatsby|generic'
    const compared = new RegExp(
      String.raw`(?:[=!]==?\s*['"](?:${names})['"])|(?:['"](?:${names})['"]\s*[=!]==?)|case\s+['"](?:${names})['"]`
    )
    const source = join(root, 'src')
    const offending = (readdirSync(source, {recursive: true}) as string[])
      .filter((file) => file.endsWith('.ts') && !file.startsWith('generators'))
      .flatMap((file) =>
        readFileSync(join(source, file), 'utf8')
          .split('\n')
          .map((line, index) => `src/${file}:${index + 1}: ${line.trim()}`)
          .filter((line) => compared.test(line))
      )
    expect(offending).toEqual([])
  })
})
