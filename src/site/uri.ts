/**
 * The absolute URLs that feeds and sitemaps publish, in the form RFC 3986 allows (what the
 * sitemaps.org protocol asks, and what an Atom IRI or an RSS link holds in every reader).
 */
import type {Site} from './types.js'

/** The site's home URL (`url` + `baseurl` + `/`); feeds and sitemaps need absolute URLs. */
export function siteHome(site: Site): string {
  if (!site.config.url) throw new TypeError('Expected the site’s `url` in its config for feeds and sitemaps, which need absolute URLs')
  return new URL(`${site.config.baseurl}/`, site.config.url).href
}

/** `scheme://authority`, which the WHATWG URL parser has already written in ASCII (a `[v6]` host too). */
const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i

/**
 * A URL with every character RFC 3986 does not allow where it is percent-encoded as UTF-8 (a
 * lone surrogate as U+FFFD), and a `%` that starts no `%XX` escape as `%25`. In the path and
 * query that is spaces, controls, `"<>\^`{|}`, `[` and `]` (allowed only in a host) and
 * anything not ASCII; a second `#` in the fragment too; and `&` and `;` in the path (see below).
 * A URL `createSite` gave (through the WHATWG parser) changes only at a stray `%`, `&` and `;`.
 */
export function toUri(url: string): string {
  const head = origin.exec(url)?.[0] ?? ''
  const rest = url.slice(head.length).toWellFormed()
  const hash = rest.indexOf('#')
  const beforeHash = hash === -1 ? rest : rest.slice(0, hash)
  const query = beforeHash.indexOf('?')
  const path = query === -1 ? beforeHash : beforeHash.slice(0, query)
  // `&` and `;` in the path as `%26` and `%3B` (the same file to a server): RSS readers read
  // `<link>` as escaped HTML (feedparser turns `/a&amp;b` into `/a&b`), and URL resolvers that
  // still split RFC 2396 path parameters drop an empty one (Python's `urljoin` turns `/a;` into
  // `/a`). In a query `&` separates parameters, and stays.
  let uri = head + encodeRest(path).replace(/[&;]/g, encodeURIComponent)
  if (query !== -1) uri += encodeRest(beforeHash.slice(query))
  if (hash !== -1) uri += `#${encodeRest(rest.slice(hash + 1))}`
  return uri
}

/** Not RFC 3986 `pchar`, `/` or `?` (so `#` too), or a `%` that starts no escape. */
const disallowed = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu

function encodeRest(value: string): string {
  return value.replace(disallowed, encodeURIComponent)
}
