/**
 * Feeds of a Site: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1. Posts newest first, full HTML
 * with every relative link and image made absolute, dates in RFC 3339 (Atom, JSON) and RFC 822
 * (RSS) with the post's own offset (a floating date's offset in the site's time zone). Valid for
 * any string a post holds: XML text through `xml.ts`, URLs through `toUri`, JSON strings made
 * well-formed (a lone surrogate as U+FFFD).
 */

import type {PostDate} from '../types.js'
import {parseBaseUrl, resolveUrl} from '../urls.js'
import {optional, positiveInteger} from '../validate.js'
import {rfc822, rfc3339} from './time.js'
import type {Site, SitePost} from './types.js'
import {siteHome, toUri} from './uri.js'
import {xmlAttribute as attribute, xmlText as text} from './xml.js'

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
  const home = toUri(siteHome(site))
  const path = options?.path ?? (format === 'json' ? '/feed.json' : '/feed.xml')
  const feed: Feed = {
    site,
    zone: site.config.timezone,
    // A post the build writes but lists nowhere (`listed: false`) is not in its feeds.
    posts: site.posts.filter((post) => post.listed !== false).slice(0, limit),
    home,
    feedUrl: toUri(new URL(`${site.config.baseurl}${path}`, home).href),
    title: site.config.title ?? home
  }
  if (format === 'json') return jsonFeed(feed)
  if (format === 'rss') return rss(feed)
  return atom(feed)
}

/** What every format reads: the posts in it, URLs already in RFC 3986 form. */
interface Feed {
  site: Site
  zone: string | null
  posts: readonly SitePost[]
  home: string
  feedUrl: string
  title: string
}

function atom({site, zone, posts, home, feedUrl, title}: Feed): string {
  // The feed changed when its latest post did (undated posts do not say; the epoch when none does).
  let latest: PostDate | null = null
  for (const post of posts) {
    const changed = post.updated ?? post.date
    if (changed && (!latest || changed.timestamp > latest.timestamp)) latest = changed
  }
  const updated = latest ? rfc3339(latest, zone) : '1970-01-01T00:00:00Z'
  const entries = posts.map((post) => {
    const url = toUri(post.url as string)
    const changed = post.updated ?? post.date
    const categories = [...post.categories, ...post.tags].map((term) => `<category term="${attribute(term)}"/>`).join('')
    return [
      '<entry>',
      `<title type="text">${text(post.title ?? post.slug)}</title>`,
      `<link rel="alternate" type="text/html" href="${attribute(url)}"/>`,
      `<id>${text(url)}</id>`,
      `<updated>${changed ? rfc3339(changed, zone) : updated}</updated>`,
      post.date ? `<published>${rfc3339(post.date, zone)}</published>` : '',
      post.excerpt ? `<summary type="text">${text(post.excerpt.text)}</summary>` : '',
      `<content type="html" xml:base="${attribute(url)}">${text(absoluteHtml(post, site))}</content>`,
      categories,
      '</entry>'
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title type="text">${text(title)}</title>`,
    site.config.description ? `<subtitle type="text">${text(site.config.description)}</subtitle>` : '',
    `<link rel="alternate" type="text/html" href="${attribute(home)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${attribute(feedUrl)}"/>`,
    `<id>${text(home)}</id>`,
    `<updated>${updated}</updated>`,
    `<author><name>${text(site.config.author ?? title)}</name></author>`,
    ...entries,
    '</feed>',
    ''
  ]
    .filter(Boolean)
    .join('\n')
}

function rss({site, zone, posts, home, feedUrl, title}: Feed): string {
  const items = posts.map((post) => {
    const url = toUri(post.url as string)
    const categories = [...post.categories, ...post.tags].map((term) => `<category>${text(term)}</category>`).join('')
    return [
      '<item>',
      `<title>${text(post.title ?? post.slug)}</title>`,
      `<link>${text(url)}</link>`,
      `<guid isPermaLink="true">${text(url)}</guid>`,
      post.date ? `<pubDate>${rfc822(post.date, zone)}</pubDate>` : '',
      `<description>${text(absoluteHtml(post, site))}</description>`,
      categories,
      '</item>'
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${text(title)}</title>`,
    `<link>${text(home)}</link>`,
    `<description>${text(site.config.description ?? title)}</description>`,
    `<atom:link href="${attribute(feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    ''
  ].join('\n')
}

function jsonFeed({site, zone, posts, home, feedUrl, title}: Feed): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: home,
    feed_url: feedUrl,
    ...(site.config.description ? {description: site.config.description} : {}),
    ...(site.config.author ? {authors: [{name: site.config.author}]} : {}),
    items: posts.map((post) => {
      const url = toUri(post.url as string)
      return {
        id: url,
        url,
        title: post.title ?? post.slug,
        content_html: absoluteHtml(post, site),
        ...(post.excerpt ? {summary: post.excerpt.text} : {}),
        ...(post.date ? {date_published: rfc3339(post.date, zone)} : {}),
        ...(post.updated ? {date_modified: rfc3339(post.updated, zone)} : {}),
        ...(post.tags.length > 0 ? {tags: post.tags} : {})
      }
    })
  }
  // JSON.stringify writes a lone surrogate as `\udXXX`, which many JSON readers refuse or keep
  // as an invalid string: every string is made well-formed first, each one U+FFFD.
  return `${JSON.stringify(feed, wellFormed, 2)}\n`
}

function wellFormed(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.toWellFormed() : value
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
