/**
 * createSite: parsed posts and a config (plain data, no file system) → permalinks, URLs, order,
 * indexes, previous/next, backlinks, and the cross-post checks that need no disk.
 */
import {quote} from '../diagnostics.js'
import {generatorFor, generatorNames, resolveConfig} from '../generators/index.js'
import type {GeneratorModule, PostContext, ResolvedConfig, ServedPost} from '../generators/types.js'
import {list, stringField} from '../metadata.js'
import type {Post, RuleId} from '../types.js'
import {parseBaseUrl} from '../urls.js'
import {boolean, optional} from '../validate.js'
import {deepMerge, defaultsFor} from './defaults.js'
import {leanExcerpt, packPositions} from './lean.js'
import {
  anchorsOf,
  checkLinks,
  holdsTemplateCode,
  type LinkedPost,
  normalizePath,
  type ResolvedLinks,
  resolveLinks,
  shortcodesOf
} from './links.js'
import {report} from './report.js'
import {isTimeZone} from './time.js'
import type {CreateSiteOptions, LeanSitePost, Site, SiteConfig, SiteDiagnostic, SiteInput, SiteOf, SitePost} from './types.js'

/** The site of the posts: a `LeanSite` with `lean: true`, else a `Site`. */
export function createSite<Options extends Readonly<CreateSiteOptions>>(options: Options): SiteOf<Options> {
  const {config, excluded, kept, dropped, resolved} = select(options)
  const lean = optional(options.lean, 'options.lean', boolean) ?? false
  const diagnostics: SiteDiagnostic[] = []
  // A lean post has fewer fields; everything below reads only what both have.
  const posts = kept.map(lean ? leanSitePost : sitePost) as SitePost[]
  // Lists, previous/next, tags and categories hold the posts the build lists (not Pelican's
  // hidden articles, nor Hugo's `_build: {list: never}` pages).
  const listed = posts.filter((post) => post.listed)
  listed.forEach((post, index) => {
    post.previous = listed[index - 1]?.path ?? null
    post.next = listed[index + 1]?.path ?? null
  })

  checkDuplicates(posts, kept, 'permalink', 'permalink-duplicate', diagnostics)
  // A post left out for a date the build cannot read is never a silent drop: its `date-invalid` stays.
  for (const derived of dropped) {
    if (derived.exclusion !== 'unpublished') continue
    for (const problem of derived.post.diagnostics)
      if (problem.ruleId === 'date-invalid') diagnostics.push({...problem, path: derived.path})
  }
  // Two posts may share a slug (translations do): only a shared URL is a problem, `permalink-duplicate`.
  kept.forEach((derived) => {
    if (derived.unsafe === null) return
    report(
      diagnostics,
      derived.path,
      'permalink-unsafe',
      `Unexpected permalink ${quote(derived.unsafe, 60)} that leaves the site, expected a path under it: the post is at ${quote(derived.permalink, 60)}`,
      derived.post.frontmatter.position,
      'error'
    )
  })
  const served = servedUrls(kept, dropped, resolved, options)
  const built = options.built ?? null
  // Pages that are not posts: their links are checked too, and they are link targets with their ids.
  const pages = [...linkedPages(options.pages ?? [], resolved), ...writtenDrafts(dropped, resolved)]
  checkLinks(
    [...posts, ...pages.map((page) => ({path: page.path, backlinks: []}) as unknown as SitePost)],
    [...kept, ...pages.map((page) => page.linked)],
    built ? built.served : options.files ? served : null,
    new Set(options.sourceFiles ?? []),
    options.unresolved ?? {},
    built?.anchors ?? null,
    diagnostics,
    sourceLinksOf(resolved, options, kept, dropped),
    generatorFor(resolved.generator).idless ?? [],
    options.idless ?? [],
    // Hugo's `aliases` and jekyll-redirect-from's `redirect_from` are redirect pages (Pelican's are copies).
    generatorFor(resolved.generator).aliasRedirects === true
  )

  const site: Site = {
    generator: config.generator,
    config,
    posts,
    served,
    authors: {},
    tags: index(listed, (post) => post.tags),
    categories: index(listed, (post) => post.categories),
    excluded,
    diagnostics: diagnostics.sort(
      (a, b) => (a.path === b.path ? 0 : collator.compare(a.path ?? '', b.path ?? '')) || a.line - b.line || a.column - b.column
    )
  }
  return site as SiteOf<Options>
}

/**
 * A post of the site: the Post's fields in their order, then the site's. Written out rather
 * than spread: a site computed again after each edit (watch modes) makes thousands of these,
 * and a literal of known shape costs a fraction of a spread (test/site.test.ts checks that
 * every field of a Post is here).
 */
function sitePost({post, title, date, categories, tags, path, permalink, url, listed}: Derived): SitePost {
  const result: SitePost = {
    title,
    slug: post.slug,
    date,
    updated: post.updated,
    permalink,
    image: post.image,
    canonical: post.canonical,
    draft: post.draft,
    lang: post.lang,
    tags,
    categories,
    excerpt: post.excerpt,
    stats: post.stats,
    headings: post.headings,
    sections: post.sections,
    links: post.links,
    images: post.images,
    templateTags: post.templateTags,
    html: post.html as string,
    diagnostics: post.diagnostics,
    metadata: post.metadata,
    frontmatter: post.frontmatter,
    path,
    url,
    backlinks: [],
    previous: null,
    next: null,
    listed
  }
  // A Post without HTML (from remarkPost) stays without it.
  if (post.html === undefined) delete result.html
  return result
}

/** `sitePost` for a lean site: the same fields in the same order, but `html` and `sections`, and the excerpt's `html`. */
function leanSitePost({post, title, date, categories, tags, path, permalink, url, listed}: Derived): LeanSitePost {
  const packed = packPositions(post)
  return {
    title,
    slug: post.slug,
    date,
    updated: post.updated,
    permalink,
    image: post.image,
    canonical: post.canonical,
    draft: post.draft,
    lang: post.lang,
    tags,
    categories,
    excerpt: leanExcerpt(post.excerpt),
    stats: post.stats,
    headings: packed.headings,
    links: packed.links,
    images: packed.images,
    templateTags: packed.templateTags,
    diagnostics: post.diagnostics,
    metadata: post.metadata,
    frontmatter: packed.frontmatter,
    path,
    url,
    backlinks: [],
    previous: null,
    next: null,
    listed
  }
}

/**
 * The posts that the site keeps (not drafts, future or unpublished, unless the config says so),
 * newest first, each derived once (permalink, URL, resolved links).
 */
export function select(options: Readonly<CreateSiteOptions>): {
  config: Site['config']
  resolved: ResolvedConfig
  excluded: Site['excluded']
  kept: Derived[]
  /** The posts the build leaves out of its lists. */
  dropped: Derived[]
} {
  if (!options || typeof options !== 'object' || !Array.isArray(options.posts)) {
    throw new TypeError('Expected `options.posts` to be a list of `{path, post}`')
  }
  const config = siteConfig(options.config)
  const resolved: ResolvedConfig = resolveConfig(config, settingsOf(options.config))
  const site = config.url ? parseBaseUrl(config.url) : null
  const now = typeof options.config?.now === 'number' ? options.config.now : Date.now()
  const memo = options.memo ?? null
  const context: DeriveContext = {
    memo,
    config,
    resolved,
    module: generatorFor(config.generator),
    site,
    defaults: options.config?.defaults ?? null,
    token: tokenOf(
      JSON.stringify([
        config.generator,
        config.url,
        config.baseurl,
        config.permalink,
        config.timezone,
        config.drafts,
        config.future,
        options.config?.defaults ?? null,
        resolved.settings
      ]),
      memo
    )
  }
  const excluded = {drafts: 0, future: 0, unpublished: 0, expired: 0}
  const kept: Derived[] = []
  const dropped: Derived[] = []
  for (const input of options.posts) {
    if (!input || typeof input.path !== 'string' || !input.post || typeof input.post !== 'object') {
      throw new TypeError('Expected each of `options.posts` to be `{path, post}`')
    }
    const derived = derive(input, context)
    // Whether the build leaves it out depends on `now`: asked on every call, not kept.
    derived.exclusion = context.module.exclusion(derived.facts, derived.instant, now)
    derived.listed = context.module.listed?.(derived.facts) ?? true
    if (derived.exclusion !== null) {
      excluded[derived.exclusion]++
      dropped.push(derived)
      continue
    }
    kept.push(derived)
  }
  kept.sort((a, b) => {
    if (a.instant !== null && b.instant !== null && a.instant !== b.instant) return b.instant - a.instant
    if (a.instant === null && b.instant !== null) return 1
    if (b.instant === null && a.instant !== null) return -1
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
  })

  return {config, resolved, excluded, kept, dropped}
}

/** The generator's own settings as given (`SiteConfig.settings`), or none. */
export function settingsOf(config: Readonly<SiteConfig> | null | undefined): Readonly<Record<string, unknown>> {
  const settings = config?.settings
  if (settings === undefined || settings === null) return emptySettings
  if (typeof settings !== 'object' || Array.isArray(settings)) throw new TypeError('Expected `config.settings` to be a plain object')
  return settings
}

const emptySettings: Readonly<Record<string, unknown>> = Object.freeze({})

/**
 * Every site path the build serves, under baseurl, sorted: the files given (static files and
 * pages, as `loadSite` finds them), each kept post and its aliases, and what the generator
 * makes besides (list, taxonomy, feed and sitemap pages, plugin outputs).
 */
function servedUrls(
  kept: readonly Derived[],
  dropped: readonly Derived[],
  config: ResolvedConfig,
  options: Readonly<CreateSiteOptions>
): string[] {
  const module = generatorFor(config.generator)
  const urls = new Set<string>()
  for (const file of options.files ?? []) urls.add(joinPath(config.baseurl, file))
  const posts: ServedPost[] = []
  for (const derived of kept) {
    // A post the build writes nowhere (Pelican's empty `ARTICLE_SAVE_AS`): `servedAt` is ''.
    const at = module.servedAt ? module.servedAt(derived.facts, derived.local) : null
    if (at !== '') urls.add(at === null ? derived.permalink : joinPath(config.baseurl, at))
    posts.push({
      path: derived.path,
      data: derived.data,
      local: derived.local,
      post: derived.post,
      categories: derived.categories,
      listed: derived.listed
    })
    for (const alias of derived.served) urls.add(alias)
  }
  for (const derived of dropped) {
    for (const url of module.excludedUrls?.(derived.facts, derived.exclusion as NonNullable<Derived['exclusion']>, derived.local) ?? []) {
      urls.add(joinPath(config.baseurl, url))
    }
  }
  // Every file of the site, posts included (a bundle is known by its index).
  const files = new Set([...(options.sourceFiles ?? []), ...kept.map((derived) => derived.path), ...dropped.map((derived) => derived.path)])
  for (const url of module.extraUrls(posts, config, files)) urls.add(joinPath(config.baseurl, url))
  return [...urls].sort()
}

/**
 * Posts left out of the lists that the build writes all the same (Pelican's drafts, at
 * `DRAFT_SAVE_AS`: `GeneratorModule.excludedUrls`): their links are checked, and they are link
 * targets, as pages are.
 */
function writtenDrafts(dropped: readonly Derived[], resolved: ResolvedConfig): Array<{path: string; linked: LinkedPost}> {
  const module = generatorFor(resolved.generator)
  if (!module.excludedUrls) return []
  const given: Array<NonNullable<CreateSiteOptions['pages']>[number]> = []
  for (const derived of dropped) {
    const urls = module.excludedUrls(derived.facts, derived.exclusion as NonNullable<Derived['exclusion']>, derived.local)
    if (urls.length > 0) given.push({path: derived.path, post: derived.post, urls})
  }
  return linkedPages(given, resolved, (path) => dropped.find((derived) => derived.path === path)?.facts)
}

/** Pages that are not posts, resolved as posts are: at their first URL, the others as aliases. */
function linkedPages(
  given: NonNullable<CreateSiteOptions['pages']>,
  resolved: ResolvedConfig,
  factsOf: (path: string) => PostContext | undefined = () => undefined
): Array<{path: string; linked: LinkedPost}> {
  if (given.length === 0) return []
  const module = generatorFor(resolved.generator)
  const site = resolved.url ? parseBaseUrl(resolved.url) : null
  const pages: Array<{path: string; linked: LinkedPost}> = []
  for (const {path, post, urls} of given) {
    const [first, ...others] = urls
    if (first === undefined) continue
    const permalink = joinPath(resolved.baseurl, first)
    const facts: PostContext = factsOf(path) ?? {path, post, data: post.metadata, config: resolved}
    const {links, images} = resolveLinks(post, facts, module, resolved, permalink, site)
    pages.push({
      path,
      linked: {
        normalized: normalizePath(permalink),
        served: others.map((url) => joinPath(resolved.baseurl, url)),
        ids: anchorsOf(post, module, resolved, path),
        templated: holdsTemplateCode(post, module, resolved),
        shortcodes: shortcodesOf(post),
        page: true,
        links,
        images
      }
    })
  }
  return pages
}

/** Whether a plain link to a source file (`x.md`) reaches its page in this site's build (see `GeneratorModule.sourceLinks`). */
function sourceLinksOf(resolved: ResolvedConfig, options: Readonly<CreateSiteOptions>, kept: Derived[], dropped: Derived[]): boolean {
  const module = generatorFor(resolved.generator)
  if (!module.sourceLinks) return true
  const files = new Set([...(options.sourceFiles ?? []), ...kept.map((derived) => derived.path), ...dropped.map((derived) => derived.path)])
  return module.sourceLinks(resolved, files)
}

/** Ordering as `localeCompare` with no arguments, without a new collator per comparison. */
const collator = new Intl.Collator()

interface DeriveContext {
  memo: SiteMemo | null
  config: Site['config']
  resolved: ResolvedConfig
  module: GeneratorModule
  site: URL | null
  defaults: Defaults | null
  /** The config that derived values depend on: one object per distinct config. */
  token: object
}

/**
 * What `createSite` may reuse from one call to the next: each Post derived under a config
 * (permalink, URL, resolved links), kept by Post object, and one token per config. A watch
 * session keeps one (`createSiteMemo()`) and passes it as `memo` on every call, so that an edit
 * derives only the edited post again; without one, every call derives every post. createSite
 * itself keeps nothing between calls.
 */
export interface SiteMemo {
  readonly derived: WeakMap<Post, Derived>
  readonly tokens: Map<string, object>
}

export function createSiteMemo(): SiteMemo {
  return {derived: new WeakMap(), tokens: new Map()}
}

/** One token per distinct config (as JSON) that posts were derived with, in the memo. */
function tokenOf(key: string, memo: SiteMemo | null): object {
  if (!memo) return {}
  let token = memo.tokens.get(key)
  if (!token) {
    // A few configs in a session; one that makes many gets a fresh map rather than a leak.
    if (memo.tokens.size >= 64) memo.tokens.clear()
    token = {}
    memo.tokens.set(key, token)
  }
  return token
}

/**
 * What createSite computes from one post and the config, whatever the other posts are: kept
 * per Post object (posts are read, never changed), so that a site computed again after one
 * edit (watch modes) derives only the edited post again.
 */
export interface Derived {
  /** The path as given, and the token of the config, it was derived with. */
  given: string
  config: object
  /** The post's metadata object when derived (a validator replaces it: derive again), and the written data given. */
  metadata: Post['metadata']
  written: SiteInput['data']
  /** The file's modification time given (`SiteInput.modified`). */
  modified: number | null
  path: string
  post: Post
  instant: number | null
  date: Post['date']
  categories: string[]
  tags: string[]
  title: string | null
  /** Whether its content holds template code that can write elements (and ids), shortcodes aside. */
  templated: boolean
  /** The shortcodes it uses, link tags aside. */
  shortcodes: string[]
  /** What the generator's rules read of the post. */
  facts: PostContext
  /** Why the build leaves the post out at this call's `now`, or null. */
  exclusion: NonNullable<ReturnType<GeneratorModule['exclusion']>> | null
  /** Whether the build lists the post it writes. */
  listed: boolean
  /** The front matter as written, defaults under it. */
  data: Readonly<Record<string, unknown>>
  /** What the generator's rules gave, when it would have left the site (`..` above the root, `//host`, `\\host`, a scheme). */
  unsafe: string | null
  /** The site path without baseurl, and with it. */
  local: string
  permalink: string
  url: string | null
  /** The permalink for comparing, and the post's aliases (Hugo's `aliases`, jekyll-redirect-from's `redirect_from`) as served, under baseurl. */
  normalized: string
  served: string[]
  ids: Set<string>
  /** Per link (in order): fragment links as their decoded id, internal links resolved. */
  links: ResolvedLinks['links']
  /** Local images, resolved (remote ones and templates left out). */
  images: ResolvedLinks['images']
}

function derive(input: SiteInput, context: DeriveContext): Derived {
  const known = context.memo?.derived.get(input.post)
  // Compared as the path given and one token per config: no string is built for a post derived before.
  if (
    known?.given === input.path &&
    known.config === context.token &&
    known.metadata === input.post.metadata &&
    known.written === input.data &&
    known.modified === (input.modified ?? null)
  ) {
    return known
  }
  const path = input.path.replaceAll('\\', '/').replace(/^\.?\//, '')
  const {config, site} = context
  const post = withDefaults(input.post, path, context.defaults)
  const {module} = context
  const given = input.data ?? input.post.metadata
  const seen = module.frontmatter ? module.frontmatter(input.post, given) : given
  const data =
    seen !== input.post.metadata ? withDefaults({...input.post, metadata: {...seen}}, path, context.defaults).metadata : post.metadata
  const facts: PostContext = {path, post, data, config: context.resolved, modified: input.modified ?? null}
  const written = module.date(facts)
  const instant = module.instant(written, facts)
  const categories = module.categories(facts)
  const safe = safeSitePath(module.permalink(facts, written, instant, categories))
  const local = safe.path
  const permalink = joinPath(config.baseurl, local)
  const {links, images} = resolveLinks(post, facts, module, context.resolved, permalink, site)
  const derived: Derived = {
    given: input.path,
    config: context.token,
    metadata: input.post.metadata,
    written: input.data,
    modified: input.modified ?? null,
    path,
    post,
    instant,
    date: written && instant !== null ? {...written, timestamp: instant} : written,
    categories,
    title: module.title ? module.title(facts) : post.title,
    tags: module.tags ? module.tags(facts) : post.tags,
    exclusion: null,
    listed: true,
    facts,
    data,
    local,
    unsafe: safe.unsafe,
    permalink,
    url: site ? new URL(permalink, site.origin).href : null,
    normalized: normalizePath(permalink),
    served: module.aliases(facts).map((alias) => joinPath(config.baseurl, alias)),
    ids: anchorsOf(post, module, context.resolved, path),
    templated: holdsTemplateCode(post, module, context.resolved),
    shortcodes: shortcodesOf(post),
    links,
    images
  }
  context.memo?.derived.set(input.post, derived)
  return derived
}

/** A SiteConfig checked and with its defaults (throws a TypeError for a value of the wrong shape). */
export function siteConfig(given: Readonly<SiteConfig> | null | undefined): Site['config'] {
  const config = given ?? {}
  const generator = config.generator ?? 'generic'
  if (!generatorNames.includes(generator)) {
    throw new TypeError(
      `Expected \`config.generator\` to be one of ${generatorNames.map((name) => `\`${name}\``).join(', ')}, not \`${String(generator)}\``
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
 * Jekyll's defaults under the post's own front matter (`defaultsFor`: a draft is a `posts`
 * document to Jekyll 4); the fields they touch read again.
 */
function withDefaults(post: Post, path: string, defaults: Defaults | null): Post {
  const inherited = defaultsFor(path, 'posts', defaults)
  if (inherited === null) return post
  // `Document#merge_data!`: the front matter deep-merged over the defaults (a null keeps the default).
  const metadata = deepMerge(inherited, post.metadata)
  const own = (key: string) => post.metadata[key] !== null && post.metadata[key] !== undefined
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

function checkDuplicates(
  posts: readonly SitePost[],
  derived: readonly Derived[],
  field: 'permalink' | 'slug',
  ruleId: RuleId,
  diagnostics: SiteDiagnostic[]
): void {
  const by = new Map<string, SitePost[]>()
  posts.forEach((post, at) => {
    const key = field === 'permalink' ? (derived[at] as Derived).normalized : post.slug
    if (key === '') return
    const list = by.get(key) ?? []
    list.push(post)
    by.set(key, list)
  })
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

/**
 * A site path that cannot leave the site: backslashes are slashes (as the WHATWG URL parser reads
 * them), control characters dropped, `.` and `..` segments (`%2e` too) resolved without going
 * above the root, repeated slashes one (no `//host`), and what a URL path may not hold
 * percent-encoded (space, quotes, `<>`, `[]`, `{}`, `|`, `^`, `` ` ``, `#`, `?`). `unsafe` is the
 * path as given when it tried to leave the site (a scheme, a host, `..` above the root).
 */
export function safeSitePath(given: string): {path: string; unsafe: string | null} {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is dropped.
  const cleaned = given.replace(/[\x00-\x1f\x7f]/g, '').replaceAll('\\', '/')
  let unsafe = /^[a-z][a-z0-9+.-]*:/i.test(cleaned) || /^\s*\/\//.test(cleaned)
  const out: string[] = []
  const parts = cleaned.replace(/^[a-z][a-z0-9+.-]*:/i, '').split('/')
  parts.forEach((part, at) => {
    const segment = part.replace(/%2e/gi, '.')
    if (segment === '.' || (part === '' && at > 0 && at < parts.length - 1)) return
    if (segment === '..') {
      if (out.length === 0) unsafe = true
      out.pop()
      return
    }
    out.push(part)
  })
  let path = `/${out.filter((part, at) => part !== '' || at === out.length - 1).join('/')}`
  if (/(^|\/)\.\.?$/.test(cleaned.replace(/%2e/gi, '.')) && !path.endsWith('/')) path += '/'
  path = path
    .replace(/\/{2,}/g, '/')
    .replace(/[\s"<>[\]{}|^`#?]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
  return {path, unsafe: unsafe ? given : null}
}
