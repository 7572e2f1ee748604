/**
 * Jekyll 4.3, from its source (lib/jekyll): which files are posts, pages, collection documents
 * and static files (`reader.rb`, `entry_filter.rb`, `collection.rb`), dates (`document.rb`:
 * front matter `date`, else the file name's, read with SafeYAML then `Time.parse` in the site's
 * `timezone`), publishing (`publisher.rb`), URLs (`url.rb`, `drops/url_drop.rb`, `page.rb`,
 * `utils.rb` `slugify`/`add_permalink_suffix`), and what jekyll-feed, jekyll-sitemap and
 * jekyll-redirect-from add to the output.
 */
import {dateFromFileName, parseDate} from '../dates.js'
import {deepMerge, defaultsFor} from '../site/defaults.js'
import {instantOf, isTimeZone} from '../site/time.js'
import type {PostDate} from '../types.js'
import {
  baseName,
  configBoolean,
  configString,
  configUrl,
  dateValues,
  extensionOf,
  fill,
  folderOf,
  lenientYaml,
  markdownFile,
  partsAt,
  record,
  scalarText,
  stringList,
  writtenParts
} from './shared.js'
import type {
  ConfigProblem,
  Exclusion,
  GeneratorModule,
  LinkTag,
  PageData,
  PostContext,
  ReadConfig,
  ResolvedConfig,
  ServedPost
} from './types.js'

const styles: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext'
}

/** `Configuration::DEFAULTS["exclude"]` and the excludes Jekyll 4 always adds. */
const defaultExcludes = [
  '.sass-cache',
  '.jekyll-cache',
  'gemfiles',
  'Gemfile',
  'Gemfile.lock',
  'node_modules',
  'vendor/bundle/',
  'vendor/cache/',
  'vendor/gems/',
  'vendor/ruby/'
]

/** `Document::DATE_FILENAME_MATCHER`. */
const datedName = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$/

const htmlExtensions = new Set(['.html', '.xhtml', '.htm'])

/** Whether a YAML scalar is a timestamp for SafeYAML (seconds required), which is UTC when zone-less. */
const yamlTimestamp = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?\s*(?:Z|[-+]\d{1,2}(?::?\d\d)?)?$/

export const jekyll: GeneratorModule = {
  name: 'jekyll',
  configFiles: ['_config.yml', '_config.yaml', '_config.toml'],
  // A post's page is written away from its source (`_posts/` is not copied): `../images/x.png` is the page's URL's.
  filesBesideSource: false,

  detect: (files) => files.some((file) => /^_config\.(ya?ml|toml)$/.test(file) || /(^|\/)_posts\//.test(file)),

  readConfig(data, problems) {
    const author = data.author
    const result: ReadConfig = {
      url: configUrl(configString(data, 'url', problems), 'url', problems),
      baseurl: configString(data, 'baseurl', problems),
      permalink: configString(data, 'permalink', problems),
      timezone: zone(configString(data, 'timezone', problems), problems),
      future: configBoolean(data, 'future', problems),
      drafts: configBoolean(data, 'show_drafts', problems),
      title: configString(data, 'title', problems),
      description: configString(data, 'description', problems),
      author: typeof author === 'string' ? author : typeof record(author)?.name === 'string' ? (record(author)?.name as string) : undefined,
      excerptSeparator: configString(data, 'excerpt_separator', problems)
    }
    if (Array.isArray(data.defaults)) {
      result.defaults = data.defaults.filter(
        (entry) => record(entry) && record((entry as {values?: unknown}).values)
      ) as ReadConfig['defaults']
    } else if (data.defaults !== undefined && data.defaults !== null) {
      problems.push({key: 'defaults', message: 'Unexpected `defaults` that is not a list, expected a list of `{scope, values}`'})
    }
    if (data.collections !== undefined && data.collections !== null && !Array.isArray(data.collections) && !record(data.collections)) {
      problems.push({key: 'collections', message: 'Unexpected `collections` that is neither a mapping nor a list'})
    }
    return result
  },

  // Jekyll builds a post whose YAML does not parse (it logs the error unless `strict_front_matter`),
  // and Psych takes the last of a repeated key: the post stays, with its diagnostics.
  // kramdown: auto ids on headings, and attribute lists (`{: #note}`, `{#id}`) on any block.
  ids: () => ({headings: true, attributeLists: true}),
  // kramdown (and its GFM parser) links no bare URL.
  literalUrl: () => null,

  postOptions: (config) => (config.settings.strict_front_matter === true ? {} : {strict: false}),

  classify(file, config) {
    const settings = settingsOf(config)
    const parts = file.split('/')
    const posts = parts.indexOf('_posts')
    const drafts = parts[0] === '_drafts'
    if (posts !== -1 || drafts) {
      // Folders above `_posts` are read as any folder is (not excluded, no leading `_` or `.`).
      if (parts.slice(0, posts === -1 ? 0 : posts).some((part, at) => filtered(part, parts.slice(0, at + 1).join('/'), settings))) {
        return {kind: 'none'}
      }
      const inside = parts.slice((posts === -1 ? 0 : posts) + 1)
      if (inside.some((part) => special(part))) return {kind: 'none'}
      if (drafts) return config.drafts && /\.[^./]+$/.test(file) ? {kind: 'post'} : {kind: 'none'}
      return datedName.test(inside.join('/')) ? {kind: 'post'} : {kind: 'none'}
    }
    const collection = collectionOf(file, settings)
    if (collection) return collection.output ? {kind: 'page'} : {kind: 'none'}
    for (let at = 0; at < parts.length; at++) {
      if (filtered(parts[at] as string, parts.slice(0, at + 1).join('/'), settings)) return {kind: 'none'}
    }
    return {kind: 'page'}
  },

  pageUrls(file, written, config) {
    const settings = settingsOf(config)
    const collection = collectionOf(file, settings)
    const page = withDefaults(file, written, collection, config)
    // `Publisher#can_be_published?` (pages: `data.fetch("published", true)`, so an empty value
    // too, and not a default: `fetch` skips the default proc) and `Document#published?`
    // (collection documents: only `false`, defaults merged); `unpublished: true` builds them.
    const published = (collection ? page : written).metadata.published
    if (page.hasFrontmatter && config.settings.unpublished !== true && 'published' in (collection ? page : written).metadata) {
      if (published === false || (!collection && (published === null || published === undefined))) return []
    }
    if (collection) {
      const relative = file.slice(collection.prefix.length)
      const collectionTemplate = collection.permalink || withSuffix('/:collection/:path', config.permalink)
      if (!page.hasFrontmatter) return [staticUrl(relative, collection, collectionTemplate)]
      const template = (typeof page.metadata.permalink === 'string' && page.metadata.permalink) || collectionTemplate
      const output = outputExtension(file, settings)
      // `Document#populate_title`: a dated file name gives the slug without its date, and the date
      // when the data (front matter over defaults) has none.
      const dated = datedName.exec(file.slice(collection.prefix.length - collection.dir.length - 1))
      const slug = stringOr(page.metadata.slug) ?? (dated ? (dated[2] as string) : baseName(file)).replace(/\.+$/, '')
      const date = documentDate(page.metadata, dated) ?? page.date
      const categories = [...words(page.metadata.categories), ...words(page.metadata.category, false)]
      const values: Record<string, string> = {
        collection: collection.name,
        path: relative.replace(/\.[^./]*$/, ''),
        name: slugify(baseName(file), 'default', false),
        title: slugify(slug, 'pretty', true),
        slug: slugify(slug, 'default', false),
        output_ext: output,
        categories: [...new Set(categories.map((category) => category.toLowerCase()))].join('/'),
        slugified_categories: [...new Set(categories.map((category) => slugify(category, 'default', false)))].join('/'),
        ...(date ? dateValues(partsAt(jekyllInstant(date, config.timezone), config.timezone)) : {})
      }
      return [destinationUrl(sanitize(generate(template, values)), output), ...redirects(page.metadata, settings)]
    }
    // jekyll-optional-front-matter: a markdown file without front matter is a page too (not README, LICENSE…).
    const optional =
      settings.plugins.has('jekyll-optional-front-matter') &&
      config.settings.require_front_matter !== true &&
      markdownFile.test(file) &&
      !/^(README|LICENSE|LICENCE|COPYING|CODE_OF_CONDUCT|CONTRIBUTING|ISSUE_TEMPLATE|PULL_REQUEST_TEMPLATE)$/i.test(baseName(file))
    // jekyll-readme-index: a folder's README is its index when it has none.
    // Both plugins leave the file itself copied too (asked of Jekyll 4.3.1).
    if (
      settings.plugins.has('jekyll-readme-index') &&
      /^readme$/i.test(baseName(file)) &&
      markdownFile.test(file) &&
      !page.hasFrontmatter
    ) {
      return [`/${folderOf(file)}/`.replace(/^\/\//, '/'), `/${file}`]
    }
    if (!page.hasFrontmatter && !optional) return [`/${file}`]
    const output = outputExtension(file, settings)
    const base = baseName(file)
    const folder = folderOf(file)
    const permalink = typeof page.metadata.permalink === 'string' ? page.metadata.permalink : null
    const template = permalink
      ? permalink
      : !htmlExtensions.has(output)
        ? '/:path/:basename:output_ext'
        : base === 'index'
          ? '/:path/'
          : withSuffix('/:path/:basename', config.permalink)
    const url = destinationUrl(sanitize(generate(template, {path: folder, basename: base, output_ext: output})), output)
    return [
      url,
      ...sourceMap(file, url, page.hasFrontmatter, settings),
      ...(page.hasFrontmatter ? [] : [`/${file}`]),
      ...redirects(page.metadata, settings)
    ]
  },

  date({data, path}) {
    return documentDate(data, datedName.exec(path.slice(path.lastIndexOf('_posts/') + 7)))
  },

  instant(date, {config, post}) {
    if (!date) return null
    // A quoted value is a string to SafeYAML: `Time.parse`d in the site's zone like a date.
    const quoted = post.frontmatter.format === 'yaml' && /^date[ \t]*:[ \t]*["']/m.test(post.frontmatter.raw)
    return jekyllInstant(date, config.timezone, quoted)
  },

  exclusion({data, path, config}, instant, now): Exclusion {
    const published = data.published
    if ('published' in data && (published === false || published === null)) return 'unpublished'
    if (path.startsWith('_drafts/') && !config.drafts) return 'drafts'
    if (instant !== null && instant > now && !config.future) return 'future'
    return null
  },

  categories({data, path}) {
    const folders = path.split('/')
    const at = folders.indexOf('_posts')
    const above = at > 0 ? folders.slice(0, at) : []
    const written = [...words(data.categories), ...words(data.category, false)]
    return [...new Set([...above, ...written])]
  },

  frontmatter(post, written) {
    // `Document#read_content` rescues a YAML error and goes on with no front matter; Psych takes
    // the last of a repeated key, which mdpost's recovery does too.
    const broken = post.diagnostics.some(
      (diagnostic) =>
        diagnostic.ruleId === 'frontmatter-yaml' && diagnostic.severity === 'error' && !diagnostic.message.includes('DUPLICATE_KEY')
    )
    // Psych (libyaml) reads some YAML that YAML 1.2 refuses (a quoted value continued at column 0).
    if (!broken) return written
    return (post.frontmatter.format === 'yaml' ? lenientYaml(post.frontmatter.raw) : null) ?? {}
  },

  title({post, data, path}) {
    // `Document#populate_title`: the slug of the file name, titleized, when the front matter has none.
    if (scalarText(data.title) !== '') return scalarText(data.title)
    if (data.title !== undefined && data.title !== null && data.title !== '') return post.title
    if (!path.includes('_posts/') && !path.startsWith('_drafts/')) return post.title
    const match = datedName.exec(path.slice(path.lastIndexOf('/') + 1))
    const slug = match ? (match[2] as string) : baseName(path)
    return slug
      .split('-')
      .map((word) => (word === '' ? '' : (word[0] as string).toUpperCase() + word.slice(1).toLowerCase()))
      .join(' ')
  },

  tags({data}) {
    return tagsOf(data)
  },

  permalink({data, path, config}, date, instant, categories) {
    const settings = settingsOf(config)
    const own = data.permalink
    const template =
      typeof own === 'string' && own !== ''
        ? own
        : (settings.postsPermalink ??
          styles[typeof config.permalink === 'string' ? config.permalink : 'date'] ??
          scalarText(config.permalink))
    const name = path.split('/').pop() as string
    const match = datedName.exec(name)
    const fileSlug = match ? (match[2] as string) : baseName(name)
    const slug = stringOr(data.slug) ?? fileSlug
    const output = outputExtension(path, settings)
    const parts = date && instant !== null ? (calendarParts(date, instant, config.timezone) ?? null) : null
    const values: Record<string, string> = {
      collection: 'posts',
      path: path.slice(path.indexOf('_posts/') + 7).replace(/\.[^./]*$/, ''),
      name: slugify(baseName(name), 'default', false),
      title: slugify(slug, 'pretty', true),
      slug: slugify(slug, 'default', false),
      categories: categories.map((category) => category.toLowerCase()).join('/'),
      slugified_categories: categories.map((category) => slugify(category, 'default', false)).join('/'),
      output_ext: output,
      ...(parts ? dateValues(parts) : {})
    }
    return sanitize(generate(template, values))
  },

  linkUrl(url, {config}) {
    // Liquid left in a raw-HTML attribute (`<img src="{{ site.baseurl }}/a.png">`; a markdown
    // destination's tags are expanded before parsing): Jekyll renders it before the markdown.
    if (!url.includes('{{')) return null
    let known = true
    const expanded = url.replace(/\{\{-?\s*([^{}]*?)\s*-?\}\}/g, (whole, expression: string) => {
      const value = liquidUrl(expression, config)
      if (value === null) known = false
      return value ?? whole
    })
    if (!known) return null
    // `{{ site.url }}/…` with a `url` ending in `/` doubles the slash after the host, which the
    // host serves as one (the real build's links resolve).
    return expanded.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/]+)\/\/+/i, '$1/')
  },

  aliasRedirects: true,

  redirectTo(metadata, config) {
    const value = metadata.redirect_to
    const to = Array.isArray(value) ? value.find((item) => item !== null && item !== undefined) : value
    if (typeof to !== 'string' && typeof to !== 'number') return null
    const plugins = [config.settings.plugins, config.settings.gems].flatMap((list) => (Array.isArray(list) ? list : []))
    return plugins.includes('jekyll-redirect-from') ? String(to) : null
  },

  sourceLinks(config) {
    // jekyll-relative-links (on by default on GitHub Pages, not part of Jekyll) rewrites `x.md` to its page's URL.
    return settingsOf(config).plugins.has('jekyll-relative-links')
  },

  aliases({data, config}) {
    return redirects(data, settingsOf(config))
  },

  extraUrls(posts, config, files) {
    const settings = settingsOf(config)
    const urls: string[] = []
    // A gem theme's assets, where the site has no file of its own in their place.
    for (const asset of settings.themeAssets) {
      if (files.has(asset)) continue
      const url = `/${asset.replace(/\.[^./]+$/, '')}${outputExtension(asset, settings)}`
      urls.push(url, ...sourceMap(asset, url, true, settings))
    }
    if (settings.plugins.has('jekyll-feed')) urls.push(...feedUrls(record(config.settings.feed), posts))
    if (settings.plugins.has('jekyll-sitemap')) {
      urls.push('/sitemap.xml')
      if (!files.has('robots.txt')) urls.push('/robots.txt')
    }
    if (settings.plugins.has('jekyll-redirect-from')) {
      const options = record(config.settings.redirect_from)
      if (options?.json !== false) urls.push('/redirects.json')
    }
    // jekyll-paginate: the home page's posts in pages of `paginate`, the second on at `paginate_path`.
    const per = config.settings.paginate
    if (
      settings.plugins.has('jekyll-paginate') &&
      typeof per === 'number' &&
      per > 0 &&
      (files.has('index.html') || files.has('index.md'))
    ) {
      const pattern = typeof config.settings.paginate_path === 'string' ? config.settings.paginate_path : '/page:num'
      for (let page = 2; page <= Math.ceil(posts.length / per); page++)
        urls.push(`/${pattern.replace(':num', String(page)).replace(/^\/+|\/+$/g, '')}/`)
    }
    return urls
  },

  linkTags(templateTags) {
    const tags: LinkTag[] = []
    for (const {syntax, name, args, text} of templateTags) {
      if (syntax !== 'liquid') continue
      if ((name === 'post_url' || name === 'link') && /^[^\s%]+$/.test(args))
        tags.push({tag: text, kind: name === 'post_url' ? 'post' : 'page', target: args, absolute: false})
      else if ((name === 'site.url' || name === 'site.baseurl') && args === '' && text.startsWith('{{'))
        tags.push({tag: text, kind: name === 'site.url' ? 'url' : 'baseurl', target: '', absolute: false})
    }
    return tags
  }
}

interface Collection {
  name: string
  /** `_name` */
  dir: string
  /** `<collections_dir>/_name/` */
  prefix: string
  output: boolean
  permalink: string | null
}

interface Settings {
  exclude: string[]
  include: string[]
  collections: Collection[]
  postsPermalink: string | null
  plugins: Set<string>
  /** Whether jekyll-sass-converter writes a source map beside each Sass page (`sass.sourcemap`, default `always`). */
  sourcemaps: boolean
  /** The files of the gem theme that Jekyll serves (`theme:`; the ones Debian ships), as site paths. */
  themeAssets: string[]
}

/** The settings as read once per config, in its scratch. */
class JekyllSettings {
  constructor(readonly settings: Settings) {}
}

function settingsOf(config: ResolvedConfig): Settings {
  const kept = config.scratch.get('jekyll')
  if (kept instanceof JekyllSettings) return kept.settings
  const data = config.settings
  const exclude = data.exclude === undefined || data.exclude === null ? [] : stringList(data.exclude)
  const include = data.include === undefined || data.include === null ? ['.htaccess'] : stringList(data.include)
  const base = typeof data.collections_dir === 'string' ? data.collections_dir.replace(/^\/+|\/+$/g, '') : ''
  const collections: Collection[] = []
  let postsPermalink: string | null = null
  const given = Array.isArray(data.collections)
    ? Object.fromEntries(stringList(data.collections).map((name) => [name, {}]))
    : (record(data.collections) ?? {})
  for (const [name, value] of Object.entries(given)) {
    const meta = record(value) ?? {}
    const permalink = typeof meta.permalink === 'string' && meta.permalink !== '' ? meta.permalink : null
    if (name === 'posts') {
      postsPermalink = permalink
      continue
    }
    collections.push({
      name,
      dir: `_${name}`,
      prefix: `${base === '' ? '' : `${base}/`}_${name}/`,
      output: meta.output === true,
      // A collection's permalink is a pattern as written: style names are the top-level key's only
      // (asked of Jekyll: `collections: {posts: {permalink: pretty}}` gives every post `/pretty`).
      permalink
    })
  }
  const plugins = new Set([...stringList(data.plugins), ...stringList(data.gems)])
  const theme = typeof data.theme === 'string' ? (gemThemes[data.theme.trim()] ?? null) : null
  // Outside safe mode Jekyll requires a theme's runtime dependencies (`PluginManager#require_theme_deps`).
  if (theme && data.safe !== true) for (const plugin of theme.plugins) plugins.add(plugin)
  const sourcemap = record(data.sass)?.sourcemap
  const found = {
    exclude: [...exclude, ...defaultExcludes],
    include,
    collections,
    postsPermalink,
    plugins,
    sourcemaps: sourcemap !== 'never',
    themeAssets: theme?.assets ?? []
  }
  config.scratch.set('jekyll', new JekyllSettings(found))
  return found
}

/**
 * A page or collection document with `defaults:` under its own front matter (a file without front
 * matter is static, and keeps none): a page by its path, type `pages`; a document by its path
 * inside `collections_dir`, type the collection's label (`Document#merge_defaults`, `Page`'s default proc).
 */
function withDefaults(file: string, page: PageData, collection: Collection | null, config: ResolvedConfig): PageData {
  if (!page.hasFrontmatter || !Array.isArray(config.settings.defaults)) return page
  const base = collection ? collection.prefix.slice(0, collection.prefix.length - collection.dir.length - 1) : ''
  const inherited = defaultsFor(
    file.slice(base.length),
    collection ? collection.name : 'pages',
    config.settings.defaults,
    base.replace(/\/$/, '')
  )
  if (!inherited) return page
  // A document's front matter is deep-merged over its defaults (`Document#merge_data!`); a page
  // reads a default for each key its front matter lacks (`Page`'s default proc).
  return {...page, metadata: collection ? deepMerge(inherited, page.metadata) : {...inherited, ...page.metadata}}
}

function collectionOf(file: string, settings: Settings): Collection | null {
  for (const collection of settings.collections) {
    if (file.startsWith(collection.prefix)) {
      const inside = file.slice(collection.prefix.length).split('/')
      if (inside.some((part) => special(part))) return null
      return collection
    }
  }
  return null
}

/**
 * `StaticFile#url` of a collection's file without front matter: the collection's URL template with
 * the path (less extension and trailing dots), no title or output extension, then the extension.
 */
function staticUrl(relative: string, collection: Collection, template: string): string {
  const extension = extensionOf(relative)
  const cleaned = relative.slice(0, relative.length - extension.length).replace(/\.*$/, '')
  const values = {collection: collection.name, path: `/${cleaned}`, output_ext: '', name: baseName(cleaned), title: ''}
  return `${sanitize(generate(template, values)).replace(/\/$/, '')}${extension}`
}

/** `EntryFilter#special?` and `#backup?`: names Jekyll never reads as pages or static files. */
function special(name: string): boolean {
  return /^[._#~]/.test(name) || name.endsWith('~')
}

/** `EntryFilter#filter`: special names (unless included) and excluded paths. */
function filtered(name: string, path: string, settings: Settings): boolean {
  const included = settings.include.some((pattern) => matches(pattern, path) || matches(pattern, name))
  if (special(name) && !included) return true
  return !included && settings.exclude.some((pattern) => matches(pattern, path))
}

/** `glob_include?`: `File.fnmatch?` (no FNM_PATHNAME: `*` crosses `/`) or a prefix of the path. */
function matches(pattern: string, path: string): boolean {
  const clean = pattern.replace(/^\.?\/+/, '')
  if (clean === '') return false
  if (path.startsWith(clean) || `${path}/` === clean) return true
  if (!/[*?[{]/.test(clean)) return false
  const source = clean
    .split(/(\*|\?)/)
    .map((part) => (part === '*' ? '.*' : part === '?' ? '.' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`).test(path)
}

function zone(value: string | undefined, problems: ConfigProblem[]): string | undefined {
  if (value === undefined) return undefined
  if (isTimeZone(value)) return value
  problems.push({
    key: 'timezone',
    message: `Unexpected \`timezone\` \`${value.slice(0, 60)}\`, expected an IANA time zone such as \`Europe/Madrid\``
  })
  return undefined
}

/**
 * The instant Jekyll gives a date: with a zone as written; a YAML timestamp without zone (SafeYAML
 * needs the seconds) is UTC; a date or any other time is `Time.parse`d in the site's zone.
 */
export function jekyllInstant(date: PostDate, timeZone: string | null, quoted = false): number {
  if (date.offset !== null) return date.timestamp
  if (!quoted && date.second !== null && yamlTimestamp.test(date.iso.replace('T', ' '))) return date.timestamp
  return instantOf(date, timeZone ?? 'UTC')
}

/**
 * A document's date: its data's `date` (front matter over defaults), read as `Time.parse` would,
 * else the date of its file name (`Document#modify_date`), else none.
 */
function documentDate(data: Readonly<Record<string, unknown>>, dated: RegExpExecArray | null): PostDate | null {
  const written = data.date
  if (written !== undefined && written !== null && written !== '') {
    const text = typeof written === 'number' ? String(written) : written
    const result = parseDate(text, 'frontmatter')
    if (result && 'date' in result) return result.date
    // `Time.parse` reads more than ISO 8601: a date, a time and a zone among other words.
    const loose = typeof text === 'string' ? looseDate(text) : null
    if (loose) return loose
  }
  if (!dated) return null
  return dateFromFileName(`${dated[1]}-x`)?.date ?? null
}

/** URL dates: the time in the site's zone (`Time.at`), or as written where `Time.parse` kept an offset. */
function calendarParts(date: PostDate, instant: number, timeZone: string | null) {
  if (date.offset !== null && date.second === null && date.hour !== null) return writtenParts(date)
  return partsAt(instant, timeZone)
}

/** What Ruby's `Time.parse` finds in `2023-01-29 18:30:22 2023 -0800`: the date, the time, the zone. */
function looseDate(text: string): PostDate | null {
  const match = /^\s*(\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(\d{1,2}:\d{2}(?::\d{2})?))?.*?(?:\s([+-]\d{2}:?\d{2}|Z|UTC|GMT))?\s*$/.exec(text)
  if (!match) return null
  const [, day, time, zone] = match
  const [y, m, d] = (day as string).split('-')
  const iso = `${y}-${(m as string).padStart(2, '0')}-${(d as string).padStart(2, '0')}${time ? `T${time.length === 5 ? `${time}:00` : time}` : ''}`
  const offset = zone === undefined ? '' : zone === 'UTC' || zone === 'GMT' ? 'Z' : zone
  const result = parseDate(`${iso}${time ? offset : ''}`, 'frontmatter')
  return result && 'date' in result ? result.date : null
}

/** `Utils.add_permalink_suffix`. */
function withSuffix(template: string, permalink: ResolvedConfig['permalink']): string {
  const style = typeof permalink === 'string' ? permalink : 'date'
  if (style === 'pretty') return `${template}/`
  if (styles[style]) return `${template}:output_ext`
  if (style.endsWith('/')) return `${template}/`
  if (style.endsWith(':output_ext')) return `${template}:output_ext`
  return template
}

/** `URL#generate_url_from_drop`: placeholders (unknown ones dropped), each escaped as a path. */
function generate(template: string, values: Readonly<Record<string, string>>): string {
  return fill(template, Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escapePath(value)])), () => '')
}

/** `URL.escape_path`: everything but unreserved, sub-delims, `:`, `@` and `/` percent-encoded. */
function escapePath(value: string): string {
  if (value === '' || /^[a-zA-Z0-9./-]+$/.test(value)) return value
  let out = ''
  for (const char of value) {
    out += /^[a-zA-Z0-9\-._~!$&'()*+,;=:@/]$/.test(char)
      ? char
      : [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
  }
  return out
}

/** `URL#sanitize_url`. */
function sanitize(url: string): string {
  return `/${url}`
    .replaceAll('..', '/')
    .replaceAll('./', '')
    .replace(/\/{2,}/g, '/')
}

/** Where a page is written, as a URL: a folder's `index.html`, or the output extension added. */
function destinationUrl(url: string, output: string): string {
  if (url.endsWith('/')) return url
  return url.endsWith(output) ? url : `${url}${output}`
}

/**
 * jekyll-sass-converter's source map of a Sass page: `<basename>.css.map` in the CSS page's folder
 * (`SourceMapPage`), unless `sass.sourcemap` is `never`.
 */
function sourceMap(file: string, url: string, hasFrontmatter: boolean, settings: Settings): string[] {
  if (!hasFrontmatter || !settings.sourcemaps || !/\.s[ac]ss$/i.test(file)) return []
  return [`${url.slice(0, url.lastIndexOf('/') + 1)}${baseName(file)}.css.map`]
}

/**
 * Gem themes Debian ships with Jekyll 4.3.1: the files of their `assets/` that Jekyll reads
 * (Sass pages converted) and the plugins their gemspec depends on (asked of `jekyll build` with
 * `theme: minima`: `/assets/main.css`, its map, `/assets/minima-social-icons.svg`, `/feed.xml`).
 */
const gemThemes: Record<string, {assets: string[]; plugins: string[]}> = {
  minima: {assets: ['assets/main.scss', 'assets/minima-social-icons.svg'], plugins: ['jekyll-feed', 'jekyll-seo-tag']}
}

/** The converters' output extension: markdown and Sass are built in (jekyll-sass-converter), CoffeeScript a plugin's. */
function outputExtension(file: string, settings: Settings): string {
  const extension = extensionOf(file).toLowerCase()
  if (markdownFile.test(file)) return '.html'
  if (extension === '.scss' || extension === '.sass') return '.css'
  if (extension === '.coffee' && settings.plugins.has('jekyll-coffeescript')) return '.js'
  return extensionOf(file)
}

function redirects(metadata: Readonly<Record<string, unknown>>, settings: Settings): string[] {
  if (!settings.plugins.has('jekyll-redirect-from')) return []
  return stringList(metadata.redirect_from).map((from) => {
    const path = `/${from.replace(/^\/+/, '')}`
    return path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}.html`
  })
}

/**
 * A Liquid output that writes a URL: `site.baseurl`, `site.url`, and a quoted path through
 * `relative_url`, `absolute_url` (`URLFilters`) or `prepend: site.baseurl`; null for any other.
 */
function liquidUrl(expression: string, config: ResolvedConfig): string | null {
  if (expression === 'site.baseurl') return config.baseurl
  if (expression === 'site.url') return config.url ?? ''
  const match = /^(["'])([^"']*)\1\s*\|\s*(relative_url|absolute_url|prepend:\s*site\.baseurl)$/.exec(expression)
  if (!match) return null
  const [, , path = '', filter] = match
  if (filter?.startsWith('prepend')) return `${config.baseurl}${path}`
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path
  const leading = (part: string) => (part === '' || part.startsWith('/') ? part : `/${part}`)
  const relative = `${leading(config.baseurl.replace(/\/$/, ''))}${leading(path)}`
  return filter === 'absolute_url' ? `${config.url ?? ''}${relative}` : relative
}

/** `Utils.slugify` in its `default` and `pretty` modes. */
export function slugify(value: string, mode: 'default' | 'pretty', cased: boolean): string {
  const pattern = mode === 'pretty' ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{M}\p{L}\p{Nd}]+/gu
  const slug = value.replace(pattern, '-').replace(/^-|-$/g, '')
  return cased ? slug : slug.toLowerCase()
}

function stringOr(value: unknown): string | null {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value !== '' ? value : null
}

/**
 * jekyll-feed's pages (`generator.rb`): for each collection of `feed.collections` (a list or a
 * mapping; `posts` always, with `feed.path` and `feed.categories` as its defaults) its `path` or
 * `/feed.xml` (`/feed/<name>.xml` for another collection), a feed per category of the collection
 * (`/feed/<category>.xml`, `/feed/<name>/<category>.xml`), and with `feed.tags` (`true` or a mapping
 * of `path`, `only`, `except`) one per tag of the posts made of word characters only
 * (`/feed/by_tag/<tag>.xml`).
 */
function feedUrls(feed: Record<string, unknown> | null, posts: readonly ServedPost[]): string[] {
  const urls: string[] = []
  const given = feed?.collections
  const collections: Record<string, unknown> = Array.isArray(given)
    ? Object.fromEntries(stringList(given).map((name) => [name, {}]))
    : {...(record(given) ?? {})}
  const own = record(collections.posts) ?? {}
  collections.posts = {...own, path: own.path ?? feed?.path, categories: own.categories ?? feed?.categories}
  const at = (path: string): string => `/${path.replace(/^\/+/, '')}`
  for (const [name, value] of Object.entries(collections)) {
    const meta = record(value) ?? {}
    const prefix = name === 'posts' ? 'feed' : `feed/${name}`
    const categories = record(meta.categories) ? Object.keys(record(meta.categories) ?? {}) : stringList(meta.categories)
    for (const category of categories) urls.push(at(`${prefix}/${category}.xml`))
    urls.push(at(typeof meta.path === 'string' && meta.path !== '' ? meta.path : `${prefix}.xml`))
  }
  const tagging = feed?.tags
  if (tagging !== undefined && tagging !== null && tagging !== false) {
    // `site.tags`: the tags of the posts the build reads (none: no tag feeds at all).
    const tags = new Set(posts.filter((post) => /(?:^|\/)_posts\//.test(post.path)).flatMap((post) => tagsOf(post.data)))
    const options = record(tagging) ?? {}
    const only = options.only === undefined || options.only === null ? [...tags] : stringList(options.only)
    const except = new Set(stringList(options.except))
    const path = typeof options.path === 'string' ? options.path : '/feed/by_tag/'
    // (Only tags of word characters: `generate_tag_feed` skips the others.)
    const named = tags.size === 0 ? [] : only.filter((tag) => !except.has(tag) && !/[^a-zA-Z0-9_]/.test(tag))
    for (const tag of named) urls.push(at(`${path}${tag}.xml`))
  }
  return urls
}

/** `Utils.pluralized_array_from_hash(data, "tag", "tags")`: the singular key first. */
function tagsOf(data: Readonly<Record<string, unknown>>): string[] {
  const single = data.tag
  if (single !== undefined && single !== null) return words(single, false)
  return words(data.tags)
}

/** Categories and tags as Jekyll splits them: a string on whitespace (the plural keys), a list item as it is. */
function words(value: unknown, split = true): string[] {
  if (typeof value === 'string') return split ? value.split(/\s+/).filter(Boolean) : [value]
  if (typeof value === 'number') return [String(value)]
  if (Array.isArray(value)) return value.map(scalarText).filter((item) => item !== '')
  return []
}

export type {PageData, PostContext}
