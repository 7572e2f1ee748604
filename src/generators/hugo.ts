/**
 * Hugo, from its source at v0.111.3 (the Debian version the differential tests run) and its
 * docs: content files and bundles (`hugofs/files`, `hugolib/pages_capture.go`), URLs
 * (`resources/page/page_paths.go` `CreateTargetPaths`, `hugolib/page__paths.go`,
 * `resources/page/permalinks.go`, `helpers/path.go` `UnicodeSanitize`), dates and their
 * `[frontmatter]` order (`resources/page/pagemeta/pagemeta.go`), publishing (draft, future,
 * expired, headless, `_build`), languages, taxonomies, aliases, and the list, taxonomy, RSS and
 * sitemap pages a build writes.
 */
import {dateFromFileName, parseDate} from '../dates.js'
import {instantOf, isTimeZone} from '../site/time.js'
import type {PostDate, TemplateTag} from '../types.js'
import {
  baseName,
  configBoolean,
  configString,
  configUrl,
  dateValues,
  folderOf,
  hidden,
  lenientYaml,
  lowerKeys,
  record,
  scalarText,
  stringList,
  writtenParts
} from './shared.js'
import type {ConfigProblem, Exclusion, GeneratorModule, LinkTag, PostContext, ReadConfig, ResolvedConfig, ServedPost} from './types.js'

/** Content formats Hugo renders (`media/mediaType.go`'s content types). */
const contentFile = /\.(?:md|markdown|mdown|mkdn|mkd|mkdown|mdx|html|htm|org|adoc|asciidoc|ad|pandoc|pdc|rst|rmd)$/i
/**
 * Content formats Hugo renders with an external tool (AsciiDoc, Org, reStructuredText, Pandoc,
 * R Markdown): pages all the same (written even without the tool), read for their front matter only.
 */
const otherContent = /\.(?:org|adoc|asciidoc|ad|pandoc|pdc|rst|rmd)$/i
/** A `---`/`+++` front matter block after optional whitespace, as Hugo's page lexer finds it. */
const fencedBlock = /^[ \t\r\n\uFEFF]*(---|\+\+\+)[ \t]*\r?\n(?:[\s\S]*?\r?\n)?\1[ \t]*(?=\r?\n|$)/

const configNames = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json']

export const hugo: GeneratorModule = {
  name: 'hugo',
  configFiles: [...configNames, 'config/_default/'],

  detect: (files) =>
    files.some((file) => configNames.includes(file) || file.startsWith('config/_default/')) &&
    files.some((file) => file.startsWith('content/') || /^[^/]+\/content\//.test(file)),

  readConfig(data, problems) {
    const lower = lowerKeys(data)
    const base = configString(Object.fromEntries(lower), 'baseurl', problems)
    let url: string | undefined
    let baseurl: string | undefined
    if (base !== undefined && base !== '/') {
      const checked = configUrl(base, 'baseURL', problems)
      if (checked) {
        const parsedUrl = new URL(checked)
        url = parsedUrl.origin
        baseurl = parsedUrl.pathname.replace(/\/+$/, '')
      }
    }
    const permalinks = lower.get('permalinks')
    if (permalinks !== undefined && !record(permalinks)) {
      problems.push({key: 'permalinks', message: 'Unexpected `permalinks` that is not a mapping of section to pattern'})
    }
    const flat = Object.fromEntries(lower)
    const timezone = configString(flat, 'timezone', problems)
    if (timezone !== undefined && !isTimeZone(timezone)) {
      problems.push({
        key: 'timeZone',
        message: `Unexpected \`timeZone\` \`${timezone.slice(0, 60)}\`, expected an IANA time zone such as \`Europe/Oslo\``
      })
    }
    const result: ReadConfig = {
      url,
      baseurl,
      permalink: record(permalinks)
        ? (Object.fromEntries(Object.entries(record(permalinks) as object).filter(([, value]) => typeof value === 'string')) as Record<
            string,
            string
          >)
        : undefined,
      timezone: timezone !== undefined && isTimeZone(timezone) ? timezone : undefined,
      drafts: configBoolean(flat, 'builddrafts', problems),
      future: configBoolean(flat, 'buildfuture', problems),
      title: configString(flat, 'title', problems)
    }
    return result
  },

  // Go's yaml.v2 reads YAML that YAML 1.2 refuses (a quoted value continued at column 0) and Hugo
  // stops the build on what it cannot read: a post whose front matter mdpost recovers from stays,
  // with its diagnostic.
  // AsciiDoc, Org, rst, Pandoc: the front matter as written, the body (another markup) as blank
  // lines, so that positions stay the file's and nothing of it is read as markdown.
  // An `.html`/`.htm` content file whose first character past whitespace is `<` (and not an HTML
  // comment's `<!--`) is no page: Hugo copies it as it is, at its path under the content folder
  // (hugofs/files/classifier.go `ClassifyContentFile`, `isHTMLContent`). It stands here as a post
  // that renders nothing and is in no list (`_build`), marked for `excludedUrls`, with no body;
  // other HTML content files are read as they are.
  convert(file, text) {
    if (/\.html?$/i.test(file) && !/(^|\/)_?index(\.[\w-]+)?\.html?$/i.test(file)) return plainHtml(text) ? copiedHtml : text
    if (!otherContent.test(file)) return null
    const block = fencedBlock.exec(text)?.[0] ?? ''
    return block + text.slice(block.length).replace(/[^\r\n]/g, ' ')
  },

  // Hugo's page lexer reads front matter after leading blank lines, spaces, tabs and a BOM.
  postOptions: () => ({strict: false, frontmatterAfterWhitespace: true}),

  excludedUrls({path, post, config}) {
    if (!post.frontmatter.raw.includes(copiedHtmlMark)) return []
    const settings = settingsOf(config)
    const place = contentPlace(path, settings)
    return place ? [`${languagePrefix(place.language, settings)}/${place.inside}`] : []
  },

  frontmatter(post, written) {
    // What yaml.v2 reads of a front matter YAML 1.2 refuses (its diagnostic stays on the post).
    if (post.frontmatter.format !== 'yaml' || !post.diagnostics.some((diagnostic) => diagnostic.ruleId === 'frontmatter-yaml'))
      return written
    return lenientYaml(post.frontmatter.raw) ?? written
  },

  mergeConfigFolder(parts) {
    // `hugo.toml`/`config.toml` at the top, `<key>.toml` under `key`, and `<key>.<language>.toml`
    // under that language (`languages.en.toml` is `languages.en`; `menus.en.toml` is `languages.en.menus`).
    const data: Record<string, unknown> = {}
    for (const {file, value} of parts) {
      const [name = '', language] = baseName(file).split(/\.(.+)/)
      if (name === 'hugo' || name === 'config') Object.assign(data, value)
      else if (language === undefined) data[name] = value
      else {
        const languages = (record(data.languages) ?? {}) as Record<string, Record<string, unknown>>
        data.languages = languages
        languages[language] ??= {}
        const entry = languages[language] as Record<string, unknown>
        if (name === 'languages') Object.assign(entry, value)
        else entry[name] = value
      }
    }
    return data
  },

  classify(file, config, files) {
    const settings = settingsOf(config)
    const place = contentPlace(file, settings)
    if (!place) {
      // One file may be served at several URLs (a folder mount and a mount of the file itself).
      const urls = settings.statics.flatMap(({source, target}) => {
        const inside = file === source ? '' : file.startsWith(`${source}/`) ? file.slice(source.length + 1) : null
        if (inside === null) return []
        return [`/${[target, inside].filter((part) => part !== '').join('/')}`]
      })
      return urls.length > 0 ? {kind: 'static', urls: [...new Set(urls)]} : {kind: 'none'}
    }
    const {inside, language} = place
    if (hidden(inside) || ignored(file, settings)) return {kind: 'none'}
    const name = inside.split('/').pop() as string
    const isContent = contentFile.test(name)
    const bundle = leafBundleOf(place.dir, inside, files, config)
    if (isContent && /^_index(\.[\w-]+)?\.[^.]+$/.test(name)) return {kind: 'page'}
    if (bundle !== null) {
      // The bundle's own index is the page; every other file is a resource of it.
      if (bundle === folderOf(inside) && /^index(\.[\w-]+)?\.[^.]+$/.test(name) && isContent) {
        return indexWins(place.dir, inside, files, config) ? {kind: 'post'} : {kind: 'none'}
      }
      return {kind: 'none'}
    }
    if (isContent) return {kind: 'post'}
    const branch = branchResourceUrls(place, files, config)
    if (branch) return {kind: 'static', urls: branch}
    const prefix = language && (language !== settings.defaultLanguage || settings.inSubdir) && settings.multilingual ? `/${language}` : ''
    return {kind: 'static', urls: [`${prefix}/${inside}`]}
  },

  pageUrls(file, page, config, files) {
    // A section's `_index`: its list page and feed, unless it is headless or never rendered.
    const settings = settingsOf(config)
    const place = contentPlace(file, settings)
    if (!place || !/^_index(\.[\w-]+)?\.[^.]+$/.test(place.inside.split('/').pop() as string)) return []
    const meta = lowerKeys(page.metadata)
    const build = record(meta.get('_build'))
    if (meta.get('headless') === true || build?.render === 'never' || build?.render === false) return []
    if (meta.get('draft') === true && !config.drafts) return []
    const folders = place.inside.split('/').slice(0, -1)
    const prefix = languagePrefix(place.language, settings)
    const kind = folders.length === 0 ? 'home' : 'section'
    const urls: string[] = []
    const url = folders.length === 0 ? '' : scalar(meta.get('url'))
    // `url` with a dot and no end slash (`/x/index.html`, `/x.htm`) is the file itself, for every
    // format (the feed is written over the page); a relative one gets the language prefix
    // (`CreateTargetPaths`, resources/page/page_paths.go).
    const asFile = url !== '' && url.includes('.') && !url.endsWith('/')
    const written = url === '' || url.startsWith('/') ? url : `${prefix}/${url}`
    const base =
      folders.length === 0
        ? prefix
        : url !== ''
          ? cleanPath(`/${written.replace(/^\/+|\/+$/g, '')}`)
          : sanitizePath(`${prefix}/${folders.join('/')}`, settings)
    const ugly = folders.length > 0 && url === '' && sectionUgly(folders[0] as string, settings)
    // A page's own `outputs` wins over the site's for its kind.
    const own = meta.get('outputs')
    const formats = own === undefined ? settings.outputs[kind] : new Set(stringList(own).map((name) => name.toLowerCase()))
    if (asFile) {
      if (formats.size > 0) urls.push(escapeLink(base.replace(/\/index\.html$/, '/')))
      urls.push(...aliasPaths(stringList(meta.get('aliases')), base, settings))
      urls.push(...termUrls(meta, prefix, settings, layoutFiles(files, config)))
      return urls
    }
    if (formats.has('html')) urls.push(escapeLink(ugly ? `${base}.html` : `${base}/`))
    if (formats.has('rss')) urls.push(escapeLink(`${base}/${settings.rssName}`))
    // A list page has aliases and terms as a regular page does (`WalkLinkable`, the taxonomies of every page).
    urls.push(...aliasPaths(stringList(meta.get('aliases')), ugly ? `${base}.html` : `${base}/`, settings))
    const layouts = layoutFiles(files, config)
    for (const url of formatUrls(kind, formats, ugly ? `${base}.html` : `${base}/`, settings, layouts)) urls.push(escapeLink(url))
    urls.push(...termUrls(meta, prefix, settings, layouts))
    return urls
  },

  cascade(file, page) {
    // `cascade` in a section's `_index`: front matter for every page under it (entries with `_target` need Hugo's matching: left out).
    const folder = folderOf(file)
    const values = lowerKeys(page.metadata).get('cascade')
    const entries = Array.isArray(values) ? values : [values]
    return entries
      .map((entry) => record(entry))
      .filter((entry): entry is Record<string, unknown> => entry !== null && !('_target' in entry))
      .map((entry) => ({scope: {path: folder}, values: entry}))
  },

  date(context) {
    return dateOf(context, 'date')
  },

  instant(date, {config}) {
    if (!date) return null
    return date.offset !== null ? date.timestamp : instantOf(date, config.timezone ?? 'UTC')
  },

  exclusion(context, instant, now): Exclusion {
    const {data, config} = context
    const meta = lowerKeys(data)
    const build = record(meta.get('_build'))
    if (meta.get('headless') === true) return 'unpublished'
    if (build && (build.render === 'never' || build.render === false)) return 'unpublished'
    if (meta.get('draft') === true && !config.drafts) return 'drafts'
    const publish = dateOf(context, 'publishdate')
    const publishAt = publish ? this.instant(publish, context) : instant
    if (publishAt !== null && publishAt > now && !config.future) return 'future'
    const expiry = dateOf(context, 'expirydate')
    const expiryAt = expiry ? this.instant(expiry, context) : null
    if (expiryAt !== null && expiryAt <= now && lowerKeys(config.settings).get('buildexpired') !== true) return 'expired'
    return null
  },

  // `_build: {list: never}` (or `false`): rendered, but in no page collection (lists, RSS, sitemap).
  listed({data}) {
    const build = record(lowerKeys(data).get('_build'))
    const list = build ? lowerKeys(build).get('list') : undefined
    return list !== 'never' && list !== false
  },

  categories({data}) {
    return terms(lowerKeys(data).get('categories'))
  },

  aliasRedirects: true,
  refLookup: true,

  sourceLinks(_config, files) {
    // Goldmark leaves `x.md` as written; a link render hook (`_markup/render-link.html` of the
    // site or a theme, often `.Page.GetPage`) may turn it into the page's URL.
    for (const file of files) if (/(^|\/)layouts\/(.*\/)?_markup\/render-link(\.[^/]*)?\.html$/.test(file)) return true
    return false
  },

  rendersRawHtml(config) {
    // `markup.goldmark.renderer.unsafe` (false by default): raw HTML becomes `<!-- raw HTML omitted -->`.
    const markup = lowerKeys(record(lowerKeys(config.settings).get('markup')) ?? {})
    const goldmark = lowerKeys(record(markup.get('goldmark')) ?? {})
    const renderer = lowerKeys(record(goldmark.get('renderer')) ?? {})
    const handler = markup.get('defaultmarkdownhandler')
    return renderer.get('unsafe') === true || (typeof handler === 'string' && handler.toLowerCase() !== 'goldmark')
  },

  literalUrl(url, config) {
    // Goldmark's linkify (on unless `extensions.linkify = false`) takes ASCII only: the URL ends
    // before the first other character (`。`), and trailing punctuation is left out as in GFM.
    const markup = lowerKeys(record(lowerKeys(config.settings).get('markup')) ?? {})
    const extensions = lowerKeys(record(lowerKeys(record(markup.get('goldmark')) ?? {}).get('extensions')) ?? {})
    if (extensions.get('linkify') === false) return null
    const end = url.search(/[^\x21-\x7e]/)
    return end === -1 ? url : url.slice(0, end).replace(/[?!.,:*_~]+$/, '')
  },

  ids(config) {
    // Goldmark: headings get ids unless `parser.autoHeadingID` is false; an attribute line
    // (`{#id}` ending a paragraph) gives an id only with `parser.attribute.block` (off by default).
    const markup = lowerKeys(record(lowerKeys(config.settings).get('markup')) ?? {})
    const handler = markup.get('defaultmarkdownhandler')
    if (typeof handler === 'string' && handler.toLowerCase() !== 'goldmark') return {headings: true, attributeLists: true}
    const parser = lowerKeys(record(lowerKeys(record(markup.get('goldmark')) ?? {}).get('parser')) ?? {})
    const attribute = lowerKeys(record(parser.get('attribute')) ?? {})
    return {headings: parser.get('autoheadingid') !== false, attributeLists: attribute.get('block') === true}
  },

  title({data}) {
    // Front matter keys are case-insensitive in Hugo (`Title:`); a page without one has none.
    const title = scalar(lowerKeys(data).get('title'))
    return title === '' ? null : title
  },

  tags({data}) {
    return terms(lowerKeys(data).get('tags'))
  },

  permalink(context, date) {
    return hugoPermalink(context, date)
  },

  aliases(context) {
    const written = stringList(lowerKeys(context.data).get('aliases'))
    return written.length === 0 ? [] : aliasPaths(written, hugoPermalink(context, null), settingsOf(context.config))
  },

  extraUrls(posts, config, files) {
    const settings = settingsOf(config)
    const urls = new Set<string>(['/'])
    if (settings.sitemap) urls.add('/sitemap.xml')
    const html = (kind: keyof Settings['outputs']) => settings.outputs[kind].has('html')
    const rss = (kind: keyof Settings['outputs']) => settings.outputs[kind].has('rss')
    const layouts = layoutFiles(files, config)
    const list = (path: string, section: string): string =>
      sectionUgly(section, settings) ? `${path.replace(/\/+$/, '')}.html` : `${path.replace(/\/+$/, '')}/`
    const languages = settings.multilingual ? settings.languages : [settings.defaultLanguage]
    for (const language of languages) {
      const prefix = languagePrefix(language, settings)
      if (html('home')) urls.add(`${prefix}/`)
      if (rss('home')) urls.add(`${prefix}/${settings.rssName}`)
      for (const url of formatUrls('home', settings.outputs.home, `${prefix}/`, settings, layouts)) urls.add(url)
      // Multilingual: a sitemap per language under its code, and the main language's code redirecting to `/`.
      if (settings.multilingual && settings.sitemap) urls.add(`/${language}/sitemap.xml`)
      if (settings.multilingual && prefix === '') urls.add(`/${language}/`)
      // Every taxonomy has its list page and feed, with terms or without.
      for (const plural of settings.taxonomies) {
        if (html('taxonomy')) urls.add(escapeLink(sanitizePath(list(`${prefix}/${plural}`, plural), settings)))
        if (rss('taxonomy')) urls.add(escapeLink(sanitizePath(`${prefix}/${plural}/${settings.rssName}`, settings)))
        const base = sanitizePath(list(`${prefix}/${plural}`, plural), settings)
        for (const url of formatUrls('taxonomy', settings.outputs.taxonomy, base, settings, layouts)) urls.add(escapeLink(url))
      }
    }
    if (settings.robots) urls.add('/robots.txt')
    const bundles = bundleFolders(files, config)
    const branches = branchFolders(files, config)
    // Each non-content file under a leaf bundle, by bundle: one pass over the files, not one per post.
    const resources = new Map<string, string[]>()
    for (const file of files) {
      if (contentFile.test(file) || hidden(file)) continue
      for (let at = file.indexOf('/'); at !== -1; at = file.indexOf('/', at + 1)) {
        const folder = file.slice(0, at)
        if (!bundles.has(folder)) continue
        const list = resources.get(folder) ?? []
        list.push(file)
        resources.set(folder, list)
        break
      }
    }
    for (const {path, data, local} of posts) {
      const place = contentPlace(path, settings)
      if (!place) continue
      const prefix = languagePrefix(place.language, settings)
      const parts = place.inside.split('/')
      // A top-level folder with a page is a section, `_index` or not; a leaf bundle at the top
      // (`about/index.md`) is a page of the home section, not a section.
      // A section with its own `_index` in the page's language has the URLs that page gives
      // (`url` moves it, `headless` has none): `pageUrls` says them.
      const indexed = (branches.get(`${place.dir}/${parts[0]}`) ?? []).some(
        (index) => contentPlace(index, settings)?.language === place.language
      )
      if (parts.length > 1 && !bundles.has(`${place.dir}/${parts[0]}`) && !indexed) {
        if (html('section')) urls.add(escapeLink(sanitizePath(list(`${prefix}/${parts[0]}`, parts[0] as string), settings)))
        if (rss('section')) urls.add(escapeLink(sanitizePath(`${prefix}/${parts[0]}/${settings.rssName}`, settings)))
        const base = sanitizePath(list(`${prefix}/${parts[0]}`, parts[0] as string), settings)
        for (const url of formatUrls('section', settings.outputs.section, base, settings, layouts)) urls.add(escapeLink(url))
      }
      // A leaf bundle's other files are published beside its page, with those of its translations'
      // bundles (the same folder in another language's content folder) that it has none of by name:
      // "each page bundle inherits the resources of its linked translated pages' bundles" (Hugo's
      // multilingual docs; asked of 0.111.3).
      const folder = folderOf(path)
      if (/^index(\.[\w-]+)?\.[^./]+$/.test(path.slice(folder.length + 1)) && bundles.has(folder) && local.endsWith('/')) {
        const own = new Set<string>()
        for (const file of resources.get(folder) ?? []) {
          own.add(file.slice(folder.length + 1))
          urls.add(escapeLink(`${local}${file.slice(folder.length + 1)}`))
        }
        const inside = folderOf(place.inside)
        for (const other of settings.contentDirs) {
          if (other.dir === place.dir || (other.language ?? settings.defaultLanguage) === place.language) continue
          for (const file of resources.get(inside === '' ? other.dir : `${other.dir}/${inside}`) ?? []) {
            const name = file.slice(other.dir.length + inside.length + 2)
            if (!own.has(name)) urls.add(escapeLink(`${local}${name}`))
          }
        }
      }
      for (const url of termUrls(lowerKeys(data), prefix, settings, layouts)) urls.add(url)
      // A regular page's other output formats (its own `outputs`, else the site's for pages).
      const own = lowerKeys(data).get('outputs')
      const formats = own === undefined ? settings.outputs.page : new Set(stringList(own).map((name) => name.toLowerCase()))
      for (const url of formatUrls('page', formats, local, settings, layouts)) urls.add(escapeLink(url))
      // RSS of a regular page (`[outputs] page = ["HTML", "RSS"]`): never ugly (RSS is `NoUgly`), in
      // the page's folder; a `url` that is a file (`/a/b.html`) has it written over the page.
      if (formats.has('rss')) {
        const url = scalar(lowerKeys(data).get('url'))
        if (!(url.includes('.') && !url.endsWith('/')))
          urls.add(escapeLink(`${local.replace(/\.html$/, '').replace(/\/?$/, '/')}${settings.rssName}`))
      }
    }
    return [...urls]
  },

  // Hugo's own shortcodes that write no id (0.111's templates; later ones too).
  idless: ['figure', 'param', 'youtube', 'vimeo'],

  tagImages(templateTags) {
    // Hugo's `figure` writes `<img src>` with `src` as written (a page resource or a file of
    // `assets/` in later versions: the check finds both beside the page or in assets/).
    const images: Array<{src: string; text: string; position: TemplateTag['position']; override: string}> = []
    for (const {syntax, name, args, text, inCode, position} of templateTags) {
      if (syntax !== 'shortcode' || name !== 'figure' || inCode) continue
      const src = shortcodeParams(args).get('src')
      if (src !== undefined) images.push({src, text, position, override: 'layouts/shortcodes/figure.html'})
    }
    return images
  },

  linkTags(templateTags) {
    const tags: LinkTag[] = []
    for (const {syntax, name, args, text} of templateTags) {
      const target = /^"([^"]+)"$/.exec(args)?.[1]
      if (syntax === 'shortcode' && (name === 'ref' || name === 'relref') && target)
        tags.push({tag: text, kind: 'page', target, absolute: name === 'ref'})
    }
    return tags
  }
}

/**
 * A shortcode's named parameters as Hugo's lexer reads them: `name=value` pairs whose value is
 * `"quoted"` (with `\\"` escapes), `` `raw` `` or a bare word; a name given twice keeps its last
 * value (Hugo stores them in a map). Positional arguments are not named and are left out.
 */
export function shortcodeParams(args: string): Map<string, string> {
  const params = new Map<string, string>()
  const pair = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"`]+))|"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g
  for (const match of args.matchAll(pair)) {
    const name = match[1]
    if (name === undefined) continue
    const quoted = match[2]
    params.set(name, quoted === undefined ? (match[3] ?? match[4] ?? '') : quoted.replace(/\\(.)/g, '$1'))
  }
  return params
}

const trimSlashes = (path: string): string => path.replace(/^\.?\/+|\/+$/g, '')

/** The project's mounts into `static` (`target: static/favicon.ico` serves its source at `/favicon.ico`), or null when there are none. */
function staticMounts(mounts: unknown): Array<{source: string; target: string}> | null {
  if (!Array.isArray(mounts)) return null
  const found = mounts.flatMap((mount) => {
    const entry = record(mount)
    if (typeof entry?.source !== 'string' || typeof entry.target !== 'string') return []
    const target = trimSlashes(entry.target)
    if (target !== 'static' && !target.startsWith('static/')) return []
    return [{source: trimSlashes(entry.source), target: target.slice('static'.length).replace(/^\//, '')}]
  })
  return found.length > 0 ? found : null
}

interface Settings {
  /** Content folders with their language (null: the language comes from the file name). */
  contentDirs: Array<{dir: string; language: string | null}>
  /** Static mounts: a file or folder of the site and the path it is served under (`''`: the root). */
  statics: Array<{source: string; target: string}>
  /** `ignoreFiles`: content files Hugo does not read (blogdown's `\\.Rmd$`), as regular expressions. */
  ignoreFiles: RegExp[]
  languages: string[]
  /** Languages the config names but turns off (`disabled = true`, `disableLanguages`): Hugo builds none of their content. */
  disabledLanguages: Set<string>
  defaultLanguage: string
  multilingual: boolean
  inSubdir: boolean
  /** `uglyURLs`: for every section, or per section. */
  ugly: boolean | Record<string, unknown>
  lower: boolean
  robots: boolean
  /** Permalink patterns by language, then section. */
  permalinks: Map<string, Record<string, string>>
  taxonomies: string[]
  taxonomyPairs: Array<[string, string]>
  aliases: boolean
  /** Output formats by page kind (`[outputs]`, less `disableKinds`): `html`, `rss`… lowercased. */
  outputs: Record<'home' | 'page' | 'section' | 'taxonomy' | 'term', Set<string>>
  /** Every output format by lowercased name: Hugo's own and `[outputFormats]`'s. */
  formats: Map<string, OutputFormat>
  /** Folders whose files are layouts: the site's `layouts/` and its themes'. */
  layoutRoots: string[]
  sitemap: boolean
  /** The RSS file name (`[outputFormats.RSS] baseName`, `index` by default) with its suffix. */
  rssName: string
  frontmatter: Record<string, string[]>
}

/** The settings as read once per config, in its scratch. */
class HugoSettings {
  constructor(readonly settings: Settings) {}
}

/** The leaf bundles of one file list, kept in the config's scratch while the list is the same. */
/** An output format as Hugo writes it (`output/outputFormat.go`): `<path>/<page folder>/<baseName>.<suffix>`. */
interface OutputFormat {
  baseName: string
  /** The media type's first suffix (none for a media type of the site's own without `suffixes`), and its delimiter. */
  suffix: string
  delimiter: string
  path: string
}

/** Hugo 0.111's own output formats; HTML and RSS (and the sitemap and robots.txt, said apart) have templates of Hugo's own. */
const builtinFormats: Record<string, OutputFormat> = {
  html: {baseName: 'index', suffix: 'html', delimiter: '.', path: ''},
  amp: {baseName: 'index', suffix: 'html', delimiter: '.', path: 'amp'},
  css: {baseName: 'styles', suffix: 'css', delimiter: '.', path: ''},
  csv: {baseName: 'index', suffix: 'csv', delimiter: '.', path: ''},
  calendar: {baseName: 'index', suffix: 'ics', delimiter: '.', path: ''},
  json: {baseName: 'index', suffix: 'json', delimiter: '.', path: ''},
  markdown: {baseName: 'index', suffix: 'md', delimiter: '.', path: ''},
  rss: {baseName: 'index', suffix: 'xml', delimiter: '.', path: ''},
  webappmanifest: {baseName: 'manifest', suffix: 'webmanifest', delimiter: '.', path: ''}
}

/** A media type's first suffix, as Hugo's defaults (`media/mediaType.go`) or `[mediaTypes]` give it. */
const mediaSuffixes: Record<string, string> = {
  'text/html': 'html',
  'application/json': 'json',
  'text/plain': 'txt',
  'application/rss+xml': 'xml',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/calendar': 'ics',
  'text/csv': 'csv',
  'text/css': 'css',
  'text/markdown': 'md',
  'application/manifest+json': 'webmanifest',
  'application/javascript': 'js',
  'text/javascript': 'js'
}

function outputFormats(data: ReadonlyMap<string, unknown>): Map<string, OutputFormat> {
  const formats = new Map(Object.entries(builtinFormats).map(([name, format]) => [name, {...format}]))
  const mediaTypes = lowerKeys(record(data.get('mediatypes')) ?? {})
  for (const [name, value] of lowerKeys(record(data.get('outputformats')) ?? {})) {
    const given = lowerKeys(record(value) ?? {})
    const base = formats.get(name) ?? {baseName: 'index', suffix: 'html', delimiter: '.', path: ''}
    const mediaType = scalarText(given.get('mediatype')).toLowerCase()
    const own = lowerKeys(record(mediaTypes.get(mediaType)) ?? {})
    // A media type of the site's own has the suffixes it lists, none by default (`_redirects`).
    const suffix = stringList(own.get('suffixes'))[0] ?? (mediaType === '' ? base.suffix : (mediaSuffixes[mediaType] ?? ''))
    const delimiter = own.has('delimiter') ? scalarText(own.get('delimiter')) : base.delimiter
    formats.set(name, {
      baseName: scalarText(given.get('basename')) || base.baseName,
      suffix,
      delimiter,
      // `root` (Hugo ≥ 0.123: once, not per language) is not read: 0.111 writes it per language.
      path: scalarText(given.get('path')).replace(/^\/+|\/+$/g, '') || base.path
    })
  }
  return formats
}

type Kind = keyof Settings['outputs']

/**
 * The files of other output formats (`json`, `amp`, a `print` of the site's own…) a page of this
 * kind and these formats gets, at `base` (its own URL): one for each format it has a layout for
 * (Hugo writes no file for a format without a template, and warns); HTML and RSS are said apart.
 */
function formatUrls(kind: Kind, formats: ReadonlySet<string>, base: string, settings: Settings, layouts: ReadonlySet<string>): string[] {
  const urls: string[] = []
  for (const name of formats) {
    if (name === 'html' || name === 'rss' || name === 'sitemap' || name === 'robots') continue
    const format = settings.formats.get(name)
    if (!format || !hasLayout(kind, name, format, layouts)) continue
    // A format's `path` goes before a regular page's path (`/amp/posts/a/`), after a list page's
    // (`/posts/print/`): `CreateTargetPaths`, resources/page/page_paths.go.
    const full = format.suffix === '' ? '' : `${format.delimiter}${format.suffix}`
    const prefix = format.path !== '' && kind === 'page' ? `/${format.path}` : ''
    const folder = format.path !== '' && kind !== 'page' && !base.endsWith('.html') ? `${base}${format.path}/` : base
    if (folder.endsWith('.html')) urls.push(`${prefix}${folder.slice(0, -'.html'.length)}${full}`)
    else if (format.baseName === 'index' && format.suffix === 'html') urls.push(`${prefix}${folder}`)
    else urls.push(`${prefix}${folder}${format.baseName}${full}`)
  }
  return urls
}

/** The layout names Hugo looks up for a kind (`output/layout.go`), in any folder. */
const layoutNames: Record<Kind, readonly string[]> = {
  home: ['index', 'home', 'list'],
  page: ['single'],
  section: ['section', 'list'],
  taxonomy: ['taxonomy', 'terms', 'list'],
  term: ['term', 'taxonomy', 'list']
}

/**
 * Whether a kind has a layout for the format: `<name>.<format>.<suffix>` or `<name>.<suffix>`
 * (`list.json`, `single.amp.html`). A format of HTML's suffix falls back to the HTML layouts,
 * which a site has.
 */
function hasLayout(kind: Kind, name: string, format: OutputFormat, layouts: ReadonlySet<string>): boolean {
  if (format.suffix === 'html') return true
  const suffix = format.suffix === '' ? name : format.suffix
  const wanted = new Set(layoutNames[kind].flatMap((layout) => [`${layout}.${suffix}`, `${layout}.${name}.${suffix}`]))
  for (const file of layouts) if (wanted.has(file.slice(file.lastIndexOf('/') + 1).toLowerCase())) return true
  return false
}

/** The site's layout files (under `layouts/` and its themes' `layouts/`, not partials or shortcodes), once per file list. */
function layoutFiles(files: ReadonlySet<string> | undefined, config: ResolvedConfig): ReadonlySet<string> {
  if (!files) return new Set()
  const kept = config.scratch.get('hugo-layouts')
  if (kept instanceof LayoutIndex && kept.files === files) return kept.layouts
  const roots = settingsOf(config).layoutRoots.map((root) => `${root}/`)
  const layouts = new Set<string>()
  for (const file of files) {
    const root = roots.find((each) => file.startsWith(each))
    if (root && !/^(?:partials|shortcodes|_partials|_shortcodes|_markup)\//.test(file.slice(root.length))) layouts.add(file)
  }
  config.scratch.set('hugo-layouts', new LayoutIndex(files, layouts))
  return layouts
}

class LayoutIndex {
  constructor(
    readonly files: ReadonlySet<string>,
    readonly layouts: ReadonlySet<string>
  ) {}
}

class BundleIndex {
  constructor(
    readonly files: ReadonlySet<string>,
    readonly folders: Map<string, string[]>
  ) {}
}

function settingsOf(config: ResolvedConfig): Settings {
  const kept = config.scratch.get('hugo')
  if (kept instanceof HugoSettings) return kept.settings
  const data = lowerKeys(config.settings)
  const defaultLanguage =
    typeof data.get('defaultcontentlanguage') === 'string' ? (data.get('defaultcontentlanguage') as string).toLowerCase() : 'en'
  // Disabled languages are left out as if the config did not name them (never the default one, which Hugo refuses to disable).
  const allLanguages = record(data.get('languages')) ?? {}
  const disabledLanguages = new Set(
    [
      ...stringList(data.get('disablelanguages')),
      ...Object.entries(allLanguages)
        .filter(([, value]) => lowerKeys(record(value) ?? {}).get('disabled') === true)
        .map(([key]) => key)
    ]
      .map((key) => key.toLowerCase())
      .filter((key) => key !== defaultLanguage)
  )
  const languagesRecord = Object.fromEntries(Object.entries(allLanguages).filter(([key]) => !disabledLanguages.has(key.toLowerCase())))
  const languages = Object.keys(languagesRecord).map((key) => key.toLowerCase())
  if (!languages.includes(defaultLanguage)) languages.unshift(defaultLanguage)
  const mainContent =
    typeof data.get('contentdir') === 'string' ? (data.get('contentdir') as string).replace(/^\.?\/+|\/+$/g, '') : 'content'
  const contentDirs: Settings['contentDirs'] = []
  const mounts = (record(data.get('module'))?.mounts ?? null) as unknown
  if (Array.isArray(mounts) && mounts.some((mount) => record(mount)?.target === 'content')) {
    for (const mount of mounts) {
      const entry = record(mount)
      const lang = typeof entry?.lang === 'string' ? entry.lang.toLowerCase() : null
      if (lang !== null && disabledLanguages.has(lang)) continue
      if (entry?.target === 'content' && typeof entry.source === 'string') {
        contentDirs.push({
          dir: entry.source.replace(/^\.?\/+|\/+$/g, ''),
          language: lang
        })
      }
    }
  }
  // Module mounts of content replace the folders of the config (Hugo: mounts win).
  const mounted = contentDirs.length > 0
  const permalinks = new Map<string, Record<string, string>>()
  const shared = record(config.permalink as unknown) ?? {}
  for (const [key, value] of Object.entries(languagesRecord)) {
    const language = lowerKeys(record(value) ?? {})
    const dir = language.get('contentdir')
    if (typeof dir === 'string' && !mounted) {
      contentDirs.push({dir: dir.replace(/^\.?\/+|\/+$/g, ''), language: key.toLowerCase()})
    }
    const own = record(language.get('permalinks'))
    permalinks.set(key.toLowerCase(), {...(shared as Record<string, string>), ...((own ?? {}) as Record<string, string>)})
  }
  // The site's `contentDir` holds the languages that have no folder of their own.
  const own = Object.values(languagesRecord).filter((value) => typeof lowerKeys(record(value) ?? {}).get('contentdir') === 'string').length
  const needsMain =
    Object.keys(languagesRecord).length === 0 ||
    own < Object.keys(languagesRecord).length ||
    !Object.keys(languagesRecord)
      .map((key) => key.toLowerCase())
      .includes(defaultLanguage)
  if (needsMain && !mounted && !contentDirs.some((entry) => entry.dir === mainContent)) contentDirs.push({dir: mainContent, language: null})
  // Longer folders first, so that `content/en` is found before `content`.
  contentDirs.sort((a, b) => b.dir.length - a.dir.length)
  const taxonomyRecord = data.has('taxonomies') ? (record(data.get('taxonomies')) ?? {}) : {tag: 'tags', category: 'categories'}
  const taxonomyPairs = Object.entries(taxonomyRecord)
    .filter(([, plural]) => typeof plural === 'string' && plural !== '')
    .map(([singular, plural]) => [singular.toLowerCase(), (plural as string).toLowerCase()] as [string, string])
  const frontmatter: Record<string, string[]> = {
    date: ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
    publishdate: ['publishdate', 'pubdate', 'published', 'date'],
    lastmod: [':git', 'lastmod', 'modified', 'date', 'publishdate', 'pubdate', 'published'],
    expirydate: ['expirydate', 'unpublishdate']
  }
  const given = record(data.get('frontmatter'))
  if (given) {
    for (const [key, value] of Object.entries(given)) {
      const field = key.toLowerCase()
      const list = stringList(value).map((item) => item.toLowerCase())
      if (!frontmatter[field]) continue
      const defaults = frontmatter[field] as string[]
      frontmatter[field] = list.flatMap((item) => (item === ':default' ? defaults : [item]))
    }
  }
  // Kinds as Hugo 0.111 names them, case and all (`page`, `taxonomy`, `RSS`, `sitemap`, `robotsTXT`:
  // `rss` disables nothing), and `taxonomyTerm` as before Hugo 0.73, as `newSite` reads them (hugolib/site.go).
  const disabled = new Set(stringList(data.get('disablekinds')))
  if (disabled.delete('taxonomyTerm')) disabled.add(disabled.has('taxonomy') ? 'term' : 'taxonomy')
  const givenOutputs = lowerKeys(record(data.get('outputs')) ?? {})
  const legacyOutputs = givenOutputs.get('taxonomyterm')
  if (legacyOutputs !== undefined) {
    if (givenOutputs.has('taxonomy')) givenOutputs.set('term', givenOutputs.get('taxonomy'))
    givenOutputs.set('taxonomy', legacyOutputs)
  }
  const outputs = {} as Settings['outputs']
  for (const kind of ['home', 'page', 'section', 'taxonomy', 'term'] as const) {
    const given = givenOutputs.get(kind)
    const formats = new Set(
      (given === undefined ? (kind === 'page' ? ['html'] : ['html', 'rss']) : stringList(given)).map((name) => name.toLowerCase())
    )
    if (disabled.has(kind)) formats.clear()
    if (disabled.has('RSS')) formats.delete('rss')
    outputs[kind] = formats
  }
  const themes = stringList(data.get('theme')).map((theme) =>
    `${scalarText(data.get('themesdir')) || 'themes'}/${theme}`.replace(/^\.?\/+/, '')
  )
  const found: Settings = {
    aliases: data.get('disablealiases') !== true,
    outputs,
    formats: outputFormats(data),
    layoutRoots: [scalarText(data.get('layoutdir')) || 'layouts', ...themes.map((theme) => `${theme}/layouts`)],
    sitemap: !disabled.has('sitemap'),
    rssName: `${scalarText(lowerKeys(record(lowerKeys(record(data.get('outputformats')) ?? {}).get('rss')) ?? {}).get('basename')) || 'index'}.xml`,
    contentDirs,
    // A theme's static folder is served too, under the site's own (`themes/<name>/static`).
    // Module mounts of `static` replace `staticDir` (Hugo adds a component's default mount only
    // when the project mounts nothing into it: modules/config.go); a mount may be one file.
    statics: [
      ...(staticMounts(mounts) ??
        stringList(data.get('staticdir') ?? 'static').map((dir) => ({source: dir.replace(/^\.?\/+|\/+$/g, ''), target: ''}))),
      ...stringList(data.get('theme')).map((theme) => ({
        source: `${scalarText(data.get('themesdir')) || 'themes'}/${theme}/static`.replace(/^\.?\/+|\/+$/g, ''),
        target: ''
      }))
    ],
    ignoreFiles: stringList(data.get('ignorefiles')).flatMap((source) => {
      try {
        return [new RegExp(source)]
      } catch {
        return []
      }
    }),
    languages,
    disabledLanguages,
    defaultLanguage,
    multilingual: Object.keys(languagesRecord).length > 1,
    inSubdir: data.get('defaultcontentlanguageinsubdir') === true,
    ugly: data.get('uglyurls') === true ? true : (record(data.get('uglyurls')) ?? false),
    lower: data.get('disablepathtolower') !== true,
    robots: data.get('enablerobotstxt') === true && !disabled.has('robotsTXT'),
    permalinks,
    taxonomies: taxonomyPairs.map(([, plural]) => plural),
    taxonomyPairs,
    frontmatter
  }
  if (!permalinks.has(defaultLanguage)) permalinks.set(defaultLanguage, shared as Record<string, string>)
  config.scratch.set('hugo', new HugoSettings(found))
  return found
}

/** Where a file is in the content: its folder, its path inside, and the language of that folder. */
function contentPlace(file: string, settings: Settings): {dir: string; inside: string; language: string} | null {
  for (const {dir, language} of settings.contentDirs) {
    if (!file.startsWith(`${dir}/`)) continue
    const inside = file.slice(dir.length + 1)
    // A file named for a disabled language (`post.de.md`) is not built.
    const suffix = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.[^./]+$/.exec(inside)?.[1]?.toLowerCase()
    if (suffix !== undefined && settings.disabledLanguages.has(suffix)) return null
    return {dir, inside, language: language ?? suffixLanguage(inside, settings) ?? settings.defaultLanguage}
  }
  return null
}

function suffixLanguage(inside: string, settings: Settings): string | null {
  const match = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.[^./]+$/.exec(inside)
  const language = match?.[1]?.toLowerCase()
  return language && settings.languages.includes(language) ? language : null
}

const copiedHtmlMark = '# mdpost: an HTML file Hugo copies as it is'
const copiedHtml = `---\n${copiedHtmlMark}\n_build:\n  render: never\n  list: never\n---\n`

/** Whether an HTML content file is a plain HTML document (`isHTMLContent`): `<` first, but no `<!--`. */
function plainHtml(text: string): boolean {
  const start = text.search(/\S/)
  return start === -1 || (text[start] === '<' && !text.startsWith('<!--', start))
}

function languagePrefix(language: string, settings: Settings): string {
  return settings.multilingual && (language !== settings.defaultLanguage || settings.inSubdir) ? `/${language}` : ''
}

/** The leaf bundle (folder inside the content) a file is in, or null: the nearest folder above with an `index.*` content file. */
function leafBundleOf(dir: string, inside: string, files: ReadonlySet<string>, config: ResolvedConfig): string | null {
  const bundles = bundleFolders(files, config)
  const folders = inside.split('/').slice(0, -1)
  for (let length = 1; length <= folders.length; length++) {
    const folder = folders.slice(0, length).join('/')
    if (bundles.has(`${dir}/${folder}`)) return folder
  }
  return null
}

/** Folders holding an `index.*` content file (leaf bundles) with those files, once per file list. */
function bundleFolders(files: ReadonlySet<string>, config: ResolvedConfig): Map<string, string[]> {
  return foldersOf(files, config, 'hugo-bundles', /^index(\.[\w-]+)?\.[^./]+$/)
}

/** Folders holding a content file whose name matches `name`, with those files, kept in the config's scratch per file list. */
function foldersOf(files: ReadonlySet<string>, config: ResolvedConfig, key: string, name: RegExp): Map<string, string[]> {
  const kept = config.scratch.get(key)
  if (kept instanceof BundleIndex && kept.files === files) return kept.folders
  const found = new Map<string, string[]>()
  for (const file of files) {
    const at = file.lastIndexOf('/')
    if (at === -1 || !name.test(file.slice(at + 1)) || !contentFile.test(file)) continue
    const list = found.get(file.slice(0, at)) ?? []
    list.push(file)
    found.set(file.slice(0, at), list)
  }
  config.scratch.set(key, new BundleIndex(files, found))
  return found
}

/** Whether `ignoreFiles` leaves a file out (Hugo matches each pattern against the file's path). */
function ignored(file: string, settings: Settings): boolean {
  return settings.ignoreFiles.some((pattern) => pattern.test(file))
}

/** One page per bundle and language: of `index.md` and `index.markdown`, the first in name order (as Hugo, asked). */
function indexWins(dir: string, inside: string, files: ReadonlySet<string>, config: ResolvedConfig): boolean {
  const folder = folderOf(inside)
  const name = inside.slice(folder.length + 1)
  const language = /^index(\.[\w-]+)?\.[^.]+$/.exec(name)?.[1] ?? ''
  const settings = settingsOf(config)
  const same = (bundleFolders(files, config).get(`${dir}/${folder}`) ?? []).filter(
    (file) => (/^index(\.[\w-]+)?\.[^.]+$/.exec(file.slice(file.lastIndexOf('/') + 1))?.[1] ?? '') === language && !ignored(file, settings)
  )
  return same.sort()[0] === `${dir}/${inside}`
}

/** A date field as the `[frontmatter]` config orders its sources. */
function dateOf({data, path, config}: PostContext, field: string): PostDate | null {
  const settings = settingsOf(config)
  const meta = lowerKeys(data)
  for (const source of settings.frontmatter[field] ?? []) {
    if (source === ':filename') {
      const dated = dateFromFileName(baseName(path).replace(/^index$/, baseName(folderOf(path))))
      if (dated?.date) return dated.date
      continue
    }
    if (source.startsWith(':')) continue
    const value = meta.get(source)
    if (value === undefined || value === null || value === '') continue
    const result = parseDate(typeof value === 'number' ? String(value) : value, 'frontmatter')
    if (result && 'date' in result) return result.date
  }
  return null
}

function hugoPermalink({data, path, config}: PostContext, date: PostDate | null): string {
  const settings = settingsOf(config)
  const place = contentPlace(path, settings)
  const inside = place?.inside ?? path
  const language = place?.language ?? settings.defaultLanguage
  const prefix = languagePrefix(language, settings)
  const meta = lowerKeys(data)
  const url = scalar(meta.get('url'))
  if (url !== '') {
    // A URL in front matter is kept as written (not lowercased); a relative one gets the language.
    const absolute = url.startsWith('/') ? url : `${prefix}/${url}`
    const hasDot = url.includes('.')
    const link = url.endsWith('/') || !hasDot ? `${absolute.replace(/\/+$/, '')}/` : absolute
    return escapeLink(link.replace(/\/{2,}/g, '/'))
  }
  const file = fileFacts(inside, settings)
  const slug = scalar(meta.get('slug'))
  const patterns = settings.permalinks.get(language) ?? {}
  const section = file.folders[0] ?? ''
  const pattern = Object.entries(patterns).find(([key]) => key.replace(/^[ /]+|[ /]+$/g, '') === section)?.[1]
  let local: string
  if (pattern && file.folders.length > 0) {
    const title = scalar(meta.get('title'))
    const values: Record<string, string> = {
      section,
      sections: file.sections.join('/'),
      title: urlize(title, settings),
      slug: slug ? urlize(slug, settings) : urlize(title, settings),
      slugorfilename: slug ? urlize(slug, settings) : urlize(file.name, settings),
      filename: urlize(file.name, settings),
      // Newer than 0.111 (gohugo.io/content-management/urls/#tokens): the content's base name.
      contentbasename: urlize(file.name, settings),
      slugorcontentbasename: slug ? urlize(slug, settings) : urlize(file.name, settings),
      ...(date ? goDateValues(date) : goDateValues(null))
    }
    local = pattern.replace(/:([a-z_]+)/gi, (whole, name: string) => values[name] ?? goFormat(name, date) ?? whole)
    try {
      local = decodeURIComponent(local.replace(/\+/g, ' '))
    } catch {
      // Kept as expanded.
    }
  } else {
    local = [file.dir, slug || file.name].filter(Boolean).join('/')
  }
  let link = `/${local}`.replace(/\/{2,}/g, '/')
  const ugly = sectionUgly(section, settings)
  link = ugly ? `${link.replace(/\/+$/, '')}.html` : `${link.replace(/\/+$/, '')}/`
  return escapeLink(sanitizePath(`${prefix}${link}`, settings))
}

/** What `createTargetPathDescriptor` takes from the file: its folder, base name, sections. */
function fileFacts(inside: string, settings: Settings): {dir: string; name: string; folders: string[]; sections: string[]} {
  const parts = inside.split('/')
  const fileName = parts.pop() as string
  let name = fileName.replace(/\.[^.]+$/, '')
  const language = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)$/.exec(name)?.[1]?.toLowerCase()
  if (language && settings.languages.includes(language)) name = name.slice(0, -(language.length + 1))
  let folders = parts
  if (name === 'index' && parts.length > 0) {
    name = parts[parts.length - 1] as string
    folders = parts.slice(0, -1)
  }
  return {dir: folders.join('/'), name, folders: parts.length > 0 ? [parts[0] as string, ...parts.slice(1)] : [], sections: folders}
}

/** Hugo's date placeholders (`:year` unpadded, as `strconv.Itoa`). */
function goDateValues(date: PostDate | null): Record<string, string> {
  const parts = date ? writtenParts(date) : {year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0}
  const values = dateValues(parts)
  return {
    year: String(parts.year),
    month: values.month as string,
    monthname: values.monthname as string,
    day: values.day as string,
    weekday: values.weekday as string,
    weekdayname: values.weekdayname as string,
    yearday: values.yearday as string
  }
}

/** Go layouts as placeholders (`:2006`, `:01`, `:Jan`): the common tokens. */
function goFormat(layout: string, date: PostDate | null): string | null {
  const parts = date ? writtenParts(date) : {year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0}
  const values = dateValues(parts)
  const tokens: Array<[string, string]> = [
    ['2006', String(parts.year).padStart(4, '0')],
    ['January', values.long_month as string],
    ['Monday', values.long_day as string],
    ['Jan', values.short_month as string],
    ['Mon', values.short_day as string],
    ['01', values.month as string],
    ['02', values.day as string],
    ['06', values.short_year as string],
    ['15', values.hour as string],
    ['04', values.minute as string],
    ['05', values.second as string]
  ]
  let out = ''
  let rest = layout
  let changed = false
  while (rest !== '') {
    const token = tokens.find(([key]) => rest.startsWith(key))
    if (token) {
      out += token[1]
      rest = rest.slice(token[0].length)
      changed = true
    } else {
      out += rest[0]
      rest = rest.slice(1)
    }
  }
  return changed ? out : null
}

/** `UnicodeSanitize`, lowercased unless `disablePathToLower`. */
function sanitizePath(value: string, settings: Settings): string {
  let out = ''
  let prependHyphen = false
  let wasHyphen = false
  const chars = [...value]
  chars.forEach((char, at) => {
    const allowed =
      /[./\\_#+~\-@]/.test(char) ||
      /[\p{L}\p{Nd}\p{M}]/u.test(char) ||
      (char === '%' && /^[0-9a-fA-F]{2}$/.test((chars[at + 1] ?? '') + (chars[at + 2] ?? '')))
    if (allowed) {
      wasHyphen = char === '-'
      if (prependHyphen) {
        if (!wasHyphen) out += '-'
        prependHyphen = false
      }
      out += char
    } else if (out.length > 0 && !wasHyphen && /\s/.test(char)) {
      prependHyphen = true
    }
  })
  return settings.lower ? out.toLowerCase() : out
}

/** `URLize`: sanitized, then escaped as a URL path. */
function urlize(value: string, settings: Settings): string {
  return sanitizePath(value, settings)
}

/** `URLEscape` of a path: what a URL path may not hold, percent-encoded. */
function escapeLink(path: string): string {
  let out = ''
  for (const char of path) {
    out += /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]$/.test(char)
      ? char
      : [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
  }
  return out
}

/** Go's `path.Clean` for an absolute path: no `.`, `..`, repeated or trailing slashes. */
function cleanPath(path: string): string {
  const out: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') out.pop()
    else out.push(part)
  }
  return `/${out.join('/')}`
}

/** Whether `uglyURLs` applies to a section (or taxonomy). */
function sectionUgly(section: string, settings: Settings): boolean {
  return typeof settings.ugly === 'boolean' ? settings.ugly : settings.ugly[section] === true
}

/** A front matter string as Hugo casts it (`cast.ToString`: numbers and booleans too), trimmed. */
function scalar(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

/** Taxonomy terms: a list, or one string as one term. */
function terms(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value]
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String)
  return []
}

/** The term pages (and feeds) of a page's taxonomies: a regular page's or a list page's. */
function termUrls(meta: ReadonlyMap<string, unknown>, prefix: string, settings: Settings, layouts: ReadonlySet<string>): string[] {
  const urls: string[] = []
  const html = settings.outputs.term.has('html')
  const rss = settings.outputs.term.has('rss')
  // A page's terms are under the plural key only (`tags`, not `tag`: content_map_page.go, 0.111.3).
  for (const [, plural] of settings.taxonomyPairs) {
    for (const value of terms(meta.get(plural))) {
      const term = sanitizePath(`${prefix}/${plural}/${urlize(value, settings)}`, settings)
      if (html) urls.push(escapeLink(sectionUgly(plural, settings) ? `${term}.html` : `${term}/`))
      if (rss) urls.push(escapeLink(`${term}/${settings.rssName}`))
      for (const url of formatUrls(
        'term',
        settings.outputs.term,
        sectionUgly(plural, settings) ? `${term}.html` : `${term}/`,
        settings,
        layouts
      ))
        urls.push(escapeLink(url))
    }
  }
  return urls
}

/**
 * Aliases as `renderAliases` writes them (hugolib/site_render.go, 0.111.3), for regular and list
 * pages alike: an absolute alias as written, cleaned; a relative one beside the page's folder
 * (`page` is its URL); `.html` added under uglyURLs, else a folder.
 */
function aliasPaths(written: readonly string[], page: string, settings: Settings): string[] {
  if (!settings.aliases || written.length === 0) return []
  const parent = folderOf(decodeURI(page.replace(/\/+$/, '')))
  return written.map((alias) => {
    const joined = cleanPath(alias.startsWith('/') ? alias : `${parent}/${alias}`)
    if (joined.endsWith('.html')) return joined
    return settings.ugly === true ? `${joined}.html` : `${joined.replace(/\/+$/, '')}/`
  })
}

/** The URL path of a list page (home, section, taxonomy, term) for its folder inside the content. */
function listBase(folders: readonly string[], prefix: string, settings: Settings): string {
  return folders.length === 0 ? prefix : sanitizePath(`${prefix}/${folders.join('/')}`, settings)
}

/** Folders holding an `_index.*` content file (branch bundles) with those files, once per file list. */
function branchFolders(files: ReadonlySet<string>, config: ResolvedConfig): Map<string, string[]> {
  return foldersOf(files, config, 'hugo-branches', /^_index(\.[\w-]+)?\.[^./]+$/)
}

/**
 * Where a file of a branch bundle (right in a folder with an `_index`) is published:
 * under each language version of its list page, and under the list pages of the same folder in
 * other languages' content folders that have no file of that name (inherited, as leaf bundles'
 * resources are). Null when its own folder has no `_index`.
 */
function branchResourceUrls(
  place: {dir: string; inside: string; language: string},
  files: ReadonlySet<string>,
  config: ResolvedConfig
): string[] | null {
  const settings = settingsOf(config)
  const branches = branchFolders(files, config)
  const parts = place.inside.split('/')
  // Only a file right in the folder of an `_index` is its resource; one in a folder below is a
  // file of its own language, at its own path (hugolib/pages_capture.go: branch bundles take no
  // sub-folders; asked of 0.111.3).
  const length = parts.length - 1
  const folder = parts.slice(0, length).join('/')
  const indexes = branches.get(folder === '' ? place.dir : `${place.dir}/${folder}`)
  if (!indexes) return null
  const rest = parts.slice(length).join('/')
  const urls = new Set<string>()
  const languages = new Set<string>()
  for (const index of indexes) {
    const language = contentPlace(index, settings)?.language ?? place.language
    languages.add(language)
    urls.add(`${listBase(parts.slice(0, length), languagePrefix(language, settings), settings)}/${rest}`)
  }
  for (const other of settings.contentDirs) {
    // The site's own content folder (no language of its own) holds the default language.
    const language = other.language ?? settings.defaultLanguage
    if (other.dir === place.dir || languages.has(language)) continue
    const base = folder === '' ? other.dir : `${other.dir}/${folder}`
    if (!branches.has(base) || files.has(`${base}/${rest}`)) continue
    urls.add(`${listBase(parts.slice(0, length), languagePrefix(language, settings), settings)}/${rest}`)
  }
  return [...urls]
}

export type {ConfigProblem, ServedPost}
