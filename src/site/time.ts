/**
 * Time zones without guessing: a floating date or time (no offset written) is read in the site's
 * IANA time zone, with the zone's offset at that local time (daylight saving included), found
 * through `Intl.DateTimeFormat`. Never `new Date(string)`.
 */
import {offsetMinutes, utcInstant} from '../dates.js'
import type {PostDate} from '../types.js'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone)
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(timeZone, found)
  }
  return found
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

export interface CalendarParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/**
 * The calendar time of an instant in a zone. UTC, the zone of every site that names none, is
 * computed from the instant (a tenth of the time `formatToParts` takes, and a warm Jekyll load of
 * 5,000 posts spent 15% of its time there); the others through `Intl.DateTimeFormat`.
 */
export function partsIn(instant: number, timeZone: string): CalendarParts {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return utcParts(instant)
  return zoneParts(instant, timeZone)
}

/** The calendar time of an instant in UTC (astronomical years, as `zoneParts` gives them). */
export function utcParts(instant: number): CalendarParts {
  const date = new Date(instant)
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds()
  }
}

/** The calendar time of an instant in a zone, as `Intl.DateTimeFormat` gives it. */
export function zoneParts(instant: number, timeZone: string): CalendarParts {
  const parts: Record<string, number> = {}
  let before = false
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type === 'era') before = /^B/i.test(part.value)
    else if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    // Years before 1 (1 BC is year 0, astronomically), so that a zone's offset in year 1 is right.
    year: before ? 1 - (parts.year as number) : (parts.year as number),
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number
  }
}

/** The zone's offset from UTC at an instant, in minutes. */
export function offsetAt(instant: number, timeZone: string): number {
  const parts = partsIn(instant, timeZone)
  const local = utcInstant(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second)
  return Math.round((local - (instant - (((instant % 1000) + 1000) % 1000))) / 60_000)
}

/**
 * The instant of a date: with its written offset as written; a floating one in `timeZone` (the
 * offset in force at that local time; in a gap of a daylight-saving change, the later offset),
 * or in UTC without a zone.
 */
export function instantOf(date: PostDate, timeZone: string | null): number {
  if (date.offset !== null || !timeZone) return date.timestamp
  const local = date.timestamp
  const first = offsetAt(local, timeZone)
  const guess = local - first * 60_000
  const second = offsetAt(guess, timeZone)
  return second === first ? guess : local - second * 60_000
}

/** `+01:00`, `-05:00`, `Z` for a number of minutes. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z'
  const sign = minutes < 0 ? '-' : '+'
  const absolute = Math.abs(minutes)
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`
}

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants a four-digit UTC year can say. */
const firstInstant = utcInstant(1, 1, 1, 0, 0, 0)
const lastInstant = utcInstant(9999, 12, 31, 23, 59, 59)

/** The farthest offsets XML Schema's `dateTime` allows (the sitemap's `lastmod`), ±14:00. */
const farthestOffset = 14 * 60

/**
 * The instant a feed or sitemap states for a post's date, and the offset it states it with:
 * the date's own offset, a floating date's offset in the site's zone, else UTC. RFC 3339, RSS's
 * RFC 822 and XML Schema hold four-digit years, and XML Schema offsets up to ±14:00, so an
 * instant before 0001-01-01T00:00:00Z or after 9999-12-31T23:59:59Z is clamped to it (a
 * timestamp that is no number, from a hand-made Site, to the first), and one whose local year is
 * outside 0001–9999 (year 1 at +14:00 is year 0 in UTC), or whose offset is past ±14:00 (a
 * written `+14:30`, a zone's local mean time before standard time), is stated in UTC.
 */
export function statedTime(date: PostDate, timeZone: string | null): {instant: number; offset: number} {
  const instant = Number.isNaN(date.timestamp) ? firstInstant : Math.min(Math.max(date.timestamp, firstInstant), lastInstant)
  const offset = date.offset !== null ? offsetMinutes(date.offset) : timeZone ? offsetAt(instant, timeZone) : 0
  if (Math.abs(offset) > farthestOffset) return {instant, offset: 0}
  const year = new Date(instant + offset * 60_000).getUTCFullYear()
  return year < 1 || year > 9999 ? {instant, offset: 0} : {instant, offset}
}

/** RFC 3339 (Atom, JSON Feed, sitemaps), to the second: `2018-03-03T10:00:00+01:00`. */
export function rfc3339(date: PostDate, timeZone: string | null): string {
  const {instant, offset} = statedTime(date, timeZone)
  return `${new Date(instant + offset * 60_000).toISOString().slice(0, 19)}${formatOffset(offset)}`
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** RFC 822 as RSS 2.0 asks, with a four-digit year: `Sat, 03 Mar 2018 10:00:00 +0100`. */
export function rfc822(date: PostDate, timeZone: string | null): string {
  const {instant, offset} = statedTime(date, timeZone)
  const local = new Date(instant + offset * 60_000)
  const zone = formatOffset(offset).replace('Z', '+00:00').replace(':', '')
  return `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${String(local.getUTCFullYear()).padStart(4, '0')} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}
