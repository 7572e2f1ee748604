/**
 * Feeds and the sitemap of a Site: Atom 1.0 (RFC 4287), RSS 2.0, JSON Feed 1.1 and a
 * sitemaps.org sitemap. Posts newest first, full HTML with every relative link and image made
 * absolute, dates in RFC 3339 (Atom, JSON) and RFC 822 (RSS) with the post's own offset (a
 * floating date's offset in the site's time zone).
 */

import {offsetMinutes, utcInstant} from '../dates.js'
import type {PostDate} from '../types.js'
import {parseBaseUrl, resolveUrl} from '../urls.js'
import {optional, positiveInteger} from '../validate.js'
import {formatOffset, offsetAt} from './time.js'
import type {Site, SitePost} from './types.js'

export interface FeedOptions {
  /** `'atom'` (default), `'rss'` or `'json'`. */
  format?: 'atom' | 'rss' | 'json' | null | undefined
  /** The most posts in the feed (default: 20). */
  limit?: number | null | undefined
  /** The feed's own path on the site, for its self link (default: `/feed.xml`, `/feed.json`). */
  path?: string | null | undefined
}

export function toFeed(site: Site, options?: Readonly<FeedOptions> | null): string {
  const format = options?.format ?? 'atom'
  if (format !== 'atom' && format !== 'rss' && format !== 'json') {
    throw new TypeError(`Expected \`options.format\` to be \`atom\`, \`rss\` or \`json\`, not \`${String(format)}\``)
  }
  const limit = optional(options?.limit, 'options.limit', positiveInteger) ?? 20
  const home = siteHome(site)
  const feedUrl = new URL(`${site.config.baseurl}${options?.path ?? (format === 'json' ? '/feed.json' : '/feed.xml')}`, home).href
  const posts = site.posts.slice(0, limit)
  const title = site.config.title ?? home
  if (format === 'json') return jsonFeed(site, posts, home, feedUrl, title)
  if (format === 'rss') return rss(site, posts, home, feedUrl, title)
  return atom(site, posts, home, feedUrl, title)
}

export function toSitemap(site: Site): string {
  siteHome(site)
  const urls = site.posts.map((post) => {
    const date = post.updated ?? post.date
    const lastmod = date ? `<lastmod>${rfc3339(date, site)}</lastmod>` : ''
    return `<url><loc>${xml(post.url as string)}</loc>${lastmod}</url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}

function siteHome(site: Site): string {
  if (!site.config.url) throw new TypeError('Expected the site’s `url` in its config for feeds and sitemaps, which need absolute URLs')
  return new URL(`${site.config.baseurl}/`, site.config.url).href
}

function atom(site: Site, posts: readonly SitePost[], home: string, feedUrl: string, title: string): string {
  // The feed changed when its latest post did (undated posts do not say; the epoch when none does).
  let latest: PostDate | null = null
  for (const post of posts) {
    const changed = post.updated ?? post.date
    if (changed && (!latest || changed.timestamp > latest.timestamp)) latest = changed
  }
  const updated = latest ? rfc3339(latest, site) : '1970-01-01T00:00:00Z'
  const entries = posts.map((post) => {
    const published = post.date ? `<published>${rfc3339(post.date, site)}</published>` : ''
    const changed = post.updated ?? post.date
    const categories = [...post.categories, ...post.tags].map((term) => `<category term="${xml(term)}"/>`).join('')
    return [
      '<entry>',
      `<title type="text">${xml(post.title ?? post.slug)}</title>`,
      `<link rel="alternate" type="text/html" href="${xml(post.url as string)}"/>`,
      `<id>${xml(post.url as string)}</id>`,
      `<updated>${changed ? rfc3339(changed, site) : updated}</updated>`,
      published,
      post.excerpt ? `<summary type="text">${xml(post.excerpt.text)}</summary>` : '',
      `<content type="html" xml:base="${xml(post.url as string)}">${xml(absoluteHtml(post, site))}</content>`,
      categories,
      '</entry>'
    ].join('')
  })
  const author = site.config.author
    ? `<author><name>${xml(site.config.author)}</name></author>`
    : `<author><name>${xml(title)}</name></author>`
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title type="text">${xml(title)}</title>`,
    site.config.description ? `<subtitle type="text">${xml(site.config.description)}</subtitle>` : '',
    `<link rel="alternate" type="text/html" href="${xml(home)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(feedUrl)}"/>`,
    `<id>${xml(home)}</id>`,
    `<updated>${updated}</updated>`,
    author,
    ...entries,
    '</feed>',
    ''
  ]
    .filter(Boolean)
    .join('\n')
}

function rss(site: Site, posts: readonly SitePost[], home: string, feedUrl: string, title: string): string {
  const items = posts.map((post) => {
    const categories = [...post.categories, ...post.tags].map((term) => `<category>${xml(term)}</category>`).join('')
    return [
      '<item>',
      `<title>${xml(post.title ?? post.slug)}</title>`,
      `<link>${xml(post.url as string)}</link>`,
      `<guid isPermaLink="true">${xml(post.url as string)}</guid>`,
      post.date ? `<pubDate>${rfc822(post.date, site)}</pubDate>` : '',
      `<description>${xml(absoluteHtml(post, site))}</description>`,
      categories,
      '</item>'
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xml(title)}</title>`,
    `<link>${xml(home)}</link>`,
    `<description>${xml(site.config.description ?? title)}</description>`,
    `<atom:link href="${xml(feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    ''
  ].join('\n')
}

function jsonFeed(site: Site, posts: readonly SitePost[], home: string, feedUrl: string, title: string): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: home,
    feed_url: feedUrl,
    ...(site.config.description ? {description: site.config.description} : {}),
    ...(site.config.author ? {authors: [{name: site.config.author}]} : {}),
    items: posts.map((post) => ({
      id: post.url,
      url: post.url,
      title: post.title ?? post.slug,
      content_html: absoluteHtml(post, site),
      ...(post.excerpt ? {summary: post.excerpt.text} : {}),
      ...(post.date ? {date_published: rfc3339(post.date, site)} : {}),
      ...(post.updated ? {date_modified: rfc3339(post.updated, site)} : {}),
      ...(post.tags.length > 0 ? {tags: post.tags} : {})
    }))
  }
  return `${JSON.stringify(feed, null, 2)}\n`
}

/** The post's HTML with relative `href` and `src` made absolute (a feed reader has no base). */
function absoluteHtml(post: SitePost, site: Site): string {
  // As a browser on the post's page resolves them: a root-relative path against the origin
  // (outside the baseurl too), a relative one against the post's URL.
  const base = parseBaseUrl(new URL('/', site.config.url as string).href)
  const permalink = post.permalink
  const html = (post as {html?: string}).html ?? ''
  return html.replace(/ (href|src)="([^"]*)"/g, (whole, name: string, value: string) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(value)) return value.startsWith('#') ? ` ${name}="${post.url}${value}"` : whole
    const absolute = resolveUrl(value.replaceAll('&#x26;', '&').replaceAll('&amp;', '&'), base, permalink)
    return absolute ? ` ${name}="${absolute.replaceAll('&', '&#x26;')}"` : whole
  })
}

/** RFC 3339 with the post's own offset; a floating date's offset in the site's zone, else Z. */
function rfc3339(date: PostDate, site: Site): string {
  const {instant, offset} = instantAndOffset(date, site)
  const local = new Date(instant + offset * 60_000)
  return `${local.toISOString().slice(0, 19)}${formatOffset(offset)}`
}

/** RFC 822 (as RSS 2.0 asks, with a four-digit year): `Sat, 03 Mar 2018 10:00:00 +0100`. */
function rfc822(date: PostDate, site: Site): string {
  const {instant, offset} = instantAndOffset(date, site)
  const local = new Date(instant + offset * 60_000)
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const sign = offset < 0 ? '-' : '+'
  const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${String(local.getUTCFullYear()).padStart(4, '0')} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`
}

function instantAndOffset(date: PostDate, site: Site): {instant: number; offset: number} {
  // RFC 3339, RFC 822 and the sitemap schema hold four-digit years: a time whose local year is
  // outside 0001–9999 is given in UTC, and one outside it in UTC too is clamped to the range.
  const instant = Math.min(Math.max(date.timestamp, firstInstant), lastInstant)
  const zone = site.config.timezone
  const offset = date.offset !== null ? offsetMinutes(date.offset) : zone ? offsetAt(instant, zone) : 0
  const year = new Date(instant + offset * 60_000).getUTCFullYear()
  return year < 1 || year > 9999 ? {instant, offset: 0} : {instant, offset}
}

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
const firstInstant = utcInstant(1, 1, 1, 0, 0, 0)
const lastInstant = utcInstant(9999, 12, 31, 23, 59, 59)

/** Text for XML: escaped, and characters XML 1.0 cannot hold dropped. */
function xml(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what XML 1.0 cannot hold.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
  )
}
