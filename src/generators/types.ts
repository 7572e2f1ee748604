/**
 * What a generator does, behind one interface: each of `src/generators/*.ts` is one generator
 * (Jekyll, Hugo, Pelican, Docusaurus, Gatsby, or none), and only those modules know a
 * generator's rules. Everything here is plain data in, plain data out: no file system (the
 * node layer reads files and hands their text or front matter over), so `mdpost/site` runs
 * in browsers too. Adding a generator is one new module and one line in `index.ts`.
 */
import type {Site} from '../site/types.js'
import type {Post, PostDate, TemplateTag} from '../types.js'

export type Generator = 'jekyll' | 'hugo' | 'docusaurus' | 'gatsby' | 'pelican' | 'generic'

/**
 * A site's config once read: the common keys (as a Site has them), and the generator's own
 * config as written (`_config.yml`, `hugo.toml`, Pelican's settings), from which the module reads
 * what it needs (collections, exclude, uglyURLs, ARTICLE_URL…).
 */
export type ResolvedConfig = Site['config'] & {
  settings: Readonly<Record<string, unknown>>
  /**
   * What the generator's module read from `settings` or indexed of a file list, kept for the
   * life of this config (one `createSite` or `loadSite` call, or the session that keeps it): the
   * modules hold no state of their own. Made by `resolveConfig`.
   */
  scratch: Map<string, unknown>
}

/** A problem of the config, at a key (the node layer locates it in the file). */
export interface ConfigProblem {
  key: string
  message: string
}

/** The common keys a config file gives, in SiteConfig's names; undefined where the file is silent. */
export interface ReadConfig {
  url?: string | undefined
  baseurl?: string | undefined
  permalink?: string | Readonly<Record<string, string>> | undefined
  timezone?: string | undefined
  drafts?: boolean | undefined
  future?: boolean | undefined
  title?: string | undefined
  description?: string | undefined
  author?: string | undefined
  excerptSeparator?: string | undefined
  defaults?: ReadonlyArray<{scope?: {path?: string; type?: string} | null; values: Readonly<Record<string, unknown>>}> | undefined
}

/** What a file of the site is to the build. */
export type FileRole =
  /** A post (Jekyll `_posts`, a Hugo regular page, a Pelican article…). */
  | {kind: 'post'}
  /** A file whose URL depends on its front matter (a Jekyll page, a collection document…): read it and ask `pageUrls`. */
  | {kind: 'page'}
  /** A file copied to the output at these site paths. */
  | {kind: 'static'; urls: string[]}
  /** Not part of the output (config, layouts, excluded, data, sources). */
  | {kind: 'none'}

/** Front matter of a page-like file, as `parseFrontmatter` gives it. */
export interface PageData {
  metadata: Readonly<Record<string, unknown>>
  /** Whether the file had front matter at all (Jekyll: without it a file is static). */
  hasFrontmatter: boolean
  title: string | null
  date: PostDate | null
  permalink: string | null
  /** The file's text (converted, for a format the module converts), when it had front matter. */
  text?: string | undefined
}

/** A kept post as the URL space needs it. */
export interface ServedPost {
  path: string
  /** The front matter as written. */
  data: Readonly<Record<string, unknown>>
  /** Site path, without baseurl. */
  local: string
  post: Post
  categories: readonly string[]
  /** Whether the build lists it (`GeneratorModule.listed`). */
  listed: boolean
}

/** Everything a module needs to say what one post is. */
export interface PostContext {
  /** The post's path relative to the site root, with `/`. */
  path: string
  post: Post
  /**
   * The front matter as written (with Jekyll's defaults under it): what the generator reads,
   * even where a validator's output replaced `post.metadata`.
   */
  data: Readonly<Record<string, unknown>>
  config: ResolvedConfig
  /** The file's modification time in ms (µs in the fraction), when the module asked for it (`modifiedTime`); else absent. */
  modified?: number | null | undefined
}

/** Why a post is left out of the build, or null when it is in. */
export type Exclusion = 'drafts' | 'future' | 'unpublished' | 'expired' | null

/** A link tag of the generator's template language (`{% post_url x %}`, `{{< ref "x" >}}`). */
export interface LinkTag {
  /** The tag as written. */
  tag: string
  /** `post` (by name), `site` (a config value), or `page` (by source path). */
  kind: 'post' | 'page' | 'baseurl' | 'url'
  target: string
  /** Hugo's `ref`: the absolute URL. */
  absolute: boolean
}

export interface GeneratorModule {
  name: Generator
  /** A data file of authors the site keeps (Docusaurus' `blog/authors.yml`), read into `site.authors`. */
  authorsFile?: string
  /** Config files this generator reads, first found wins (a folder such as Hugo's `config/_default/` is listed with a trailing `/`). */
  configFiles: readonly string[]
  /** Whether a file list looks like a site of this generator (tried in `index.ts` order). */
  detect(files: readonly string[]): boolean
  /** Config data (merged, as written) → the common keys; problems for values of the wrong shape. */
  readConfig(data: Readonly<Record<string, unknown>>, problems: ConfigProblem[]): ReadConfig
  /** Parser options this generator's posts need (`metadataHeaders` for Pelican, `frontmatterAfterWhitespace` for Hugo). */
  postOptions(config: ResolvedConfig): {
    metadataHeaders?: boolean | 'python-markdown'
    frontmatterAfterWhitespace?: boolean
    dates?: 'iso' | 'dateutil'
    strict?: boolean
  }
  /** What `file` is to the build; `files` is every file of the site (for bundles, `_index` pages). */
  classify(file: string, config: ResolvedConfig, files: ReadonlySet<string>): FileRole
  /**
   * The site paths (without baseurl) a `page` file is served at, and the files it makes the build
   * copy (Pelican's `{static}` links); none when it is not output. `files` is every file of the site.
   */
  pageUrls(file: string, page: PageData, config: ResolvedConfig, files?: ReadonlySet<string>): string[]
  /**
   * Whether a post's date may come from its file's modification time (Pelican's `DEFAULT_DATE =
   * 'fs'`): `loadSite` then reads each post file's time into `PostContext.modified`.
   */
  modifiedTime?(config: ResolvedConfig): boolean
  /** The post's date, as the generator reads it (null: none). */
  date(context: PostContext): PostDate | null
  /** The post's instant in ms (its date in the generator's time zone rules), or null. */
  instant(date: PostDate | null, context: PostContext): number | null
  /** Why the build leaves the post out at `now`, or null. */
  exclusion(context: PostContext, instant: number | null, now: number): Exclusion
  /**
   * Whether the build lists a post it writes, in its lists, feeds and sitemap (default: yes):
   * Pelican's `Status: hidden`, Hugo's `_build: {list: never}` are written but not listed.
   */
  listed?(context: PostContext): boolean
  /** The post's categories as the generator sees them. */
  categories(context: PostContext): string[]
  /** The front matter the generator sees, when it is not the Post's (Jekyll: none where the YAML does not parse). */
  frontmatter?(post: Post, written: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>
  /** The post's title as the generator sees it (default: the Post's `title`). */
  title?(context: PostContext): string | null
  /** Site paths (without baseurl) the build still writes for a post it leaves out of its lists (Pelican's hidden and draft articles). */
  excludedUrls?(context: PostContext, exclusion: NonNullable<Exclusion>, local: string): string[]
  /** Jekyll-style defaults a page-like file gives the posts under it (Hugo's `cascade` in `_index.md`). */
  cascade?(file: string, page: PageData): Array<{scope: {path: string}; values: Record<string, unknown>}>
  /**
   * A link or image destination as the generator rewrites it before the browser sees it
   * (Pelican's `{filename}x.md`, `{static}x.png`), or null when it is not the generator's
   * (default: none, links are as written).
   */
  linkUrl?(url: string, context: PostContext): string | null
  /**
   * Which ids the generator's markdown gives a page besides raw HTML's (default: both): heading
   * ids (Pelican's Python-Markdown only with `toc`), and attribute lists (`{: #note}`, `{#id}`:
   * kramdown, Goldmark's block attributes, Python-Markdown's `attr_list`); `headingIds`: the
   * generator's own ids of a page's headings, from their texts in order (default: GitHub's).
   */
  ids?(config: ResolvedConfig): {headings: boolean; attributeLists: boolean; headingIds?: (texts: readonly string[]) => string[]}
  /**
   * The URL a GFM literal autolink (`https://x.org/a`, `www.x.org`) becomes in the generator's
   * renderer, or null when the renderer makes no link of it (kramdown, Python-Markdown) (default:
   * as written).
   */
  literalUrl?(url: string, config: ResolvedConfig): string | null
  /**
   * Whether a link to a source file (`[x](other.md)`) reaches that file's page (default: yes):
   * Jekyll only with jekyll-relative-links, Hugo only through a link render hook of the site or
   * its theme (`files`: every file of the site); elsewhere the build leaves it as written, a URL
   * ending in `.md`.
   */
  sourceLinks?(config: ResolvedConfig, files: ReadonlySet<string>): boolean
  /**
   * Where a post's or page's own redirect sends it, as written (jekyll-redirect-from's
   * `redirect_to`, with the plugin on): its page is then a redirect page, its one link that
   * target (default: none).
   */
  redirectTo?(metadata: Readonly<Record<string, unknown>>, config: ResolvedConfig): string | null
  /** Whether a post's other URLs (`aliases`) are redirect pages with no ids, not copies of it (Hugo's, jekyll-redirect-from's) (default: no). */
  aliasRedirects?: boolean
  /**
   * Whether link tags look their target up as Hugo's `ref`/`relref` do (`getContentNode`):
   * lowercased, and a list page by its folder with a trailing slash (default: no).
   */
  refLookup?: boolean
  /**
   * Whether a relative link or image may reach a file beside the post's source file (default: yes:
   * Hugo copies a bundle's files beside its page); false where the build writes a post away from
   * its source and copies nothing with it (Jekyll's `_posts/`): the URL is resolved against the page's URL only.
   */
  filesBesideSource?: boolean
  /** Whether raw HTML in a post reaches the output (default: yes); Hugo's Goldmark drops it unless `unsafe`. */
  rendersRawHtml?(config: ResolvedConfig): boolean
  /** The post's tags as the generator sees them (default: the Post's `tags`). */
  tags?(context: PostContext): string[]
  /**
   * A post file in a format mdpost does not parse (Pelican's reStructuredText), as the text with
   * `Key: value` metadata headers that stands for it (title and fields as headers, the body as it
   * is); null when the file is not such a format. Positions are the converted text's.
   */
  convert?(file: string, text: string): string | null
  /** The files of a config folder (Hugo's `config/_default/`), each parsed, as one config. */
  mergeConfigFolder?(parts: ReadonlyArray<{file: string; value: Readonly<Record<string, unknown>>}>): Record<string, unknown>
  /** Read a config file's text when it is not YAML, TOML or JSON (Pelican's Python, never run). */
  parseConfigText?(file: string, text: string): Record<string, unknown>
  /** The post's site path, without baseurl. */
  permalink(context: PostContext, date: PostDate | null, instant: number | null, categories: readonly string[]): string
  /**
   * Where the build writes the post's page, as a site path without baseurl, when it is not at its
   * permalink (Pelican's `ARTICLE_SAVE_AS` apart from `ARTICLE_URL`); default: the permalink;
   * '' for a post the build writes nowhere (an empty `ARTICLE_SAVE_AS`).
   */
  servedAt?(context: PostContext, local: string): string
  /** Other URLs of the post (redirects, aliases), site paths without baseurl. */
  aliases(context: PostContext): string[]
  /** URLs the build makes beyond posts, pages and static files: list, taxonomy, feed, sitemap pages… */
  extraUrls(posts: readonly ServedPost[], config: ResolvedConfig, files: ReadonlySet<string>): string[]
  /** The link tags among a post's template tags (`post.templateTags`; none when the generator has no such tags). */
  linkTags(templateTags: readonly TemplateTag[]): LinkTag[]
  /** Its own tags that write no element with an id (Hugo's `figure`), unless a site or theme file replaces one (`layouts/shortcodes/<name>.html`). */
  idless?: readonly string[]
  /**
   * Images the generator's own tags write (Hugo's `figure` shortcode: its `src`), with the tag's
   * position and the file that replaces the tag where a site or theme defines its own (default: none).
   */
  tagImages?(templateTags: readonly TemplateTag[]): Array<{src: string; text: string; position: TemplateTag['position']; override: string}>
}
