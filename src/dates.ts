/**
 * Dates as written. Nothing here goes through `new Date(string)`: the calendar fields are
 * read from the text and checked by hand, so no date moves with the machine's time zone
 * and no impossible date (2018-02-30, T24:00) rolls over silently.
 */
import type {PostDate} from './types.js'

const pattern = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?[ \t]*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/

/** Why a value is not a date, or the date. */
export type DateResult = {date: PostDate} | {error: string} | null

/** Parse a front matter value (YAML/TOML dates arrive as strings in mdpost) into a PostDate. */
export function parseDate(value: unknown, source: PostDate['source']): DateResult {
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string') {
    return {error: `Unexpected ${Array.isArray(value) ? 'list' : typeof value} as a date, expected an ISO 8601 date such as \`2018-03-03\``}
  }
  const match = pattern.exec(value.trim())
  if (!match)
    return {
      error: `Unexpected date \`${value.slice(0, 40)}\`, expected an ISO 8601 date such as \`2018-03-03\` or \`2018-03-03T10:00:00+02:00\``
    }
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return {error: `Unexpected date \`${value}\` that does not exist in the calendar`}
  }
  const hour = h === undefined ? null : Number(h)
  const minute = mi === undefined ? null : Number(mi)
  const second = s === undefined ? null : Number(s)
  if ((hour !== null && hour > 23) || (minute !== null && minute > 59) || (second !== null && second > 59)) {
    return {error: `Unexpected time in \`${value}\`, expected hours 00–23, minutes and seconds 00–59`}
  }
  const offset = normalizeOffset(zone)
  if (offset === false) return {error: `Unexpected time zone offset in \`${value}\``}

  let iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
  if (hour !== null) {
    iso += `T${pad(hour, 2)}:${pad(minute ?? 0, 2)}:${pad(second ?? 0, 2)}${fraction ?? ''}${offset ?? ''}`
  }
  const milliseconds = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0
  const timestamp = utcInstant(year, month, day, hour ?? 0, minute ?? 0, second ?? 0, milliseconds) - offsetMinutes(offset) * 60_000
  return {date: {year, month, day, hour, minute, second, offset, iso, timestamp, source}}
}

/** Milliseconds since the epoch of a calendar time in UTC (years below 100 too, unlike `Date.UTC`). */
export function utcInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, ms)
  return date.getTime()
}

/** A written offset (`Z`, `+02:00`) in minutes east of UTC; 0 for none. */
export function offsetMinutes(offset: string | null): number {
  if (offset === null || offset === 'Z') return 0
  const sign = offset[0] === '-' ? -1 : 1
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
}

function normalizeOffset(zone: string | undefined): string | null | false {
  if (zone === undefined) return null
  if (zone === 'Z' || zone === 'z') return 'Z'
  const sign = zone[0]
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
  if (hours > 14 || minutes > 59) return false
  if (hours === 0 && minutes === 0) return sign === '-' ? '-00:00' : '+00:00'
  return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/**
 * The Jekyll date prefix of a file name (`2018-03-03-title.md`, and as Jekyll's matcher
 * `\d{2,4}-\d{1,2}-\d{1,2}` allows, `2024-1-10-title.md`), with the rest of the name. `date` is
 * null and `error` says why when the prefix is not a date that exists (Jekyll refuses the file).
 */
export function dateFromFileName(name: string): {date: PostDate | null; error: string | null; rest: string} | null {
  const match = /^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.+)$/.exec(name)
  if (!match) return null
  const [, year, month, day, rest] = match as unknown as [string, string, string, string, string]
  if (year.length !== 4) {
    return {date: null, error: `Unexpected date \`${year}-${month}-${day}\` in the file name, expected a four-digit year`, rest}
  }
  const result = parseDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, 'filename')
  if (result && 'date' in result) return {date: result.date, error: null, rest}
  return {date: null, error: `Unexpected date \`${year}-${month}-${day}\` in the file name that does not exist in the calendar`, rest}
}
