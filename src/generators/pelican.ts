/**
 * Pelican 4.8, from its source (pelican/settings.py defaults, readers.py, contents.py,
 * generators.py, utils.py `slugify`): articles under `PATH` but not under `PAGE_PATHS`, the
 * Markdown reader's metadata (Python-Markdown's meta extension), one category (the folder's when
 * none is written, else `DEFAULT_CATEGORY`), `Status` draft/hidden, mandatory title and date,
 * `ARTICLE_URL`/`ARTICLE_SAVE_AS` with `{slug}`, `{category}`, `{date:%Y}`…, and the index,
 * archive, category, tag, author and feed pages of the default theme. `pelicanconf.py` is never
 * executed: its plain literal assignments are read as text, and `loadSite`'s `settings` option
 * gives the rest.
 */
import {parseDate} from '../dates.js'
import {instantOf, isTimeZone} from '../site/time.js'
import type {PostDate} from '../types.js'
import {baseName, configUrl, dateValues, folderOf, markdownFile, stringList, writtenParts} from './shared.js'
import type {Exclusion, GeneratorModule, ReadConfig, ResolvedConfig} from './types.js'

const defaults = {
  PATH: null as string | null,
  PAGE_PATHS: ['pages'],
  ARTICLE_PATHS: [''],
  ARTICLE_EXCLUDES: [] as string[],
  STATIC_PATHS: ['images'],
  ARTICLE_URL: '{slug}.html',
  ARTICLE_SAVE_AS: '{slug}.html',
  ARTICLE_LANG_URL: '{slug}-{lang}.html',
  ARTICLE_LANG_SAVE_AS: '{slug}-{lang}.html',
  DRAFT_URL: 'drafts/{slug}.html',
  PAGE_URL: 'pages/{slug}.html',
  PAGE_SAVE_AS: 'pages/{slug}.html',
  CATEGORY_SAVE_AS: 'category/{slug}.html',
  TAG_SAVE_AS: 'tag/{slug}.html',
  AUTHOR_SAVE_AS: 'author/{slug}.html',
  DEFAULT_CATEGORY: 'misc',
  USE_FOLDER_AS_CATEGORY: true,
  DEFAULT_LANG: 'en',
  FEED_ALL_ATOM: 'feeds/all.atom.xml',
  CATEGORY_FEED_ATOM: 'feeds/{slug}.atom.xml',
  SLUGIFY_SOURCE: 'title'
}

export const pelican: GeneratorModule = {
  name: 'pelican',
  configFiles: ['pelicanconf.py'],

  detect: (files) => files.includes('pelicanconf.py'),

  readConfig(data, problems) {
    const url = typeof data.SITEURL === 'string' && data.SITEURL !== '' ? data.SITEURL : undefined
    const checked = configUrl(url, 'SITEURL', problems)
    const result: ReadConfig = {title: typeof data.SITENAME === 'string' ? data.SITENAME : undefined}
    if (checked) {
      const parsed = new URL(checked)
      result.url = parsed.origin
      result.baseurl = parsed.pathname.replace(/\/+$/, '')
    }
    if (typeof data.TIMEZONE === 'string') {
      if (isTimeZone(data.TIMEZONE)) result.timezone = data.TIMEZONE
      else
        problems.push({key: 'TIMEZONE', message: `Unexpected \`TIMEZONE\` \`${data.TIMEZONE.slice(0, 60)}\`, expected an IANA time zone`})
    }
    if (typeof data.AUTHOR === 'string') result.author = data.AUTHOR
    return result
  },

  postOptions: () => ({metadataHeaders: true}),

  parseConfigText: (_file, text) => readPelicanConfig(text),

  classify(file, config) {
    const settings = settingsOf(config)
    if (settings.path !== '' && !file.startsWith(`${settings.path}/`)) return {kind: 'none'}
    const inside = settings.path === '' ? file : file.slice(settings.path.length + 1)
    if (inside.split('/').some((part) => part.startsWith('.'))) return {kind: 'none'}
    const under = (folders: readonly string[]) =>
      folders.some((folder) => folder === '' || inside === folder || inside.startsWith(`${folder.replace(/\/+$/, '')}/`))
    for (const folder of settings.STATIC_PATHS) {
      if (folder !== '' && (inside === folder || inside.startsWith(`${folder}/`))) return {kind: 'static', urls: [`/${inside}`]}
    }
    if (!markdownFile.test(inside)) return {kind: 'none'}
    if (under(settings.PAGE_PATHS.filter((folder) => folder !== ''))) return {kind: 'page'}
    if (under(settings.ARTICLE_PATHS) && !under(settings.ARTICLE_EXCLUDES.filter((folder) => folder !== ''))) return {kind: 'post'}
    return {kind: 'none'}
  },

  pageUrls(file, page, config) {
    const settings = settingsOf(config)
    const status = String(page.metadata.status ?? '').toLowerCase()
    if (status === 'draft') return []
    const slug = typeof page.metadata.slug === 'string' ? page.metadata.slug : slugify(page.title ?? baseName(file))
    return [`/${format(settings.PAGE_SAVE_AS, {slug, lang: settings.DEFAULT_LANG}, null)}`]
  },

  date({data}) {
    const value = data.date
    if (typeof value !== 'string' && typeof value !== 'number') return null
    const result = parseDate(String(value).trim(), 'frontmatter')
    return result && 'date' in result ? result.date : null
  },

  instant(date, {config}) {
    if (!date) return null
    return date.offset !== null ? date.timestamp : instantOf(date, config.timezone ?? 'UTC')
  },

  exclusion({post, data}, instant, now): Exclusion {
    const status = String(data.status ?? '').toLowerCase()
    if (status === 'draft') return 'drafts'
    if (status === 'hidden') return 'unpublished'
    // Title and date are mandatory for an article (`Article.mandatory_properties`).
    if (!post.title || instant === null) return 'unpublished'
    void now
    return null
  },

  categories({data, path, config}) {
    return [categoryOf(data, path, settingsOf(config))]
  },

  permalink({post, data, path, config}, date) {
    const settings = settingsOf(config)
    const slug = slugOf(data, post.title, path, settings)
    const category = slugify(categoryOf(data, path, settings))
    const lang = typeof data.lang === 'string' ? data.lang : settings.DEFAULT_LANG
    const pattern = lang === settings.DEFAULT_LANG ? settings.ARTICLE_URL : settings.ARTICLE_LANG_URL
    const author = typeof data.author === 'string' ? slugify(data.author) : ''
    const values: Record<string, string> = {}
    for (const [key, value] of Object.entries(data)) if (typeof value === 'string') values[key.toLowerCase()] = value
    Object.assign(values, {slug, category, lang, author})
    return `/${format(pattern, values, date)}`
  },

  aliases: () => [],

  extraUrls(posts, config) {
    const settings = settingsOf(config)
    const urls = new Set(['/index.html', '/archives.html', '/categories.html', '/tags.html', '/authors.html', `/${settings.FEED_ALL_ATOM}`])
    for (const {post, data, categories} of posts) {
      for (const category of categories) {
        const slug = slugify(category)
        urls.add(`/${format(settings.CATEGORY_SAVE_AS, {slug}, null)}`)
        urls.add(`/${format(settings.CATEGORY_FEED_ATOM, {slug}, null)}`)
      }
      for (const tag of post.tags) urls.add(`/${format(settings.TAG_SAVE_AS, {slug: slugify(tag)}, null)}`)
      if (typeof data.author === 'string') urls.add(`/${format(settings.AUTHOR_SAVE_AS, {slug: slugify(data.author)}, null)}`)
    }
    return [...urls]
  },

  linkTags: () => []
}

type Settings = typeof defaults & {path: string}

const cache = new WeakMap<object, Settings>()

function settingsOf(config: ResolvedConfig): Settings {
  let found = cache.get(config)
  if (found) return found
  const data = config.settings
  const merged: Record<string, unknown> = {...defaults}
  for (const [key, value] of Object.entries(data)) if (key in defaults && value !== undefined && value !== null) merged[key] = value
  for (const key of ['PAGE_PATHS', 'ARTICLE_PATHS', 'ARTICLE_EXCLUDES', 'STATIC_PATHS'] as const) merged[key] = stringList(merged[key])
  // Without `PATH`, the folder `pelican content` is run on, as pelican-quickstart's Makefile does.
  const path = typeof data.PATH === 'string' ? data.PATH.replace(/^\.?\/+|\/+$/g, '') : 'content'
  found = {...(merged as typeof defaults), path: path === '.' ? '' : path}
  cache.set(config, found)
  return found
}

function categoryOf(metadata: Readonly<Record<string, unknown>>, path: string, settings: Settings): string {
  const written = metadata.category
  if (typeof written === 'string' && written.trim() !== '') return written.trim()
  if (settings.USE_FOLDER_AS_CATEGORY) {
    const folder = folderOf(path.slice(settings.path === '' ? 0 : settings.path.length + 1))
    if (folder !== '') return folder.split('/').pop() as string
  }
  return settings.DEFAULT_CATEGORY
}

function slugOf(metadata: Readonly<Record<string, unknown>>, title: string | null, path: string, settings: Settings): string {
  if (typeof metadata.slug === 'string' && metadata.slug.trim() !== '') return metadata.slug.trim()
  if (settings.SLUGIFY_SOURCE === 'basename') return slugify(baseName(path))
  return slugify(title ?? '')
}

/** `pelican.utils.slugify` with the default substitutions: ASCII, lowercased, `[^\w\s-]` dropped, runs of `-` and spaces one `-`. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^\p{ASCII}]/gu, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[-\s]+/g, '-')
    .toLowerCase()
}

/** Python's `str.format` with the URL settings' fields; `{date:%Y}` as `strftime`. */
function format(pattern: string, values: Readonly<Record<string, string>>, date: PostDate | null): string {
  return pattern.replace(/\{([a-zA-Z_]+)(?::([^}]*))?\}/g, (whole, name: string, spec: string | undefined) => {
    if (name === 'date') return date ? strftime(spec ?? '%Y-%m-%d %H:%M:%S', date) : whole
    return values[name] ?? values[name.toLowerCase()] ?? whole
  })
}

function strftime(spec: string, date: PostDate): string {
  const values = dateValues(writtenParts(date))
  const table: Record<string, string> = {
    Y: values.year as string,
    y: values.short_year as string,
    m: values.month as string,
    d: values.day as string,
    H: values.hour as string,
    M: values.minute as string,
    S: values.second as string,
    b: values.short_month as string,
    B: values.long_month as string,
    a: values.short_day as string,
    A: values.long_day as string,
    j: values.y_day as string,
    '%': '%'
  }
  return spec.replace(/%(.)/g, (whole, code: string) => table[code] ?? whole)
}

/**
 * `pelicanconf.py` as text, never run: each top-level `NAME = literal` (a string, number, bool,
 * None, or a list/tuple of strings) is read; anything else is left to the `settings` option.
 */
export function readPelicanConfig(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  const assignment = /^([A-Z][A-Z0-9_]*)\s*=\s*(.+?)\s*(?:#.*)?$/gm
  for (const match of text.matchAll(assignment)) {
    const value = literal(match[2] as string)
    if (value !== undefined) result[match[1] as string] = value
  }
  return result
}

function literal(source: string): unknown {
  const text = source.trim()
  if (/^(['"])(?:(?!\1)[^\\]|\\.)*\1$/.test(text)) return text.slice(1, -1).replace(/\\(.)/g, '$1')
  if (text === 'True') return true
  if (text === 'False') return false
  if (text === 'None') return null
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  const list = /^[[(]\s*(.*?)\s*,?\s*[\])]$/.exec(text)
  if (list) {
    if ((list[1] as string) === '') return []
    const items = (list[1] as string).split(/\s*,\s*/).map(literal)
    return items.every((item) => typeof item === 'string') ? items : undefined
  }
  return undefined
}
