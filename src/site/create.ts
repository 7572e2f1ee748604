/**
 * createSite: parsed posts and a config (plain data, no file system) → permalinks, URLs, order,
 * indexes, previous/next, backlinks, and the cross-post checks that need no disk.
 */
import {quote} from '../diagnostics.js'
import {list, stringField} from '../metadata.js'
import type {Diagnostic, Link, Position, Post, RuleId} from '../types.js'
import {parseBaseUrl} from '../urls.js'
import {permalinkOf} from './permalink.js'
import {instantOf, isTimeZone} from './time.js'
import type {CreateSiteOptions, Generator, Site, SiteConfig, SiteDiagnostic, SiteInput, SitePost} from './types.js'

const generators: readonly Generator[] = ['jekyll', 'hugo', 'docusaurus', 'gatsby', 'pelican', 'generic']

export function createSite(options: Readonly<CreateSiteOptions>): Site {
  if (!options || typeof options !== 'object' || !Array.isArray(options.posts)) {
    throw new TypeError('Expected `options.posts` to be a list of `{path, post}`')
  }
  const config = siteConfig(options.config)
  const diagnostics: SiteDiagnostic[] = []
  const now = typeof options.config?.now === 'number' ? options.config.now : Date.now()
  const excluded = {drafts: 0, future: 0, unpublished: 0}
  const kept: Array<{input: SiteInput; instant: number | null}> = []
  for (const input of options.posts) {
    if (!input || typeof input.path !== 'string' || !input.post || typeof input.post !== 'object') {
      throw new TypeError('Expected each of `options.posts` to be `{path, post}`')
    }
    const path = input.path.replaceAll('\\', '/').replace(/^\.?\//, '')
    const post = withDefaults(input.post, path, options.config?.defaults ?? null)
    if (post.metadata.published === false) {
      excluded.unpublished++
      continue
    }
    if (post.draft && !config.drafts) {
      excluded.drafts++
      continue
    }
    const instant = post.date ? instantOf(post.date, config.timezone) : null
    if (instant !== null && instant > now && !config.future) {
      excluded.future++
      continue
    }
    kept.push({input: {path, post}, instant})
  }
  kept.sort((a, b) => {
    if (a.instant !== null && b.instant !== null && a.instant !== b.instant) return b.instant - a.instant
    if (a.instant === null && b.instant !== null) return 1
    if (b.instant === null && a.instant !== null) return -1
    return a.input.path < b.input.path ? -1 : a.input.path > b.input.path ? 1 : 0
  })

  const site = config.url ? parseBaseUrl(config.url) : null
  const posts: SitePost[] = kept.map(({input, instant}) => {
    const categories = categoriesOf(config.generator, input)
    const local = permalinkOf({
      generator: config.generator,
      path: input.path,
      post: input.post,
      permalink: config.permalink,
      timeZone: config.timezone,
      categories
    })
    const permalink = joinPath(config.baseurl, local)
    const date = input.post.date && instant !== null ? {...input.post.date, timestamp: instant} : input.post.date
    return {
      ...input.post,
      date,
      categories,
      path: input.path,
      permalink,
      url: site ? new URL(permalink, site.origin).href : null,
      backlinks: [],
      previous: null,
      next: null
    }
  })
  posts.forEach((post, index) => {
    post.previous = posts[index - 1]?.path ?? null
    post.next = posts[index + 1]?.path ?? null
  })

  checkDuplicates(posts, 'permalink', 'permalink-duplicate', diagnostics)
  checkDuplicates(posts, 'slug', 'slug-duplicate', diagnostics)
  checkLinks(posts, config.baseurl, site, options.files ?? null, new Set(options.sourceFiles ?? []), diagnostics)

  return {
    generator: config.generator,
    config,
    posts,
    authors: {},
    tags: index(posts, (post) => post.tags),
    categories: index(posts, (post) => post.categories),
    excluded,
    diagnostics: diagnostics.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || a.line - b.line || a.column - b.column)
  }
}

function siteConfig(given: Readonly<SiteConfig> | null | undefined): Site['config'] {
  const config = given ?? {}
  const generator = config.generator ?? 'generic'
  if (!generators.includes(generator)) {
    throw new TypeError(
      `Expected \`config.generator\` to be one of ${generators.map((name) => `\`${name}\``).join(', ')}, not \`${String(generator)}\``
    )
  }
  const timezone = config.timezone ?? null
  if (timezone !== null && (typeof timezone !== 'string' || !isTimeZone(timezone))) {
    throw new TypeError(`Expected \`config.timezone\` to be an IANA time zone (\`Europe/Madrid\`), not \`${String(timezone)}\``)
  }
  if (config.url) parseBaseUrl(config.url)
  const baseurl = (config.baseurl ?? '').replace(/\/+$/, '')
  return {
    generator,
    url: config.url ?? null,
    baseurl: baseurl === '' || baseurl.startsWith('/') ? baseurl : `/${baseurl}`,
    permalink: config.permalink ?? null,
    timezone,
    drafts: config.drafts === true,
    future: config.future === true,
    title: config.title ?? null,
    description: config.description ?? null,
    author: config.author ?? null
  }
}

type Defaults = NonNullable<SiteConfig['defaults']>

/**
 * Jekyll's defaults under the post's own front matter: the matching entries, the one with the
 * longest path last (it wins), then in order; the fields they touch read again.
 */
function withDefaults(post: Post, path: string, defaults: Defaults | null): Post {
  if (!defaults || defaults.length === 0) return post
  const type = /(^|\/)_drafts\//.test(path) ? 'drafts' : 'posts'
  const matching = defaults
    .map((entry, order) => ({entry, order, scope: (entry.scope?.path ?? '').replace(/^\.?\//, '').replace(/\/+$/, '')}))
    .filter(
      ({entry, scope}) =>
        (scope === '' || path === scope || path.startsWith(`${scope}/`)) && (!entry.scope?.type || entry.scope.type === type)
    )
    .sort((a, b) => a.scope.length - b.scope.length || a.order - b.order)
  if (matching.length === 0) return post
  const inherited: Record<string, unknown> = Object.create(null)
  for (const {entry} of matching) Object.assign(inherited, entry.values)
  const metadata: Record<string, unknown> = Object.create(null)
  Object.assign(metadata, inherited, post.metadata)
  const own = (key: string) => key in post.metadata
  return {
    ...post,
    metadata,
    permalink: post.permalink ?? (own('permalink') ? null : stringField(inherited.permalink)),
    tags: post.tags.length > 0 || own('tags') ? post.tags : list(inherited.tags),
    categories: post.categories.length > 0 || own('categories') ? post.categories : list(inherited.categories),
    draft: post.draft || (!own('published') && inherited.published === false) || (!own('draft') && inherited.draft === true),
    lang: post.lang ?? stringField(inherited.lang)
  }
}

/** Jekyll: the folders above `_posts` are categories, before the front matter's own. */
function categoriesOf(generator: Generator, {path, post}: SiteInput): string[] {
  if (generator !== 'jekyll') return post.categories
  const folders = path.split('/')
  const at = folders.indexOf('_posts')
  const above = at > 0 ? folders.slice(0, at).filter((folder) => folder !== '_drafts') : []
  return [...new Set([...above, ...post.categories])]
}

function joinPath(baseurl: string, path: string): string {
  return `${baseurl}${path.startsWith('/') ? path : `/${path}`}`
}

function index(posts: readonly SitePost[], keys: (post: SitePost) => readonly string[]): Record<string, string[]> {
  const result: Record<string, string[]> = Object.create(null)
  for (const post of posts) {
    for (const key of keys(post)) {
      result[key] ??= []
      result[key].push(post.path)
    }
  }
  return result
}

function report(
  diagnostics: SiteDiagnostic[],
  path: string,
  ruleId: RuleId,
  message: string,
  position: Position | null,
  severity: Diagnostic['severity'] = 'warning'
): void {
  diagnostics.push({
    ruleId,
    severity,
    message,
    line: position?.start.line ?? 1,
    column: position?.start.column ?? 1,
    endLine: position?.end.line ?? 1,
    endColumn: position?.end.column ?? 1,
    source: 'mdpost',
    path
  })
}

function checkDuplicates(posts: readonly SitePost[], field: 'permalink' | 'slug', ruleId: RuleId, diagnostics: SiteDiagnostic[]): void {
  const by = new Map<string, SitePost[]>()
  for (const post of posts) {
    const key = field === 'permalink' ? normalizePath(post.permalink) : post.slug
    if (key === '') continue
    const list = by.get(key) ?? []
    list.push(post)
    by.set(key, list)
  }
  for (const [key, list] of by) {
    if (list.length < 2) continue
    for (const post of list) {
      const others = list.filter((other) => other !== post).map((other) => other.path)
      report(
        diagnostics,
        post.path,
        ruleId,
        `Unexpected ${field} ${quote(key, 60)} that ${others.map((other) => quote(other, 60)).join(', ')} also has, expected each post to have its own`,
        post.frontmatter.position
      )
    }
  }
}

/** A site path without its `index.html` and trailing slash, for comparing permalinks and links. */
function normalizePath(path: string): string {
  let clean = path.split('#')[0]?.split('?')[0] ?? ''
  try {
    clean = decodeURI(clean)
  } catch {
    // Keep it as written.
  }
  clean = clean.replace(/\/index\.html?$/, '/').replace(/\/+$/, '')
  return clean === '' ? '/' : clean
}

/**
 * Internal links: to a post (by its permalink, its source file `.md`, or with `.html` added) or to
 * a known file; fragments against the target's heading ids. Broken ones are warnings at the
 * link; resolved ones become backlinks of their target.
 */
function checkLinks(
  posts: SitePost[],
  baseurl: string,
  site: URL | null,
  files: readonly string[] | null,
  sources: ReadonlySet<string>,
  diagnostics: SiteDiagnostic[]
): void {
  const besidePost = (post: SitePost, url: string): boolean => {
    if (sources.size === 0 || url.startsWith('/')) return false
    try {
      const bare = url.split('#')[0]?.split('?')[0] ?? ''
      return sources.has(decodeURI(new URL(bare, `file:///${post.path}`).pathname.slice(1)))
    } catch {
      return false
    }
  }
  const byPermalink = new Map<string, SitePost>()
  const bySource = new Map<string, SitePost>()
  for (const post of posts) {
    byPermalink.set(normalizePath(post.permalink), post)
    // Hugo's `aliases` are old URLs of the post (redirects): links to them reach it.
    for (const alias of aliasesOf(post)) if (!byPermalink.has(alias)) byPermalink.set(alias, post)
    bySource.set(post.path, post)
  }
  const known = new Set((files ?? []).map((file) => normalizePath(joinPath(baseurl, file))))
  for (const post of posts) {
    if (files !== null) {
      for (const image of post.images) {
        const src = image.src.trim()
        if (src === '' || /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(src) || src.includes('{{') || src.includes('{%')) continue
        const target = resolveInternal(src, post, baseurl, site)
        if (target?.source !== '' || known.has(target.path) || besidePost(post, src)) continue
        report(
          diagnostics,
          post.path,
          'image-local-missing',
          `Unexpected image ${quote(src, 60)}, which no file of the site has`,
          image.position
        )
      }
    }
    const ids = new Set(post.headings.map((heading) => heading.id))
    for (const link of post.links) {
      if (link.kind === 'fragment') {
        const id = decodeFragment(link.url.slice(1))
        if (id !== '' && !ids.has(id)) brokenFragment(diagnostics, post, link, id, post.path)
        continue
      }
      if (link.kind !== 'internal') continue
      const target = resolveInternal(link.url, post, baseurl, site)
      if (target === null) continue
      const hash = link.url.includes('#') ? decodeFragment(link.url.slice(link.url.indexOf('#') + 1)) : ''
      const found =
        bySource.get(target.source) ?? byPermalink.get(target.path) ?? byPermalink.get(normalizePath(target.path.replace(/\.html?$/, '')))
      if (found) {
        found.backlinks.push({path: post.path, line: link.position?.start.line ?? null})
        if (hash !== '' && !found.headings.some((heading) => heading.id === hash)) brokenFragment(diagnostics, post, link, hash, found.path)
        continue
      }
      if (files === null || known.has(target.path) || besidePost(post, link.url)) continue
      report(
        diagnostics,
        post.path,
        'link-internal-broken',
        `Unexpected link to ${quote(link.url, 60)}, which no post or file of the site has`,
        link.position
      )
    }
  }
}

function aliasesOf(post: SitePost): string[] {
  const aliases = post.metadata.aliases
  const list = Array.isArray(aliases) ? aliases : typeof aliases === 'string' ? [aliases] : []
  return list
    .filter((alias): alias is string => typeof alias === 'string' && alias.trim() !== '')
    .map((alias) => normalizePath(alias.startsWith('/') ? alias : `/${alias}`))
}

function brokenFragment(diagnostics: SiteDiagnostic[], post: SitePost, link: Link, id: string, target: string): void {
  report(
    diagnostics,
    post.path,
    'link-fragment-broken',
    `Unexpected fragment ${quote(`#${id}`)}, which no heading of ${quote(target, 60)} has as its id`,
    link.position
  )
}

function decodeFragment(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Where an internal link points: a site path, and (for `.md` links) the source file. */
function resolveInternal(url: string, post: SitePost, baseurl: string, site: URL | null): {path: string; source: string} | null {
  const bare = url.split('#')[0]?.split('?')[0] ?? ''
  if (bare === '') return null
  let pathname: string
  try {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(bare)) {
      const parsed = new URL(bare, site ?? 'https://invalid.invalid')
      pathname = parsed.pathname
    } else if (bare.startsWith('/')) {
      pathname = bare
    } else {
      // A relative `.md` link is to a source file (jekyll-relative-links), else to a page.
      if (/\.(md|markdown|mdx)$/i.test(bare)) {
        const source = new URL(bare, `file:///${post.path}`).pathname.slice(1)
        return {path: '', source: decodeURI(source)}
      }
      pathname = new URL(bare, `https://site.invalid${post.permalink}`).pathname
    }
  } catch {
    return null
  }
  if (/\.(md|markdown|mdx)$/i.test(pathname)) return {path: '', source: decodeURI(pathname.replace(/^\//, ''))}
  return {path: normalizePath(pathname.startsWith(baseurl) ? pathname : joinPath(baseurl, pathname)), source: ''}
}
