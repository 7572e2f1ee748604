/** Title, dates, slug, tags, categories, permalink… from front matter data and the file name. */
import {slug as slugify} from 'github-slugger'
import {dateFromFileName, parseDate} from './dates.js'
import {parseDateutil} from './dateutil.js'
import {type Place, quote, type Reporter} from './diagnostics.js'
import type {FrontmatterBlock} from './frontmatter-block.js'
import type {PostDate, PostFrontmatter} from './types.js'
import {schemeOf} from './urls.js'

type Fields = Omit<PostFrontmatter, 'metadata' | 'frontmatter' | 'diagnostics'>

/**
 * Keys of the post's date, first present wins (Hugo reads `.Date` from `date`, then
 * `publishDate`, `pubdate`, `published`); keys of `updated` (Hugo's `lastmod`, `modified`;
 * Jekyll's `last_modified_at`). Compared case-insensitively, as Hugo does (`lastMod`, `PublishDate`).
 */
const dateKeys = ['date', 'publishdate', 'pubdate', 'published']
const updatedKeys = ['last_modified_at', 'lastmod', 'updated', 'modified']

/** Where generators keep the post's cover image, first match wins (`images` is Hugo's list). */
const imageKeys = [
  'image',
  'cover',
  'cover_image',
  'coverImage',
  'featured_image',
  'featuredImage',
  'heroImage',
  'hero',
  'thumbnail',
  'images'
]
/** Keys of the `header` mapping of minimal-mistakes and academicpages. */
const headerImageKeys = ['image', 'overlay_image', 'og_image', 'teaser']
const canonicalKeys = ['canonical', 'canonical_url', 'canonicalURL', 'canonicalUrl']
/** Other URL-typed keys that are only checked, not returned as fields. */
const otherUrlKeys = ['og_image', 'teaser', 'banner', 'link', 'external_url', 'redirect_to']

/** Read the well-known fields. `title` is the front matter's only: the body comes later. */
export function readMetadata(
  data: Record<string, unknown>,
  block: FrontmatterBlock | null,
  path: string | null,
  report: Reporter,
  dates: 'iso' | 'dateutil' = 'iso'
): Fields {
  const place = (key: string): Place => keyPlace(block, key)
  const file = fileParts(path)

  if (file.dateError) report.report('date-invalid', 'error', file.dateError, {start: 0, end: 0})
  const keys = new Map<string, string>()
  for (const key of Object.keys(data)) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key)
  const present = (candidates: readonly string[]): string | null => {
    for (const candidate of candidates) {
      const key = keys.get(candidate)
      if (key === undefined || data[key] === null || data[key] === undefined) continue
      // `published` is Jekyll's draft flag too (`false`, or YAML 1.1's `off`): a date only when it looks like one.
      if (candidate === 'published' && !(typeof data[key] === 'string' && /^\s*\d{4}-/.test(data[key] as string))) continue
      return key
    }
    return null
  }
  const dateKey = present(dateKeys)
  let date = dateKey === null ? null : readDate(data, dateKey, report, place, dates)
  const fromName = file.date
  if (!date && fromName) date = fromName
  else if (date && fromName && (date.year !== fromName.year || date.month !== fromName.month || date.day !== fromName.day)) {
    report.report(
      'date-filename-mismatch',
      'warning',
      `Unexpected date ${quote(date.iso)} that differs from the file name's ${quote(fromName.iso)}`,
      place(dateKey ?? 'date')
    )
  }

  const updatedKey = present(updatedKeys)
  const updated = updatedKey === null ? null : readDate(data, updatedKey, report, place, dates)

  const urls = new UrlFields(report, place)
  const permalinkKey = data.permalink === undefined ? 'url' : 'permalink'
  const permalink = urls.check(permalinkKey, stringField(data.permalink) ?? stringField(data.url))
  const image = readImage(data, urls)
  let canonical: string | null = null
  for (const key of canonicalKeys) {
    const checked = urls.check(key, stringField(data[key]))
    canonical ??= checked
  }
  for (const key of otherUrlKeys) urls.check(key, stringField(data[key]))
  if (permalink && date) checkPermalinkDate(permalink, date, report, place(permalinkKey))

  const title = stringField(data.title)
  return {
    title,
    slug: readSlug(data, file.stem, title),
    date,
    updated,
    permalink,
    image,
    canonical,
    draft: data.draft === true || data.published === false,
    lang: stringField(data.lang) ?? stringField(data.language) ?? stringField(data.locale) ?? file.lang,
    tags: list(data.tags ?? data.tag),
    categories: list(data.categories ?? data.category)
  }
}

function readDate(
  data: Record<string, unknown>,
  key: string,
  report: Reporter,
  place: (key: string) => Place,
  dates: 'iso' | 'dateutil'
): PostDate | null {
  // Pelican reads two-digit years around the year of the build (dateutil's `convertyear`).
  const result =
    dates === 'dateutil' ? parseDateutil(data[key], 'frontmatter', new Date().getFullYear()) : parseDate(data[key], 'frontmatter')
  if (!result) return null
  if ('error' in result) {
    report.report('date-invalid', 'error', `${result.error} in \`${key}\``, place(key))
    return null
  }
  return result.date
}

/**
 * URL-typed fields pass the scheme allowlist of HTML `src`: http(s) or relative. Anything else
 * (`javascript:`, `data:`, `ftp:`…) is reported at its key and the field becomes null; the
 * string stays as written in `metadata`.
 */
class UrlFields {
  constructor(
    private readonly report: Reporter,
    private readonly place: (key: string) => Place
  ) {}

  check(key: string, value: string | null): string | null {
    if (value === null) return null
    const scheme = schemeOf(value)
    if (scheme === null || scheme === 'http' || scheme === 'https') return value
    this.report.report(
      'metadata-url-unsafe',
      'error',
      `Unexpected \`${scheme}:\` URL in \`${key}\`, expected an http(s) or relative URL`,
      this.place(key.slice(key.lastIndexOf('.') + 1))
    )
    return null
  }
}

/** The cover image: a string, a `{path|src|url|feature}` mapping, a list's first item, or `header.image`. */
function readImage(data: Record<string, unknown>, urls: UrlFields): string | null {
  let found: string | null = null
  for (const key of imageKeys) {
    const value = imageValue(data[key])
    const checked = urls.check(key, value)
    found ??= checked
  }
  const header = data.header
  if (header && typeof header === 'object' && !Array.isArray(header)) {
    for (const key of headerImageKeys) {
      const value = imageValue((header as Record<string, unknown>)[key])
      const checked = urls.check(`header.${key}`, value)
      found ??= checked
    }
  }
  return found
}

function imageValue(value: unknown): string | null {
  if (Array.isArray(value)) return imageValue(value[0])
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>
    return stringField(object.path) ?? stringField(object.src) ?? stringField(object.url) ?? stringField(object.feature)
  }
  return stringField(value)
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
  return title ? slugify(title.trim()).replace(/^-+|-+$/g, '') : ''
}

/**
 * What a file name says: its stem without a Jekyll date prefix, a language suffix (Hugo and
 * Zola: `post.it.md`, `index.en.md`) or Jekyll's trailing dots (`index.md` and `_index.md` in a
 * folder: the folder's name), the prefix's date, and the language.
 */
function fileParts(path: string | null): {stem: string | null; date: PostDate | null; dateError: string | null; lang: string | null} {
  if (!path) return {stem: null, date: null, dateError: null, lang: null}
  const parts = path.split(/[\\/]/).filter(Boolean)
  let name = (parts.pop() ?? '').replace(/\.[^.]+$/, '')
  let lang: string | null = null
  const suffix = /\.([A-Za-z]{2}(?:-[A-Za-z0-9]{2,8})*)$/.exec(name)
  if (suffix && name.length > (suffix[0] as string).length && isLanguage(suffix[1] as string)) {
    lang = suffix[1] as string
    name = name.slice(0, -(suffix[0] as string).length)
  }
  if (/^(index|_index|readme)$/i.test(name) && parts.length > 0) name = parts.pop() as string
  // Jekyll's `populate_title` drops trailing dots (`trailing-dots...markdown`).
  const dated = dateFromFileName(name)
  const stem = (dated ? dated.rest : name).replace(/\.+$/, '')
  return {stem: stem || null, date: dated?.date ?? null, dateError: dated?.error ?? null, lang}
}

let languageNames: Intl.DisplayNames | undefined

/**
 * A language suffix is a BCP 47 tag whose primary language has two letters and a name
 * (`it`, `en`, `pt-BR`, `zh-Hans`): `notes.v2.md` and `readme.old.md` keep their names.
 */
function isLanguage(tag: string): boolean {
  languageNames ??= new Intl.DisplayNames(['en'], {type: 'language', fallback: 'none'})
  try {
    return languageNames.of(tag.split('-')[0] as string) !== undefined && Intl.getCanonicalLocales(tag).length === 1
  } catch {
    return false
  }
}

export function stringField(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/** Jekyll's rule: a list, or a string split on commas when it has any, otherwise on whitespace. */
export function list(value: unknown): string[] {
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
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // Header keys (Pelican) are case-insensitive; YAML and TOML keys are found as written.
  const match = new RegExp(`(^|[\\r\\n])[ \\t]*["']?${escaped}["']?[ \\t]*[:=]`, block.format === 'headers' ? 'i' : '').exec(block.raw)
  if (!match) return {start: block.contentStart, end: block.contentStart}
  const start = block.contentStart + match.index + match[1]!.length
  const lineEnd = block.raw.slice(match.index + match[1]!.length).search(/[\r\n]|$/)
  return {start, end: start + lineEnd}
}
