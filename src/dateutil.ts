/**
 * Dates as Pelican reads them: `pelican.utils.get_date` hands the text to python-dateutil's
 * `parser.parse`, which takes far more than ISO 8601. The forms real posts use are read here, by
 * dateutil's rules (`_ymd.resolve_ymd`, `convertyear`), and nothing goes through `new Date(string)`:
 * - ISO 8601 and `2021/08/02`, `2021.08.02` (as `parseDate`);
 * - three numbers with `-`, `/` or `.`: month first (`08-02-21` is 2 August 2021) unless the first
 *   cannot be a month (`24-05-2015` is 24 May), a first number above 31 or of four digits is the year;
 * - a month name or its first three letters: `2 May 2015`, `May 2, 2015`, a weekday before it
 *   (`Sun, 01 Nov 2015 10:00:00 GMT`);
 * - a two-digit year within 50 years of this year (`21` is 2021, `99` 1999);
 * - a time `HH:MM[:SS]` after the date, and `GMT`/`UTC`/`Z` or a `±HHMM` offset after it;
 *   `3pm`, `3:30 PM`, `12am` (dateutil's am/pm);
 * - digits alone: `20210802`, `202108021030`, `20210802103000`;
 * - a date with a part left out, which dateutil takes from its default, the build's day at
 *   midnight (`get_date`): `2022`, `2025-01`, `01/2025`, `May 2021` (the day of the month is
 *   today's, or the month's last when the month is shorter), `May 2`, `2 May`, `08/02` (this year).
 */
import {type DateResult, parseDate} from './dates.js'
import type {PostDate} from './types.js'

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const weekdays = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?[ \t]+/i
const time = String.raw`(?:[ \t]+|[Tt])(\d{1,2}):(\d{2})(?::(\d{2}))?`
const zone = String.raw`(?:[ \t]*(GMT|UTC|Z|[+-]\d{2}:?\d{2}))?`
const numeric = new RegExp(String.raw`^(\d{1,4})([-/.])(\d{1,4})\2(\d{1,4})(?:${time}${zone})?$`)
/** Between a named month and the numbers: spaces, or one `-`, `/` or `.` (`2014-Aug-20`, `20/Aug/2014`). */
const part = String.raw`(?:[ \t]+|[-/.])`
const named = new RegExp(
  String.raw`^(?:(\d{1,2})${part}([A-Za-z]{3,9})\.?,?${part}(\d{2,4})|([A-Za-z]{3,9})\.?${part}(\d{1,2}),?${part}(\d{2,4})|(\d{4})${part}([A-Za-z]{3,9})\.?${part}(\d{1,2}))(?:${time}${zone})?$`
)

/**
 * A date as Pelican reads it (`thisYear`: the year two-digit years are read around, the build's).
 * Null for no value; an error for text dateutil would not read, or that mdpost does not.
 */
export function parseDateutil(value: unknown, source: PostDate['source'], thisYear: number, today: Date = new Date()): DateResult {
  if (typeof value === 'number') value = String(value)
  const strict = parseDate(value, source)
  if (strict === null || 'date' in strict || typeof value !== 'string') return strict
  const twelve = twelveHour(value.trim().replace(/ +/g, ' ').replace(weekdays, ''))
  if (twelve === null) return {error: `Unexpected hour in \`${value.slice(0, 40)}\`, expected 1 to 12 before am or pm`}
  const text = twelve
  const partial = partialDate(text, today)
  if (partial !== null) return written(partial, source, value)
  const slashed = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(.*)$/.exec(text)
  if (slashed) return written(`${slashed[1]}-${slashed[2]}-${slashed[3]}${slashed[4]}`, source, value)
  let year: {value: number; digits: number}
  let month: number
  let day: number
  let found = numeric.exec(text)
  if (found) {
    const resolved = resolveNumbers([found[1], found[3], found[4]] as [string, string, string])
    if ('error' in resolved) return {error: `${resolved.error} in \`${value.slice(0, 40)}\``}
    ;({year, month, day} = resolved)
    found = [found[0], ...found.slice(5)] as unknown as RegExpExecArray
  } else {
    found = named.exec(text)
    if (!found) return {error: `Unexpected date \`${value.slice(0, 40)}\`, expected a date Pelican reads, such as \`2018-03-03 10:00\``}
    // Day first, month first, or year first (`2014-Aug-20`).
    const [name, dayText, yearText] = (
      found[1] ? [found[2], found[1], found[3]] : found[4] ? [found[4], found[5], found[6]] : [found[8], found[9], found[7]]
    ) as [string, string, string]
    if (!isMonthName(name)) return {error: `Unexpected month \`${name}\` in \`${value.slice(0, 40)}\``}
    month = months.indexOf(name.slice(0, 3).toLowerCase()) + 1
    day = Number(dayText)
    year = {value: Number(yearText), digits: yearText.length}
    found = [found[0], ...found.slice(10)] as unknown as RegExpExecArray
  }
  const fullYear = year.digits > 2 ? year.value : nearYear(year.value, thisYear)
  const [, hour, minute, second, offset] = found
  let iso = `${String(fullYear).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  if (hour !== undefined) iso += ` ${hour.padStart(2, '0')}:${minute}${second === undefined ? '' : `:${second}`}`
  if (offset !== undefined) iso += /^(?:GMT|UTC|Z)$/.test(offset) ? 'Z' : offset
  return written(iso, source, value)
}

/** `3pm`, `3:30 PM`, `10:00:05 a.m.` at the end as `15:00`…; null for an hour dateutil refuses (`13pm`). */
function twelveHour(text: string): string | null {
  const found = /(^|[ \t]|[Tt])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?[ \t]?([AaPp])\.?[Mm]\.?$/.exec(text)
  if (!found) return text
  const [whole, before = '', hourText = '', minute = '00', second, half = ''] = found
  const hour = Number(hourText)
  if (hour < 1 || hour > 12) return null
  const hours = (hour % 12) + (/p/i.test(half) ? 12 : 0)
  const time = `${String(hours).padStart(2, '0')}:${minute}${second === undefined ? '' : `:${second}`}`
  // A time alone is today's (dateutil's default date).
  const head = text.slice(0, text.length - whole.length)
  return head === '' ? time : `${head}${before === '' || /[Tt]/.test(before) ? ' ' : before}${time}`
}

/**
 * A date with parts left out, or digits alone, as ISO text: the missing year and month are the
 * build's (`today`), the missing day today's day of the month, or the month's last day when the
 * month is shorter (dateutil's `_build_naive`). Null for any other text.
 */
function partialDate(text: string, today: Date): string | null {
  const tail = `(?:${time}${zone})?$`
  const split = (pattern: string): RegExpExecArray | null => new RegExp(`^${pattern}${tail}`).exec(text)
  const timeOf = (found: RegExpExecArray, from: number): string => {
    const [hour, minute, second, offset] = found.slice(from)
    let out = ''
    if (hour !== undefined) out += ` ${hour.padStart(2, '0')}:${minute}${second === undefined ? '' : `:${second}`}`
    if (offset !== undefined) out += /^(?:GMT|UTC|Z)$/.test(offset) ? 'Z' : offset
    return out
  }
  const iso = (year: number, month: number, day: number | null): string | null => {
    if (month < 1 || month > 12) return null
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
    const chosen = day ?? Math.min(today.getDate(), last)
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(chosen).padStart(2, '0')}`
  }
  const digits = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/.exec(text)
  if (digits) {
    const [, year, month, day, hour, minute, second] = digits as unknown as string[]
    const date = iso(Number(year), Number(month), Number(day))
    return date === null ? null : `${date}${hour === undefined ? '' : ` ${hour}:${minute}${second === undefined ? '' : `:${second}`}`}`
  }
  const monthOf = (name: string) => (isMonthName(name) ? months.indexOf(name.slice(0, 3).toLowerCase()) + 1 : 0)
  const forms: Array<[string, (found: RegExpExecArray) => [number, number, number | null]]> = [
    [String.raw`(\d{4})`, (found) => [Number(found[1]), today.getMonth() + 1, null]],
    [String.raw`(\d{4})[-/](\d{1,2})`, (found) => [Number(found[1]), Number(found[2]), null]],
    [String.raw`(\d{1,2})[-/](\d{4})`, (found) => [Number(found[2]), Number(found[1]), null]],
    [String.raw`(\d{1,2})[-/](\d{1,2})`, (found) => [today.getFullYear(), Number(found[1]), Number(found[2])]],
    [String.raw`([A-Za-z]{3,9})\.?,?[ \t]+(\d{4})`, (found) => [Number(found[2]), monthOf(found[1] as string), null]],
    [
      String.raw`([A-Za-z]{3,9})\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?`,
      (found) => [today.getFullYear(), monthOf(found[1] as string), Number(found[2])]
    ],
    [
      String.raw`(\d{1,2})(?:st|nd|rd|th)?[ \t]+([A-Za-z]{3,9})\.?`,
      (found) => [today.getFullYear(), monthOf(found[2] as string), Number(found[1])]
    ]
  ]
  for (const [pattern, parts] of forms) {
    const found = split(pattern)
    if (!found) continue
    const groups = (pattern.match(/\((?!\?)/g) ?? []).length
    const [year, month, day] = parts(found)
    const date = iso(year, month, day)
    return date === null ? null : `${date}${timeOf(found, groups + 1)}`
  }
  return null
}

/** The ISO text read by `parseDate`, its error naming the date as written. */
function written(iso: string, source: PostDate['source'], value: string): DateResult {
  const result = parseDate(iso, source)
  if (result && 'error' in result) return {error: `Unexpected date \`${value.slice(0, 40)}\` that does not exist in the calendar`}
  return result
}

/** Month names dateutil knows: the first three letters, or the whole name (`Sept` too). */
function isMonthName(name: string): boolean {
  const lower = name.toLowerCase()
  if (lower.length === 3 || lower === 'sept') return true
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
  return full.includes(lower)
}

/**
 * dateutil's `resolve_ymd` for three numbers and no month name: the year comes first when the
 * first number is above 31 or has more than two digits; else the day comes first when the
 * first number is above 12; else the month does (`dayfirst` and `yearfirst` are false in Pelican).
 */
function resolveNumbers(
  texts: readonly [string, string, string]
): {year: {value: number; digits: number}; month: number; day: number} | {error: string} {
  const [a, b, c] = texts.map((text) => ({value: Number(text), digits: text.length})) as [Part, Part, Part]
  const [year, month, day] = a.value > 31 || a.digits > 2 ? [a, b, c] : a.value > 12 ? [c, b, a] : [c, a, b]
  if (month.value < 1 || month.value > 12) return {error: `Unexpected month ${month.value}`}
  return {year, month: month.value, day: day.value}
}

type Part = {value: number; digits: number}

/** dateutil's `convertyear`: a two-digit year in this century, moved a century to be within 50 years of this one. */
function nearYear(year: number, thisYear: number): number {
  let full = year + Math.floor(thisYear / 100) * 100
  if (full >= thisYear + 50) full -= 100
  else if (full < thisYear - 50) full += 100
  return full
}
