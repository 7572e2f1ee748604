/**
 * Sitemaps of a Site, as the sitemaps.org protocol 0.9 (https://www.sitemaps.org/protocol.html)
 * and its schemas (`sitemap.xsd`, `siteindex.xsd`, kept in test/schemas/) say: every post's URL
 * RFC 3986-encoded and entity-escaped, a URL of 2,048 characters or more left out (the protocol:
 * "less than 2,048"), and at most 50,000 URLs and 50 MiB a file, past which the site gets a
 * sitemap index and numbered sitemaps.
 */
import {quote} from '../diagnostics.js'
import type {PostDate} from '../types.js'
import {optional, positiveInteger} from '../validate.js'
import {rfc3339} from './time.js'
import type {Site, SiteDiagnostic, SitePost} from './types.js'
import {siteHome, toUri} from './uri.js'
import {xmlText} from './xml.js'

export interface SitemapOptions {
  /** The sitemap's path under `baseurl`; numbered sitemaps are named after it, `/sitemap-1.xml`… (default: `/sitemap.xml`). */
  path?: string | null | undefined
  /** The most URLs in one sitemap (default: 50,000, the protocol's limit, also the most it allows). */
  maxUrls?: number | null | undefined
  /** The most bytes in one sitemap, uncompressed (default: 52,428,800, the protocol's 50 MiB, also the most it allows). */
  maxBytes?: number | null | undefined
}

/** One file to publish: its site path (under `baseurl`) and its XML. */
export interface SitemapFile {
  path: string
  xml: string
}

export interface Sitemaps {
  /**
   * The file at `options.path` first: the sitemap itself when every URL fits in one, else a
   * sitemap index, followed by the sitemaps it lists.
   */
  files: SitemapFile[]
  /** `sitemap-url-too-long` for each post left out. */
  diagnostics: SiteDiagnostic[]
}

/** The protocol's limits (sitemaps.org 0.9): URLs and bytes a file, and a URL's length. */
const mostUrls = 50_000
const mostBytes = 50 * 1024 * 1024
const longestLoc = 2047

const head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
const tail = '</urlset>\n'

/**
 * The sitemap of a site; over 50,000 URLs or 50 MiB, the sitemap index, whose sitemaps only
 * `toSitemaps` gives.
 */
export function toSitemap(site: Site, options?: Readonly<SitemapOptions> | null): string {
  return (toSitemaps(site, options).files[0] as SitemapFile).xml
}

/** Every file of a site's sitemap, and the posts left out of it. */
export function toSitemaps(site: Site, options?: Readonly<SitemapOptions> | null): Sitemaps {
  const home = siteHome(site)
  const path = options?.path ?? '/sitemap.xml'
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw new TypeError(`Expected \`options.path\` to be a path such as \`/sitemap.xml\`, not \`${String(path)}\``)
  const maxUrls = Math.min(optional(options?.maxUrls, 'options.maxUrls', positiveInteger) ?? mostUrls, mostUrls)
  const maxBytes = Math.min(optional(options?.maxBytes, 'options.maxBytes', positiveInteger) ?? mostBytes, mostBytes)
  const diagnostics: SiteDiagnostic[] = []
  const all = entries(site, diagnostics)
  // The schema asks for one URL at least: a site with no post to list lists its home page.
  if (all.length === 0) all.push({xml: `<url><loc>${xmlText(toUri(home))}</loc></url>\n`, date: null})
  const groups = group(all, maxUrls, maxBytes - head.length - tail.length)
  if (groups.length === 1) return {files: [{path, xml: urlset(groups[0] as Entry[])}], diagnostics}
  const numbered = groups.map((entries, index) => ({path: path.replace(/(\.xml)?$/, `-${index + 1}$1`), entries}))
  const index = numbered.map(({path, entries}) => {
    const loc = toUri(new URL(`${site.config.baseurl}${path}`, home).href)
    const latest = latestDate(entries)
    const lastmod = latest ? `<lastmod>${rfc3339(latest, site.config.timezone)}</lastmod>` : ''
    return `<sitemap><loc>${xmlText(loc)}</loc>${lastmod}</sitemap>\n`
  })
  return {
    files: [
      {
        path,
        xml: `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.join('')}</sitemapindex>\n`
      },
      ...numbered.map(({path, entries}) => ({path, xml: urlset(entries)}))
    ],
    diagnostics
  }
}

interface Entry {
  /** `<url>…</url>\n`, ASCII only (the URL is percent-encoded, the date digits): its length is its size in bytes. */
  xml: string
  date: PostDate | null
}

function entries(site: Site, diagnostics: SiteDiagnostic[]): Entry[] {
  const found: Entry[] = []
  for (const post of site.posts) {
    // Nor in its sitemap (Pelican's sitemap plugin lists `articles`, not hidden ones).
    if (post.listed === false) continue
    const loc = toUri(post.url as string)
    if (loc.length > longestLoc) {
      diagnostics.push(tooLong(post, loc))
      continue
    }
    const date = post.updated ?? post.date
    const lastmod = date ? `<lastmod>${rfc3339(date, site.config.timezone)}</lastmod>` : ''
    found.push({xml: `<url><loc>${xmlText(loc)}</loc>${lastmod}</url>\n`, date})
  }
  return found
}

/** Entries in files of at most `maxUrls` entries and `maxBytes` bytes (one entry a file at least). */
function group(all: readonly Entry[], maxUrls: number, maxBytes: number): Entry[][] {
  const groups: Entry[][] = []
  let current: Entry[] = []
  let bytes = 0
  for (const entry of all) {
    if (current.length > 0 && (current.length === maxUrls || bytes + entry.xml.length > maxBytes)) {
      groups.push(current)
      current = []
      bytes = 0
    }
    current.push(entry)
    bytes += entry.xml.length
  }
  if (current.length > 0) groups.push(current)
  return groups
}

function latestDate(entries: readonly Entry[]): PostDate | null {
  let latest: PostDate | null = null
  for (const {date} of entries) if (date && (!latest || date.timestamp > latest.timestamp)) latest = date
  return latest
}

function urlset(entries: readonly Entry[]): string {
  return head + entries.map((entry) => entry.xml).join('') + tail
}

function tooLong(post: SitePost, loc: string): SiteDiagnostic {
  // At the front matter, where a permalink or slug that long is written; else at the file's start.
  const position = post.frontmatter.position
  return {
    ruleId: 'sitemap-url-too-long',
    severity: 'warning',
    message: `Unexpected URL of ${loc.length} characters ${quote(loc, 60)} in the sitemap, expected less than 2048 (sitemaps.org): the post is left out of the sitemap`,
    line: position?.start.line ?? 1,
    column: position?.start.column ?? 1,
    endLine: position?.end.line ?? 1,
    endColumn: position?.end.column ?? 1,
    source: 'mdpost',
    path: post.path
  }
}
