/**
 * Permalinks as each generator makes them, from its documented rules:
 * - Jekyll (jekyllrb.com/docs/permalinks): styles `date`, `pretty`, `ordinal`, `weekdate`, `none`
 *   and the placeholders `:year :month :i_month :day :i_day :short_year :hour :minute :second
 *   :y_day :week :short_day :long_day :short_month :long_month :title :slug :categories
 *   :output_ext`; front matter `slug` wins over the file name for `:title`; dates in the site's
 *   time zone; categories lowercased, joined by `/`.
 * - Hugo (gohugo.io/content-management/urls): `permalinks` per section with `:year :month
 *   :monthname :day :weekday :weekdayname :yearday :section :sections :title :slug :slugorfilename
 *   :filename :contentbasename`; `:slug` falls back to the title; default `/:sections/:slugorfilename/`;
 *   front matter `url` wins.
 * - Docusaurus: `/blog/YYYY/MM/DD/slug/` from the file name's date, front matter `slug` wins.
 * - Gatsby: `/<folder>/`. Pelican: `{slug}.html` (ARTICLE_URL's default). Generic: `/<slug>/`.
 */
import {slug as slugify} from 'github-slugger'
import type {Post} from '../types.js'
import {type CalendarParts, instantOf, partsIn} from './time.js'

export type Generator = 'jekyll' | 'hugo' | 'docusaurus' | 'gatsby' | 'pelican' | 'generic'

export interface PermalinkContext {
  generator: Generator
  /** The post's path relative to the site root, with `/`. */
  path: string
  post: Post
  /** Jekyll: one pattern or style; Hugo: per section (a string applies to every section). */
  permalink: string | Readonly<Record<string, string>> | null
  timeZone: string | null
  /** Categories for `:categories` (folders above `_posts` first, then front matter's). */
  categories: readonly string[]
}

const jekyllStyles: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext'
}

const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export function permalinkOf(context: PermalinkContext): string {
  switch (context.generator) {
    case 'jekyll':
      return jekyll(context)
    case 'hugo':
      return hugo(context)
    case 'docusaurus':
      return docusaurus(context)
    case 'gatsby':
      return clean(`/${folderName(context.path) ?? context.post.slug}/`)
    case 'pelican':
      return context.post.permalink ?? `/${context.post.slug}.html`
    default:
      return context.post.permalink ? clean(context.post.permalink) : clean(`/${context.post.slug}/`)
  }
}

/** The calendar of the post's date where the generator reads it (the site's zone when known). */
function calendar(post: Post, timeZone: string | null): CalendarParts | null {
  const date = post.date
  if (!date) return null
  if (!timeZone || (date.offset === null && date.hour === null)) {
    return {year: date.year, month: date.month, day: date.day, hour: date.hour ?? 0, minute: date.minute ?? 0, second: date.second ?? 0}
  }
  return partsIn(instantOf(date, timeZone), timeZone)
}

function jekyll({post, path, permalink, timeZone, categories}: PermalinkContext): string {
  const written = post.permalink ?? (typeof permalink === 'string' ? permalink : 'date')
  const pattern = jekyllStyles[written] ?? written
  const parts = calendar(post, timeZone)
  const fileTitle = post.slug || stem(path)
  const values: Record<string, string> = {
    title: encodeSegment(fileTitle),
    slug: slugify(fileTitle),
    categories: categories.map((category) => category.toLowerCase()).join('/'),
    output_ext: '.html',
    ...(parts ? dateValues(parts) : {})
  }
  return clean(fill(pattern, values))
}

function hugo({post, path, permalink, timeZone}: PermalinkContext): string {
  if (post.permalink) return clean(post.permalink)
  const inside = path.replace(/^content\//, '')
  const folders = inside.split('/').slice(0, -1)
  const bundle = /(^|\/)(index|_index)(\.[a-z]{2}(-[A-Za-z0-9]+)*)?\.[^/.]+$/.test(inside)
  const section = folders[0] ?? ''
  const filename = bundle ? (folders[folders.length - 1] ?? post.slug) : stem(path)
  const pattern = typeof permalink === 'string' ? permalink : (permalink?.[section] ?? '/:sections/:slugorfilename/')
  const parts = calendar(post, timeZone)
  // Hugo's urlize: lowercase, spaces to hyphens, other punctuation dropped, as github-slugger does.
  const title = slugify(post.title ?? filename)
  const explicitSlug = typeof post.metadata.slug === 'string' && post.metadata.slug.trim() !== ''
  const values: Record<string, string> = {
    section,
    sections: (bundle ? folders.slice(0, -1) : folders).join('/'),
    title,
    slug: explicitSlug ? post.slug : title,
    slugorfilename: explicitSlug ? post.slug : filename,
    filename,
    contentbasename: filename,
    ...(parts ? {...dateValues(parts), monthname: (months[parts.month - 1] as string).toLowerCase()} : {})
  }
  return clean(fill(pattern, values).toLowerCase())
}

function docusaurus({post, path}: PermalinkContext): string {
  const written = typeof post.metadata.slug === 'string' ? post.metadata.slug.trim() : ''
  if (written.startsWith('/')) return clean(`/blog${written}/`)
  const date = post.date
  const slug = written || post.slug || stem(path)
  if (!date) return clean(`/blog/${slug}/`)
  return clean(`/blog/${date.year}/${pad(date.month)}/${pad(date.day)}/${slug}/`)
}

function dateValues(parts: CalendarParts): Record<string, string> {
  const utc = new Date(0)
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day)
  const dayOfWeek = utc.getUTCDay()
  const start = new Date(0)
  start.setUTCFullYear(parts.year, 0, 1)
  const yearDay = Math.round((utc.getTime() - start.getTime()) / 86_400_000) + 1
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
    week: pad(isoWeek(utc)),
    short_day: (days[dayOfWeek] as string).slice(0, 3),
    long_day: days[dayOfWeek] as string,
    weekday: String(dayOfWeek),
    weekdayname: (days[dayOfWeek] as string).toLowerCase()
  }
}

/** ISO 8601 week number. */
function isoWeek(date: Date): number {
  const target = new Date(date.getTime())
  const day = (date.getUTCDay() + 6) % 7
  target.setUTCDate(target.getUTCDate() - day + 3)
  const firstThursday = new Date(0)
  firstThursday.setUTCFullYear(target.getUTCFullYear(), 0, 4)
  return 1 + Math.round(((target.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7)
}

/** Placeholders, longest names first (`:i_month` before `:month`); unknown ones stay as written. */
function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([a-z_]+)/g, (whole, name: string) => (name in values ? (values[name] as string) : whole))
}

/** Collapse repeated slashes (an empty `:categories`), keep a leading one. */
function clean(path: string): string {
  return `/${path}`.replace(/\/{2,}/g, '/')
}

function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/')
}

function stem(path: string): string {
  const name = path.split('/').pop() ?? ''
  return name.replace(/\.[^.]+$/, '').replace(/^\d{2,4}-\d{1,2}-\d{1,2}-/, '')
}

function folderName(path: string): string | null {
  const parts = path.split('/')
  return parts.length >= 2 ? (parts[parts.length - 2] as string) : null
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}
