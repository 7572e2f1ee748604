/**
 * Pelican and MultiMarkdown metadata headers: `Key: value` lines at the very start of a file,
 * with no fences (`Title: …`, `Date: 2014-12-03 15:05`, `Tags: a, b`), read as Python-Markdown's
 * meta extension reads them for Pelican (markdown/extensions/meta.py): a key of letters, digits,
 * `_` and `-`, a colon, the value (no space needed after the colon); a line indented four spaces
 * continues the value; the header ends at a blank line (taken with it) or at the first line that
 * is neither (left as body).
 * Read only with the `metadataHeaders` option (a Pelican site's posts); without it, a file that
 * starts with such lines is reported, since they would otherwise render as body silently.
 */
import {quote, type Reporter} from './diagnostics.js'
import type {FrontmatterBlock} from './frontmatter-block.js'
import {lines} from './lines.js'

const keyLine = /^ {0,3}([A-Za-z0-9_-]+):[ \t]*(.*?)[ \t]*$/
/** A continuation line of the previous value: indented four spaces (or a tab), not blank. */
const continuation = /^(?: {4,}|\t)[ \t]*\S/

/** Keys Pelican and MultiMarkdown define: what makes a header block worth a warning. */
const knownKeys = new Set([
  'title',
  'date',
  'modified',
  'slug',
  'tags',
  'category',
  'categories',
  'author',
  'authors',
  'summary',
  'lang',
  'translation',
  'status',
  'save_as',
  'url',
  'template',
  'keywords',
  'subtitle',
  'base header level',
  'css',
  'format',
  'copyright',
  'affiliation',
  'email',
  'web',
  'description',
  'image',
  'cover'
])

/** Keys whose value is a comma-separated list. */
const listKeys = new Set(['tags', 'keywords', 'authors', 'categories'])

/**
 * The header block at the start of `text`: the `Key: value` lines (and their continuations) up
 * to a blank line or the first line that is neither. Null when the text does not start with one.
 */
export function findHeaders(text: string): FrontmatterBlock | null {
  let end = -1
  let count = 0
  for (const [start, lineEnd] of lines(text, 0)) {
    const line = text.slice(start, lineEnd)
    if (line.trim() === '') break
    if (keyLine.test(line)) count++
    else if (count === 0 || !continuation.test(line)) break
    end = lineEnd
  }
  if (count === 0) return null
  return {format: 'headers', raw: text.slice(0, end), start: 0, contentStart: 0, end, closeAt: end, closer: ''}
}

/** A line that ends Python-Markdown's meta block, taken with it (`END_RE`: `---` or `...` first). */
const endLine = /^(?:---|\.\.\.)/

/**
 * The header lines after a first `---` line (`from`: the offset past it), as Python-Markdown's
 * meta extension reads them (Pelican): they end at a blank line, at a line starting with `---`
 * or `...` (the block's closer), or before the first line that is neither a key line nor a
 * continuation (left as body). The block starts at 0, so the `---` line is no body either.
 */
export function findFencedHeaders(text: string, from: number): FrontmatterBlock {
  let end = from
  let rawEnd = from
  let closeAt = from
  let closer: FrontmatterBlock['closer'] = ''
  let count = 0
  for (const [start, lineEnd] of lines(text, from)) {
    const line = text.slice(start, lineEnd)
    if (line.trim() === '') break
    if (endLine.test(line)) {
      closeAt = start
      end = lineEnd
      closer = line.startsWith('.') ? '...' : '---'
      break
    }
    if (keyLine.test(line)) count++
    else if (count === 0 || !continuation.test(line)) break
    rawEnd = end = closeAt = lineEnd
  }
  // A `---` line right before the end of the text (no line ending after it) is all there is.
  if (from > text.length)
    return {format: 'headers', raw: '', start: 0, contentStart: text.length, end: text.length, closeAt: text.length, closer}
  return {format: 'headers', raw: text.slice(from, rawEnd), start: 0, contentStart: from, end: Math.max(end, from), closeAt, closer}
}

/** Where the header block ends, once the text holds its blank line: -1 until then. */
export function headersExtent(text: string): number {
  const blank = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n|$)/.exec(text)
  return blank ? blank.index + blank[0].length : -1
}

/**
 * Keys Pelican reads once (readers.py `DUPLICATES_DEFINITIONS_ALLOWED`): of a repeated key, or a
 * value continued on indented lines (Python-Markdown gives both as more values), the first only.
 */
const firstOnly = new Set(['tags', 'date', 'modified', 'status', 'category', 'author', 'save_as', 'url', 'authors', 'slug'])

/**
 * Header lines as data: keys lowercased; of a key Pelican reads once, its first value (a repeated
 * key or a continuation line is left out); any other key's values joined with spaces; list keys
 * split on `;` when the value has one, else on `,` (`ensure_metadata_list`).
 */
export function parseHeaders(block: FrontmatterBlock): Record<string, unknown> {
  const values = new Map<string, string[]>()
  let last: string | null = null
  for (const [start, end] of lines(block.raw, 0)) {
    const line = block.raw.slice(start, end)
    const match = keyLine.exec(line)
    if (match) {
      last = (match[1] as string).toLowerCase()
      const value = (match[2] ?? '').trim()
      const all = values.get(last)
      if (all) all.push(value)
      else values.set(last, [value])
    } else if (last !== null) {
      values.get(last)?.push(line.trim())
    }
  }
  const data = Object.create(null) as Record<string, unknown>
  for (const [key, all] of values) {
    const value = firstOnly.has(key) ? (all[0] as string) : all.join(' ').trim()
    data[key] = listKeys.has(key)
      ? value
          .split(value.includes(';') ? ';' : ',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value
  }
  return data
}

/**
 * Without `metadataHeaders`: two or more header lines with keys Pelican or MultiMarkdown define,
 * then a blank line, are reported at line 1.
 */
export function reportUnreadHeaders(text: string, report: Reporter): void {
  const block = findHeaders(text)
  if (!block || block.end >= text.length) return
  let known = 0
  for (const [start, end] of lines(block.raw, 0)) {
    const match = keyLine.exec(block.raw.slice(start, end))
    if (match && knownKeys.has((match[1] as string).toLowerCase())) known++
  }
  if (known < 2) return
  report.report(
    'frontmatter-suspicious',
    'warning',
    `Unexpected metadata header lines (${quote(block.raw.slice(0, block.raw.search(/[\r\n]|$/)), 30)}…) without fences, expected YAML between \`---\` lines, or the option \`metadataHeaders: true\` (Pelican, MultiMarkdown): they are rendered as body`,
    {start: 0, end: block.raw.search(/[\r\n]|$/)}
  )
}
