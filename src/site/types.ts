/** Sites: many posts with their config, permalinks, indexes and cross-post checks. */
import type {Generator} from '../generators/types.js'
import type {Diagnostic, Excerpt, Post} from '../types.js'

export type {Generator} from '../generators/types.js'

/** A site's configuration as plain data (what `loadSite` reads from `_config.yml`, `hugo.toml`…). */
export interface SiteConfig {
  /** The generator whose rules apply (default: `'generic'`). */
  generator?: Generator | null | undefined
  /** The site's absolute URL (`https://example.org`); posts get an absolute `url` with it (default: none). */
  url?: string | null | undefined
  /** A path under the URL where the site lives (`/blog`), as Jekyll's `baseurl` (default: `''`). */
  baseurl?: string | null | undefined
  /** Jekyll: a style or pattern; Hugo: patterns per section (default: the generator's). */
  permalink?: string | Readonly<Record<string, string>> | null | undefined
  /** IANA time zone in which floating dates are read (default: none, UTC). */
  timezone?: string | null | undefined
  /** Include drafts (default: false). */
  drafts?: boolean | null | undefined
  /** Include posts dated after `now` (default: false, as Jekyll and Hugo). */
  future?: boolean | null | undefined
  /** The instant that decides what is future, ms since the epoch (default: `Date.now()`). */
  now?: number | null | undefined
  /**
   * Jekyll's front matter defaults: values for the posts under `scope.path` (a folder or a glob)
   * and of `scope.type` `posts` (drafts too, as in Jekyll 4), under each post's own front matter;
   * a longer path wins, at equal length a typed scope, else a later entry (default: none). A
   * Jekyll site's pages and collection documents take `_config.yml`'s the same way.
   */
  defaults?: ReadonlyArray<{scope?: {path?: string; type?: string} | null; values: Readonly<Record<string, unknown>>}> | null | undefined
  /**
   * The generator's own config as written (`_config.yml`, `hugo.toml`, Pelican's settings), for
   * what only that generator reads: Jekyll's `collections`, `exclude`, `plugins`; Hugo's
   * `uglyURLs`, `languages`, `taxonomies`, `[frontmatter]`; Pelican's `ARTICLE_URL`,
   * `DEFAULT_CATEGORY`… (default: none, the generator's defaults). `loadSite` passes the whole
   * config file here.
   */
  settings?: Readonly<Record<string, unknown>> | null | undefined
  /** For feeds (default: none). */
  title?: string | null | undefined
  description?: string | null | undefined
  author?: string | null | undefined
}

/** One parsed post and where it is, relative to the site root with `/` separators. */
export interface SiteInput {
  path: string
  post: Post
  /**
   * The front matter as written, when `post.metadata` is something else (a validator's output):
   * what the generator's rules read (dates, `published`, `permalink`…) (default: `post.metadata`).
   */
  data?: Readonly<Record<string, unknown>> | null | undefined
  /**
   * The file's modification time in ms (µs in the fraction): a Pelican site with `DEFAULT_DATE =
   * 'fs'` dates a post without one by it (default: none; `loadSite` reads it where the generator does).
   */
  modified?: number | null | undefined
}

export interface CreateSiteOptions {
  posts: readonly SiteInput[]
  config?: Readonly<SiteConfig> | null | undefined
  /** Files of the site that are not posts, as site paths (`/images/a.png`): links and images to them resolve (default: none, not checked). */
  files?: readonly string[] | null | undefined
  /**
   * The same files as paths relative to the site root (`content/posts/x/cover.jpg`): a relative
   * link or image resolves against its post's folder too, as in Hugo and Gatsby bundles (default: none).
   */
  sourceFiles?: readonly string[] | null | undefined
  /**
   * Link tags (`{% post_url x %}`, `{{< ref "x" >}}`) that name nothing, by the URL they were
   * expanded to: a link to one is an error at the tag, as the generator fails its build (default: none).
   */
  unresolved?: Readonly<Record<string, string>> | null | undefined
  /**
   * Markdown pages that are not posts (a Jekyll or Pelican page, a collection document, a Hugo
   * `_index.md`), parsed: `{path, post, urls}` with the site paths it is served at (without
   * baseurl). Their links and images are checked as a post's (reported at the page), and
   * fragments into them against their ids (default: none; `loadSite` reads them).
   */
  pages?: ReadonlyArray<{path: string; post: Post; urls: readonly string[]}> | null | undefined
  /**
   * Shortcodes of the site or its theme whose templates write no id (no `id`, partial, template,
   * read file or page content in them): fragments into a post that uses only such shortcodes are
   * checked (default: none; `loadSite` reads the templates).
   */
  idless?: readonly string[] | null | undefined
  /**
   * The generator's real output, as ground truth for link checks (`loadSite`'s `built`): every
   * URL it serves (under baseurl) and the ids and names of each HTML page by URL. Links are
   * checked against it instead of the URL space mdpost computes (default: none).
   */
  built?: {served: readonly string[]; anchors?: Readonly<Record<string, readonly string[]>> | null} | null | undefined
  /**
   * A lean site (`LeanSite`): posts without `html` and `sections`, their excerpt without `html`;
   * every other field, cross-post result and diagnostic the same (ids are read from the HTML
   * before it is left out), positions packed (`LeanSitePost`). A fraction of the memory, for
   * checks of large sites (default: false).
   */
  lean?: boolean | null | undefined
  /** What to reuse from earlier calls (`createSiteMemo()`, kept by a watch session): each post is derived once per config (default: none, every post derived). */
  memo?: import('./create.js').SiteMemo | null | undefined
}

/** A diagnostic of the site: a cross-post problem, at its file's line and column. */
export interface SiteDiagnostic extends Diagnostic {
  /** The file, relative to the site root (null for the site's config as a whole). */
  path: string | null
}

export interface Backlink {
  /** The linking post's path. */
  path: string
  line: number | null
}

export interface SitePost extends Post {
  path: string
  /** The site path of the post (`/2019/07/14/name.html`), under `baseurl`. */
  permalink: string
  /** Absolute URL when the site URL is known, else null. */
  url: string | null
  backlinks: Backlink[]
  /** Paths of the newer and the older listed post (the list is newest first; null for a post not listed). */
  previous: string | null
  next: string | null
  /**
   * Whether the build lists the post (its lists, feeds, sitemap, `tags`, `categories`,
   * previous/next): false for a page it writes but lists nowhere (Pelican's `Status: hidden`, Hugo's
   * `_build: {list: never}`). `toFeed` and `toSitemap` leave such posts out.
   */
  listed: boolean
}

/**
 * A post of a lean site (`lean: true`): a SitePost without `html` and `sections`, its excerpt
 * without `html`. The `position` of its links, images, headings, template tags and `frontmatter`
 * is packed (src/site/packed.ts): an own enumerable accessor that makes a new, equal Position on
 * each read; keys, JSON, spreads and clones are a whole post's.
 */
export interface LeanSitePost extends Omit<SitePost, 'html' | 'sections' | 'excerpt'> {
  excerpt: Omit<Excerpt, 'html'> | null
}

/** A Site whose posts are lean (`createSite` and `loadSite` with `lean: true`). */
export interface LeanSite extends Omit<Site, 'posts'> {
  posts: LeanSitePost[]
}

/** What `createSite` and `loadSite` give for their options: a `LeanSite` for `lean: true`, else a `Site`. */
export type SiteOf<Options> = Options extends {readonly lean: true} ? LeanSite : Site

export interface Site {
  generator: Generator
  config: {
    generator: Generator
    url: string | null
    baseurl: string
    permalink: string | Readonly<Record<string, string>> | null
    timezone: string | null
    drafts: boolean
    future: boolean
    title: string | null
    description: string | null
    author: string | null
  }
  /** Newest first (by instant); undated posts last, by path. */
  posts: SitePost[]
  /** Tag → paths of its posts, newest first. */
  tags: Record<string, string[]>
  categories: Record<string, string[]>
  /** Docusaurus' `blog/authors.yml`, as data (key → author), when `loadSite` found one; else `{}`. */
  authors: Record<string, unknown>
  /**
   * Every site path the build serves, under baseurl, sorted: posts and their aliases/redirects,
   * pages, collection documents, static files, and the generator's list, taxonomy, feed and
   * sitemap pages (from `files` and the posts: empty of files when `files` was not given).
   */
  served: string[]
  /** How many posts were left out, and why (`expired`: Hugo's `expiryDate` passed). */
  excluded: {drafts: number; future: number; unpublished: number; expired: number}
  diagnostics: SiteDiagnostic[]
}
