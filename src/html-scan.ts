/** A small, linear scan of raw HTML for the tags mdpost reads links and images from. */
import {decodeNamedCharacterReference} from 'decode-named-character-reference'

export interface ScannedTag {
  name: string
  closing: boolean
  attributes: Record<string, string>
  /** Offsets of the tag inside the scanned value. */
  start: number
  end: number
  /** For `<a>`: the text up to `</a>` in the same value, or null when it closes later. */
  text: string | null
  /** For `</a>`: it closes an `<a>` of the same value (whose text is already known). */
  closesInValue: boolean
}

// No raw `<` inside a tag: with it, every `<a` of `<a<a<a…>` would scan to the last `>`. A quote
// opens a value only after `=`; elsewhere it is part of a name (`title="a "b" c" href="x"`: `c"`
// is an attribute name, `href` is read), as HTML's tokenizer reads it.
const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^<>"'=]|=\s*"[^"]*"|=\s*'[^']*'|=(?!\s*["'])|["'])*)>/g
const attributePattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

/**
 * Elements whose content HTML reads as text up to their own end tag (RAWTEXT, RCDATA, script
 * data, and `plaintext`, which never ends): markup inside them is not markup.
 */
export const rawTextTags: ReadonlySet<string> = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext'
])

/** Parts of a table, which HTML drops (keeping their content) anywhere but in a table. */
export const tableParts: ReadonlySet<string> = new Set(['caption', 'col', 'colgroup', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr'])

/** Tags `a` and `img`, raw-text elements and table parts (opening and closing) in `value`, comments skipped. */
export function* scanHtmlTags(value: string): Generator<ScannedTag> {
  const masked = maskComments(value)
  const lowered = masked.toLowerCase()
  let openInValue = 0
  // Cached so that many `<a>` without `</a>` stay linear.
  let nextClose = -2
  for (const match of masked.matchAll(tagPattern)) {
    const name = (match[2] as string).toLowerCase()
    if (name !== 'a' && name !== 'img' && !rawTextTags.has(name) && !tableParts.has(name)) continue
    const closing = match[1] === '/'
    const start = match.index
    const end = start + match[0].length
    const attributes: Record<string, string> = Object.create(null)
    if (!closing) {
      for (const attribute of (match[3] as string).matchAll(attributePattern)) {
        const key = (attribute[1] as string).toLowerCase()
        if (!(key in attributes)) attributes[key] = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '')
      }
    }
    let text: string | null = null
    if (name === 'a' && !closing) {
      if (nextClose !== -1 && nextClose < end) nextClose = lowered.indexOf('</a', end)
      const close = nextClose
      if (close !== -1) {
        text = decodeEntities(value.slice(end, close).replace(/<[^<>]*>/g, ''))
          .replace(/\s+/g, ' ')
          .trim()
        openInValue++
      }
    }
    const closesInValue = closing && name === 'a' && openInValue > 0
    if (closesInValue) openInValue--
    yield {name, closing, attributes, start, end, text, closesInValue}
  }
}

/**
 * The offset just after the comment that opens with `<!--` at `open`, or -1 when it never
 * closes. `<!-->` and `<!--->` are whole (empty) comments, as in HTML and CommonMark 0.31.
 */
export function commentEnd(value: string, open: number): number {
  const body = open + 4
  if (value.charCodeAt(body) === 62 /* > */) return body + 1
  if (value.startsWith('->', body)) return body + 2
  const close = value.indexOf('-->', body)
  return close === -1 ? -1 : close + 3
}

/** Comments blanked out (same length, so offsets hold); an unclosed one runs to the end, as in HTML. */
function maskComments(value: string): string {
  let out = ''
  let index = 0
  for (;;) {
    const open = value.indexOf('<!--', index)
    if (open === -1) return out + value.slice(index)
    const close = commentEnd(value, open)
    const end = close === -1 ? value.length : close
    out += value.slice(index, open) + ' '.repeat(end - open)
    if (close === -1) return out
    index = end
  }
}

/** Decode character references as HTML does in attribute values. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(/&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z][a-zA-Z0-9]*));?/g, (whole, hex, decimal, name) => {
    if (name !== undefined) {
      const decoded = decodeNamedCharacterReference(name)
      return decoded === false ? whole : decoded
    }
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal, 10)
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD'
    return String.fromCodePoint(code)
  })
}
