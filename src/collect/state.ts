/**
 * The state of one walk over the mdast tree, handed to the small readers of each field
 * (headings, sections, links, raw HTML, text), as mdast-util-to-hast hands its state to handlers.
 */
import GithubSlugger from 'github-slugger'
import type {Definition, Html, Nodes} from 'mdast'
import type {Position as UnistPosition} from 'unist'
import type {Reporter} from '../diagnostics.js'
import {emptyCount, type TextCount} from '../stats.js'
import type {Heading, HtmlPolicy, Image, Link, Point, Position, Section} from '../types.js'

export interface CollectOptions {
  site: URL | null
  permalink: string | null
  idPrefix: string
  separators: readonly string[]
  html: HtmlPolicy
  /** URL schemes the sanitizer keeps, per hast property (`href`, `src`); none under `'trust'`. */
  protocols: Record<string, readonly string[] | undefined>
  /** Excerpt written in front matter: when set, the body is not searched for one. */
  hasFrontmatterExcerpt: boolean
  /** Offset in the whole file → point. */
  point: (offset: number) => Point
  /** Where the body starts in the file: after the front matter. */
  bodyStart: number
  /** Tags expanded before parsing (`expand`): rendered as the generator would, so no `liquid-tag`. */
  expand: Readonly<Record<string, string>> | null
}

export interface OpenSection {
  section: Section
  ownText: string[]
  hasContent: boolean
  /** Whether a heading opened it (the preamble has none). */
  heading: boolean
  /** Where a `section-empty` problem is reported. */
  headingPosition: Position | null
}

export interface FlatSection {
  section: Section
  /** Offset of the heading (preamble: -1; a heading without position: where its section starts). */
  headingStart: number
  /** The heading has no position of its own (a plugin added it). */
  generated: boolean
}

export type ReferenceNode = Extract<Nodes, {type: 'linkReference' | 'imageReference'}>

export interface PendingReference {
  node: ReferenceNode
  section: string | null
  text: string
}

/**
 * A raw-text element (`<script>`, `<textarea>`…) opened in raw HTML and not closed yet in this
 * top-level block: what is found until it closes is inside it, and kept aside until then. If
 * it never closes there, its `<` is escaped and what was kept aside is read again, in order:
 * the raw HTML after it is markup again, and may open the next one.
 */
export interface OpenRawText {
  name: string
  /** Offset of its `<` in the whole file. */
  offset: number
  /** Offset of the raw HTML node it is in, and of its `<` in that node's value. */
  rawStart: number
  index: number
  kept: KeptAside[]
}

/** What an open raw-text element hides: links, images and references, and raw HTML from a tag on. */
export type KeptAside =
  | {kind: 'link'; link: Link}
  | {kind: 'image'; image: Image}
  | {kind: 'reference'; reference: PendingReference}
  | {kind: 'html'; node: Html; from: number}

/** Where an unclosed raw-text element's `<` is escaped: in the file, and in its raw HTML node. */
export interface RawTextEscape {
  offset: number
  rawStart: number
  index: number
  name: string
}

export interface CollectState {
  readonly source: string
  readonly options: CollectOptions
  readonly report: Reporter
  readonly slugger: GithubSlugger
  readonly headings: Heading[]
  readonly links: Link[]
  readonly images: Image[]
  readonly references: PendingReference[]
  readonly definitions: Map<string, Definition>
  /** Start/end offsets of every raw HTML node, in order: elements inside come from raw HTML. */
  readonly rawRanges: Array<[number, number]>
  readonly rawTextEscapes: RawTextEscape[]
  /** Start tags of table parts written in raw HTML, by name: how many, and the first one's offset. */
  readonly rawTableParts: Map<string, {count: number; offset: number}>
  readonly roots: Section[]
  readonly flatSections: FlatSection[]
  readonly stack: OpenSection[]
  readonly count: TextCount
  /** `<a>` elements of raw HTML whose text runs on in markdown until their `</a>`. */
  readonly openRawLinks: Link[]
  firstH1: string | null
  /** Start/end offsets of code and inline code, in document order: template tags there are shown as code. */
  readonly codeRanges: Array<[number, number]>
  current: OpenSection | null
  /** End of the last top-level node with a position: where a generated heading's section starts. */
  lastOffset: number
  rawText: OpenRawText | null
  /** The last GFM literal autolink found as written: its parent and end offset. */
  literalCursor: {parent: object | null; offset: number} | null
}

export function createState(source: string, options: CollectOptions, report: Reporter): CollectState {
  return {
    source,
    options,
    report,
    slugger: new GithubSlugger(),
    headings: [],
    links: [],
    images: [],
    references: [],
    definitions: new Map(),
    rawRanges: [],
    rawTextEscapes: [],
    rawTableParts: new Map(),
    roots: [],
    flatSections: [],
    stack: [],
    count: emptyCount(),
    openRawLinks: [],
    firstH1: null,
    codeRanges: [],
    current: null,
    lastOffset: 0,
    rawText: null,
    literalCursor: null
  }
}

/**
 * A node's position as mdpost reports it, or null: plugins and raw HTML re-parsing make nodes
 * without one, or with an end and no start. An end before the start is moved to the start.
 */
export function positionOf(node: {position?: UnistPosition | undefined}): Position | null {
  const place = node.position
  const start = place?.start
  const end = place?.end
  if (!start || !end || typeof start.offset !== 'number' || typeof end.offset !== 'number') return null
  const from: Point = {line: start.line, column: start.column, offset: start.offset}
  const to: Point = end.offset < start.offset ? {...from} : {line: end.line, column: end.column, offset: end.offset}
  return {start: from, end: to}
}

export function sectionId(state: CollectState): string | null {
  return state.current?.section.id ?? null
}
