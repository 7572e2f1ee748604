/**
 * loadSite: a blog's folder as a Site. Finds the layout (Jekyll, Hugo, Docusaurus, Gatsby,
 * Pelican, or none), reads the config it can read (YAML, TOML, JSON; JavaScript and Python
 * configs are never executed: pass options instead), finds the posts and the other files,
 * parses the posts on the worker pool (with the cache), and calls `createSite`.
 */
import {closeSync, type Dirent, openSync, readFileSync, readSync, statSync} from 'node:fs'
import {readdir, readFile, realpath, stat} from 'node:fs/promises'
import {isAbsolute, join, relative, resolve, sep} from 'node:path'
import type {StandardSchemaV1} from '@standard-schema/spec'
import {parse as parseToml} from 'smol-toml'
import {parseDocument} from 'yaml'
import {htmlPageLinks} from '../collect/raw-html.js'
import {LineIndex} from '../diagnostics.js'
import {PostParseError, reasonOf} from '../errors.js'
import {detectGenerator, generatorFor, resolveConfig} from '../generators/index.js'
import {globToRegExp} from '../generators/shared.js'
import type {ConfigProblem, GeneratorModule, LinkTag, PageData, ResolvedConfig} from '../generators/types.js'
import {parseFrontmatter} from '../parse.js'
import {checkSchema, issueMessage} from '../schema.js'
import {createSite, createSiteMemo, type Derived, select, settingsOf, siteConfig} from '../site/create.js'
import {makeLean, shareStrings, sliceHtml} from '../site/lean.js'
import type {LeanSite, Site, SiteConfig, SiteDiagnostic, SiteInput, SiteOf} from '../site/types.js'
import type {Post, RuleId} from '../types.js'
import {boolean, optional} from '../validate.js'
import {type FileResult, PostPool, unreadableMessage} from './files.js'
import type {WorkerPostOptions} from './post-worker.js'
import {PostWorker} from './post-worker.js'

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
   * The generator's output folder (`_site`, `public`, `output`), relative to the working folder or
   * absolute: links and fragments are checked against what is really there (every file as its
   * URL, the ids and names of each HTML page), each problem still at its line in the markdown
   * source, as html-proofer and htmltest do on the HTML (default: none, mdpost's own URL space).
   */
  built?: string | null | undefined
  /**
   * A Standard Schema v1 validator for every post's front matter, run here after the workers
   * parsed (a validator cannot cross to a thread): its output becomes `metadata`, each issue a
   * `metadata-invalid` error of the site at the post's front matter (default: none).
   */
  schema?: StandardSchemaV1 | null | undefined
  /**
   * Called as post files are parsed: `done` of `total` files so far, and `problems`, the
   * diagnostics of those posts (before the cross-post checks); on every load and update
   * (default: none).
   */
  onProgress?: ((progress: {done: number; total: number; problems: number}) => void) | null | undefined
  /**
   * Load a lean site: posts without their rendered HTML (no `html`, none in their sections and
   * excerpt), every other field, cross-post result and diagnostic the same. What `mdpost check`
   * needs; a site of 50,000 posts then holds a fraction of the memory. Sections' and excerpts'
   * HTML is left out as each post arrives, a post's `html` once the site is computed (its ids
   * are read from it); `openSite` keeps the posts' `html` in its session, to compute the site
   * again after edits (default: false, every post whole).
   */
  lean?: boolean | null | undefined
}

/** A site kept in memory (`openSite`): `update` parses only what changed and computes the site again. */
export interface SiteSession<S extends Site | LeanSite = Site> {
  /** The site as of the last load or update. */
  readonly site: S
  /**
   * Files that changed, were added or were removed (paths relative to the root or absolute;
   * folders too): only those posts are parsed again, then the indexes and cross-post checks
   * are computed again from the posts in memory. A changed config loads the whole site again.
   * Without a list, every file is looked at again (through the cache when there is one).
   * Updates run one after another.
   */
  update(changed?: readonly string[] | null): Promise<S>
  /** Stop the session's threads (not those of a `pool` that was given). */
  close(): Promise<void>
}

/** The site a load gives: a `LeanSite` with `lean: true`, else a `Site`. */
export async function loadSite<Options extends Readonly<LoadSiteOptions>>(
  root: string,
  options?: Options | null
): Promise<SiteOf<Options>> {
  const session = await open(root, options, false)
  await session.close()
  return session.site as SiteOf<Options>
}

/**
 * `loadSite`, kept: the site with its parsed posts in memory, for watch modes and dev servers
 * (`mdpost check --watch`). `update(files)` answers in the time of parsing those files and
 * computing the site again.
 */
export function openSite<Options extends Readonly<LoadSiteOptions>>(
  root: string,
  options?: Options | null
): Promise<SiteSession<SiteOf<Options>>> {
  return open(root, options, true) as Promise<SiteSession<SiteOf<Options>>>
}

async function open(root: string, options: Readonly<LoadSiteOptions> | null | undefined, warm: boolean): Promise<Session> {
  if (typeof root !== 'string' || root === '') throw new TypeError('Expected `root` to be the path of a site folder')
  const info = await stat(root).catch(() => null)
  if (!info?.isDirectory()) throw new TypeError(`Expected \`root\` to be a folder, not \`${root}\``)
  optional(options?.lean, 'options.lean', boolean)
  // One pool for every parse: threads start once per session, or never (a kept one).
  const pool = options?.pool ?? new PostPool({size: options?.concurrency ?? undefined})
  const session = new Session(root, options ?? {}, pool, !options?.pool, warm)
  try {
    await session.load()
  } catch (error) {
    await session.close()
    throw error
  }
  // Threads that only read the cache so far compile the parser now, in the background, so that
  // the first edit is parsed as fast as the next.
  if (warm) void pool.warm()
  return session
}

class Session implements SiteSession<Site | LeanSite> {
  site!: Site | LeanSite
  readonly #root: string
  readonly #options: Readonly<LoadSiteOptions>
  readonly #pool: PostPool
  readonly #ownPool: boolean
  /** Whether the site is lean (`options.lean`): posts lose their sections' and excerpt's HTML as they arrive. */
  readonly #lean: boolean
  /** Whether a lean load derives posts as they arrive and drops their HTML (`#deriveEarly`). */
  readonly #early: boolean
  /** Posts arrived and not derived yet, with their paths. */
  #pending: SiteInput[] = []
  #queue: Promise<unknown> = Promise.resolve()
  /** Every file under the root, relative, sorted. */
  #files: string[] = []
  #module!: GeneratorModule
  /** The config file (or folder) read, if any. */
  #configFile: string | null = null
  #config: SiteConfig = {}
  /** The config with its defaults, as the generator module reads it. */
  #resolved!: ResolvedConfig
  /** Where each page-like file (Jekyll pages, collection documents) is served, and the defaults it gives (Hugo's cascade), by path. */
  #pages = new Map<string, {urls: string[]; cascade: NonNullable<SiteConfig['defaults']>; fenced: boolean}>()
  /** Each markdown page that is not a post, parsed (null: it does not parse), by path. */
  #pagePosts = new Map<string, Post | null>()
  /** Whether each shortcode template writes no id (`#idlessShortcodes`), by path, read once until it changes. */
  #quietShortcodes = new Map<string, boolean>()
  /** What createSite reuses between computes (each Post derived once per config). */
  readonly #memo = createSiteMemo()
  /** Links that lead out of the root, never read. */
  #outside: string[] = []
  /** Problems of the config (and data files), found when they were read. */
  #configProblems: SiteDiagnostic[] = []
  #post: WorkerPostOptions = {}
  #authors: Record<string, unknown> | null = null
  /** First parse of each post file, by path. */
  #results = new Map<string, FileResult>()
  /** Liquid and shortcode tags that stand for URLs, by path of the post that holds them. */
  #tags = new Map<string, LinkTag[]>()
  /** The expansion the second parses used, and their results by path. */
  #expand = ''
  #expanded = new Map<string, FileResult>()
  /** The permalinks and tags the expansion map was computed from, and the map. */
  #signature = ''
  #map: Record<string, string> = {}
  /** Link tags that name nothing, by the URL they expand to. */
  #unresolved: Record<string, string> = {}
  #classified: Classified | null = null
  /** The front matter as written of each Post whose metadata a validator replaced. */
  #written = new WeakMap<Post, Post['metadata']>()
  /** Schema problems of each Post object (validated once). */
  #checked = new WeakMap<Post, SiteDiagnostic[]>()

  constructor(root: string, options: Readonly<LoadSiteOptions>, pool: PostPool, ownPool: boolean, kept: boolean) {
    this.#root = root
    this.#options = options
    this.#pool = pool
    this.#ownPool = ownPool
    this.#lean = options.lean === true
    this.#early = this.#lean && !kept && !options.schema
  }

  update(changed?: readonly string[] | null): Promise<Site | LeanSite> {
    if (changed !== undefined && changed !== null && (!Array.isArray(changed) || changed.some((file) => typeof file !== 'string'))) {
      return Promise.reject(new TypeError('Expected `changed` to be a list of paths'))
    }
    const run = this.#queue.then(() => (changed ? this.#apply(changed) : this.load()))
    this.#queue = run.catch(() => undefined)
    return run.then(() => this.site)
  }

  async close(): Promise<void> {
    await this.#queue
    if (this.#ownPool) await this.#pool.close()
  }

  /** Everything from the folder: layout, config, every post (through the cache). */
  async load(): Promise<void> {
    const options = this.#options
    this.#outside = []
    this.#files = await walk(this.#root, this.#outside)
    const module = options.generator ? generatorFor(options.generator) : detectGenerator(this.#files)
    this.#module = module
    this.#configProblems = []
    const found = findConfig(module, this.#files)
    this.#configFile = found?.file ?? null
    const data = found ? await readConfig(this.#root, found, module, this.#configProblems) : {data: {}, located: []}
    const problems: ConfigProblem[] = []
    const {excerptSeparator: separator, ...read} = module.readConfig(data.data, problems)
    for (const problem of problems) this.#configProblems.push(locate(problem, data.located, this.#configFile))
    const given = definedOnly(options)
    this.#config = {
      ...(Object.fromEntries(Object.entries(read).filter(([, value]) => value !== undefined)) as SiteConfig),
      ...given,
      generator: module.name,
      settings: {...data.data, ...(options.settings ?? {})}
    }
    // A value of the wrong shape in the options themselves is the caller's TypeError; the
    // config file's were reported and dropped by the module.
    this.#resolved = resolveConfig(siteConfig(this.#config), settingsOf(this.#config))
    // Strict by default: a post whose front matter does not parse is left out, and its error is the site's.
    this.#post = {
      ...module.postOptions(this.#resolved),
      // Jekyll's `excerpt_separator` in _config.yml; a post's own still wins.
      ...(separator ? {excerptSeparators: [separator]} : {}),
      ...options.post
    }
    this.#authors = null
    if (module.authorsFile && this.#files.includes(module.authorsFile)) {
      this.#authors = await readData(this.#root, module.authorsFile, this.#configProblems)
    }
    this.#pages.clear()
    this.#pagePosts.clear()
    this.#quietShortcodes.clear()
    this.#results.clear()
    this.#tags.clear()
    this.#expanded.clear()
    this.#expand = ''
    this.#signature = ''
    this.#unresolved = {}
    this.#pending = []
    await this.#parse(this.#classify().postFiles)
    await this.#compute()
  }

  /** Only what changed: files added, removed or edited; the config loads everything again. */
  async #apply(changed: readonly string[]): Promise<void> {
    const touched = new Set<string>()
    for (const file of changed) {
      const path = relative(this.#root, resolve(this.#root, file)).split(sep).join('/')
      if (path === '' || path.startsWith('../') || path === '..' || isAbsolute(path)) continue
      if (path.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) continue
      touched.add(path)
    }
    if (touched.size === 0) return
    const configs = new Set(this.#module.configFiles)
    if ([...touched].some((path) => configs.has(path) || [...configs].some((name) => name.endsWith('/') && path.startsWith(name)))) {
      return this.load()
    }
    // Edits of files already known (most changes under watch): the list of files stays as it is.
    const known = this.#classify()
    const edits = await Promise.all([...touched].map(async (path) => (await stat(join(this.#root, path)).catch(() => null))?.isFile()))
    if (edits.every(Boolean) && [...touched].every((path) => known.all.has(path))) {
      const posts = new Set(known.postFiles)
      for (const path of touched) {
        this.#results.delete(path)
        this.#tags.delete(path)
        this.#expanded.delete(path)
      }
      for (const path of touched) {
        this.#pages.delete(path)
        this.#pagePosts.delete(path)
        this.#quietShortcodes.delete(path)
      }
      if (this.#module.authorsFile && touched.has(this.#module.authorsFile)) await this.#readAuthors()
      await this.#parse([...touched].filter((path) => posts.has(path)))
      return this.#compute()
    }
    const files = new Set(this.#files)
    for (const path of touched) {
      const info = await stat(join(this.#root, path)).catch(() => null)
      const under = (file: string) => file === path || file.startsWith(`${path}/`)
      for (const file of files) if (under(file)) files.delete(file)
      if (info?.isDirectory()) for (const file of await walk(join(this.#root, path), this.#outside)) files.add(`${path}/${file}`)
      else if (info) files.add(path)
    }
    this.#files = [...files].sort()
    const {postFiles} = this.#classify()
    const posts = new Set(postFiles)
    const parse: string[] = []
    for (const path of [...this.#results.keys()]) {
      if (posts.has(path) && !touched.has(path) && ![...touched].some((folder) => path.startsWith(`${folder}/`))) continue
      this.#results.delete(path)
      this.#tags.delete(path)
      this.#expanded.delete(path)
    }
    for (const path of postFiles) if (!this.#results.has(path)) parse.push(path)
    for (const path of touched) {
      this.#pages.delete(path)
      this.#pagePosts.delete(path)
      this.#quietShortcodes.delete(path)
    }
    if (this.#module.authorsFile && touched.has(this.#module.authorsFile)) await this.#readAuthors()
    await this.#parse(parse)
    await this.#compute()
  }

  async #readAuthors(): Promise<void> {
    const file = this.#module.authorsFile as string
    this.#configProblems = this.#configProblems.filter((problem) => problem.path !== file)
    this.#authors = this.#files.includes(file) ? await readData(this.#root, file, this.#configProblems) : null
  }

  /** Post files, and the other files (as served, and as they are), for the files as they are now. */
  #classify(): Classified {
    if (this.#classified?.files !== this.#files) this.#classified = {files: this.#files, ...this.#sort()}
    return this.#classified
  }

  #sort(): Omit<Classified, 'files'> {
    const options = this.#options
    const statics = options.static ? options.static.map((folder) => folder.replace(/^\.?\/+|\/+$/g, '')) : null
    const globs = options.posts ? options.posts.map(globToRegExp) : null
    const all = new Set(this.#files)
    const postFiles: string[] = []
    const served: string[] = []
    const others: string[] = []
    const cascade: NonNullable<SiteConfig['defaults']>[number][] = []
    for (const file of this.#files) {
      const role = this.#module.classify(file, this.#resolved, all)
      const isPost = globs ? globs.some((glob) => glob.test(file)) : role.kind === 'post'
      if (isPost) {
        postFiles.push(file)
        continue
      }
      others.push(file)
      const folder = statics?.find((name) => file.startsWith(`${name}/`))
      if (folder !== undefined) served.push(`/${file.slice(folder.length + 1)}`)
      else if (role.kind === 'static') served.push(...role.urls)
      else if (role.kind === 'page') {
        const page = this.#page(file, all)
        served.push(...page.urls)
        cascade.push(...page.cascade)
      }
    }
    served.push(...this.#hostRedirects(all))
    return {postFiles, served, others, all, cascade}
  }

  /**
   * Paths the host answers with a redirect, as served: Netlify's `_redirects` (at the root or in a
   * static folder) and `[[redirects]]` of `netlify.toml`; rules with a splat or a placeholder, and
   * 404 rules, are left out (they name no one path).
   */
  #hostRedirects(all: ReadonlySet<string>): string[] {
    const paths: string[] = []
    const base = this.#resolved.baseurl
    // Host paths, under the site's base path; a splat (`/old/*`) serves everything under it.
    const rule = (from: unknown, status: unknown) => {
      if (typeof from !== 'string' || !from.startsWith('/') || /:/.test(from) || String(status ?? '').startsWith('404')) return
      if (base !== '' && from !== base && !from.startsWith(`${base}/`)) return
      const local = from.slice(base.length) || '/'
      if (!local.includes('*') || /^[^*]*\/\*$/.test(local)) paths.push(local)
    }
    for (const file of ['_redirects', 'static/_redirects', 'public/_redirects', 'source/_redirects']) {
      if (!all.has(file)) continue
      let text = ''
      try {
        text = readFileSync(join(this.#root, file), 'utf8').slice(0, maxConfigBytes)
      } catch {
        continue
      }
      for (const line of text.split(/\r?\n/)) {
        const [from, , status] = line.replace(/#.*/, '').trim().split(/\s+/)
        rule(from, status)
      }
    }
    if (all.has('netlify.toml')) {
      try {
        const data = parseToml(readFileSync(join(this.#root, 'netlify.toml'), 'utf8').slice(0, maxConfigBytes)) as {redirects?: unknown}
        if (Array.isArray(data.redirects)) {
          for (const entry of data.redirects) rule((entry as {from?: unknown}).from, (entry as {status?: unknown}).status)
        }
      } catch {
        // A netlify.toml that does not parse redirects nothing here.
      }
    }
    return paths
  }

  /**
   * The markdown pages that are not posts (Jekyll and Pelican pages, collection documents, Hugo's
   * `_index.md`), parsed once per file until it changes, with the site paths each is served at:
   * their links are checked, and fragments into them, as a post's.
   */
  async #readPages(others: readonly string[]): Promise<Array<{path: string; post: Post; urls: string[]}>> {
    const markdown = /\.(md|markdown|mdown|mkdn|mkd|mkdown)$/i
    // A markdown file served as itself (Jekyll's without front matter: a static file) is copied, not rendered.
    const pages = others.filter((file) => {
      const first = this.#pages.get(file)?.urls[0]
      return markdown.test(file) && first !== undefined && !markdown.test(first)
    })
    // A page written in HTML with `---` front matter (Jekyll's `.html` pages and documents): its links as written.
    const htmlPages = others.filter(
      (file) => /\.html?$/i.test(file) && this.#pages.get(file)?.fenced && (this.#pages.get(file)?.urls.length ?? 0) > 0
    )
    for (const file of htmlPages) if (!this.#pagePosts.has(file)) this.#pagePosts.set(file, this.#htmlPage(file))
    pages.push(...htmlPages)
    const wanted = pages.filter((file) => !this.#pagePosts.has(file))
    if (wanted.length > 0) {
      const results = await this.#pool.parseFiles(
        wanted.map((file) => join(this.#root, file)),
        {post: this.#post, cacheDir: this.#options.cacheDir ?? null}
      )
      results.forEach((result, at) => {
        this.#pagePosts.set(wanted[at] as string, result.post)
      })
    }
    const parsed: Array<{path: string; post: Post; urls: string[]}> = []
    for (const path of pages) {
      const post = this.#pagePosts.get(path)
      if (post) parsed.push({path, post, urls: this.#pages.get(path)?.urls ?? []})
    }
    return parsed
  }

  /**
   * A page written in HTML as a Post with its links, images and HTML (for its ids) only; null when
   * it cannot be read or holds shortcodes (which write what only the build knows).
   */
  #htmlPage(file: string): Post | null {
    try {
      const text = readFileSync(join(this.#root, file), 'utf8')
      if (text.length > maxConfigBytes || /\{\{[<%]/.test(text)) return null
      const front = parseFrontmatter(text, {path: file, strict: false})
      const {links, images, html} = htmlPageLinks(text, front.frontmatter.position?.end.offset ?? 0)
      const stats = {words: 0, characters: 0, readingMinutes: 0}
      return {...front, headings: [], sections: [], links, images, templateTags: [], excerpt: null, stats, html}
    } catch {
      return null
    }
  }

  /**
   * Hugo shortcodes of the site or a theme whose templates write no id: no `id`, partial,
   * template, file read, page content or render call in them (the site's own template wins over a
   * theme's; a name with any template that may write ids is left out).
   */
  #idlessShortcodes(others: readonly string[]): string[] {
    const verdicts = new Map<string, boolean>()
    for (const file of others) {
      // `layouts/_shortcodes/` since Hugo 0.146.
      const match = /^(?:themes\/[^/]+\/)?layouts\/_?shortcodes\/([^/]+)\.html$/.exec(file)
      if (!match) continue
      let quiet = this.#quietShortcodes.get(file)
      if (quiet === undefined) {
        try {
          const text = readFileSync(join(this.#root, file), 'utf8').slice(0, maxConfigBytes)
          quiet = !/\bid\b|partial|template|readFile|\.Content|getJSON|getCSV|GetRemote|Unmarshal|\.Render|Anchor|markdownify/i.test(text)
        } catch {
          continue
        }
        this.#quietShortcodes.set(file, quiet)
      }
      const name = match[1] as string
      verdicts.set(name, (verdicts.get(name) ?? true) && quiet)
    }
    return [...verdicts].filter(([, quiet]) => quiet).map(([name]) => name)
  }

  /** Where a page-like file is served, and the defaults it gives: its front matter read (once per file until it changes). */
  #page(file: string, all: ReadonlySet<string>): {urls: string[]; cascade: NonNullable<SiteConfig['defaults']>; fenced: boolean} {
    let page = this.#pages.get(file)
    if (!page) {
      const data = readPage(
        join(this.#root, file),
        {metadataHeaders: this.#post.metadataHeaders ?? false, frontmatterAfterWhitespace: this.#post.frontmatterAfterWhitespace === true},
        (text) => this.#module.convert?.(file, text) ?? text
      )
      page = {
        urls: this.#module.pageUrls(file, data, this.#resolved, all),
        cascade: this.#module.cascade?.(file, data) ?? [],
        fenced: /^---[ \t]*\r?\n/.test(data.text ?? '')
      }
      this.#pages.set(file, page)
    }
    return page
  }

  /**
   * A post as it arrives from a thread or the cache (the session's own object): equal strings
   * made one, the sections' HTML slices of the page's; in a lean site, its sections and excerpt
   * HTML left out at once, so that a load never holds them all.
   */
  #arrived(result: FileResult, path: string): void {
    if (result.post === null) return
    shareStrings(result.post)
    if (!this.#lean) {
      sliceHtml(result.post)
      return
    }
    makeLean(result.post)
    if (!this.#early) return
    this.#pending.push({path, post: result.post})
    if (this.#pending.length >= 256) this.#deriveEarly()
  }

  /**
   * A lean `loadSite` derives each post soon after it arrives, in batches (what createSite reads
   * of its HTML: the ids a fragment can reach), into the memo, where createSite finds it; then
   * the post's HTML goes, so that the load never holds every post's HTML at once. Not with a
   * schema (a validator's output is derived again) nor in a session (a page edit can change
   * the config, and every post is derived again).
   */
  #deriveEarly(): void {
    const posts = this.#pending
    if (posts.length === 0) return
    this.#pending = []
    select({posts, config: this.#siteConfig(), memo: this.#memo})
    for (const {post} of posts) {
      const derived = this.#memo.derived.get(post)
      // Jekyll's defaults make the derived post a copy, with the same HTML.
      if (derived && derived.post !== post) delete derived.post.html
      delete post.html
    }
  }

  /** The config the site is computed with: the session's, and the defaults page-like files give (Hugo's cascade). */
  #siteConfig(): SiteConfig {
    const {cascade} = this.#classify()
    return cascade.length > 0 ? {...this.#config, defaults: [...(this.#config.defaults ?? []), ...cascade]} : this.#config
  }

  async #parse(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return
    // Formats the generator converts (Pelican's reStructuredText) are read here and parsed as
    // converted, in a worker under the same limits; the others go to the pool as files.
    const convert = this.#module.convert
    const converted = convert ? paths.filter((path) => convert(path, '') !== null) : []
    const files = converted.length > 0 ? paths.filter((path) => !converted.includes(path)) : paths
    const progress = progressOf(this.#options.onProgress, files.length)
    const results =
      files.length === 0
        ? []
        : await this.#pool.parseFiles(
            files.map((path) => join(this.#root, path)),
            {
              post: this.#post,
              cacheDir: this.#options.cacheDir ?? null,
              onResult: (result, at) => {
                progress?.(result)
                this.#arrived(result, files[at] as string)
              }
            }
          )
    results.forEach((result, at) => {
      this.#results.set(files[at] as string, result)
    })
    this.#deriveEarly()
    if (converted.length === 0 || !convert) return
    const worker = new PostWorker()
    try {
      for (const path of converted) {
        const full = join(this.#root, path)
        try {
          const text = convert(path, await readSmall(full)) as string
          const post = await worker.parse(text, {...this.#post, path: full})
          const result: FileResult = {path: full, post, error: null, cached: false}
          this.#arrived(result, path)
          this.#results.set(path, result)
        } catch (error) {
          this.#results.set(path, {path: full, post: null, error: error as Error, cached: false})
        }
      }
    } finally {
      await worker.close()
    }
    this.#deriveEarly()
  }

  /** The site from the posts in memory: second parses where tags need permalinks, schema, createSite. */
  async #compute(): Promise<void> {
    const {postFiles, served, others} = this.#classify()
    const diagnostics: SiteDiagnostic[] = [...this.#configProblems]
    for (const path of new Set(this.#outside)) {
      diagnostics.push(
        errorAt(
          path,
          'path-outside-root',
          'Unexpected symbolic link to a file outside the site folder, which is not read (as Jekyll’s safe mode)',
          1,
          1
        )
      )
    }
    const posts: SiteInput[] = []
    // A generator that dates posts by their file's time (Pelican's `DEFAULT_DATE = 'fs'`) gets it, in µs as Python's `st_mtime` keeps it.
    const timed = this.#module.modifiedTime?.(this.#resolved) === true
    for (const path of postFiles) {
      const result = this.#results.get(path)
      if (!result) continue
      if (result.error !== null) diagnostics.push(failure(path, result.error))
      else if (timed) posts.push({path, post: result.post, modified: modifiedOf(join(this.#root, path))})
      else posts.push({path, post: result.post})
    }
    const config = this.#siteConfig()
    // Liquid and shortcodes that stand for URLs: a second parse of the posts that have any, with
    // what they stand for once every permalink is known. Only posts where the first parse saw
    // template tags (`post.templateTags`) can hold such tags: the others are not read again.
    await this.#expandLinks(posts, served, others, config)
    const schema = checkSchema(this.#options.schema)
    if (schema) {
      for (const input of posts) {
        let problems = this.#checked.get(input.post)
        if (!problems) {
          this.#written.set(input.post, input.post.metadata)
          problems = await validate(schema, input.post, input.path)
          this.#checked.set(input.post, problems)
        }
        diagnostics.push(...problems)
        // The generator reads the front matter as written, whatever the validator made of it.
        input.data = this.#written.get(input.post) ?? null
      }
    }
    const built = this.#options.built ? await readBuilt(resolve(this.#options.built), this.#resolved.baseurl, diagnostics) : null
    const site = createSite({
      posts,
      config,
      files: served,
      sourceFiles: others,
      unresolved: this.#unresolved,
      pages: await this.#readPages(others),
      idless: this.#idlessShortcodes(others),
      built,
      memo: this.#memo,
      lean: this.#lean
    })
    if (this.#authors) site.authors = this.#authors
    site.diagnostics = [...diagnostics, ...site.diagnostics]
    this.site = site
  }

  /**
   * Parse again, with \`expand\`, each post whose file holds \`{% post_url %}\`, \`{% link %}\`,
   * \`{{ site.baseurl }}\`, \`{{ site.url }}\` (Jekyll 4: the tags give permalinks with \`baseurl\`) or
   * \`{{< ref >}}\`/\`{{< relref >}}\` (Hugo: \`ref\` absolute, \`relref\` the permalink). A target that
   * does not exist expands to a path no page has, so that it is reported as a broken link. One
   * map for the site (a tag stands for one URL wherever it is written): when it is the same as
   * last time, only the posts not parsed with it yet are parsed again.
   */
  async #expandLinks(posts: SiteInput[], served: string[], others: string[], siteConfig: SiteConfig): Promise<void> {
    const holders = posts.flatMap((input, index) => (input.post.templateTags.length > 0 ? [index] : []))
    if (holders.length === 0) {
      this.#unresolved = {}
      return
    }
    for (const index of holders) {
      const path = (posts[index] as SiteInput).path
      if (this.#tags.has(path)) continue
      this.#tags.set(path, this.#module.linkTags((posts[index] as SiteInput).post.templateTags))
    }
    const {config, kept} = select({posts, config: siteConfig, files: served, sourceFiles: others, memo: this.#memo})
    // What a tag stands for depends on the permalinks and the tags only: when neither changed
    // (an edit under watch, mostly), the map is the one computed last time.
    const tags = new Set(holders.flatMap((index) => (this.#tags.get((posts[index] as SiteInput).path) ?? []).map((tag) => tag.tag)))
    const signature = `${kept.map((post) => `${post.path}\0${post.permalink}`).join('\n')}\n\n${[...tags].sort().join('\n')}`
    if (signature !== this.#signature) {
      this.#signature = signature
      ;({expand: this.#map, unresolved: this.#unresolved} = expansions(
        kept,
        config,
        holders.map((index) => (posts[index] as SiteInput).path),
        this.#tags,
        this.#pages
      ))
      // A post parsed with another map is parsed again.
      const key = JSON.stringify(Object.entries(this.#map).sort(([a], [b]) => (a < b ? -1 : 1)))
      if (key !== this.#expand) {
        this.#expand = key
        this.#expanded.clear()
      }
    }
    const expand = this.#map
    const again = holders.filter((index) => {
      const path = (posts[index] as SiteInput).path
      return (this.#tags.get(path)?.length ?? 0) > 0 && !this.#expanded.has(path)
    })
    if (again.length > 0) {
      const paths = again.map((index) => (posts[index] as SiteInput).path)
      const results = await this.#pool.parseFiles(
        paths.map((path) => join(this.#root, path)),
        {
          post: {...this.#post, expand},
          cacheDir: this.#options.cacheDir ?? null,
          onResult: (result, at) => this.#arrived(result, paths[at] as string)
        }
      )
      results.forEach((result, at) => {
        this.#expanded.set(paths[at] as string, result)
      })
      this.#deriveEarly()
    }
    for (const index of holders) {
      const result = this.#expanded.get((posts[index] as SiteInput).path)
      if (result && result.error === null) posts[index] = {path: (posts[index] as SiteInput).path, post: result.post}
    }
  }
}

/** What each tag the holders hold stands for. */
function expansions(
  kept: readonly Derived[],
  config: Site['config'],
  holders: readonly string[],
  tagsOf: ReadonlyMap<string, readonly LinkTag[]>,
  pages: ReadonlyMap<string, {urls: readonly string[]}>
): {expand: Record<string, string>; unresolved: Record<string, string>} {
  const find = finder(kept, pages, config.baseurl, generatorFor(config.generator).refLookup === true)
  const origin = config.url ? new URL(config.url).origin : ''
  const expand: Record<string, string> = {}
  const unresolved: Record<string, string> = {}
  for (const path of holders) {
    for (const tag of tagsOf.get(path) ?? []) {
      if (tag.tag in expand) continue
      if (tag.kind === 'baseurl') expand[tag.tag] = config.baseurl
      else if (tag.kind === 'url') expand[tag.tag] = config.url ?? ''
      else {
        // A target that does not exist expands to a path no page has, kept in `unresolved`: an
        // error at the tag, as the generator fails its build.
        // A fragment (`{{< relref "x.md#part" >}}`) stays on the expansion, to be checked as any other.
        const hash = tag.target.indexOf('#')
        const target = hash === -1 ? tag.target : tag.target.slice(0, hash)
        const fragment = hash === -1 ? '' : tag.target.slice(hash)
        const found = target === '' ? (kept.find((post) => post.path === path)?.permalink ?? null) : find(target, path, tag.kind === 'post')
        const permalink = found ?? `${config.baseurl}/${target.replace(/^\/+/, '')}`
        expand[tag.tag] = `${tag.absolute && origin ? `${origin}${permalink}` : permalink}${fragment}`
        if (found === null) unresolved[expand[tag.tag] as string] = tag.tag
      }
    }
  }
  return {expand, unresolved}
}

interface Classified {
  /** The list of files classified (the session's, until it changes). */
  files: string[]
  postFiles: string[]
  served: string[]
  others: string[]
  all: Set<string>
  /** Defaults that page-like files give the posts under them (Hugo's cascade), after the config's. */
  cascade: NonNullable<SiteConfig['defaults']>[number][]
}

/**
 * The permalink of the post that a tag names (`2019-07-14-name`, `_posts/x.md`, `x.md`): the
 * newest post whose path, or path without extension, is that name or ends with `/name`; else
 * the post at that path relative to the holder (or under `content/`).
 */
function finder(
  kept: readonly Derived[],
  pages: ReadonlyMap<string, {urls: readonly string[]}>,
  baseurl: string,
  refLookup = false
): (target: string, from: string, post: boolean) => string | null {
  const byName = new Map<string, string>()
  const byPath = new Map<string, string>()
  // Hugo looks a `ref` up lowercased, in paths it keeps lowercased (`getContentNode`, 0.111.3).
  const fold = refLookup ? (text: string) => text.toLowerCase() : (text: string) => text
  // A list page (`_index`) is also named with a trailing slash (`ref "/posts/"`); a regular page is not.
  const lists = new Map<string, string>()
  const named = (input: string, permalink: string): void => {
    const path = fold(input)
    const stem = path.replace(/\.[^./]+$/, '')
    // `{% post_url news/2021-03-01-name %}` names a post of `news/_posts/` by its folder;
    // `{{< ref "/posts/name" >}}` a bundle (`posts/name/index.md`) or section by its folder.
    for (const name of [path, stem, stem.replace(/(^|\/)_posts\//, '$1'), stem.replace(/\/_?index$/, '')]) {
      let at = -1
      do {
        const suffix = name.slice(at + 1)
        if (suffix !== '' && !byName.has(suffix)) byName.set(suffix, permalink)
        at = name.indexOf('/', at + 1)
      } while (at !== -1)
    }
  }
  for (const [path, {urls}] of pages) if (urls[0] !== undefined) byPath.set(fold(path), `${baseurl}${urls[0]}`)
  for (const post of kept) {
    byPath.set(fold(post.path), post.permalink)
    named(post.path, post.permalink)
  }
  for (const [path, {urls}] of pages) {
    if (urls[0] === undefined) continue
    named(path, `${baseurl}${urls[0]}`)
    if (!refLookup) continue
    const folder = fold(path).replace(/\/_index(\.[\w-]+)?\.[^./]+$/, '')
    if (folder === fold(path)) continue
    // As a post is named: by its folder or any end of it (`posts`, `en/posts`, `content/en/posts`).
    for (let at = -1; ; ) {
      const name = folder.slice(at + 1)
      if (!lists.has(name)) lists.set(name, `${baseurl}${urls[0]}`)
      at = folder.indexOf('/', at + 1)
      if (at === -1) break
    }
  }
  return (target, from, post) => {
    const clean = fold(target.replace(/^\.?\//, ''))
    if (refLookup && clean.endsWith('/')) {
      const relative = fold(new URL(target, `file:///${from}`).pathname.slice(1)).replace(/\/+$/, '')
      return lists.get(clean.replace(/\/+$/, '')) ?? lists.get(relative) ?? null
    }
    const named = post ? byName.get(clean) : (byPath.get(clean) ?? byName.get(clean))
    if (named !== undefined) return named
    const relative = fold(new URL(target, `file:///${from}`).pathname.slice(1))
    return byPath.get(relative) ?? byPath.get(`content/${clean}`) ?? null
  }
}

/** The schema's output as the post's metadata, or its issues as the site's errors at the front matter. */
async function validate(schema: StandardSchemaV1, post: Post, path: string): Promise<SiteDiagnostic[]> {
  const result = await schema['~standard'].validate(post.metadata)
  if (!result.issues) {
    post.metadata = result.value as Record<string, unknown>
    return []
  }
  const start = post.frontmatter.position?.start
  return result.issues.map((issue) => errorAt(path, 'metadata-invalid', issueMessage(issue), start?.line ?? 1, start?.column ?? 1))
}

/** A post that could not be read or parsed, as a located error of the site. */
export function failure(path: string, error: Error): SiteDiagnostic {
  if (!(error instanceof PostParseError)) return errorAt(path, 'file-unreadable', unreadableMessage(error), 1, 1)
  return errorAt(path, error.ruleId, reasonOf(error), error.line, error.column)
}

/** `onResult` for the pool that counts the files parsed and their diagnostics, for `onProgress`. */
function progressOf(onProgress: LoadSiteOptions['onProgress'], total: number): ((result: FileResult) => void) | null {
  if (!onProgress) return null
  let done = 0
  let problems = 0
  onProgress({done, total, problems})
  return (result) => {
    done++
    problems += result.error === null ? result.post.diagnostics.length : 1
    onProgress({done, total, problems})
  }
}

/** An error of the site at one point of a file. */
function errorAt(path: string, ruleId: RuleId, message: string, line: number, column: number): SiteDiagnostic {
  return {ruleId, severity: 'error', message, line, column, endLine: line, endColumn: column, source: 'mdpost', path}
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

/**
 * Every file under the root, relative with `/`, sorted; `.git`, `node_modules` and links to
 * folders left out (no loops). Hidden files are listed: the generator decides (Jekyll's
 * `include: [.well-known]`, Hugo's `static/.well-known/`). A symbolic link is followed only to a
 * file inside the root, as Jekyll's safe mode does: one that leads out of it (`-> /etc/passwd`,
 * `-> ../../secret.md`) is never read, and reported in `outside`.
 */
async function walk(root: string, outside: string[] = []): Promise<string[]> {
  const found: string[] = []
  const top = await realpath(root).catch(() => resolve(root))
  const visit = async (folder: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(folder, {withFileTypes: true})
    } catch {
      return
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue
      const path = join(folder, entry.name)
      if (entry.isSymbolicLink()) {
        const target = await realpath(path).catch(() => null)
        if (target !== null && target !== top && !target.startsWith(`${top}${sep}`)) {
          outside.push(relative(root, path).split(sep).join('/'))
          continue
        }
        // A link to a folder is not walked (no loops); a dangling link is listed, and reported if a post.
        if (target !== null && (await stat(target).catch(() => null))?.isDirectory()) continue
      }
      // Special files too (a FIFO, a socket): a post file that is one is reported, not lost.
      if (entry.isDirectory()) await visit(path)
      else found.push(relative(root, path).split(sep).join('/'))
    }
  }
  await visit(root)
  return found
}

/**
 * A built site as ground truth: every file of the output folder as its URL under baseurl (a
 * folder's `index.html` as the folder too), and the `id`s and `name`s of each HTML page (read up
 * to 4 MiB each). A folder that cannot be read is a `config-invalid` problem, and no ground truth.
 */
async function readBuilt(
  folder: string,
  baseurl: string,
  diagnostics: SiteDiagnostic[]
): Promise<{served: string[]; anchors: Record<string, string[]>} | null> {
  if (!(await stat(folder).catch(() => null))?.isDirectory()) {
    diagnostics.push(
      configProblem(folder, `Unexpected \`built\` folder \`${folder}\` that is not a folder, expected the generator's output`, 1, 1)
    )
    return null
  }
  const served: string[] = []
  const anchors: Record<string, string[]> = {}
  for (const file of await walk(folder)) {
    const url = `${baseurl}/${file
      .split('/')
      .map((part) => encodeURIComponent(part))
      .join('/')}`
    served.push(url)
    const page = /(^|\/)index\.html?$/.test(file) ? url.replace(/index\.html?$/, '') : url
    if (page !== url) served.push(page)
    if (!/\.html?$/.test(file)) continue
    const text = await readSmall(join(folder, file)).catch(() => '')
    const ids = new Set<string>()
    for (const match of text.matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi))
      ids.add(match[1] ?? match[2] ?? match[3] ?? '')
    anchors[page] = [...ids]
  }
  return {served, anchors}
}

/** A YAML data file (Docusaurus' `authors.yml`); one that does not parse is `config-invalid`. */
async function readData(root: string, file: string, diagnostics: SiteDiagnostic[]): Promise<Record<string, unknown>> {
  try {
    const value = parseConfig(file, await readSmall(join(root, file)))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch (error) {
    const {message, line, column} = error as Error & {line?: number; column?: number}
    diagnostics.push(configProblem(file, `Unexpected data file that does not parse: ${message.split('\n')[0]}`, line ?? 1, column ?? 1))
    return {}
  }
}

/** The config a module reads: its first config file present, or its config folder. */
function findConfig(module: GeneratorModule, files: readonly string[]): {file: string; parts: string[]} | null {
  for (const name of module.configFiles) {
    if (name.endsWith('/')) {
      const parts = files.filter(
        (file) => file.startsWith(name) && /\.(toml|ya?ml|json)$/.test(file) && !file.slice(name.length).includes('/')
      )
      if (parts.length > 0) return {file: name, parts}
    } else if (files.includes(name)) {
      return {file: name, parts: [name]}
    }
  }
  return null
}

/** The largest config or data file read (a config is a few kB; a link to `/dev/zero` is not read). */
const maxConfigBytes = 4 * 1024 * 1024

/**
 * The config as plain data, with the text of each file read (to locate problems at their key).
 * A config folder (Hugo's `config/_default/`) merges `hugo.*`/`config.*` at the top and each
 * other file under its name (`params.toml` → `params`). A config that cannot be read or does
 * not parse is `config-invalid` at its place, and the site loads with defaults.
 */
async function readConfig(
  root: string,
  found: {file: string; parts: string[]},
  module: GeneratorModule,
  diagnostics: SiteDiagnostic[]
): Promise<{data: Record<string, unknown>; located: Array<{file: string; text: string}>}> {
  const parts: Array<{file: string; value: Record<string, unknown>}> = []
  const located: Array<{file: string; text: string}> = []
  for (const file of found.parts) {
    const text = await readSmall(join(root, file)).catch((error: Error) => {
      diagnostics.push(configProblem(file, `Unexpected config that cannot be read (${error.message})`, 1, 1))
      return null
    })
    if (text === null) continue
    let value: unknown
    try {
      value = module.parseConfigText && !/\.(toml|ya?ml|json)$/.test(file) ? module.parseConfigText(file, text) : parseConfig(file, text)
    } catch (error) {
      const {message, line, column} = error as Error & {line?: number; column?: number}
      diagnostics.push(configProblem(file, `Unexpected config that does not parse: ${message.split('\n')[0]}`, line ?? 1, column ?? 1))
      continue
    }
    if (value === null || value === undefined) continue
    if (typeof value !== 'object' || Array.isArray(value)) {
      diagnostics.push(
        configProblem(
          file,
          `Unexpected config that is ${Array.isArray(value) ? 'a list' : 'a single value'}, expected a mapping of keys to values`,
          1,
          1
        )
      )
      continue
    }
    located.push({file, text})
    parts.push({file, value: value as Record<string, unknown>})
  }
  // A config folder's files are merged as the generator merges them.
  const data =
    found.file.endsWith('/') && module.mergeConfigFolder
      ? module.mergeConfigFolder(parts)
      : Object.assign({}, ...parts.map((part) => part.value))
  return {data, located}
}

/** A config problem at the line of its key, in the file that has it. */
function locate(problem: ConfigProblem, located: ReadonlyArray<{file: string; text: string}>, fallback: string | null): SiteDiagnostic {
  const escaped = problem.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`^([ \\t]*["']?)${escaped}["']?[ \\t]*[:=]`, 'im')
  for (const {file, text} of located) {
    const match = pattern.exec(text)
    if (!match) continue
    const point = new LineIndex(text).point(match.index + (match[1] as string).length)
    return configProblem(file, problem.message, point.line, point.column)
  }
  return configProblem(located[0]?.file ?? fallback ?? '', problem.message, 1, 1)
}

/**
 * A file's modification time in ms, to the µs as Python reads it (`st_mtime`, a double of
 * seconds + ns × 1e-9, rounded to µs by `datetime.fromtimestamp`); null when it cannot be read.
 */
function modifiedOf(path: string): number | null {
  const info = statSync(path, {bigint: true, throwIfNoEntry: false})
  if (!info) return null
  const seconds = info.mtimeNs / 1_000_000_000n
  const time = Number(seconds) + Number(info.mtimeNs - seconds * 1_000_000_000n) * 1e-9
  const whole = Math.floor(time)
  return whole * 1000 + Math.round((time - whole) * 1e6) / 1000
}

/** A regular file's text, refused past `maxConfigBytes` or when it is not a regular file (a FIFO, a device). */
async function readSmall(path: string): Promise<string> {
  const info = await stat(path)
  if (!info.isFile()) throw new Error('not a regular file')
  if (info.size > maxConfigBytes) throw new Error(`${info.size} bytes, over the ${maxConfigBytes}-byte limit`)
  return readFile(path, 'utf8')
}

/**
 * A page-like file's front matter (Jekyll reads a file as a page when its first line is `---`).
 * Only the first bytes of other files are read; a file that cannot be read is not a page.
 */
function readPage(
  path: string,
  read: {metadataHeaders: boolean | 'python-markdown'; frontmatterAfterWhitespace: boolean},
  convert: (text: string) => string
): PageData {
  const none: PageData = {metadata: {}, hasFrontmatter: false, title: null, date: null, permalink: null}
  let descriptor: number | null = null
  try {
    const info = statSync(path)
    if (!info.isFile()) return none
    descriptor = openSync(path, 'r')
    const head = Buffer.alloc(5)
    const length = readSync(descriptor, head, 0, 5, 0)
    const start = head.subarray(0, length).toString('latin1')
    // Hugo (`frontmatterAfterWhitespace`) also reads TOML, and a block after whitespace or a BOM.
    const fenced =
      /^---[ \t]*(\r?\n|$)/.test(start) || (read.frontmatterAfterWhitespace && /^(?:[ \t\r\n]|\xEF\xBB\xBF|\+\+\+)/.test(start))
    if (!fenced && !read.metadataHeaders) return none
    if (info.size > maxConfigBytes) return {...none, hasFrontmatter: true}
    const text = convert(readFileSync(path, 'utf8'))
    const parsed = parseFrontmatter(text, {path, strict: false, ...read})
    return {metadata: parsed.metadata, hasFrontmatter: true, title: parsed.title, date: parsed.date, permalink: parsed.permalink, text}
  } catch {
    return none
  } finally {
    if (descriptor !== null) closeSync(descriptor)
  }
}

function configProblem(path: string, message: string, line: number, column: number): SiteDiagnostic {
  return errorAt(path, 'config-invalid', message, line, column)
}

function parseConfig(file: string, text: string): unknown {
  if (file.endsWith('.toml')) return parseToml(text) as Record<string, unknown>
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text) as unknown
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
  return document.toJS({maxAliasCount: 100}) as unknown
}
