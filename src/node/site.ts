/**
 * loadSite: a blog's folder as a Site. Finds the layout (Jekyll, Hugo, Docusaurus, Gatsby,
 * Pelican, or none), reads the config it can read (YAML, TOML, JSON; JavaScript and Python
 * configs are never executed: pass options instead), finds the posts and the other files,
 * parses the posts on the worker pool (with the cache), and calls `createSite`.
 */
import type {Dirent} from 'node:fs'
import {readdir, readFile, stat} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import type {StandardSchemaV1} from '@standard-schema/spec'
import {parse as parseToml} from 'smol-toml'
import {parseDocument} from 'yaml'
import {LineIndex} from '../diagnostics.js'
import {PostParseError, reasonOf} from '../errors.js'
import {checkSchema, issueMessage} from '../schema.js'
import {createSite} from '../site/create.js'
import type {Generator, Site, SiteConfig, SiteDiagnostic, SiteInput} from '../site/types.js'
import type {Post} from '../types.js'
import {type FileResult, PostPool} from './files.js'
import type {WorkerPostOptions} from './post-worker.js'

export interface LoadSiteOptions extends SiteConfig {
  /** Post files, as globs relative to the root (`**` and `*`); default: the layout's own. */
  posts?: readonly string[] | null | undefined
  /** Folders whose files are served from the site's root (default: the layout's: `static/`…). */
  static?: readonly string[] | null | undefined
  /** Options for every post, as for `parseFiles` (default: none). */
  post?: Readonly<Omit<WorkerPostOptions, 'path'>> | null | undefined
  /** As for `parseFiles` (default: none). */
  cacheDir?: string | null | undefined
  /** As for `parseFiles` (default: the number of CPUs). */
  concurrency?: number | null | undefined
  /** A pool kept across calls (watch modes): its warm threads parse instead of new ones (default: none). */
  pool?: PostPool | null | undefined
  /**
   * A Standard Schema v1 validator for every post's front matter, run here after the workers
   * parsed (a validator cannot cross to a thread): its output becomes `metadata`, each issue a
   * `metadata-invalid` error of the site at the post's front matter (default: none).
   */
  schema?: StandardSchemaV1 | null | undefined
}

const markdown = /\.(?:md|markdown|mdown|mkdn|mkd|mkdown|mdx)$/i

interface Layout {
  generator: Generator
  configFile: string | null
  posts: (file: string, drafts: boolean) => boolean
  /** Where a non-post file is served, or null when it is not. */
  serve: (file: string, statics: readonly string[]) => string | null
  statics: string[]
}

export async function loadSite(root: string, options?: Readonly<LoadSiteOptions> | null): Promise<Site> {
  if (typeof root !== 'string' || root === '') throw new TypeError('Expected `root` to be the path of a site folder')
  const info = await stat(root).catch(() => null)
  if (!info?.isDirectory()) throw new TypeError(`Expected \`root\` to be a folder, not \`${root}\``)
  const files = await walk(root)
  const layout = detect(files, options?.generator ?? null)
  const diagnostics: SiteDiagnostic[] = []
  const read = layout.configFile ? await readConfig(root, layout.configFile, layout.generator, diagnostics) : {}
  const {excerptSeparator: _separator, ...readConfigOnly} = read as SiteConfig & {excerptSeparator?: string}
  const config: SiteConfig = {...readConfigOnly, ...definedOnly(options ?? {}), generator: layout.generator}
  const statics = [...(options?.static ?? layout.statics)]
  const globs = options?.posts ? options.posts.map(globToRegExp) : null
  const postFiles: string[] = []
  const served: string[] = []
  const others: string[] = []
  for (const file of files) {
    const isPost = globs ? globs.some((glob) => glob.test(file)) : layout.posts(file, config.drafts === true)
    if (isPost) postFiles.push(file)
    else {
      others.push(file)
      const at = layout.serve(file, statics)
      if (at !== null) served.push(at)
    }
  }
  // Strict by default: a post whose front matter does not parse is left out, and its error is the site's.
  const separator = (read as {excerptSeparator?: string}).excerptSeparator
  const post: WorkerPostOptions = {
    ...(layout.generator === 'pelican' ? {metadataHeaders: true} : {}),
    // Jekyll's `excerpt_separator` in _config.yml; a post's own still wins.
    ...(separator ? {excerptSeparators: [separator]} : {}),
    ...options?.post
  }
  const absolute = postFiles.map((file) => join(root, file))
  // One pool for both passes (a kept one when given): threads start once per call, or never.
  const pool = options?.pool ?? new PostPool({size: options?.concurrency ?? undefined})
  const cacheDir = options?.cacheDir ?? null
  try {
    return await build(pool)
  } finally {
    if (!options?.pool) await pool.close()
  }

  async function build(pool: PostPool): Promise<Site> {
    const results: FileResult[] = await pool.parseFiles(absolute, {post, cacheDir})
    const posts: SiteInput[] = []
    const schema = checkSchema(options?.schema)
    for (const [index, result] of results.entries()) {
      const path = postFiles[index] as string
      if (result.error !== null) {
        diagnostics.push(failure(path, result.error))
        continue
      }
      posts.push({path, post: result.post as Post})
    }
    // Liquid and shortcodes that stand for URLs: a second parse of the posts that have any, with
    // what they stand for once every permalink is known.
    // Only posts where the first parse saw Liquid (`liquid-tag`: text or raw HTML) can hold such
    // tags: the others are not read again, and without any the site is not computed twice.
    const holders = posts.flatMap((input, index) => (input.post.diagnostics.some((d) => d.ruleId === 'liquid-tag') ? [index] : []))
    if ((layout.generator === 'jekyll' || layout.generator === 'hugo') && holders.length > 0) {
      await expandLinks(root, createSite({posts, config, files: served, sourceFiles: others}), posts, holders, post, pool, cacheDir)
    }
    if (schema) for (const input of posts) await validate(schema, input.post, input.path, diagnostics)
    const site = createSite({posts, config, files: served, sourceFiles: others})
    if (layout.generator === 'docusaurus' && files.includes('blog/authors.yml')) {
      site.authors = await readData(root, 'blog/authors.yml', diagnostics)
    }
    site.diagnostics = [...diagnostics, ...site.diagnostics]
    return site
  }
}

const jekyllTags = /\{%-?\s*(post_url|link)\s+([^\s%]+)\s*-?%\}|\{\{-?\s*site\.(baseurl|url)\s*-?\}\}/g
const hugoTags = /\{\{[<%]\s*(ref|relref)\s+"([^"]+)"\s*[>%]\}\}/g

/**
 * Parse again, with `expand`, each post whose file holds `{% post_url %}`, `{% link %}`,
 * `{{ site.baseurl }}`, `{{ site.url }}` (Jekyll 4: the tags give permalinks with `baseurl`) or
 * `{{< ref >}}`/`{{< relref >}}` (Hugo: `ref` absolute, `relref` the permalink). A target that
 * does not exist expands to a path no page has, so that it is reported as a broken link.
 */
async function expandLinks(
  root: string,
  site: Site,
  posts: SiteInput[],
  candidates: readonly number[],
  options: WorkerPostOptions,
  pool: PostPool,
  cacheDir: string | null
): Promise<number> {
  const byPath = new Map(site.posts.map((post) => [post.path, post]))
  const origin = site.config.url ? new URL(site.config.url).origin : ''
  const find = (target: string, from: string): string | null => {
    const clean = target.replace(/^\.?\//, '')
    for (const post of site.posts) {
      const stem = post.path.replace(/\.[^./]+$/, '')
      if (post.path === clean || stem.endsWith(`/${clean}`) || stem === clean || post.path.endsWith(`/${clean}`)) return post.permalink
    }
    const relative = new URL(target, `file:///${from}`).pathname.slice(1)
    return byPath.get(relative)?.permalink ?? byPath.get(`content/${clean}`)?.permalink ?? null
  }
  // One map for the site (a tag stands for one URL wherever it is written), so that the posts
  // that hold tags are parsed again in one call, through the cache.
  const expand: Record<string, string> = {}
  const holders: number[] = []
  for (const index of candidates) {
    const input = posts[index] as SiteInput
    const text = await readFile(join(root, input.path), 'utf8').catch(() => '')
    let found = false
    for (const match of text.matchAll(site.generator === 'hugo' ? hugoTags : jekyllTags)) {
      found = true
      const tag = match[0]
      if (tag in expand) continue
      if (site.generator === 'hugo') {
        const permalink = find(match[2] as string, input.path) ?? `/${match[2]}`
        expand[tag] = match[1] === 'ref' && origin ? `${origin}${permalink}` : permalink
      } else if (match[3]) {
        expand[tag] = match[3] === 'baseurl' ? site.config.baseurl : (site.config.url ?? '')
      } else {
        expand[tag] = find(match[2] as string, input.path) ?? `${site.config.baseurl}/${match[2]}`
      }
    }
    if (found) holders.push(index)
  }
  if (holders.length === 0) return 0
  const results = await pool.parseFiles(
    holders.map((index) => join(root, (posts[index] as SiteInput).path)),
    {post: {...options, expand}, cacheDir}
  )
  let count = 0
  results.forEach((result, at) => {
    const index = holders[at] as number
    if (result.error === null) {
      posts[index] = {path: (posts[index] as SiteInput).path, post: result.post}
      count++
    }
  })
  return count
}

/** The schema's output as the post's metadata, or its issues as the site's errors at the front matter. */
async function validate(schema: StandardSchemaV1, post: Post, path: string, diagnostics: SiteDiagnostic[]): Promise<void> {
  const result = await schema['~standard'].validate(post.metadata)
  if (!result.issues) {
    post.metadata = result.value as Record<string, unknown>
    return
  }
  const start = post.frontmatter.position?.start
  for (const issue of result.issues) {
    diagnostics.push({
      ruleId: 'metadata-invalid',
      severity: 'error',
      message: issueMessage(issue),
      line: start?.line ?? 1,
      column: start?.column ?? 1,
      endLine: start?.line ?? 1,
      endColumn: start?.column ?? 1,
      source: 'mdpost',
      path
    })
  }
}

/** A post that could not be read or parsed, as a located error of the site. */
export function failure(path: string, error: Error): SiteDiagnostic {
  const data = error instanceof PostParseError ? error : null
  return {
    ruleId: data?.ruleId ?? 'encoding-invalid',
    severity: 'error',
    message: data ? reasonOf(data) : error.message,
    line: data?.line ?? 1,
    column: data?.column ?? 1,
    endLine: data?.line ?? 1,
    endColumn: data?.column ?? 1,
    source: 'mdpost',
    path
  }
}

function definedOnly(options: Readonly<LoadSiteOptions>): SiteConfig {
  const result: Record<string, unknown> = {}
  for (const key of [
    'url',
    'baseurl',
    'permalink',
    'timezone',
    'drafts',
    'future',
    'now',
    'title',
    'description',
    'author',
    'defaults'
  ] as const) {
    if (options[key] !== undefined && options[key] !== null) result[key] = options[key]
  }
  return result as SiteConfig
}

/** Every file under the root, relative with `/`, sorted; hidden files, node_modules and links to folders left out (no loops). */
async function walk(root: string): Promise<string[]> {
  const found: string[] = []
  const visit = async (folder: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(folder, {withFileTypes: true})
    } catch {
      return
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await visit(path)
      else if (entry.isFile() || entry.isSymbolicLink()) found.push(relative(root, path).split(sep).join('/'))
    }
  }
  await visit(root)
  return found
}

function detect(files: readonly string[], forced: Generator | null): Layout {
  const has = (name: string) => files.includes(name)
  const first = (...names: string[]) => names.find(has) ?? null
  const underscore = (file: string) => file.split('/').some((part) => part.startsWith('_'))
  const jekyll: Layout = {
    generator: 'jekyll',
    configFile: first('_config.yml', '_config.yaml', '_config.toml'),
    posts: (file, drafts) => markdown.test(file) && (/(^|\/)_posts\//.test(file) || (drafts && /^_drafts\//.test(file))),
    serve: (file) => (underscore(file) || markdown.test(file) ? null : `/${file}`),
    statics: []
  }
  const hugo: Layout = {
    generator: 'hugo',
    configFile: first('hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'),
    posts: (file) => /^content\//.test(file) && markdown.test(file) && !/(^|\/)_index(\.[\w-]+)?\.[^/.]+$/.test(file),
    serve: (file, statics) =>
      servedFrom(file, statics) ?? (file.startsWith('content/') && !markdown.test(file) ? `/${file.slice('content/'.length)}` : null),
    statics: ['static']
  }
  const docusaurus: Layout = {
    generator: 'docusaurus',
    configFile: null,
    posts: (file) => /^blog\//.test(file) && markdown.test(file),
    serve: (file, statics) => servedFrom(file, statics),
    statics: ['static']
  }
  const gatsby: Layout = {
    generator: 'gatsby',
    configFile: null,
    posts: (file) => /^content\/blog\/.+\/index\.mdx?$/i.test(file),
    serve: (file, statics) =>
      servedFrom(file, statics) ??
      (/^content\/blog\//.test(file) && !markdown.test(file) ? `/${file.slice('content/blog/'.length)}` : null),
    statics: ['static']
  }
  const pelican: Layout = {
    generator: 'pelican',
    configFile: null,
    posts: (file) => /^content\//.test(file) && markdown.test(file) && !/^content\/pages\//.test(file),
    serve: (file) => (file.startsWith('content/') && !markdown.test(file) ? `/${file.slice('content/'.length)}` : null),
    statics: []
  }
  const generic: Layout = {
    generator: 'generic',
    configFile: null,
    posts: (file) => markdown.test(file) && !/^readme\.md$/i.test(file),
    serve: (file) => (markdown.test(file) ? null : `/${file}`),
    statics: []
  }
  const layouts = {jekyll, hugo, docusaurus, gatsby, pelican, generic}
  if (forced) return layouts[forced]
  if (jekyll.configFile || files.some((file) => /(^|\/)_posts\//.test(file))) return jekyll
  if (files.some((file) => /^docusaurus\.config\.[cm]?[jt]s$/.test(file))) return docusaurus
  if (files.some((file) => /^gatsby-config\.[cm]?[jt]s$/.test(file))) return gatsby
  if (has('pelicanconf.py')) return pelican
  if (hugo.configFile && files.some((file) => file.startsWith('content/'))) return hugo
  return generic
}

function servedFrom(file: string, statics: readonly string[]): string | null {
  for (const folder of statics) {
    const prefix = `${folder.replace(/\/+$/, '')}/`
    if (file.startsWith(prefix)) return `/${file.slice(prefix.length)}`
  }
  return null
}

/** `**` any folders, `*` any name part; everything else literal. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .replace(/^\.\//, '')
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part === '**/' || part === '**' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${pattern}$`)
}

/** A YAML data file (Docusaurus' `authors.yml`); one that does not parse is `config-invalid`. */
async function readData(root: string, file: string, diagnostics: SiteDiagnostic[]): Promise<Record<string, unknown>> {
  try {
    return parseConfig(file, await readFile(join(root, file), 'utf8'))
  } catch (error) {
    const {message, line, column} = error as Error & {line?: number; column?: number}
    diagnostics.push(configProblem(file, `Unexpected data file that does not parse: ${message.split('\n')[0]}`, line ?? 1, column ?? 1))
    return {}
  }
}

/**
 * The config as plain data. A config that does not parse is `config-invalid` at its place, and
 * the site loads with defaults. Jekyll's and Hugo's names become SiteConfig's.
 */
async function readConfig(root: string, file: string, generator: Generator, diagnostics: SiteDiagnostic[]): Promise<SiteConfig> {
  let text: string
  try {
    text = await readFile(join(root, file), 'utf8')
  } catch (error) {
    diagnostics.push(configProblem(file, `Unexpected config that cannot be read (${(error as Error).message})`, 1, 1))
    return {}
  }
  let data: Record<string, unknown>
  try {
    data = parseConfig(file, text)
  } catch (error) {
    const {message, line, column} = error as Error & {line?: number; column?: number}
    diagnostics.push(configProblem(file, `Unexpected config that does not parse: ${message.split('\n')[0]}`, line ?? 1, column ?? 1))
    return {}
  }
  return generator === 'hugo' ? fromHugo(data) : fromJekyll(data)
}

function configProblem(path: string, message: string, line: number, column: number): SiteDiagnostic {
  return {ruleId: 'config-invalid', severity: 'error', message, line, column, endLine: line, endColumn: column, source: 'mdpost', path}
}

function parseConfig(file: string, text: string): Record<string, unknown> {
  if (file.endsWith('.toml')) return parseToml(text) as Record<string, unknown>
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text) as Record<string, unknown>
    } catch (error) {
      const at = /position (\d+)/.exec((error as Error).message)
      const point = at ? new LineIndex(text).point(Number(at[1])) : {line: 1, column: 1}
      throw Object.assign(new Error((error as Error).message), {line: point.line, column: point.column})
    }
  }
  const document = parseDocument(text, {prettyErrors: false, logLevel: 'silent'})
  const problem = document.errors[0]
  if (problem) {
    const point = new LineIndex(text).point(problem.pos[0])
    throw Object.assign(new Error(problem.message), {line: point.line, column: point.column})
  }
  const value = document.toJS({maxAliasCount: 100}) as unknown
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

function fromJekyll(data: Record<string, unknown>): SiteConfig {
  return clean({
    url: text(data.url),
    baseurl: text(data.baseurl),
    permalink: text(data.permalink),
    timezone: text(data.timezone),
    future: typeof data.future === 'boolean' ? data.future : undefined,
    drafts: typeof data.show_drafts === 'boolean' ? data.show_drafts : undefined,
    title: text(data.title),
    description: text(data.description),
    author: typeof data.author === 'string' ? data.author : text((data.author as {name?: unknown} | undefined)?.name),
    defaults: Array.isArray(data.defaults)
      ? (data.defaults.filter(
          (entry) => entry && typeof entry === 'object' && (entry as {values?: unknown}).values
        ) as SiteConfig['defaults'])
      : undefined,
    excerptSeparator: text(data.excerpt_separator)
  })
}

function fromHugo(data: Record<string, unknown>): SiteConfig {
  const lower = new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase(), value]))
  const base = text(lower.get('baseurl'))
  let url: string | undefined
  let baseurl: string | undefined
  if (base) {
    try {
      const parsed = new URL(base)
      url = parsed.origin
      baseurl = parsed.pathname.replace(/\/+$/, '')
    } catch {
      url = undefined
    }
  }
  const permalinks = lower.get('permalinks')
  return clean({
    url,
    baseurl,
    permalink:
      permalinks && typeof permalinks === 'object' && !Array.isArray(permalinks)
        ? (Object.fromEntries(Object.entries(permalinks).filter(([, value]) => typeof value === 'string')) as Record<string, string>)
        : undefined,
    timezone: text(lower.get('timezone')),
    drafts: typeof lower.get('builddrafts') === 'boolean' ? (lower.get('builddrafts') as boolean) : undefined,
    future: typeof lower.get('buildfuture') === 'boolean' ? (lower.get('buildfuture') as boolean) : undefined,
    title: text(lower.get('title'))
  })
}

function clean(config: Record<string, unknown>): SiteConfig & {excerptSeparator?: string} {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as SiteConfig
}
