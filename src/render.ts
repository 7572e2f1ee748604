/** A complete standalone HTML page for a parsed post. */
import {escapeHtml} from './parse.js'
import type {ParsedPost} from './types.js'
import {parseBaseUrl, resolveUrl} from './urls.js'

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
  if (!post || typeof post.html !== 'string') {
    throw new TypeError('Expected `post` to be a Post from `parsePost`, with `html`')
  }
  const site = parseBaseUrl(options?.baseUrl)
  const head = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">']
  head.push(`<title>${escapeHtml(post.title ?? 'Untitled')}</title>`)
  if (post.excerpt?.text) head.push(`<meta name="description" content="${escapeHtml(oneLine(post.excerpt.text, 300))}">`)
  const written = post.canonical ?? post.permalink
  const canonical = written ? resolveUrl(written, site, null) : null
  // parsePost already nulls unsafe URL fields; a hand-made post must not smuggle one in either.
  if (canonical && /^https?:/i.test(canonical)) head.push(`<link rel="canonical" href="${escapeHtml(canonical)}">`)
  if (options?.stylesheet) head.push(`<link rel="stylesheet" href="${escapeHtml(options.stylesheet)}">`)
  const lang = post.lang ? ` lang="${escapeHtml(post.lang)}"` : ''
  const title = post.title ? `<h1>${escapeHtml(post.title)}</h1>\n` : ''
  return `<!doctype html>\n<html${lang}>\n<head>\n${head.join('\n')}\n</head>\n<body>\n<article>\n${title}${post.html}\n</article>\n</body>\n</html>\n`
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
