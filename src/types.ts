import type {StandardSchemaV1} from '@standard-schema/spec'
import type {Root as HastRoot} from 'hast'
import type {Schema} from 'hast-util-sanitize'
import type {Root as MdastRoot} from 'mdast'
import type {PluggableList} from 'unified'
import type {VFile} from 'vfile'

/** A place in the source file: 1-based line and column, 0-based offset in UTF-16 code units. */
export interface Point {
  line: number
  column: number
  offset: number
}

/** A span of the source file, in the coordinates of the whole file (front matter included). */
export interface Position {
  start: Point
  end: Point
}

/** Stable ids of every problem mdpost reports. */
export type RuleId =
  | 'encoding-invalid'
  | 'file-unreadable'
  | 'input-too-large'
  | 'input-too-deep'
  | 'input-too-complex'
  | 'parse-timeout'
  | 'parse-out-of-memory'
  | 'frontmatter-yaml'
  | 'frontmatter-toml'
  | 'frontmatter-unclosed'
  | 'frontmatter-not-mapping'
  | 'frontmatter-too-complex'
  | 'frontmatter-suspicious'
  | 'date-invalid'
  | 'date-filename-mismatch'
  | 'permalink-date-mismatch'
  | 'title-missing'
  | 'section-empty'
  | 'image-alt-missing'
  | 'link-reference-missing'
  | 'link-empty'
  | 'link-unsafe'
  | 'metadata-url-unsafe'
  | 'metadata-invalid'
  | 'html-stripped'
  | 'html-comment-unclosed'
  | 'html-raw-text-unclosed'
  | 'liquid-tag'
  | 'link-internal-broken'
  | 'link-fragment-broken'
  | 'image-local-missing'
  | 'permalink-duplicate'
  | 'slug-duplicate'
  | 'config-invalid'
  | 'path-outside-root'
  | 'permalink-unsafe'
  | 'sitemap-url-too-long'

export type Severity = 'error' | 'warning' | 'info'

/** A located content problem. Positions are 1-based, in the coordinates of the whole file. */
export interface Diagnostic {
  ruleId: RuleId
  severity: Severity
  message: string
  line: number
  column: number
  endLine: number
  endColumn: number
  source: 'mdpost'
}

/** A date as written, never moved to the machine's time zone. */
export interface PostDate {
  year: number
  month: number
  day: number
  hour: number | null
  minute: number | null
  second: number | null
  /** `'Z'`, `'+02:00'`…, or null for a floating (zone-less) time. */
  offset: string | null
  /** ISO 8601 form of what was written (`2018-03-03`, `2021-11-07T23:30:00-05:00`). */
  iso: string
  /**
   * The instant, in milliseconds since the epoch, for sorting: with its offset when written;
   * a floating date or time is taken as UTC here (`createSite` takes it in the site's time zone).
   */
  timestamp: number
  source: 'frontmatter' | 'filename'
}

export interface Heading {
  depth: 1 | 2 | 3 | 4 | 5 | 6
  text: string
  id: string
  /** Null for a heading that a plugin added without a position. */
  position: Position | null
}

export interface Section {
  /** Id of the heading that opens the section, null for the preamble. */
  id: string | null
  title: string | null
  /** Depth of the heading (1–6), 0 for the preamble. */
  depth: number
  /** From the heading (or first content) to the end of the section, children included. */
  position: Position
  /** The section's own text: without its heading and its children. */
  text: string
  /** The section's own HTML (absent in `remarkPost`, which runs before HTML exists). */
  html?: string
  words: number
  children: Section[]
}

export type LinkKind = 'external' | 'internal' | 'fragment' | 'email' | 'other'
/** How a link is written; `generated` for one a plugin added, which is not in the source. */
export type LinkSource = 'inline' | 'reference' | 'autolink' | 'literal' | 'html' | 'generated'

export interface Link {
  url: string
  text: string
  title: string | null
  kind: LinkKind
  source: LinkSource
  /** Absolute URL when `baseUrl` is given, else null. */
  resolved: string | null
  /** Id of the innermost enclosing section, or null. */
  section: string | null
  /** Null for a link that a plugin added without a position. */
  position: Position | null
}

export interface Image {
  src: string
  alt: string
  title: string | null
  source: Exclude<LinkSource, 'autolink' | 'literal'>
  resolved: string | null
  section: string | null
  /** Null for an image that a plugin added without a position. */
  position: Position | null
}

/**
 * A template tag of the body, as the generator reads it before markdown: a Liquid tag or output
 * (Jekyll: `{% post_url x %}`, `{{ site.baseurl }}`) or a Hugo shortcode (`{{< ref "x.md" >}}`,
 * `{{% notice %}}`). mdpost shows them as written.
 */
export interface TemplateTag {
  syntax: 'liquid' | 'shortcode'
  /**
   * A Liquid tag's name (`post_url`, `include`), a Liquid output's variable up to its first
   * space or filter (`site.url`), a shortcode's name (`ref`; `/notice` closes one).
   */
  name: string
  /** What follows the name, trimmed (`2020-01-01-a` of a `post_url`, `"x.md"` of a `ref`, `| upcase` of an output). */
  args: string
  /** The tag as written. */
  text: string
  /** In a code block or code span (the generator still renders it there). */
  inCode: boolean
  position: Position
}

export interface Excerpt {
  text: string
  html?: string
  source: 'frontmatter' | 'separator' | 'paragraph'
}

export interface Stats {
  words: number
  /** Grapheme clusters of the text without whitespace. */
  characters: number
  readingMinutes: number
}

export interface FrontmatterInfo {
  /** `headers`: Pelican/MultiMarkdown `Key: value` lines, read with `metadataHeaders: true`. */
  format: 'yaml' | 'toml' | 'headers' | null
  raw: string
  position: Position | null
}

/** What `parseFrontmatter` gives: everything known without parsing the markdown body. */
export interface PostFrontmatter<Meta = Record<string, unknown>> {
  /** Front matter `title`, else null (the body is not read). */
  title: string | null
  slug: string
  date: PostDate | null
  updated: PostDate | null
  permalink: string | null
  /** Cover image URL as written (`image`, `cover`, `header.image`…), null if absent or unsafe. */
  image: string | null
  /** Canonical URL as written (`canonical`, `canonical_url`…), null if absent or unsafe. */
  canonical: string | null
  draft: boolean
  lang: string | null
  tags: string[]
  categories: string[]
  metadata: Meta
  frontmatter: FrontmatterInfo
  diagnostics: Diagnostic[]
}

export interface Post<Meta = Record<string, unknown>> extends PostFrontmatter<Meta> {
  headings: Heading[]
  sections: Section[]
  links: Link[]
  images: Image[]
  /** The body's Liquid tags and Hugo shortcodes, in document order. */
  templateTags: TemplateTag[]
  excerpt: Excerpt | null
  stats: Stats
  /** The body as HTML (absent in `remarkPost`). */
  html?: string
  /** The mdast tree; present, not enumerable, only with `trees: true`. */
  readonly tree?: MdastRoot
  /** The final hast tree; present, not enumerable, only with `trees: true`. */
  readonly hast?: HastRoot
}

/** A section of a `ParsedPost`: its HTML, and its children's, always set. */
export interface ParsedSection extends Section {
  html: string
  children: ParsedSection[]
}

/** A post returned by `parsePost`: HTML always present. */
export interface ParsedPost<Meta = Record<string, unknown>> extends Post<Meta> {
  html: string
  excerpt: (Excerpt & {html: string}) | null
  sections: ParsedSection[]
}

export type HtmlPolicy = 'sanitize' | 'escape' | 'drop' | 'trust'

export interface FrontmatterOptions {
  /** File path, used for the slug, the date in a Jekyll file name and error messages (default: none). */
  path?: string | null | undefined
  /** Throw `PostParseError` on fatal content problems; with false they become error diagnostics (default: true). */
  strict?: boolean | null | undefined
  /** Largest input accepted, in bytes of UTF-8 (default: 5 MiB). */
  maxBytes?: number | null | undefined
  /** Largest front matter block accepted, in characters (default: 1 MiB). */
  maxFrontmatterBytes?: number | null | undefined
  /** Deepest nesting of front matter collections (default: 64). */
  maxFrontmatterDepth?: number | null | undefined
  /**
   * Read Pelican/MultiMarkdown metadata headers (`Title: …` lines up to the first blank line, no
   * fences) as front matter, `frontmatter.format: 'headers'` (default: false: they are body, and
   * reported as `frontmatter-suspicious`). `'python-markdown'`: as Python-Markdown's meta extension
   * reads them for Pelican: also between a first `---` line and a `---` or `...` line (not YAML), and
   * no `+++` TOML.
   */
  metadataHeaders?: boolean | 'python-markdown' | null | undefined
  /**
   * Read a `---`/`+++` front matter block that follows blank lines, spaces, tabs or a byte order
   * mark, as Hugo's page parser does (default: false: front matter starts at the first character,
   * as in Jekyll, and such a block is body, reported as `frontmatter-suspicious`).
   */
  frontmatterAfterWhitespace?: boolean | null | undefined
  /**
   * How `date` and `updated` are read: `'iso'` (default), ISO 8601 dates only; `'dateutil'`, as
   * Pelican reads them (python-dateutil: `08-02-21 15:00`, `24-05-2015`, `2 May 2015` too).
   */
  dates?: 'iso' | 'dateutil' | null | undefined
  /**
   * A Standard Schema v1 validator (zod, valibot, arktype…) for the front matter: its output is
   * `metadata` (typed), each issue a `metadata-invalid` diagnostic at its key (default: none).
   */
  schema?: StandardSchemaV1 | null | undefined
}

/** The metadata type a `schema` option gives: its output, or plain records without one. */
export type MetadataOf<Options> = Options extends {schema: infer S extends StandardSchemaV1}
  ? StandardSchemaV1.InferOutput<S>
  : Record<string, unknown>

export interface PostOptions extends FrontmatterOptions {
  /** Site URL used to resolve links and images (default: none, `resolved` stays null). */
  baseUrl?: string | null | undefined
  /** Enable GFM: tables, footnotes, strikethrough, task lists, literal autolinks (default: true). */
  gfm?: boolean | null | undefined
  /** What to do with raw HTML (default: `'sanitize'`). */
  html?: HtmlPolicy | null | undefined
  /**
   * The rehype-sanitize schema (with `html: 'sanitize'`, and for markdown links under `'escape'`
   * and `'drop'`), or a function that gets mdpost's schema and returns one, to let a highlighter's
   * classes or styles through (default: mdpost's GitHub-like schema).
   */
  sanitize?: Schema | ((schema: Schema) => Schema) | null | undefined
  /**
   * Liquid tags and shortcodes that stand for URLs, as written → what they stand for
   * (`{'{% post_url 2019-07-14-name %}': '/2019/07/14/name/', '{{ site.baseurl }}': '/blog'}`):
   * expanded in link and image destinations before parsing, with every position kept; elsewhere
   * they stay as written (default: none; `loadSite` fills it for Jekyll and Hugo sites).
   */
  expand?: Readonly<Record<string, string>> | null | undefined
  /** Prefix added to heading ids, in `headings`, `sections` and HTML (default: `''`). */
  idPrefix?: string | null | undefined
  /** Comments that end the excerpt when the post sets no `excerpt_separator` (default: `<!--more-->`, `<!-- more -->`, `<!-- truncate -->`). */
  excerptSeparators?: readonly string[] | null | undefined
  /** Reading speed for `stats.readingMinutes` (default: 200; Chinese and Japanese characters count at 500 a minute). */
  wordsPerMinute?: number | null | undefined
  /** Deepest block or inline nesting accepted (default: 100). */
  maxDepth?: number | null | undefined
  /** Keep the mdast and hast trees on the Post as non-enumerable `tree`/`hast` (default: false). */
  trees?: boolean | null | undefined
  /** remark plugins run after mdpost's parsers and before mdpost reads the tree (default: none). */
  remarkPlugins?: PluggableList | null | undefined
  /** rehype plugins run before the sanitizer, which always runs last (default: none). */
  rehypePlugins?: PluggableList | null | undefined
}

/** Anything that can be parsed. */
export type PostInput = string | Uint8Array | VFile
