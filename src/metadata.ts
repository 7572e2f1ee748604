/** Title, dates, slug, tags, categories, permalink… from front matter data and the file name. */
import {slug as slugify} from 'github-slugger'
import {dateFromFileName, parseDate} from './dates.js'
import {type Place, quote, type Reporter} from './diagnostics.js'
import type {FrontmatterBlock} from './frontmatter.js'
import type {PostDate, PostFrontmatter} from './types.js'

type Fields = Omit<PostFrontmatter, 'metadata' | 'frontmatter' | 'diagnostics'>

const updatedKeys = ['last_modified_at', 'lastmod', 'updated', 'modified']

/** Read the well-known fields. `title` is the front matter's only: the body comes later. */
export function readMetadata(data: Record<string, unknown>, block: FrontmatterBlock | null, path: string | null, report: Reporter): Fields {
  const place = (key: string): Place => keyPlace(block, key)
  const file = fileParts(path)

  let date = readDate(data, 'date', report, place)
  const fromName = file.date
  if (!date && fromName) date = fromName
  else if (date && fromName && (date.year !== fromName.year || date.month !== fromName.month || date.day !== fromName.day)) {
    report.report(
      'date-filename-mismatch',
      'warning',
      `Unexpected date ${quote(date.iso)} that differs from the file name's ${quote(fromName.iso)}`,
      place('date')
    )
  }

  let updated: PostDate | null = null
  for (const key of updatedKeys) {
    if (data[key] !== undefined && data[key] !== null) {
      updated = readDate(data, key, report, place)
      break
    }
  }

  const permalink = stringField(data.permalink) ?? stringField(data.url)
  if (permalink && date) checkPermalinkDate(permalink, date, report, place(data.permalink === undefined ? 'url' : 'permalink'))

  const title = stringField(data.title)
  return {
    title,
    slug: readSlug(data, file.stem, title),
    date,
    updated,
    permalink,
    draft: data.draft === true || data.published === false,
    lang: stringField(data.lang) ?? stringField(data.language) ?? stringField(data.locale),
    tags: list(data.tags ?? data.tag),
    categories: list(data.categories ?? data.category)
  }
}

function readDate(data: Record<string, unknown>, key: string, report: Reporter, place: (key: string) => Place): PostDate | null {
  const result = parseDate(data[key], 'frontmatter')
  if (!result) return null
  if ('error' in result) {
    report.report('date-invalid', 'error', `${result.error} in \`${key}\``, place(key))
    return null
  }
  return result.date
}

function checkPermalinkDate(permalink: string, date: PostDate, report: Reporter, place: Place): void {
  const match = /\/(\d{4})\/(\d{2})\/(?:(\d{2})\/)?/.exec(permalink)
  if (!match) return
  const year = Number(match[1])
  const month = Number(match[2])
  const day = match[3] === undefined ? null : Number(match[3])
  if (year !== date.year || month !== date.month || (day !== null && day !== date.day)) {
    report.report(
      'permalink-date-mismatch',
      'warning',
      `Unexpected permalink ${quote(permalink)} whose date disagrees with the post date ${quote(date.iso)}`,
      place
    )
  }
}

function readSlug(data: Record<string, unknown>, stem: string | null, title: string | null): string {
  const written = stringField(data.slug)
  if (written) return /^[\p{L}\p{N}_.-]+$/u.test(written) && !/^\.+$/.test(written) ? written : slugify(written)
  if (stem) return stem
  return title ? slugify(title) : ''
}

/** File stem without a Jekyll date prefix (`index.md` in a folder: the folder name), and that date. */
function fileParts(path: string | null): {stem: string | null; date: PostDate | null} {
  if (!path) return {stem: null, date: null}
  const parts = path.split(/[\\/]/).filter(Boolean)
  let name = parts.pop() ?? ''
  name = name.replace(/\.[^.]+$/, '')
  if (/^(index|_index|readme)$/i.test(name) && parts.length > 0) name = parts.pop() as string
  const dated = dateFromFileName(name)
  if (dated) return {stem: dated.rest, date: dated.date}
  return {stem: name || null, date: null}
}

function stringField(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/** Jekyll's rule: a list, or a string split on commas when it has any, otherwise on whitespace. */
function list(value: unknown): string[] {
  let items: unknown[]
  if (Array.isArray(value)) items = value
  else if (typeof value === 'string') items = value.includes(',') ? value.split(',') : value.split(/\s+/)
  else if (typeof value === 'number') items = [String(value)]
  else return []
  const seen = new Set<string>()
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') continue
    const trimmed = String(item).trim()
    if (trimmed) seen.add(trimmed)
  }
  return [...seen]
}

/** The line of `key:` (YAML) or `key =` (TOML) in the front matter block, in whole-file offsets. */
function keyPlace(block: FrontmatterBlock | null, key: string): Place {
  if (!block) return null
  const match = new RegExp(`(^|[\\r\\n])[ \\t]*["']?${key}["']?[ \\t]*[:=]`).exec(block.raw)
  if (!match) return {start: block.contentStart, end: block.contentStart}
  const start = block.contentStart + match.index + match[1]!.length
  const lineEnd = block.raw.slice(match.index + match[1]!.length).search(/[\r\n]|$/)
  return {start, end: start + lineEnd}
}
