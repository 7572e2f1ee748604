/** URL classification, resolution against a site, and the scheme checks shared by links and HTML. */
import type {LinkKind} from './types.js'

/** Schemes kept in HTML, per attribute (GitHub's list, plus `tel`). */
export const allowedProtocols = {
  href: ['http', 'https', 'irc', 'ircs', 'mailto', 'xmpp', 'tel'],
  src: ['http', 'https'],
  cite: ['http', 'https'],
  longDesc: ['http', 'https']
}

/**
 * The scheme a browser would see, lowercased, or null for a relative URL. Normalised as the
 * WHATWG URL parser does: C0 controls and spaces trimmed, TAB/LF/CR deleted; a scheme is an
 * ASCII letter then letters, digits, `+`, `-` or `.`, before the first colon (`foo):` is relative).
 */
export function schemeOf(url: string): string | null {
  return markdownScheme(normalizeUrl(url))
}

/** A scheme, then the first colon (so `foo):` has none). */
const schemeAtStart = /^([a-zA-Z][a-zA-Z0-9+.-]*):/

/**
 * The scheme of a markdown URL as the HTML will hold it: `schemeOf(normalizeUri(url))` without
 * building the encoded URL. remark-rehype's `normalizeUri` keeps letters, digits, `+`, `-`, `.`
 * and `:`, and writes anything else as `%XX` (spaces and controls included), so there is a
 * scheme after encoding exactly when the URL itself starts with one. `schemeOf` is this on the
 * URL as the WHATWG parser reads it.
 */
export function markdownScheme(url: string): string | null {
  const match = schemeAtStart.exec(url)
  return match ? (match[1] as string).toLowerCase() : null
}

/** A URL as the WHATWG URL parser first reads it: C0 controls and spaces trimmed, TAB/LF/CR deleted. */
export function normalizeUrl(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: WHATWG strips C0 controls.
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
}

/** Schemes that run code or carry documents: always reported. */
export function isDangerousScheme(scheme: string | null): boolean {
  return scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data' || scheme === 'file'
}

export function classifyUrl(url: string, site: URL | null): LinkKind {
  const trimmed = url.trim()
  if (trimmed.startsWith('#')) return 'fragment'
  const scheme = schemeOf(trimmed)
  if (scheme === 'mailto') return 'email'
  if (scheme === 'http' || scheme === 'https' || trimmed.startsWith('//')) {
    if (site) {
      try {
        if (new URL(trimmed, site).host === site.host) return 'internal'
      } catch {
        return 'external'
      }
    }
    return 'external'
  }
  if (scheme !== null) return 'other'
  return 'internal'
}

/**
 * The absolute URL of `url` on the site `baseUrl`: root-relative URLs go under the base URL's
 * path, as Jekyll's `absolute_url` does; relative URLs resolve against the post's permalink.
 */
export function resolveUrl(url: string, site: URL | null, permalink: string | null): string | null {
  if (!site) return null
  const trimmed = url.trim()
  try {
    if (schemeOf(trimmed) !== null || trimmed.startsWith('//')) return new URL(trimmed, site).href
    const root = site.href.endsWith('/') ? site.href.slice(0, -1) : site.href
    if (trimmed.startsWith('/')) return new URL(root + trimmed).href
    const page = permalink ? (permalink.startsWith('/') ? root + permalink : `${root}/${permalink}`) : `${root}/`
    return new URL(trimmed, page).href
  } catch {
    return null
  }
}

/** Parse and check `baseUrl` once: an absolute http(s) URL without query or fragment. */
export function parseBaseUrl(baseUrl: string | null | undefined): URL | null {
  if (baseUrl === null || baseUrl === undefined) return null
  let site: URL | null = null
  try {
    site = new URL(baseUrl)
  } catch {
    site = null
  }
  if (!site || (site.protocol !== 'http:' && site.protocol !== 'https:')) {
    throw new TypeError(`Expected \`options.baseUrl\` to be an absolute http(s) URL, not \`${baseUrl}\``)
  }
  site.search = ''
  site.hash = ''
  return site
}
