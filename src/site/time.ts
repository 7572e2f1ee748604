/**
 * Time zones without guessing: a floating date or time (no offset written) is read in the site's
 * IANA time zone, with the zone's offset at that local time (daylight saving included), found
 * through `Intl.DateTimeFormat`. Never `new Date(string)`.
 */
import {utcInstant} from '../dates.js'
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

/** The calendar time of an instant in a zone. */
export function partsIn(instant: number, timeZone: string): CalendarParts {
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
