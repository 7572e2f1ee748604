/** A complete standalone HTML page for a parsed post. */
import {escapeHtml, replaceControls} from './escape.js'
import type {ParsedPost} from './types.js'
import {parseBaseUrl, resolveUrl} from './urls.js'
import {checkObject} from './validate.js'

export interface RenderDocumentOptions {
  /** Site URL; with the post's permalink it makes the canonical link (default: none, no canonical link). */
  baseUrl?: string | null | undefined
  /** Stylesheet URL linked from the page (default: none). */
  stylesheet?: string | null | undefined
}

/** Render a post as a complete HTML page: lang, title, meta description, canonical link, the body. */
export function renderDocument(
  post: Pick<ParsedPost, 'title' | 'lang' | 'excerpt' | 'permalink' | 'html'> & Partial<Pick<ParsedPost, 'canonical'>>,
  options?: Readonly<RenderDocumentOptions> | null
): string {
  if (!post || typeof post !== 'object' || typeof post.html !== 'string') {
    throw new TypeError(`Expected \`post\` to be a Post from \`parsePost\`, with \`html\`, not \`${describe(post)}\``)
  }
  for (const field of ['title', 'lang', 'permalink', 'canonical'] as const) {
    const value = post[field]
    if (value !== null && value !== undefined && typeof value !== 'string') {
      throw new TypeError(`Expected \`post.${field}\` to be a string or null, not \`${describe(value)}\``)
    }
  }
  const excerpt = post.excerpt as unknown
  if (
    excerpt !== null &&
    excerpt !== undefined &&
    (typeof excerpt !== 'object' || typeof (excerpt as {text?: unknown}).text !== 'string')
  ) {
    throw new TypeError(`Expected \`post.excerpt\` to be an Excerpt or null, not \`${describe(excerpt)}\``)
  }
  const given = checkObject(options)
  if (given.stylesheet !== null && given.stylesheet !== undefined && typeof given.stylesheet !== 'string') {
    throw new TypeError(`Expected \`options.stylesheet\` to be a string, not \`${describe(given.stylesheet)}\``)
  }
  const site = parseBaseUrl(given.baseUrl)
  const head = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">']
  head.push(`<title>${text(post.title ?? 'Untitled')}</title>`)
  if (post.excerpt?.text) head.push(`<meta name="description" content="${text(oneLine(post.excerpt.text, 300))}">`)
  const written = post.canonical ?? post.permalink
  const canonical = written ? resolveUrl(written, site, null) : null
  // parsePost already nulls unsafe URL fields; a hand-made post must not smuggle one in either.
  if (canonical && /^https?:/i.test(canonical)) head.push(`<link rel="canonical" href="${text(canonical)}">`)
  if (given.stylesheet) head.push(`<link rel="stylesheet" href="${text(given.stylesheet)}">`)
  const lang = post.lang ? ` lang="${text(post.lang)}"` : ''
  const title = post.title ? `<h1>${text(post.title)}</h1>\n` : ''
  return `<!doctype html>\n<html${lang}>\n<head>\n${head.join('\n')}\n</head>\n<body>\n<article>\n${title}${post.html}\n</article>\n</body>\n</html>\n`
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** Front matter text in HTML: escaped, control characters as in the body (NUL too, which the body never has). */
function text(value: string): string {
  return escapeHtml(replaceControls(value.replaceAll('\0', '\ufffd')))
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object'
  return String(value)
}
