/** Pieces more than one generator module uses: placeholders, calendars, paths, globs. */

import {parseDocument} from 'yaml'
import {type CalendarParts, partsIn} from '../site/time.js'
import type {PostDate} from '../types.js'

export const markdownFile = /\.(?:md|markdown|mdown|mkdn|mkd|mkdown|mdx)$/i

const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
export const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
]

/** The calendar of a date as written (no zone conversion). */
export function writtenParts(date: PostDate): CalendarParts {
  return {year: date.year, month: date.month, day: date.day, hour: date.hour ?? 0, minute: date.minute ?? 0, second: date.second ?? 0}
}

/** The calendar of an instant in a zone (UTC when none). */
export function partsAt(instant: number, timeZone: string | null): CalendarParts {
  return partsIn(instant, timeZone ?? 'UTC')
}

/** Every date placeholder any generator knows, from one calendar time. */
export function dateValues(parts: CalendarParts): Record<string, string> {
  const utc = new Date(0)
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day)
  const dayOfWeek = utc.getUTCDay()
  const start = new Date(0)
  start.setUTCFullYear(parts.year, 0, 1)
  const yearDay = Math.round((utc.getTime() - start.getTime()) / 86_400_000) + 1
  const week = isoWeek(utc)
  return {
    year: String(parts.year).padStart(4, '0'),
    short_year: String(parts.year % 100).padStart(2, '0'),
    month: pad(parts.month),
    i_month: String(parts.month),
    short_month: (months[parts.month - 1] as string).slice(0, 3),
    long_month: months[parts.month - 1] as string,
    day: pad(parts.day),
    i_day: String(parts.day),
    hour: pad(parts.hour),
    minute: pad(parts.minute),
    second: pad(parts.second),
    y_day: String(yearDay).padStart(3, '0'),
    yearday: String(yearDay),
    week: pad(week.week),
    w_year: String(week.year),
    w_day: String(dayOfWeek === 0 ? 7 : dayOfWeek),
    short_day: (days[dayOfWeek] as string).slice(0, 3),
    long_day: days[dayOfWeek] as string,
    weekday: String(dayOfWeek),
    weekdayname: days[dayOfWeek] as string,
    monthname: months[parts.month - 1] as string
  }
}

/** ISO 8601 week number and its year. */
function isoWeek(date: Date): {week: number; year: number} {
  const target = new Date(date.getTime())
  const day = (date.getUTCDay() + 6) % 7
  target.setUTCDate(target.getUTCDate() - day + 3)
  const year = target.getUTCFullYear()
  const firstThursday = new Date(0)
  firstThursday.setUTCFullYear(year, 0, 4)
  const week = 1 + Math.round(((target.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7)
  return {week, year}
}

/** `:name` placeholders; `known` decides what an unknown one becomes (kept as written by default). */
export function fill(pattern: string, values: Readonly<Record<string, string>>, unknown: (whole: string) => string = (w) => w): string {
  return pattern.replace(/:([a-z_]+)/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : unknown(whole)))
}

/** Collapse repeated slashes, keep a leading one. */
export function squeeze(path: string): string {
  return `/${path}`.replace(/\/{2,}/g, '/')
}

export function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** The file's name without its extension. */
export function baseName(path: string): string {
  const name = path.split('/').pop() ?? ''
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

export function extensionOf(path: string): string {
  const name = path.split('/').pop() ?? ''
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot) : ''
}

export function folderOf(path: string): string {
  const at = path.lastIndexOf('/')
  return at === -1 ? '' : path.slice(0, at)
}

/** A file served from one of `folders` (`static/a.png` → `/a.png`), or null. */
export function servedFrom(file: string, folders: readonly string[]): string | null {
  for (const folder of folders) {
    const prefix = `${folder.replace(/\/+$/, '')}/`
    if (file.startsWith(prefix)) return `/${file.slice(prefix.length)}`
  }
  return null
}

/** `**` any folders, `*` any name part; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .replace(/^\.\//, '')
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part === '**/' || part === '**' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${pattern}$`)
}

/** A string of a config, or undefined (with a problem when it is there but not a string). */
export function configString(
  data: Readonly<Record<string, unknown>>,
  key: string,
  problems: Array<{key: string; message: string}>
): string | undefined {
  const value = data[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value !== 'string') {
    problems.push({key, message: `Unexpected ${Array.isArray(value) ? 'list' : typeof value} as \`${key}\`, expected a string`})
    return undefined
  }
  return value.trim() === '' ? undefined : value
}

export function configBoolean(
  data: Readonly<Record<string, unknown>>,
  key: string,
  problems: Array<{key: string; message: string}>
): boolean | undefined {
  const value = data[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  problems.push({key, message: `Unexpected ${typeof value} as \`${key}\`, expected \`true\` or \`false\``})
  return undefined
}

/** A site URL: absolute http(s); anything else is a problem and no URL. */
export function configUrl(value: string | undefined, key: string, problems: Array<{key: string; message: string}>): string | undefined {
  if (value === undefined) return undefined
  let parsed: URL | null = null
  try {
    parsed = new URL(value)
  } catch {
    parsed = null
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    problems.push({
      key,
      message: `Unexpected \`${key}\` \`${value.slice(0, 80)}\`, expected an absolute http(s) URL such as \`https://example.org\``
    })
    return undefined
  }
  return value
}

/** Whether a path has a hidden part (`.git/…`, `.DS_Store`): no generator but Jekyll (with `include`) and Hugo (static folders) reads those. */
export function hidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'))
}

/** A front matter value as text when it is a scalar (a string, number or boolean), else `''`: never `String()` of an object. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

/** Lists in configs: a list of strings, or one string. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (!Array.isArray(value)) return []
  return value.filter((item): item is string => typeof item === 'string')
}

/** A record-shaped config value, or null. */
export function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/** The key of a record, compared case-insensitively (Hugo, Pelican settings). */
export function lowerKeys(data: Readonly<Record<string, unknown>>): Map<string, unknown> {
  return new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase(), value]))
}

/**
 * YAML as libyaml (Jekyll's Psych) and Go's yaml.v2 (Hugo 0.111) read it where YAML 1.2 does
 * not: a quoted scalar continued on a line at column 0 (`description: "two\nlines"`). The lines
 * inside an open quote are indented by one space and the text is read again; null when it still
 * does not read as a mapping without errors.
 */
export function lenientYaml(raw: string): Record<string, unknown> | null {
  const lines = raw.split('\n')
  let quote: '"' | "'" | null = null
  let changed = false
  const out = lines.map((line) => {
    let text = line
    if (quote !== null && /^\S/.test(line)) {
      text = ` ${line}`
      changed = true
    }
    quote = openQuoteAfter(line, quote)
    return text
  })
  if (!changed) return null
  const document = parseDocument(out.join('\n'), {uniqueKeys: false})
  if (document.errors.length > 0) return null
  const value: unknown = document.toJS()
  return record(value)
}

/** The quote still open at the end of a line of YAML (given the one open at its start), or null. */
function openQuoteAfter(line: string, open: '"' | "'" | null): '"' | "'" | null {
  let quote = open
  for (let at = 0; at < line.length; at++) {
    const char = line[at] as string
    if (quote === '"') {
      if (char === '\\') at++
      else if (char === '"') quote = null
    } else if (quote === "'") {
      if (char === "'" && line[at + 1] === "'") at++
      else if (char === "'") quote = null
    } else if (char === '#' && (at === 0 || /\s/.test(line[at - 1] as string))) {
      return null
    } else if ((char === '"' || char === "'") && /(^|[\s:,[{-])$/.test(line.slice(Math.max(0, at - 1), at))) {
      // A quote opens a scalar only where one starts: at the start, after `: `, `- `, `[`, `{` or `,`.
      const before = line.slice(0, at).trimEnd()
      if (before === '' || /[:,[{-]$/.test(before)) quote = char
    }
  }
  return quote
}
