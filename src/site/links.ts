/**
 * Links of a site: each link and image of a post resolved once against the post's served URL
 * (as a browser resolves it), the ids its page will have, and the check of every resolved link
 * against the site's posts, served files and (with a built site) the built pages' ids.
 */
import {quote} from '../diagnostics.js'
import type {GeneratorModule, PostContext, ResolvedConfig} from '../generators/types.js'
import type {Link, Position, Post} from '../types.js'
import {report} from './report.js'
import type {SiteDiagnostic, SitePost} from './types.js'

/** An internal link or image as resolved once for its post. */
export interface Resolved {
  /**
   * Where it points (null: nothing to check), the same path without `.html`, and whether it was
   * written with a trailing slash. A link to a source file (`x.md`) has that file as `source`,
   * `path` the URL it names as written, and `plain` unless the generator's own syntax wrote it
   * (Pelican's `{filename}`): a plain one reaches the page only where `sourceLinks` says.
   */
  target: {path: string; source: string; plain: boolean; bare: string; slash: boolean} | null
  /** The fragment, decoded ('' when none). */
  hash: string
  /** The path relative to the site root that a relative URL names beside the post (bundles), or null. */
  beside: string | null
}

/** A post's links and images as resolved once (see `resolveLinks`). */
export interface ResolvedLinks {
  /** Per link (in order): fragment links as their decoded id, internal links resolved. */
  links: Array<{link: Link; fragment: string | null; resolved: Resolved | null; message?: string}>
  /** Local images, resolved (remote ones and templates left out). */
  images: Array<{src: string; position: Position | null; resolved: Resolved | null; message?: string; override?: string}>
}

/** What the link check reads of a post, beside its SitePost. */
export interface LinkedPost extends ResolvedLinks {
  /** The permalink for comparing, and the post's aliases as served, under baseurl. */
  normalized: string
  served: readonly string[]
  /** Every id its page will have (that mdpost can see). */
  ids: Set<string>
  /** Whether its content holds template code that can write elements (and ids), shortcodes aside. */
  templated: boolean
  /** A page that is not a post (its links are checked, it is a link target, it has no backlinks). */
  page?: boolean
  /** The shortcodes it uses (but link tags): each may write ids, unless the generator says it writes none. */
  shortcodes: readonly string[]
}

/** Every link and image of a post that points into the site, resolved against its permalink. */
export function resolveLinks(
  post: Post,
  facts: PostContext,
  module: GeneratorModule,
  config: ResolvedConfig,
  permalink: string,
  site: URL | null
): ResolvedLinks {
  const {path} = facts
  const besides = module.filesBesideSource ?? true
  // jekyll-redirect-from's `redirect_to` replaces the content with a redirect page: its one link is the target.
  const redirect = redirectOf(post, module, config)
  if (redirect) {
    const link: Link = {
      url: redirect.url,
      text: '',
      title: null,
      kind: 'internal',
      source: 'generated',
      resolved: null,
      section: null,
      position: redirect.position
    }
    const external = /^https?:/i.test(redirect.url) && !(site && sameSite(redirect.url, site))
    if (external) return {links: [], images: []}
    return {
      links: [
        {
          link,
          fragment: null,
          resolved: resolve(redirect.url, path, permalink, config.baseurl, site, true, besides),
          message: `Unexpected redirect to ${quote(redirect.url, 120)} (\`redirect_to\`), which no post or file of the site has`
        }
      ],
      images: []
    }
  }
  const links: ResolvedLinks['links'] = []
  for (const link of post.links) {
    // The generator's own link syntax (Pelican's `{filename}`) as the browser will see it; the
    // link keeps its written form for messages.
    // A bare URL is a link only where the generator's renderer makes one, and ends where it ends it.
    const literal = link.source === 'literal' && module.literalUrl ? module.literalUrl(link.url, config) : link.url
    if (literal === null) continue
    const written = withoutNewlines(literal)
    const url = module.linkUrl?.(written, facts) ?? written
    // A markdown destination that starts with a space (`[x](< http://a/>)`) is rendered as
    // `%20http://a/`: a relative link, whatever follows (a raw-HTML attribute is trimmed instead).
    const spaced = link.source !== 'html' && /^\s/.test(url) && url.trim() !== ''
    const kind = spaced ? 'internal' : url === written ? link.kind : url.startsWith('#') ? 'fragment' : 'internal'
    // Template code left in a destination (Liquid in a loop, a shortcode) is the template's to
    // check: its `liquid-tag` diagnostic says so; it is never a broken link.
    if (url.includes('{{') || url.includes('{%')) continue
    // A generator that leaves raw HTML out (Hugo's default Goldmark) leaves its links out too.
    // (A content file written in HTML, Hugo's `.html`, is no markdown: its HTML is kept as written.)
    if (link.source === 'html' && module.rendersRawHtml && !module.rendersRawHtml(config) && !writtenInHtml(path)) continue
    if (kind === 'fragment') links.push({link, fragment: decodeFragment(url.slice(1)), resolved: null})
    else if (kind === 'internal' || (kind === 'external' && site && sameSite(url, site)))
      links.push({
        link,
        fragment: null,
        resolved: resolve(spaced ? url.replace(/\s/g, '%20') : url, path, permalink, config.baseurl, site, url === written, besides)
      })
  }
  const images: ResolvedLinks['images'] = []
  for (const image of post.images) {
    const written = withoutNewlines(image.src).trim()
    const src = (module.linkUrl?.(written, facts) ?? written).trim()
    if (src === '' || src.startsWith('#') || src.includes('{{') || src.includes('{%')) continue
    // Raw HTML the generator leaves out (Hugo's default Goldmark) leaves its `<img>` out too.
    if (image.source === 'html' && module.rendersRawHtml && !module.rendersRawHtml(config) && !writtenInHtml(path)) continue
    // An absolute image on the site's own host (either scheme, or protocol-relative) is checked as a local one.
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src) && !(site && sameSite(src, site))) continue
    images.push({src, position: image.position, resolved: resolve(src, path, permalink, config.baseurl, site, src === written, besides)})
  }
  // Images the generator's tags write (Hugo's `figure`), unless a site or theme file replaces the tag.
  for (const image of module.tagImages?.(post.templateTags) ?? []) {
    const src = withoutNewlines(image.src).trim()
    if (
      src === '' ||
      src.startsWith('#') ||
      src.includes('{{') ||
      (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src) && !(site && sameSite(src, site)))
    )
      continue
    // A tag inside an HTML comment writes into the comment: its text is not in the post's HTML
    // (but `{{<figure …>}}`, which CommonMark reads as a raw-HTML tag and the HTML leaves out).
    const hidden = post.html !== undefined && !post.html.includes(image.src.replaceAll('&', '&#x26;').replaceAll('<', '&#x3C;'))
    if (hidden && !/^\{\{<[a-z]/i.test(image.text)) continue
    const {position, override} = image
    images.push({src, position, override, resolved: resolve(src, path, permalink, config.baseurl, site, true, besides)})
  }
  return {links, images}
}

/**
 * Where jekyll-redirect-from's `redirect_to` sends a Jekyll post or page (the first of a list),
 * as its redirect page writes it: an `http(s)` URL as written, another absolute URL not at all,
 * else `absolute_url` (the site's `url`, `baseurl`, a leading slash); and the front matter line
 * that says so. Null without the plugin or the key.
 */
export function redirectOf(post: Post, module: GeneratorModule, config: ResolvedConfig): {url: string; position: Position | null} | null {
  const written = module.redirectTo?.(post.metadata, config) ?? null
  if (written === null) return null
  let url: string
  if (/^https?:\/\//.test(written)) url = written
  else if (/^[a-z][a-z0-9+.-]*:/i.test(written)) return null
  else {
    const path = `${config.baseurl.replace(/\/$/, '')}${written.startsWith('/') ? '' : '/'}${written}`
    url = config.url ? `${config.url.replace(/\/+$/, '')}${path}` : path
  }
  return {url, position: frontmatterLine(post, /^redirect_to\s*:/)}
}

/** The position of the first front matter line matching `key`, or the front matter's. */
function frontmatterLine(post: Post, key: RegExp): Position | null {
  const {raw, position, format} = post.frontmatter
  if (!position) return null
  const index = raw.split(/\r\n|\r|\n/).findIndex((line) => key.test(line))
  if (index === -1) return position
  const line = position.start.line + index + (format === 'yaml' || format === 'toml' ? 1 : 0)
  return {start: {line, column: 1, offset: 0}, end: {line, column: 1, offset: 0}}
}

/** Whether a content file is written in HTML (`.html`, `.htm`): the generator renders none of it as markdown. */
function writtenInHtml(path: string): boolean {
  return /\.html?$/i.test(path)
}

/** A URL as the URL parser reads it: without tabs and newlines (an attribute in raw HTML may wrap). */
function withoutNewlines(url: string): string {
  return /[\t\n\r]/.test(url) ? url.replace(/[\t\n\r]/g, '') : url
}

/**
 * Whether a post holds template code that can write elements (a shortcode, a Liquid tag other
 * than a link tag), and so may give its page ids only the build knows.
 */
export function holdsTemplateCode(post: Post, module?: GeneratorModule, config?: ResolvedConfig): boolean {
  if (module && config && redirectOf(post, module, config)) return false
  // Liquid tags the first parse found; link tags write a URL only. Shortcodes: `shortcodesOf`.
  for (const tag of post.templateTags) if (tag.syntax === 'liquid' && tag.text.startsWith('{%') && !inertLiquid.test(tag.name)) return true
  return activeLiquidInHtml.test(post.html ?? '')
}

/** The shortcodes a post uses, link tags (`ref`, `relref`) aside (a shortcode's `<` is escaped in its HTML: the tags say). */
export function shortcodesOf(post: Post): string[] {
  const names = new Set<string>()
  for (const tag of post.templateTags) if (tag.syntax === 'shortcode' && !/^\/|^(?:ref|relref)$/.test(tag.name)) names.add(tag.name)
  return [...names]
}

/** Liquid tags that write no element with an id. */
const inertNames = 'post_url|link|raw|endraw|highlight|endhighlight|comment|endcomment'
const inertLiquid = new RegExp(`^(?:${inertNames})$`)
/** A Liquid tag other than those, as it stays in a post's HTML (`{{% x %}}` is a Hugo shortcode, not one). */
const activeLiquidInHtml = new RegExp(String.raw`(?<!\{)\{%-?\s*(?!(?:${inertNames})\b)\w`)

function resolve(
  url: string,
  path: string,
  permalink: string,
  baseurl: string,
  site: URL | null,
  plain: boolean,
  besides: boolean
): Resolved {
  const target = resolveInternal(url, path, permalink, baseurl, site)
  return {
    target: target && {
      ...target,
      plain,
      // (A path still ending in `/` kept an empty segment: it is no page's, with or without it.)
      bare: target.path === '' || target.path.endsWith('/') ? target.path : normalizePath(target.path.replace(/\.html?$/, '')),
      slash: /\/$/.test(url.split('#')[0]?.split('?')[0] ?? '')
    },
    hash: url.includes('#') ? decodeFragment(url.slice(url.indexOf('#') + 1)) : '',
    beside: besides ? besidePath(url, path) : null
  }
}

/** A relative URL as a path relative to the site root, beside the post's file (bundles). */
function besidePath(url: string, path: string): string | null {
  if (url.startsWith('/')) return null
  try {
    const bare = url.split('#')[0]?.split('?')[0] ?? ''
    return decodeURI(new URL(bare, `file:///${path}`).pathname.slice(1))
  } catch {
    return null
  }
}

/** A site path without its `index.html` and trailing slash, for comparing permalinks and links. */
export function normalizePath(path: string): string {
  let clean = path.split('#')[0]?.split('?')[0] ?? ''
  try {
    clean = decodeURI(clean)
  } catch {
    // Keep it as written.
  }
  // One trailing slash: `/x//` is another path than `/x/`, which no file has (an empty segment).
  // Leading slashes are one, as hosts read the path (`https://host//x` is `/x`).
  clean = clean
    .replace(/\/index\.html?$/, '/')
    .replace(/\/$/, '')
    .replace(/^\/{2,}/, '/')
  return clean === '' ? '/' : clean
}

/**
 * Internal links: to a post (by its permalink, its source file `.md`, or with `.html` added) or to
 * a known file; fragments against the target's heading ids. Broken ones are warnings at the
 * link; resolved ones become backlinks of their target.
 */
export function checkLinks(
  posts: SitePost[],
  derived: readonly LinkedPost[],
  served: readonly string[] | null,
  sources: ReadonlySet<string>,
  unresolved: Readonly<Record<string, string>>,
  builtAnchors: Readonly<Record<string, readonly string[]>> | null,
  diagnostics: SiteDiagnostic[],
  sourceLinks = true,
  idless: readonly string[] = [],
  siteIdless: readonly string[] = [],
  aliasRedirects = false
): void {
  const files = served
  const anchors = new Map<string, Set<string>>()
  for (const [url, ids] of Object.entries(builtAnchors ?? {})) anchors.set(normalizePath(url), new Set(ids))
  /** Whether a page has an id: the post's own, or the built page's. */
  // A page whose content holds template code (a shortcode, a Liquid include) may have ids that only
  // the build makes: its fragments are not checked, unless the built page says.
  // `#top` is the top of any page (HTML's "indicated part of the document"), with or without such an id.
  const hasId = (own: LinkedPost | null, url: string, id: string): boolean =>
    id.toLowerCase() === 'top' ||
    (own?.ids.has(id) ?? false) ||
    (anchors.get(url)?.has(id) ?? false) ||
    (!anchors.has(url) && own !== null && templated(own))
  // A shortcode may write ids, unless it is one the generator says writes none and no site or theme file replaces it.
  const templated = (own: LinkedPost): boolean =>
    own.templated ||
    own.shortcodes.some(
      (name) =>
        !siteIdless.includes(name) &&
        (!idless.includes(name) || overridden(`layouts/shortcodes/${name}.html`) || overridden(`layouts/_shortcodes/${name}.html`))
    )
  const beside = (resolved: Resolved): boolean => resolved.beside !== null && sources.has(resolved.beside)
  // A tag's image (Hugo's `figure`): the site's or a theme's own template of the tag may write
  // something else; later Hugo versions also take the `src` from `assets/`.
  const overrides = new Map<string, boolean>()
  const overridden = (file: string): boolean => {
    const known = overrides.get(file)
    if (known !== undefined) return known
    const found = [...sources].some((source) => source === file || source.endsWith(`/${file}`))
    overrides.set(file, found)
    return found
  }
  const inAssets = (src: string): boolean => sources.has(`assets/${(src.split(/[?#]/)[0] ?? '').replace(/^\/+/, '')}`)
  const byPermalink = new Map<string, number>()
  // The URLs written as a file (`/x`, served from `x.html`), which a link with `.html` added reaches;
  // a folder URL (`/x/`, written `x/index.html`) it does not (a host answers `/x.html` with a 404).
  const byFile = new Map<string, number>()
  const bySource = new Map<string, number>()
  posts.forEach((post, at) => {
    const own = derived[at] as LinkedPost
    // A page that is not a post (`page`) comes after the posts: a post's URL stays the post's.
    if (!own.page || !byPermalink.has(own.normalized)) byPermalink.set(own.normalized, at)
    // (A page that is not a post: its URL is not at hand, it is taken as a file's.)
    if (!(post.permalink ?? '').endsWith('/') && (!own.page || !byFile.has(own.normalized))) byFile.set(own.normalized, at)
    // Hugo's `aliases` are old URLs of the post (redirects): links to them reach it.
    for (const alias of own.served) {
      const normalized = normalizePath(alias)
      if (!byPermalink.has(normalized)) byPermalink.set(normalized, at)
      if (!alias.endsWith('/') && !byFile.has(normalized)) byFile.set(normalized, at)
    }
    bySource.set(post.path, at)
  })
  const known = new Set((files ?? []).map((file) => normalizePath(file)))
  // Host redirects with a splat (`/old/*`): every path under them is answered.
  const under = (files ?? []).filter((file) => file.endsWith('/*')).map((file) => normalizePath(file.slice(0, -1)))
  // Static hosts serve `x.html` at `x` too (GitHub Pages, Netlify, Cloudflare Pages), not at `x/`.
  const isServed = (path: string, slash = false): boolean =>
    known.has(path) || (!slash && known.has(`${path}.html`)) || under.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
  posts.forEach((post, at) => {
    const own = derived[at] as LinkedPost
    if (files !== null) {
      for (const image of own.images) {
        const target = image.resolved?.target
        if (target?.source !== '' || isServed(target.path) || beside(image.resolved as Resolved)) continue
        if (
          image.override !== undefined &&
          (overridden(image.override) || overridden(image.override.replace('/shortcodes/', '/_shortcodes/')) || inAssets(image.src))
        )
          continue
        image.message ??= `Unexpected image ${quote(image.src, 200)}, which no file of the site has`
        report(diagnostics, post.path, 'image-local-missing', image.message, image.position)
      }
    }
    for (const entry of own.links) {
      const {link, fragment, resolved} = entry
      if (fragment !== null) {
        if (fragment !== '' && !hasId(own, own.normalized, fragment)) {
          entry.message ??= fragmentMessage(fragment, post.path)
          report(diagnostics, post.path, 'link-fragment-broken', entry.message, link.position)
        }
        continue
      }
      const tag = unresolved[link.url]
      if (tag !== undefined) {
        report(
          diagnostics,
          post.path,
          'link-internal-broken',
          `Unexpected ${quote(tag, 80)}, which names no page of the site: the generator fails its build`,
          link.position,
          'error'
        )
        continue
      }
      const target = resolved?.target
      if (!resolved || !target) continue
      // A plain link to a source file (`x.md`) is to that file's page only where the build rewrites it
      // (`sourceLinks`); elsewhere it is the URL as written.
      const source = target.source !== '' && (sourceLinks || !target.plain) ? target.source : ''
      const index = (source === '' ? undefined : bySource.get(source)) ?? byPermalink.get(target.path) ?? byFile.get(target.bare)
      if (index !== undefined) {
        const found = posts[index] as SitePost
        found.backlinks.push({path: post.path, line: link.position?.start.line ?? null})
        // An alias (Hugo's `aliases`, jekyll-redirect-from's `redirect_from`) is a redirect page with
        // no ids: a browser that follows its `<meta http-equiv="refresh">` drops the fragment.
        const foundLinked = derived[index] as LinkedPost
        if (
          aliasRedirects &&
          resolved.hash !== '' &&
          resolved.hash.toLowerCase() !== 'top' &&
          (source === '' || bySource.get(source) !== index) &&
          target.path !== foundLinked.normalized &&
          target.bare !== foundLinked.normalized &&
          foundLinked.served.some((alias) => isRedirectPage(alias) && normalizePath(alias) === target.path)
        ) {
          report(diagnostics, post.path, 'link-fragment-broken', aliasMessage(resolved.hash, target.path, found.path), link.position)
          continue
        }
        if (resolved.hash !== '' && !hasId(derived[index] as LinkedPost, (derived[index] as LinkedPost).normalized, resolved.hash)) {
          report(diagnostics, post.path, 'link-fragment-broken', fragmentMessage(resolved.hash, found.path), link.position)
        }
        continue
      }
      if (
        files !== null &&
        isServed(target.path) &&
        resolved.hash !== '' &&
        anchors.has(target.path) &&
        !hasId(null, target.path, resolved.hash)
      ) {
        report(diagnostics, post.path, 'link-fragment-broken', fragmentMessage(resolved.hash, target.path), link.position)
        continue
      }
      // A source file that is not a post (a page, `{filename}pages/about.md`) is there.
      if (source !== '' && sources.has(source)) continue
      if (files === null || isServed(target.path, target.slash) || (target.source === '' && beside(resolved))) continue
      entry.message ??= `Unexpected link to ${quote(link.url, 200)}, which no post or file of the site has`
      report(diagnostics, post.path, 'link-internal-broken', entry.message, link.position)
    }
  })
}

/** Whether a site path is an HTML page (an alias's redirect page), not a feed or another file. */
function isRedirectPage(path: string): boolean {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? ''
  return path.endsWith('/') || !last.includes('.') || /\.html?$/i.test(last)
}

function aliasMessage(id: string, alias: string, target: string): string {
  return `Unexpected fragment ${quote(`#${id}`)} on ${quote(alias, 60)}, a redirect page to ${quote(target, 60)} that has no ids: the fragment is lost`
}

function fragmentMessage(id: string, target: string): string {
  return `Unexpected fragment ${quote(`#${id}`)}, which no heading or element of ${quote(target, 60)} has as its id`
}

/**
 * Whether an absolute URL is on the site's own host (either scheme). A URL of the page's own
 * scheme without `//` (`https:x`) is relative to the page, as browsers read it.
 */
function sameSite(url: string, site: URL): boolean {
  try {
    const parsed = new URL(url, site)
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      parsed.host === site.host &&
      (/^([a-z][a-z0-9+.-]*:)?\/\//i.test(url) || /^https?:(?!\/)/i.test(url.trim()))
    )
  } catch {
    return false
  }
}

/**
 * Every id a fragment can reach in a post's page: heading ids, a heading's own `{#id}` (kramdown,
 * Goldmark attributes), ids and `name`s in its HTML (raw HTML included, without the sanitizer's
 * `user-content-` prefix), and kramdown attribute lists (`{: #note}`).
 */
export function anchorsOf(post: Post, module: GeneratorModule, config: ResolvedConfig, path = ''): Set<string> {
  // A redirect page (`redirect_to`) has none of its content.
  if (redirectOf(post, module, config)) return new Set()
  const rawHtml = writtenInHtml(path) || (module.rendersRawHtml?.(config) ?? true)
  const kinds = module.ids?.(config) ?? {headings: true, attributeLists: true}
  const ids = new Set<string>()
  // The generator's own heading ids (Python-Markdown's `toc`), else GitHub's.
  const generated = kinds.headings && kinds.headingIds ? kinds.headingIds(post.headings.map((heading) => heading.text)) : null
  for (const id of generated ?? []) ids.add(id)
  for (const heading of post.headings) {
    if (kinds.headings && !generated) ids.add(heading.id)
    const own = /\{[^}]*#([^\s}.]+)[^}]*\}\s*$/.exec(heading.text)
    if (own) ids.add(own[1] as string)
  }
  const html = post.html ?? ''
  if (html.includes('id=') || html.includes('name=')) {
    // Quoted either way or not at all (a page written in HTML has its attributes as written).
    for (const match of html.matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
      const written = decodeEntities((match[1] ?? match[2] ?? match[3]) as string)
      const id = written.replace(/^user-content-/, '')
      // Ids from raw HTML (prefixed by the sanitizer) exist only where the generator keeps raw HTML.
      if (!rawHtml && written !== id && !/^(fn|fnref)-/.test(id)) continue
      // Heading ids, where the generator gives none (Pelican without `toc`).
      if ((!kinds.headings || generated) && written === id && post.headings.some((heading) => heading.id === id)) continue
      ids.add(id)
      // Footnotes as kramdown, Goldmark and Python-Markdown name them: `fn:1`, `fnref:1`.
      const footnote = /^(fn|fnref)-(.+)$/.exec(id)
      if (footnote) ids.add(`${footnote[1]}:${footnote[2]}`)
    }
  }
  if (kinds.attributeLists && (html.includes('{:') || html.includes('{#'))) {
    for (const match of html.matchAll(/\{:?[^{}]*?#([\w:.-]+)[^{}]*\}/g)) ids.add(match[1] as string)
  }
  return ids
}

function decodeEntities(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|#39));/gi, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal) return String.fromCodePoint(Number(decimal))
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16))
    return ({amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'"} as Record<string, string>)[(name ?? '').toLowerCase()] ?? whole
  })
}

function decodeFragment(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Where an internal link points: a site path, and (for `.md` links) the source file. */
function resolveInternal(
  url: string,
  path: string,
  permalink: string,
  baseurl: string,
  site: URL | null
): {path: string; source: string} | null {
  const bare = url.split('#')[0]?.split('?')[0] ?? ''
  if (bare === '') return null
  let pathname: string
  try {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(bare)) {
      // Against the page: a URL of its own scheme without `//` (`https:x`) is relative to it.
      const parsed = new URL(bare, new URL(permalink, site ?? 'https://invalid.invalid'))
      pathname = parsed.pathname
    } else {
      // As a browser reads it: dot segments resolved, `/\\host/x` on another host (not the site's).
      const parsed = new URL(bare, `https://site.invalid${permalink}`)
      if (parsed.host !== 'site.invalid') return null
      pathname = parsed.pathname
      // A relative `.md` link is to a source file (jekyll-relative-links), else to a page.
      if (!bare.startsWith('/') && /\.(md|markdown|mdx)$/i.test(bare)) {
        const source = new URL(bare, `file:///${path}`).pathname.slice(1)
        return {path: normalizePath(pathname), source: decodeURI(source)}
      }
    }
  } catch {
    return null
  }
  // A path outside the baseurl (`/blogroll/` beside `/blog`) is another part of the host: not the site's to check.
  if (baseurl !== '' && pathname !== baseurl && !pathname.startsWith(`${baseurl}/`)) return null
  // A source file by its path from the site root (Pelican's `{filename}x.rst`, `{filename}x.mkd`): its page.
  if (/\.(md|markdown|mdx|mkd|mdown|rst)$/i.test(pathname))
    return {path: normalizePath(pathname), source: decodeURI(pathname.replace(/^\//, ''))}
  return {path: normalizePath(pathname), source: ''}
}
