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
import {parseDateutil} from '../dateutil.js'
import {instantOf, isTimeZone} from '../site/time.js'
import type {PostDate} from '../types.js'
import {baseName, configUrl, dateValues, folderOf, lowerKeys, markdownFile, record, scalarText, stringList, writtenParts} from './shared.js'
import {transliterate} from './transliterate.js'
import type {Exclusion, GeneratorModule, PostContext, ReadConfig, ResolvedConfig} from './types.js'

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
  PAGE_LANG_SAVE_AS: 'pages/{slug}-{lang}.html',
  CATEGORY_SAVE_AS: 'category/{slug}.html',
  TAG_SAVE_AS: 'tag/{slug}.html',
  AUTHOR_SAVE_AS: 'author/{slug}.html',
  DEFAULT_CATEGORY: 'misc',
  USE_FOLDER_AS_CATEGORY: true,
  DEFAULT_LANG: 'en',
  DRAFT_SAVE_AS: 'drafts/{slug}.html',
  YEAR_ARCHIVE_SAVE_AS: '',
  MONTH_ARCHIVE_SAVE_AS: '',
  DAY_ARCHIVE_SAVE_AS: '',
  AUTHOR: null as string | null,
  FEED_ALL_ATOM: 'feeds/all.atom.xml' as string | null,
  FEED_ALL_RSS: null as string | null,
  FEED_ATOM: null as string | null,
  FEED_RSS: null as string | null,
  TRANSLATION_FEED_ATOM: 'feeds/all-{lang}.atom.xml' as string | null,
  TRANSLATION_FEED_RSS: null as string | null,
  CATEGORY_FEED_ATOM: 'feeds/{slug}.atom.xml' as string | null,
  CATEGORY_FEED_RSS: null as string | null,
  TAG_FEED_ATOM: null as string | null,
  TAG_FEED_RSS: null as string | null,
  AUTHOR_FEED_ATOM: 'feeds/{slug}.atom.xml' as string | null,
  AUTHOR_FEED_RSS: 'feeds/{slug}.rss.xml' as string | null,
  DIRECT_TEMPLATES: ['index', 'tags', 'categories', 'authors', 'archives'],
  DEFAULT_PAGINATION: false as number | false,
  DEFAULT_ORPHANS: 0,
  PAGINATED_TEMPLATES: {index: null, tag: null, category: null, author: null} as Record<string, unknown>,
  PAGINATION_PATTERNS: [
    [1, '{name}{extension}', '{name}{extension}'],
    [2, '{name}{number}{extension}', '{name}{number}{extension}']
  ] as ReadonlyArray<readonly unknown[]>,
  EXTRA_PATH_METADATA: {} as Record<string, unknown>,
  SLUGIFY_SOURCE: 'title',
  FILENAME_METADATA: String.raw`(?P<date>\d{4}-\d{2}-\d{2}).*` as string | null,
  PATH_METADATA: '' as string | null,
  DEFAULT_DATE: null as unknown,
  IGNORE_FILES: ['.#*']
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

  // Python-Markdown's meta extension (`markdown.extensions.meta`, which Pelican always adds) also
  // reads `Key: value` lines between a first `---` line and a `---`/`...` line: not YAML.
  // Dates go through python-dateutil (`pelican.utils.get_date`).
  postOptions: () => ({metadataHeaders: 'python-markdown', dates: 'dateutil'}),

  // Python-Markdown links no bare URL (an extension such as pymdownx.magiclink does).
  literalUrl: (url, config) => (/magiclink|linkify/i.test(JSON.stringify(config.settings.MARKDOWN ?? '')) ? url : null),
  // Python-Markdown gives headings ids only with the `toc` extension (not in Pelican's defaults).
  // Its ids are its own (`tocIds`), not GitHub's.
  ids: (config) => ({headings: /toc/.test(JSON.stringify(config.settings.MARKDOWN ?? '')), attributeLists: true, headingIds: tocIds}),

  title: ({data, path, config}) => {
    const title = fieldsOf(data, path, settingsOf(config)).get('title')
    return typeof title === 'string' && title.trim() !== '' ? title.trim() : null
  },

  tags: ({data, path, config}) => metadataList(fieldsOf(data, path, settingsOf(config)).get('tags')),

  parseConfigText: (_file, text) => readPelicanConfig(text),

  convert: (file, text) => (rstFile.test(file) ? rstAsHeaders(text) : null),

  classify(file, config) {
    const settings = settingsOf(config)
    if (settings.path !== '' && !file.startsWith(`${settings.path}/`)) return {kind: 'none'}
    const inside = settings.path === '' ? file : file.slice(settings.path.length + 1)
    // `IGNORE_FILES` (default `['.#*']`) leaves out a file or folder by its name (generators.py
    // `get_files`, fnmatch); other dotfiles are read or copied (`extra/.nojekyll`).
    if (inside.split('/').some((part) => settings.IGNORE_FILES.some((pattern) => fnmatch(part, pattern)))) return {kind: 'none'}
    const under = (folders: readonly string[]) =>
      folders.some((folder) => folder === '' || inside === folder || inside.startsWith(`${folder.replace(/\/+$/, '')}/`))
    // Articles and pages are read first; a source they read is not copied as a static file
    // (`STATIC_EXCLUDE_SOURCES`, true by default: StaticGenerator skips `_is_potential_source_path`).
    const source = markdownFile.test(inside) || rstFile.test(inside)
    if (source && under(settings.PAGE_PATHS.filter((folder) => folder !== ''))) return {kind: 'page'}
    if (source && under(settings.ARTICLE_PATHS) && !under(settings.ARTICLE_EXCLUDES.filter((folder) => folder !== ''))) {
      return {kind: 'post'}
    }
    // `PAGE_PATHS = ['']`: every other source of the content folder is a page.
    if (source && settings.PAGE_PATHS.includes('')) return {kind: 'page'}
    for (const folder of settings.STATIC_PATHS) {
      if (folder !== '' && (inside === folder || inside.startsWith(`${folder}/`))) {
        // `EXTRA_PATH_METADATA = {'extra/favicon.ico': {'path': 'favicon.ico'}}` moves a file.
        const moved = record(settings.EXTRA_PATH_METADATA[inside])?.path
        return {kind: 'static', urls: [`/${typeof moved === 'string' ? moved.replace(/^\/+/, '') : inside}`]}
      }
    }
    return {kind: 'none'}
  },

  pageUrls(file, page, config, files) {
    const settings = settingsOf(config)
    const linked = staticLinks(page.text ?? '', file, settings, files)
    const data = fieldsOf(page.metadata, file, settings)
    const status = scalarText(data.get('status')).toLowerCase()
    const title = typeof data.get('title') === 'string' ? (data.get('title') as string) : null
    if (title === null) return linked
    const slug = slugOf(data, title, file, settings)
    if (status === 'draft') return [`/drafts/pages/${slug}.html`, ...linked]
    // A page's own `save_as` wins (`index.html` for a home page; empty: not written).
    const saveAs = data.get('save_as')
    if (typeof saveAs === 'string') return saveAs.trim() === '' ? linked : [`/${saveAs.trim().replace(/^\/+/, '')}`, ...linked]
    const lang = langOf(data, settings)
    const pattern = lang === settings.DEFAULT_LANG ? settings.PAGE_SAVE_AS : settings.PAGE_LANG_SAVE_AS
    return [`/${format(pattern, {slug, lang}, null)}`, ...linked]
  },

  modifiedTime(config) {
    return settingsOf(config).DEFAULT_DATE === 'fs'
  },

  date({data, path, config, modified}) {
    // The header's date, else one from the file's path (`FILENAME_METADATA`…) or `DEFAULT_DATE`;
    // with `'fs'`, the file's time as the build machine's wall clock (`datetime.fromtimestamp`), under all of them.
    const written = meta(data).get('date')
    const settings = settingsOf(config)
    const value =
      written ??
      fieldsOf(data, path, settings).get('date') ??
      (settings.DEFAULT_DATE === 'fs' && typeof modified === 'number' ? localWallClock(modified) : undefined)
    if (typeof value !== 'string' && typeof value !== 'number') return null
    // Pelican reads two-digit years around the year of the build (dateutil's `convertyear`).
    const result = parseDateutil(String(value).trim(), written === undefined ? 'filename' : 'frontmatter', new Date().getFullYear())
    return result && 'date' in result ? result.date : null
  },

  instant(date, {config}) {
    if (!date) return null
    return date.offset !== null ? date.timestamp : instantOf(date, config.timezone ?? 'UTC')
  },

  exclusion(context, instant): Exclusion {
    const status = scalarText(fieldsOf(context.data, context.path, settingsOf(context.config)).get('status')).toLowerCase()
    if (status === 'draft') return 'drafts'
    // Title and date are mandatory for an article (`Article.mandatory_properties`).
    if (!this.title?.(context) || instant === null) return 'unpublished'
    return null
  },

  categories({data, path, config}) {
    return [categoryOf(fieldsOf(data, path, settingsOf(config)))]
  },

  permalink(context, date) {
    return `/${articleTarget(context, date, this.title?.(context) ?? null, 'url')}`
  },

  servedAt(context) {
    // The file is written at `ARTICLE_SAVE_AS` (a folder's `index.html` is the folder); links
    // use `ARTICLE_URL`, which a host may answer with a redirect, but the build has no file there.
    // An empty `ARTICLE_SAVE_AS` (or `False`, or an empty own `save_as`) writes nothing: ''.
    const saved = articleTarget(context, this.date(context), this.title?.(context) ?? null, 'save_as')
    return saved === '' ? '' : `/${saved}`.replace(/\/index\.html$/, '/')
  },

  aliases(context) {
    // Links to where the file is written reach the post too.
    const saved = this.servedAt?.(context, '') ?? ''
    return saved === '' || saved === this.permalink(context, this.date(context), null, []) ? [] : [saved]
  },

  // A link to a source file is `{filename}x.md`; `x.md` alone stays as written.
  sourceLinks: () => false,

  linkUrl(url, {path, config}) {
    // Pelican's intra-site links (`{filename}`, `{static}`, `{attach}`, and the older `|filename|`):
    // `{filename}` names a content file, by its source path (the checker finds its post); the
    // others a file, copied where it is in the content (`{attach}`: beside the article, as
    // `{static}` does for a file in the same folder).
    const match = /^(?:\{|\|)(filename|static|attach|category|tag|author|index)(?:\}|\|)(.*)$/.exec(url)
    if (!match) return null
    const settings = settingsOf(config)
    const [, kind, rest = ''] = match
    if (kind === 'index') return '/index.html'
    if (kind === 'category' || kind === 'tag' || kind === 'author') {
      const pattern = kind === 'category' ? settings.CATEGORY_SAVE_AS : kind === 'tag' ? settings.TAG_SAVE_AS : settings.AUTHOR_SAVE_AS
      return `/${format(pattern, {slug: slugify(rest)}, null)}`
    }
    const [target = '', hash] = rest.split('#')
    const source = contentPath(target, path, settings)
    // `{filename}` to a file no reader reads (an image in a static folder) is that static file's URL.
    if (kind === 'filename' && /\.(md|markdown|mkd|mdown|rst|html?)$/i.test(source))
      return `/${source}${hash === undefined ? '' : `#${hash}`}`
    return `/${settings.path === '' ? source : source.slice(settings.path.length + 1)}`
  },

  // `Status: hidden`: written at its URL (so in the site), but in no list, feed or sitemap.
  listed: ({data, path, config}) => scalarText(fieldsOf(data, path, settingsOf(config)).get('status')).toLowerCase() !== 'hidden',

  excludedUrls(context, exclusion) {
    // Pelican 4.8 writes drafts to `DRAFT_SAVE_AS`.
    if (exclusion === 'drafts') {
      const settings = settingsOf(context.config)
      const slug = slugOf(fieldsOf(context.data, context.path, settings), this.title?.(context) ?? null, context.path, settings)
      return [`/${format(settingsOf(context.config).DRAFT_SAVE_AS, {slug}, null)}`]
    }
    return []
  },

  extraUrls(posts, config, files) {
    const settings = settingsOf(config)
    const urls = new Set<string>()
    const add = (pattern: string | null, slug: string) => {
      if (typeof pattern === 'string' && pattern !== '') urls.add(`/${format(pattern, {slug, lang: settings.DEFAULT_LANG}, null)}`)
    }
    const direct: Record<string, string> = {
      index: 'index.html',
      tags: 'tags.html',
      categories: 'categories.html',
      authors: 'authors.html',
      archives: 'archives.html'
    }
    // `<NAME>_SAVE_AS` moves a direct template's page; empty or `False`, it is not written.
    const directSaveAs = (name: string): string => {
      const own = config.settings[`${name.toUpperCase()}_SAVE_AS`]
      return typeof own === 'string' ? own.replace(/^\/+/, '') : own === false || own === null ? '' : (direct[name] ?? `${name}.html`)
    }
    for (const name of settings.DIRECT_TEMPLATES) if (directSaveAs(name) !== '' && name !== 'index') urls.add(`/${directSaveAs(name)}`)
    add(settings.FEED_ATOM, '')
    add(settings.FEED_RSS, '')
    add(settings.FEED_ALL_ATOM, '')
    add(settings.FEED_ALL_RSS, '')
    // One feed per language of the published articles, translations too.
    for (const lang of new Set(
      posts.filter((post) => post.listed).map((post) => langOf(fieldsOf(post.data, post.path, settings), settings))
    )) {
      for (const pattern of [settings.TRANSLATION_FEED_ATOM, settings.TRANSLATION_FEED_RSS])
        if (typeof pattern === 'string' && pattern !== '') urls.add(`/${format(pattern, {lang}, null)}`)
    }
    // Translations are in no list: the index, categories, tags and authors count originals only.
    const originals = originalsOf(
      posts.filter((post) => post.listed),
      settings
    )
    // Lists by category, tag and author, each paginated as `DEFAULT_PAGINATION` says (`name2.html`…).
    const lists = {category: new Map<string, number>(), tag: new Map<string, number>(), author: new Map<string, number>()}
    // Hidden articles are in no category, tag or author list.
    for (const {data, path, categories} of originals) {
      const fields = fieldsOf(data, path, settings)
      for (const category of categories) lists.category.set(slugify(category), (lists.category.get(slugify(category)) ?? 0) + 1)
      for (const tag of metadataList(fields.get('tags'))) lists.tag.set(slugify(tag), (lists.tag.get(slugify(tag)) ?? 0) + 1)
      for (const author of authorsOf(fields, settings)) lists.author.set(slugify(author), (lists.author.get(slugify(author)) ?? 0) + 1)
    }
    // Files linked with `{static}` or `{attach}` are copied, in STATIC_PATHS or not.
    for (const {post, path} of posts) {
      for (const url of [...post.links.map((link) => link.url), ...post.images.map((image) => image.src)]) {
        const match = /^(?:\{|\|)(static|attach)(?:\}|\|)([^#?]*)/.exec(url)
        if (!match) continue
        const source = contentPath(match[2] as string, path, settings)
        if (files.has(source)) urls.add(`/${settings.path === '' ? source : source.slice(settings.path.length + 1)}`)
      }
    }
    // `PAGINATED_TEMPLATES`: a template's own page size, `None` for `DEFAULT_PAGINATION`.
    const paginate = (template: string, saveAs: string, count: number) => {
      // An empty `*_SAVE_AS` writes nothing (`Writer.write_file` returns on an empty path).
      if (saveAs === '') return
      const sizes = settings.PAGINATED_TEMPLATES
      const own = sizes[template]
      const per = !(template in sizes) ? false : typeof own === 'number' && own > 0 ? own : settings.DEFAULT_PAGINATION
      for (const file of paginatedFiles(saveAs, saveAs, count, per, settings)) urls.add(file)
    }
    if (settings.DIRECT_TEMPLATES.includes('index')) paginate('index', directSaveAs('index'), originals.length)
    for (const [slug, count] of lists.category) {
      paginate('category', format(settings.CATEGORY_SAVE_AS, {slug}, null), count)
      add(settings.CATEGORY_FEED_ATOM, slug)
      add(settings.CATEGORY_FEED_RSS, slug)
    }
    for (const [slug, count] of lists.tag) {
      paginate('tag', format(settings.TAG_SAVE_AS, {slug}, null), count)
      add(settings.TAG_FEED_ATOM, slug)
      add(settings.TAG_FEED_RSS, slug)
    }
    for (const [slug, count] of lists.author) {
      paginate('author', format(settings.AUTHOR_SAVE_AS, {slug}, null), count)
      add(settings.AUTHOR_FEED_ATOM, slug)
      add(settings.AUTHOR_FEED_RSS, slug)
    }
    // Period archives (generators.py `generate_period_archives`): one page per year, month or day
    // with a listed original article, its `*_ARCHIVE_SAVE_AS` filled in with that period's date,
    // paginated only where `PAGINATED_TEMPLATES` names `period_archives`.
    const periods = [
      [settings.YEAR_ARCHIVE_SAVE_AS, 1],
      [settings.MONTH_ARCHIVE_SAVE_AS, 2],
      [settings.DAY_ARCHIVE_SAVE_AS, 3]
    ] as const
    for (const [pattern, depth] of periods) {
      if (typeof pattern !== 'string' || pattern === '') continue
      const archives = new Map<string, {date: PostDate; count: number}>()
      for (const {post} of originals) {
        if (!post.date) continue
        const key = [post.date.year, post.date.month, post.date.day].slice(0, depth).join('-')
        const archive = archives.get(key)
        if (archive) archive.count++
        else archives.set(key, {date: post.date, count: 1})
      }
      for (const {date, count} of archives.values()) paginate('period_archives', format(pattern, {}, date).replace(/^\/+/, ''), count)
    }
    return [...urls]
  },

  linkTags: () => []
}

type Settings = typeof defaults & {path: string}

/**
 * Files a page's text links with `{static}` or `{attach}` (`|static|`…), in markdown or
 * reStructuredText (`.. image:: {static}/x.png`, `` `x <{static}/x.pdf>`_ ``): Pelican copies them
 * whether or not they are under `STATIC_PATHS` (`add_static_links`, generators.py 4.8), when they exist.
 */
function staticLinks(text: string, from: string, settings: Settings, files: ReadonlySet<string> | undefined): string[] {
  if (!files || text === '') return []
  const urls = new Set<string>()
  for (const match of text.matchAll(/(?:\{|\|)(?:static|attach)(?:\}|\|)([^\s"'<>()[\]#?`]+)/g)) {
    const source = contentPath(match[1] as string, from, settings)
    if (files.has(source)) urls.add(`/${settings.path === '' ? source : source.slice(settings.path.length + 1)}`)
  }
  return [...urls]
}

/**
 * An article's `url` or `save_as` (without the leading slash): its own front matter value, else
 * `ARTICLE_URL`/`ARTICLE_SAVE_AS` (`ARTICLE_LANG_*` in another language) filled in
 * (contents.py `Content.url`/`save_as` → `get_url_setting`), each apart from the other.
 */
function articleTarget(context: PostContext, date: PostDate | null, title: string | null, which: 'url' | 'save_as'): string {
  const {data, path, config} = context
  const settings = settingsOf(config)
  const fields = fieldsOf(data, path, settings)
  const slug = slugOf(fields, title, path, settings)
  const category = slugify(categoryOf(fields))
  const lang = langOf(fields, settings)
  // Each its own (`override_url`, `override_save_as`): an own `url` moves no file, an own
  // `save_as` no link; an empty own `save_as` writes nothing.
  const own = fields.get(which)
  if (typeof own === 'string') return own.trim().replace(/^\/+/, '')
  const main = lang === settings.DEFAULT_LANG
  const pattern =
    which === 'url'
      ? main
        ? settings.ARTICLE_URL
        : settings.ARTICLE_LANG_URL
      : main
        ? settings.ARTICLE_SAVE_AS
        : settings.ARTICLE_LANG_SAVE_AS
  const values: Record<string, string> = {}
  for (const [key, value] of fields) if (typeof value === 'string') values[key] = value
  Object.assign(values, {slug, category, lang, author: slugify(authorsOf(fields, settings)[0] ?? '')})
  return format(pattern, values, date)
}

/**
 * The files of a paginated list (pelican/paginator.py, 4.8): `DEFAULT_ORPHANS` folded into the
 * last page, and each page's `SAVE_AS` from the last `PAGINATION_PATTERNS` rule whose first page
 * it reaches (`-1`: the last page), with `{name}`, `{base_name}`, `{extension}`, `{number}`…
 */
function paginatedFiles(saveAs: string, url: string, count: number, perPage: number | false, settings: Settings): string[] {
  const pages = perPage === false ? 1 : Math.max(1, Math.ceil(Math.max(1, count - settings.DEFAULT_ORPHANS) / perPage))
  const dot = saveAs.lastIndexOf('.')
  const name = dot > saveAs.lastIndexOf('/') ? saveAs.slice(0, dot) : saveAs
  const extension = saveAs.slice(name.length)
  const file = saveAs.slice(saveAs.lastIndexOf('/') + 1)
  const baseName = file === 'index.html' || file === 'index.htm' ? folderOf(saveAs) : name
  const files: string[] = []
  for (let number = 1; number <= pages; number++) {
    let rule: readonly unknown[] | undefined
    for (const candidate of settings.PAGINATION_PATTERNS) {
      const min = candidate[0]
      if (min === -1 ? number === pages : typeof min === 'number' && min <= number) rule = candidate
      if (min === -1 && number === pages) break
    }
    const pattern = rule?.[2]
    if (typeof pattern !== 'string') continue
    const values: Record<string, string> = {save_as: saveAs, url, name, base_name: baseName, extension, number: String(number)}
    const out = pattern.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
    files.push(`/${out.startsWith('/') ? out.slice(1) : out}`)
  }
  return files
}

const rstFile = /\.rst$/i

/**
 * A reStructuredText article as Pelican's `RstReader` reads its metadata: the document title (a
 * line under, or between, a line of one punctuation character), then the docinfo field list
 * (`:date: 2012-12-03`, `:tags: a, b`, values continued on indented lines). Returned as `Key:
 * value` header lines, a blank line, and the rest of the text as it is; the body is then read
 * as markdown (its reStructuredText markup is not rendered).
 */
export function rstAsHeaders(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  let at = 0
  const skip = () => {
    while (at < lines.length && ((lines[at] as string).trim() === '' || /^\.\.(\s|$)/.test(lines[at] as string))) at++
  }
  skip()
  const adornment = (line: string | undefined) => line !== undefined && /^([!-/:-@[-`{-~])\1{2,}\s*$/.test(line)
  let title: string | null = null
  if (adornment(lines[at]) && lines[at + 1]?.trim() && adornment(lines[at + 2])) {
    title = (lines[at + 1] as string).trim()
    at += 3
  } else if (
    lines[at]?.trim() &&
    adornment(lines[at + 1]) &&
    (lines[at + 1] as string).trim().length >= (lines[at] as string).trim().length
  ) {
    title = (lines[at] as string).trim()
    at += 2
  }
  skip()
  const fields: string[] = []
  while (at < lines.length) {
    const field = /^:([^:\s][^:]*):(?:\s+(.*))?$/.exec(lines[at] as string)
    if (!field) break
    let value = (field[2] ?? '').trim()
    at++
    while (at < lines.length && /^\s+\S/.test(lines[at] as string)) value += ` ${(lines[at++] as string).trim()}`
    fields.push(`${field[1]}: ${value}`)
  }
  // A `:title:` field wins over the document title, as docinfo does in Pelican.
  const ownTitle = fields.some((line) => /^title:/i.test(line))
  const header = [...(title === null || ownTitle ? [] : [`Title: ${title}`]), ...fields]
  if (header.length === 0) return intraSiteLinks(text)
  return `${header.join('\n')}\n\n${intraSiteLinks(lines.slice(at).join('\n'))}`
}

/** Pelican's intra-site targets (`{static}x`, `|filename|x`…) in reStructuredText. */
const intraSite = String.raw`(?:\{|\|)(?:static|attach|filename)(?:\}|\|)[^\s<>\`]+`

/**
 * reStructuredText's images, figures and hyperlinks to Pelican's intra-site targets as markdown
 * (`.. image:: {static}/x.png` → `![]({static}/x.png)`, `` `PDF <{static}/x.pdf>`_ `` →
 * `[PDF]({static}/x.pdf)`), so that the files they copy are served and the links checked.
 */
function intraSiteLinks(body: string): string {
  return body
    .replace(
      new RegExp(String.raw`^([ \t]*)\.\.[ \t]+(?:\|[^|\n]+\|[ \t]+)?(?:image|figure)::[ \t]+(${intraSite})[ \t]*$`, 'gm'),
      '$1![]($2)'
    )
    .replace(new RegExp(String.raw`\`([^\`<]*?)[ \t]*<(${intraSite})>\`__?`, 'g'), '[$1]($2)')
}

/** The settings as read once per config, in its scratch. */
class PelicanSettings {
  constructor(readonly settings: Settings) {}
}

function settingsOf(config: ResolvedConfig): Settings {
  const kept = config.scratch.get('pelican')
  if (kept instanceof PelicanSettings) return kept.settings
  const data = config.settings
  const merged: Record<string, unknown> = {...defaults}
  // `None` is a value here: `FEED_ALL_ATOM = None` turns that feed off.
  for (const [key, value] of Object.entries(data)) if (key in defaults && value !== undefined) merged[key] = value
  // A URL or file pattern set to `False` is off, as `''` is (Pelican tests them for truth); any
  // other value that is not a string leaves the default.
  for (const [key, value] of Object.entries(defaults)) {
    if (typeof value !== 'string' || typeof merged[key] === 'string' || merged[key] === null) continue
    merged[key] = merged[key] === false ? '' : value
  }
  for (const key of ['PAGE_PATHS', 'ARTICLE_PATHS', 'ARTICLE_EXCLUDES', 'STATIC_PATHS', 'DIRECT_TEMPLATES', 'IGNORE_FILES'] as const)
    merged[key] = stringList(merged[key])
  if (typeof merged.DEFAULT_PAGINATION !== 'number' || merged.DEFAULT_PAGINATION < 1) merged.DEFAULT_PAGINATION = false
  if (!record(merged.EXTRA_PATH_METADATA)) merged.EXTRA_PATH_METADATA = {}
  if (typeof merged.DEFAULT_ORPHANS !== 'number' || merged.DEFAULT_ORPHANS < 0) merged.DEFAULT_ORPHANS = 0
  if (!record(merged.PAGINATED_TEMPLATES)) merged.PAGINATED_TEMPLATES = defaults.PAGINATED_TEMPLATES
  if (!Array.isArray(merged.PAGINATION_PATTERNS)) merged.PAGINATION_PATTERNS = defaults.PAGINATION_PATTERNS
  merged.PAGINATION_PATTERNS = (merged.PAGINATION_PATTERNS as unknown[]).filter(
    (rule): rule is unknown[] => Array.isArray(rule) && rule.length === 3
  )
  // `in_default_lang` compares with `DEFAULT_LANG` lowercased, which is also a content's own `lang` when it has none.
  if (typeof merged.DEFAULT_LANG === 'string') merged.DEFAULT_LANG = merged.DEFAULT_LANG.toLowerCase()
  // The deprecated `%s` of feed patterns is `{lang}` or `{slug}` (settings.py `_printf_s_to_format_field`).
  for (const key of ['TRANSLATION_FEED_ATOM', 'TRANSLATION_FEED_RSS'])
    if (typeof merged[key] === 'string') merged[key] = (merged[key] as string).replace('%s', '{lang}')
  for (const key of ['AUTHOR_FEED_ATOM', 'AUTHOR_FEED_RSS', 'CATEGORY_FEED_ATOM', 'CATEGORY_FEED_RSS', 'TAG_FEED_ATOM', 'TAG_FEED_RSS'])
    if (typeof merged[key] === 'string') merged[key] = (merged[key] as string).replace('%s', '{slug}')
  // Without `PATH`, the folder `pelican content` is run on, as pelican-quickstart's Makefile does.
  const path = typeof data.PATH === 'string' ? data.PATH.replace(/^\.?\/+|\/+$/g, '') : 'content'
  const found = {...(merged as typeof defaults), path: path === '.' ? '' : path}
  config.scratch.set('pelican', new PelicanSettings(found))
  return found
}

/** Metadata with lowercased keys, as Pelican's readers give it (`Title:` is `title`). */
function meta(data: Readonly<Record<string, unknown>>): Map<string, unknown> {
  return lowerKeys(data)
}

/**
 * `ensure_metadata_list`: a list, or a string split on `;` when it has one, else on `,`; items
 * trimmed, empty ones dropped, and a repeated item dropped after its first (`OrderedDict.fromkeys`).
 */
function metadataList(value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(value.includes(';') ? ';' : ',') : Array.isArray(value) ? value.map(scalarText) : []
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))]
}

/**
 * A content's language: its `lang`, else `DEFAULT_LANG` lowercased, as Pelican compares them
 * (`Content.in_default_lang`: `lang == DEFAULT_LANG.lower()`, so `Lang: zh_CN` in a `zh_CN`
 * site is another language).
 */
function langOf(fields: ReadonlyMap<string, unknown>, settings: Settings): string {
  const written = fields.get('lang')
  return typeof written === 'string' && written.trim() !== '' ? written.trim() : settings.DEFAULT_LANG
}

/**
 * The originals among published articles (`process_translations` by slug, utils.py 4.8): in each
 * group of one slug, those not marked `Translation: true` (all of them when every one is), of
 * them those in the default language, else all of them.
 */
function originalsOf<T extends {path: string; data: Readonly<Record<string, unknown>>}>(posts: readonly T[], settings: Settings): T[] {
  const groups = new Map<string, T[]>()
  for (const post of posts) {
    const fields = fieldsOf(post.data, post.path, settings)
    const title = fields.get('title')
    const slug = slugOf(fields, typeof title === 'string' ? title.trim() : null, post.path, settings)
    const group = groups.get(slug)
    if (group) group.push(post)
    else groups.set(slug, [post])
  }
  const originals: T[] = []
  for (const items of groups.values()) {
    if (items.length === 1) {
      originals.push(...items)
      continue
    }
    const untranslated = items.filter(
      (post) => scalarText(fieldsOf(post.data, post.path, settings).get('translation') ?? 'false').toLowerCase() === 'false'
    )
    const candidates = untranslated.length > 0 ? untranslated : items
    const main = candidates.filter((post) => langOf(fieldsOf(post.data, post.path, settings), settings) === settings.DEFAULT_LANG)
    originals.push(...(main.length > 0 ? main : candidates))
  }
  return originals
}

/** The article's authors (`author`, `authors`), else the `AUTHOR` setting. */
function authorsOf(fields: ReadonlyMap<string, unknown>, settings: Settings): string[] {
  const written = metadataList(fields.get('authors') ?? fields.get('author'))
  if (written.length > 0) return written
  return typeof settings.AUTHOR === 'string' && settings.AUTHOR !== '' ? [settings.AUTHOR] : []
}

/** A content file named in a link: from the content root when it starts with `/`, else beside the article. */
function contentPath(target: string, from: string, settings: Settings): string {
  const base = target.startsWith('/') ? settings.path : folderOf(from)
  const parts: string[] = base === '' ? [] : base.split('/')
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  return parts.join('/')
}

/** The category: the header's, else one from the path (`FILENAME_METADATA`, the folder…), else `DEFAULT_CATEGORY`. */
function categoryOf(fields: ReadonlyMap<string, unknown>): string {
  const category = fields.get('category')
  return typeof category === 'string' ? category : ''
}

function slugOf(fields: ReadonlyMap<string, unknown>, title: string | null, path: string, settings: Settings): string {
  const slug = fields.get('slug')
  if (typeof slug === 'string' && slug.trim() !== '') return slug.trim()
  if (settings.SLUGIFY_SOURCE === 'basename') return slugify(baseName(path))
  return slugify(title ?? '')
}

/**
 * An instant as this machine's wall clock, `2020-01-05 10:20:30.124`, as Python's naive
 * `datetime.fromtimestamp` gives it (to the µs there; here to the nearest ms, as instants are kept).
 */
function localWallClock(ms: number): string {
  const when = new Date(Math.round(ms))
  const two = (value: number) => String(value).padStart(2, '0')
  return `${String(when.getFullYear()).padStart(4, '0')}-${two(when.getMonth() + 1)}-${two(when.getDate())} ${two(when.getHours())}:${two(when.getMinutes())}:${two(when.getSeconds())}.${String(when.getMilliseconds()).padStart(3, '0')}`
}

/** Metadata as Pelican gathers it (readers.py `read_file`), cached per front matter. */
const gathered = new WeakMap<object, {path: string; settings: Settings; fields: Map<string, unknown>}>()

/**
 * A content's metadata as Pelican gathers it (readers.py 4.8 `read_file`), each source over the
 * one before: `DEFAULT_CATEGORY` and a `DEFAULT_DATE` other than `'fs'`; `EXTRA_PATH_METADATA` of
 * the file and of its folders; then from the path, the first to give a key winning:
 * `FILENAME_METADATA` on the file's name without extension (by default a leading `2020-01-05`
 * is the date), `PATH_METADATA` on its path in the content folder, the folder's name as
 * category (`USE_FOLDER_AS_CATEGORY`); then the file's own header (an empty category aside).
 */
function fieldsOf(data: Readonly<Record<string, unknown>>, path: string, settings: Settings): Map<string, unknown> {
  const kept = gathered.get(data)
  if (kept && kept.path === path && kept.settings === settings) return kept.fields
  const inside = settings.path === '' ? path : path.slice(settings.path.length + 1)
  const fields = new Map<string, unknown>([['category', settings.DEFAULT_CATEGORY]])
  const date = settings.DEFAULT_DATE
  if (typeof date === 'string' && date !== '' && date !== 'fs') fields.set('date', date)
  else if (Array.isArray(date) && date.length >= 3 && date.every((part) => typeof part === 'number')) {
    const [year, month, day, hour = 0, minute = 0, second = 0] = date as number[]
    const two = (value: number) => String(value).padStart(2, '0')
    fields.set(
      'date',
      `${String(year).padStart(4, '0')}-${two(month as number)}-${two(day as number)} ${two(hour)}:${two(minute)}:${two(second)}`
    )
  }
  for (const key of Object.keys(settings.EXTRA_PATH_METADATA).sort()) {
    const folder = `${key.replace(/\/+$/, '')}/`
    if (inside !== key && !inside.startsWith(folder)) continue
    for (const [name, value] of Object.entries(record(settings.EXTRA_PATH_METADATA[key]) ?? {})) fields.set(name, value)
  }
  const parsed = new Map<string, string>()
  const folder = folderOf(inside).split('/').pop() ?? ''
  const checks: Array<[string | null, string]> = [
    [settings.FILENAME_METADATA, baseName(inside)],
    [settings.PATH_METADATA, inside]
  ]
  if (settings.USE_FOLDER_AS_CATEGORY) checks.push(['(?P<category>.*)', folder])
  for (const [pattern, text] of checks) {
    if (!pattern || !text) continue
    const groups = pythonRegExp(pattern)?.exec(text)?.groups ?? {}
    for (const [name, value] of Object.entries(groups)) {
      if (value !== undefined && !parsed.has(name.toLowerCase())) parsed.set(name.toLowerCase(), value)
    }
  }
  for (const [name, value] of parsed) fields.set(name, value)
  for (const [name, value] of meta(data)) {
    if (name === 'category' && (typeof value !== 'string' || value.trim() === '')) continue
    fields.set(name, name === 'category' ? (value as string).trim() : value)
  }
  gathered.set(data, {path, settings, fields})
  return fields
}

/** A Python `re.match` pattern as a JavaScript one, anchored at the start (`(?P<name>…)` as `(?<name>…)`); null when it does not compile. */
function pythonRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>')})`)
  } catch {
    return null
  }
}

/**
 * Heading ids as Python-Markdown's `toc` extension gives them (markdown/extensions/toc.py 3.4):
 * its `slugify` (ASCII by NFKD, `[^\w\s-]` dropped, trimmed, lowercased, runs of `-` and spaces
 * one `-`), an id taken before made unique with `_1`, `_2`… (an empty one too); a heading's own
 * `{#id}` (`attr_list`) is kept and taken.
 */
export function tocIds(texts: readonly string[]): string[] {
  const taken = new Set<string>()
  return texts.map((text) => {
    const own = /\{[^}]*#([^\s}.]+)[^}]*\}\s*$/.exec(text)
    if (own) {
      taken.add(own[1] as string)
      return own[1] as string
    }
    let id = text
      .replace(/\{:?[^{}]*\}\s*$/, '')
      .normalize('NFKD')
      .replace(/[^\p{ASCII}]/gu, '')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[-\s]+/g, '-')
    while (taken.has(id) || id === '') {
      const numbered = /^(.*)_([0-9]+)$/.exec(id)
      id = numbered ? `${numbered[1]}_${Number(numbered[2]) + 1}` : `${id}_1`
    }
    taken.add(id)
    return id
  })
}

/** `pelican.utils.slugify` with the default substitutions: ASCII, lowercased, `[^\w\s-]` dropped, runs of `-` and spaces one `-`. */
export function slugify(value: string): string {
  return transliterate(value)
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[-\s]+/g, '-')
    .toLowerCase()
}

/** Each `fnmatch` pattern compiled once (a site's every file and folder name is tried against them). */
const fnmatchCache = new Map<string, RegExp>()

/** Python's `fnmatch.fnmatch` on POSIX (case-sensitive): `*`, `?`, `[seq]`, `[!seq]`. */
function fnmatch(name: string, pattern: string): boolean {
  let compiled = fnmatchCache.get(pattern)
  if (!compiled) {
    compiled = fnmatchPattern(pattern)
    if (fnmatchCache.size > 256) fnmatchCache.clear()
    fnmatchCache.set(pattern, compiled)
  }
  return compiled.test(name)
}

function fnmatchPattern(pattern: string): RegExp {
  let source = ''
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at] as string
    if (char === '*') source += '[\\s\\S]*'
    else if (char === '?') source += '[\\s\\S]'
    else if (char === '[') {
      let end = at + 1
      if (pattern[end] === '!') end++
      if (pattern[end] === ']') end++
      while (end < pattern.length && pattern[end] !== ']') end++
      if (end >= pattern.length) {
        source += '\\['
        continue
      }
      const body = pattern.slice(at + 1, end).replace(/\\/g, '\\\\')
      source += body.startsWith('!') ? `[^${body.slice(1)}]` : /^[\^[]/.test(body) ? `[\\${body}]` : `[${body}]`
      at = end
    } else source += char.replace(/[.+?^${}()|[\]\\/*]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
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
 * `pelicanconf.py` as text, never run: each top-level `NAME = value` is read when the value is a
 * literal (strings, numbers, `True`/`False`/`None`, and lists, tuples and dicts of those, over
 * several lines too), a name assigned before at the top level, or a sum of those (`ARTICLE_URL +
 * 'index.html'`, `'{lang}/' + PAGE_URL`); chained (`A = B = 'x'`) and annotated (`A: str = 'x'`)
 * assignments too. Anything else (a call, another expression) is left to the `settings` option.
 */
export function readPelicanConfig(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  // Every top-level name read, lowercase ones too (`url = 'posts/{slug}/'`), for later references.
  const scope = new Map<string, unknown>()
  // `NAME = value`, or annotated: `NAME: list[str] = value`.
  for (const match of text.matchAll(/^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?![=])/gm)) {
    const reader = new PythonLiteral(text, (match.index ?? 0) + match[0].length, scope)
    const names = [match[1] as string, ...reader.chainedNames()]
    let value = reader.statement()
    if (value === undefined) continue
    if (!reader.endOfStatement()) {
      // `'a' if [not] NAME else 'b'` on a NAME read before as True or False.
      value = reader.conditional(value)
      if (value === undefined || !reader.endOfStatement()) continue
    }
    for (const name of names) {
      scope.set(name, value)
      if (/^[A-Z][A-Z0-9_]*$/.test(name)) result[name] = value
    }
  }
  return result
}

/** A reader of one Python literal; `undefined` for anything that is not one. */
class PythonLiteral {
  constructor(
    private readonly text: string,
    private at: number,
    private readonly known: ReadonlyMap<string, unknown> = new Map()
  ) {}

  /**
   * The further names of a chained assignment (`B` and `C` of `A = B = C = 'x'`), a name in
   * brackets too, over lines (`A = (\n    B\n) = None`, as Black writes a long one).
   */
  chainedNames(): string[] {
    const names: string[] = []
    const pattern = /(?:([A-Za-z_]\w*)|\(\s*([A-Za-z_]\w*)\s*\))[ \t]*=(?!=)[ \t]*/y
    for (;;) {
      pattern.lastIndex = this.at
      const found = pattern.exec(this.text)
      if (!found) return names
      names.push((found[1] ?? found[2]) as string)
      this.at = pattern.lastIndex
    }
  }

  /** The rest of a conditional expression after its first value, chosen by a flag already read; `undefined` otherwise. */
  conditional(first: unknown): unknown {
    const pattern = /[ \t]*if[ \t]+(not[ \t]+)?([A-Za-z_]\w*)[ \t]+else(?=[ \t[('"{\d-])/y
    pattern.lastIndex = this.at
    const found = pattern.exec(this.text)
    if (!found) return undefined
    this.at = pattern.lastIndex
    const second = this.sum()
    const flag = this.known.get(found[2] as string)
    if (second === undefined || typeof flag !== 'boolean') return undefined
    return flag !== Boolean(found[1]) ? first : second
  }

  endOfStatement(): boolean {
    this.space(false)
    return this.at >= this.text.length || this.text[this.at] === '\n' || this.text[this.at] === '#' || this.text[this.at] === ';'
  }

  /** A statement's value: one literal, or a tuple without brackets (`STATIC_PATHS = 'images', 'static'`). */
  statement(): unknown {
    const first = this.sum()
    if (first === undefined) return undefined
    this.space(false)
    if (this.text[this.at] !== ',') return first
    const items = [first]
    while (this.text[this.at] === ',') {
      this.at++
      this.space(false)
      if (this.endOfStatement()) break
      const item = this.sum()
      if (item === undefined) return undefined
      items.push(item)
      this.space(false)
    }
    return items
  }

  /**
   * Values joined with `+`: strings to a string, lists or tuples to one list; a name stands for
   * its top-level value read before. `undefined` for anything else (`'a' + 1`, an unknown name).
   */
  sum(depth = 0, inside = false): unknown {
    let total = this.operand(depth, inside)
    for (;;) {
      if (total === undefined) return undefined
      const before = this.at
      this.space(inside)
      if (this.text[this.at] !== '+') {
        this.at = before
        return total
      }
      this.at++
      const next = this.operand(depth, inside)
      if (typeof total === 'string' && typeof next === 'string') total = total + next
      else if (Array.isArray(total) && Array.isArray(next)) total = [...total, ...next]
      else return undefined
    }
  }

  private operand(depth: number, inside: boolean): unknown {
    this.space(inside)
    const name = /([A-Za-z_]\w*)(?![\w.(['"])/y
    name.lastIndex = this.at
    const found = name.exec(this.text)
    if (found && !['True', 'False', 'None', 'if', 'else', 'not', 'and', 'or'].includes(found[1] as string)) {
      if (!this.known.has(found[1] as string)) return undefined
      this.at = name.lastIndex
      return this.known.get(found[1] as string)
    }
    return this.value(depth, inside)
  }

  /** Whitespace and comments; newlines too inside brackets. */
  private space(newlines: boolean): void {
    const pattern = newlines ? /(?:\s|#[^\n]*)*/y : /(?:[ \t]|\\\n)*/y
    pattern.lastIndex = this.at
    pattern.exec(this.text)
    this.at = pattern.lastIndex
  }

  value(depth = 0, inside = false): unknown {
    if (depth > 20) return undefined
    this.space(inside)
    const rest = this.text.slice(this.at, this.at + 6)
    const char = this.text[this.at]
    // Strings, one after the other joined (`'a' 'b'`), with a `u`, `r` or `f` prefix too.
    const prefix = /([uUrRfF]|[fF][rR]|[rR][fF])?(?=["'])/y
    prefix.lastIndex = this.at
    if (prefix.exec(this.text)) {
      let out = ''
      for (;;) {
        prefix.lastIndex = this.at
        const found = prefix.exec(this.text)
        if (!found) break
        const flags = (found[1] ?? '').toLowerCase()
        this.at = prefix.lastIndex
        const part = this.string(flags.includes('r'))
        if (part === undefined) return undefined
        const text = flags.includes('f') ? this.interpolate(part) : part
        if (text === undefined) return undefined
        out += text
        this.space(inside)
      }
      return out
    }
    if (char === '[' || char === '(') return this.sequence(char === '[' ? ']' : ')', depth)
    if (char === '{') return this.mapping(depth)
    for (const [word, value] of [
      ['True', true],
      ['False', false],
      ['None', null]
    ] as const) {
      if (rest.startsWith(word) && !/[\w]/.test(this.text[this.at + word.length] ?? '')) {
        this.at += word.length
        return value
      }
    }
    const number = /-?\d+(?:\.\d+)?(?![\w.])/y
    number.lastIndex = this.at
    const found = number.exec(this.text)
    if (found) {
      this.at = number.lastIndex
      return Number(found[0])
    }
    return undefined
  }

  /** An f-string's `{NAME}` fields, each a top-level string or number read before; `undefined` for any other field. */
  private interpolate(text: string): string | undefined {
    let failed = false
    const out = text.replace(/\{\{|\}\}|\{([A-Za-z_]\w*)\}|\{[^}]*\}?/g, (whole, name: string | undefined) => {
      if (whole === '{{') return '{'
      if (whole === '}}') return '}'
      const value = name === undefined ? undefined : this.known.get(name)
      if (typeof value === 'string' || typeof value === 'number') return String(value)
      failed = true
      return whole
    })
    return failed ? undefined : out
  }

  /** A string literal's text: Python's escapes read (`\\n`, `\\'`…; an unknown one kept as written), none in a raw one. */
  private string(raw = false): string | undefined {
    const quote = this.text[this.at] as string
    const triple = this.text.startsWith(quote.repeat(3), this.at)
    const close = triple ? quote.repeat(3) : quote
    let at = this.at + close.length
    let out = ''
    const escapes: Record<string, string> = {n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': ''}
    while (at < this.text.length && !this.text.startsWith(close, at)) {
      const char = this.text[at] as string
      if (char === '\\') {
        const next = this.text[at + 1] ?? ''
        out += raw ? `\\${next}` : (escapes[next] ?? `\\${next}`)
        at += 2
        continue
      }
      if (char === '\n' && !triple) return undefined
      out += char
      at++
    }
    if (at >= this.text.length) return undefined
    this.at = at + close.length
    return out
  }

  private sequence(close: string, depth: number): unknown[] | undefined {
    this.at++
    const items: unknown[] = []
    for (;;) {
      this.space(true)
      if (this.text[this.at] === close) {
        this.at++
        return items
      }
      const item = this.sum(depth + 1, true)
      if (item === undefined) return undefined
      items.push(item)
      this.space(true)
      if (this.text[this.at] === ',') this.at++
      else if (this.text[this.at] !== close) return undefined
    }
  }

  private mapping(depth: number): Record<string, unknown> | undefined {
    this.at++
    const entries: Record<string, unknown> = {}
    for (;;) {
      this.space(true)
      if (this.text[this.at] === '}') {
        this.at++
        return entries
      }
      const key = this.value(depth + 1, true)
      this.space(true)
      if ((typeof key !== 'string' && typeof key !== 'number') || this.text[this.at] !== ':') return undefined
      this.at++
      const value = this.sum(depth + 1, true)
      if (value === undefined) return undefined
      entries[String(key)] = value
      this.space(true)
      if (this.text[this.at] === ',') this.at++
      else if (this.text[this.at] !== '}') return undefined
    }
  }
}
