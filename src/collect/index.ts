/**
 * One walk over the mdast tree gathers everything that exists before HTML: headings with
 * ids, the section tree with each section's own text and words, links and images with their
 * sections, the excerpt's plan, and the content diagnostics. The walk dispatches each node to
 * the reader of its field (headings, sections, links, raw-html, text), all sharing one state.
 */
import type {Nodes, Parents, Root} from 'mdast'
import type {Reporter} from '../diagnostics.js'
import type {TextCount} from '../stats.js'
import {scanTemplateTags} from '../template-tags.js'
import type {Heading, Image, Link, Section, TemplateTag} from '../types.js'
import {type ExcerptPlan, findExcerpt} from './excerpt.js'
import {addHeading} from './headings.js'
import {byOffset, resolveReferences, visitDefinition, visitImage, visitLink, visitReference} from './links.js'
import {isContent} from './plain-text.js'
import {endRawTextBlock, visitRawHtml} from './raw-html.js'
import {addContent, closeSections, openSection} from './sections.js'
import {type CollectOptions, type CollectState, createState, type FlatSection, positionOf, type RawTextEscape} from './state.js'
import {visitText} from './text.js'

export type {ExcerptPlan} from './excerpt.js'
export {plainText} from './plain-text.js'
export type {CollectOptions, FlatSection, RawTextEscape} from './state.js'

export interface Collected {
  firstH1: string | null
  headings: Heading[]
  sections: Section[]
  /** Sections in document order, with the offset of their heading (preamble: -1). */
  flatSections: FlatSection[]
  links: Link[]
  images: Image[]
  excerpt: ExcerptPlan
  count: TextCount
  /** Start/end offsets of every raw HTML node, in order: elements inside come from raw HTML. */
  rawRanges: Array<[number, number]>
  /** Raw-text elements left open in their block, whose `<` the HTML shows as text. */
  rawTextEscapes: RawTextEscape[]
  /** Start tags of table parts written in raw HTML: those HTML drops outside a table are reported. */
  rawTableParts: Map<string, {count: number; offset: number}>
  templateTags: TemplateTag[]
}

export function collect(tree: Root, source: string, options: CollectOptions, report: Reporter): Collected {
  const state = createState(source, options, report)
  const excerpt = findExcerpt(tree, options)
  for (const node of tree.children) {
    if (node.type === 'heading') {
      openSection(state, node)
      for (const child of node.children) visit(state, child, node)
    } else {
      if (isContent(node)) addContent(state, node)
      visit(state, node, tree)
    }
    endRawTextBlock(state)
    const end = node.position?.end?.offset
    if (typeof end === 'number') state.lastOffset = end
  }
  closeSections(state, 0, source.length)
  resolveReferences(state)
  state.links.sort(byOffset)
  state.images.sort(byOffset)
  const templateTags = findTemplateTags(state)
  const {firstH1, headings, roots, flatSections, links, images, count, rawRanges, rawTextEscapes, rawTableParts} = state
  return {
    firstH1,
    headings,
    sections: roots,
    flatSections,
    links,
    images,
    excerpt,
    count,
    rawRanges,
    rawTextEscapes,
    rawTableParts,
    templateTags
  }
}

/**
 * The body's template tags, each marked when it lies in code; the first outside code that was
 * not expanded is the `liquid-tag` warning: mdpost shows it as written, the generator would have
 * rendered it.
 */
function findTemplateTags(state: CollectState): TemplateTag[] {
  const {source, options, codeRanges, report} = state
  const tags: TemplateTag[] = []
  let range = 0
  let warned = false
  for (const found of scanTemplateTags(source, options.bodyStart)) {
    while (range < codeRanges.length && (codeRanges[range] as [number, number])[1] <= found.start) range++
    const code = codeRanges[range]
    const inCode = code !== undefined && code[0] <= found.start
    const position = {start: options.point(found.start), end: options.point(found.end)}
    const text = source.slice(found.start, found.end)
    tags.push({syntax: found.syntax, name: found.name, args: found.args, text, inCode, position})
    if (!inCode && !warned && !(options.expand && Object.hasOwn(options.expand, text))) {
      warned = true
      const what =
        found.syntax === 'liquid'
          ? 'Liquid tag outside code, expected it to be rendered by Jekyll first'
          : 'Hugo shortcode outside code, expected it to be rendered by Hugo first'
      report.report('liquid-tag', 'warning', `Unexpected ${what}: mdpost outputs it literally`, {
        start: found.start,
        end: found.start + 2
      })
    }
  }
  return tags
}

/** Links, images, references, raw HTML and diagnostics, for any node at any depth. */
function visit(state: CollectState, node: Nodes, parent: Parents | null): void {
  switch (node.type) {
    case 'heading':
      if (parent && parent.type !== 'root') addHeading(state, node)
      break
    case 'link':
      visitLink(state, node, parent)
      break
    case 'image':
      visitImage(state, node)
      return
    case 'linkReference':
      visitReference(state, node)
      break
    case 'imageReference':
      visitReference(state, node)
      return
    case 'definition':
      visitDefinition(state, node)
      return
    case 'html':
      visitRawHtml(state, node)
      return
    case 'text':
      visitText(state, node, parent)
      return
    case 'code':
    case 'inlineCode': {
      const position = positionOf(node)
      if (position) state.codeRanges.push([position.start.offset, position.end.offset])
      return
    }
    case 'yaml':
      return
  }
  if ('children' in node) {
    for (const child of node.children) visit(state, child as Nodes, node)
  }
}
