/**
 * One walk over the mdast tree gathers everything that exists before HTML: headings with
 * ids, the section tree with each section's own text and words, links and images with their
 * sections, the excerpt's plan, and the content diagnostics.
 */
import GithubSlugger from 'github-slugger'
import type {Definition, Heading as MdastHeading, Nodes, Parents, Root, RootContent} from 'mdast'
import {quote, type Reporter} from './diagnostics.js'
import {scanHtmlTags} from './html-scan.js'
import {addCount, countText, emptyCount, type TextCount} from './stats.js'
import type {Heading, HtmlPolicy, Image, Link, Point, Position, Section} from './types.js'
import {allowedProtocols, classifyUrl, isDangerousScheme, resolveUrl, schemeOf} from './urls.js'

export interface CollectOptions {
  site: URL | null
  permalink: string | null
  idPrefix: string
  separators: readonly string[]
  html: HtmlPolicy
  /** Excerpt written in front matter: when set, the body is not searched for one. */
  hasFrontmatterExcerpt: boolean
  /** Offset in the whole file → point. */
  point: (offset: number) => Point
}

/** Where the excerpt ends, decided on mdast and cut later on the hast tree. */
export type ExcerptPlan =
  | {kind: 'separator'; before: number; nodes: RootContent[]}
  | {kind: 'paragraph'; start: number; end: number; nodes: RootContent[]}
  | null

export interface Collected {
  firstH1: string | null
  headings: Heading[]
  sections: Section[]
  /** Sections in document order, with the offset of their heading (preamble: -1). */
  flatSections: Array<{section: Section; headingStart: number}>
  links: Link[]
  images: Image[]
  excerpt: ExcerptPlan
  count: TextCount
  /** Start/end offsets of every raw HTML node, in order: elements inside come from raw HTML. */
  rawRanges: Array<[number, number]>
}

interface OpenSection {
  section: Section
  ownText: string[]
  hasContent: boolean
  headingNode: MdastHeading | null
}

type PendingReference = {node: Extract<Nodes, {type: 'linkReference' | 'imageReference'}>; section: string | null; text: string}

export function collect(tree: Root, source: string, options: CollectOptions, report: Reporter): Collected {
  const slugger = new GithubSlugger()
  const headings: Heading[] = []
  const links: Link[] = []
  const images: Image[] = []
  const references: PendingReference[] = []
  const definitions = new Map<string, Definition>()
  const rawRanges: Array<[number, number]> = []
  const roots: Section[] = []
  const flatSections: Collected['flatSections'] = []
  const stack: OpenSection[] = []
  const count = emptyCount()
  const openRawLinks: Link[] = []
  let firstH1: string | null = null
  let liquidSeen = false
  let current: OpenSection | null = null

  const sectionId = (): string | null => current?.section.id ?? null

  function headingId(node: MdastHeading): {id: string; text: string} {
    const last = node.children[node.children.length - 1]
    let custom: string | null = null
    if (last && last.type === 'text') {
      const found = customId(last.value)
      if (found) {
        custom = found.id
        last.value = found.rest
        if (last.value === '') node.children.pop()
      }
    }
    const text = plainText(node).trim()
    let id = custom ? slugger.slug(custom, true) : slugger.slug(text)
    // github-slugger gives '' or '-1' for headings of punctuation only: ids must be non-empty.
    if (id === '' || id.startsWith('-')) id = slugger.slug('section')
    id = options.idPrefix + id
    node.data = {...node.data, hProperties: {...node.data?.hProperties, id}}
    return {id, text}
  }

  function closeSections(depth: number, end: number): void {
    // The preamble (depth 0) ends at the first heading of any depth.
    while (
      stack.length > 0 &&
      ((stack[stack.length - 1] as OpenSection).section.depth >= depth || (stack[stack.length - 1] as OpenSection).headingNode === null)
    ) {
      finishSection(stack.pop() as OpenSection, end)
    }
  }

  function finishSection(open: OpenSection, end: number): void {
    const {section} = open
    section.text = open.ownText.join('\n\n')
    const counted = countText(section.text)
    section.words = counted.words + counted.cjk
    addCount(count, counted)
    if (end > section.position.end.offset) section.position.end = pointAt(end)
    if (open.headingNode && !open.hasContent && section.children.length === 0) {
      report.report(
        'section-empty',
        'warning',
        `Unexpected empty section ${quote(section.title ?? '')}, expected content under the heading`,
        open.headingNode.position as Position
      )
    }
    const parent = stack[stack.length - 1]
    if (parent && section.position.end.offset > parent.section.position.end.offset) {
      parent.section.position.end = section.position.end
    }
  }

  const pointAt = options.point

  function openSection(node: MdastHeading): void {
    const {id, text} = headingId(node)
    const position = node.position as Position
    headings.push({depth: node.depth, text, id, position})
    if (node.depth === 1 && firstH1 === null) firstH1 = text
    addCount(count, countText(text))
    closeSections(node.depth, position.start.offset)
    const section: Section = {
      id,
      title: text,
      depth: node.depth,
      position: {start: position.start, end: position.end},
      text: '',
      words: 0,
      children: []
    }
    const parent = stack[stack.length - 1]
    if (parent) parent.section.children.push(section)
    else roots.push(section)
    const open: OpenSection = {section, ownText: [], hasContent: false, headingNode: node}
    stack.push(open)
    flatSections.push({section, headingStart: position.start.offset})
    current = open
  }

  function addContent(node: RootContent): void {
    if (!current) {
      const position = node.position as Position
      const section: Section = {
        id: null,
        title: null,
        depth: 0,
        position: {start: position.start, end: position.end},
        text: '',
        words: 0,
        children: []
      }
      roots.push(section)
      current = {section, ownText: [], hasContent: false, headingNode: null}
      stack.push(current)
      flatSections.push({section, headingStart: -1})
    }
    current.hasContent = true
    const text = plainText(node)
    if (text) current.ownText.push(text)
    const end = node.position?.end as Point | undefined
    if (end && end.offset > current.section.position.end.offset) current.section.position.end = end
  }

  // Links, images, references, raw HTML and diagnostics, for any node at any depth.
  function visit(node: Nodes, parent: Parents | null): void {
    switch (node.type) {
      case 'heading':
        if (parent && parent.type !== 'root') {
          const {id, text} = headingId(node)
          headings.push({depth: node.depth, text, id, position: node.position as Position})
        }
        break
      case 'link': {
        const position = node.position ? (node.position as Position) : literalPosition(node.url, parent)
        const kind = node.position ? linkSource(node) : 'literal'
        links.push(makeLink(node.url, plainText(node), node.title ?? null, kind, position))
        break
      }
      case 'image':
        images.push(makeImage(node.url, node.alt ?? '', node.title ?? null, 'inline', node.position as Position))
        return
      case 'linkReference':
      case 'imageReference':
        references.push({node, section: sectionId(), text: node.type === 'linkReference' ? plainText(node) : (node.alt ?? '')})
        if (node.type === 'imageReference') return
        break
      case 'definition': {
        const key = normalizeLabel(node.identifier)
        if (!definitions.has(key)) definitions.set(key, node)
        return
      }
      case 'html':
        rawHtml(node.value, node.position as Position)
        return
      case 'text':
        // Text split by a GFM transform has no position of its own.
        text(node.value, (node.position ?? parent?.position ?? {start: pointAt(0), end: pointAt(0)}) as Position, parent)
        return
      case 'code':
      case 'inlineCode':
      case 'yaml':
        return
    }
    if ('children' in node) {
      for (const child of node.children) visit(child as Nodes, node)
    }
  }

  function text(value: string, position: Position, parent: Parents | null): void {
    for (const link of openRawLinks) link.text += value
    if (!liquidSeen && (value.includes('{%') || value.includes('{{'))) {
      const first = firstOf(value, '{%', '{{')
      liquidSeen = true
      report.report(
        'liquid-tag',
        'warning',
        'Unexpected Liquid tag outside code, expected it to be rendered by Jekyll first: mdpost outputs it literally',
        {start: position.start.offset + first, end: position.start.offset + first + 2}
      )
    }
    if (parent && parent.type !== 'link' && value.includes('][')) {
      const pattern = /\[([^[\]]+)\]\[([^[\]]*)\]/g
      for (const match of value.matchAll(pattern)) {
        const label = match[2] || match[1] || ''
        const start = position.start.offset + match.index
        report.report(
          'link-reference-missing',
          'warning',
          `Unexpected reference ${quote(label)} with no definition, expected a \`[${label}]: url\` line: it is shown as literal text`,
          {start, end: start + match[0].length}
        )
      }
    }
  }

  function rawHtml(value: string, position: Position): void {
    const base = position.start.offset
    rawRanges.push([base, position.end.offset])
    if (options.html === 'escape' || options.html === 'drop') return
    // An unclosed comment swallows the rest of its HTML block, to the end of the post at worst.
    const open = value.lastIndexOf('<!--')
    if (open !== -1 && value.indexOf('-->', open + 4) === -1) {
      const lines = value
        .slice(open)
        .trimEnd()
        .split(/\r\n|\r|\n/).length
      report.report(
        'html-comment-unclosed',
        'warning',
        `Unexpected HTML comment that never closes, expected \`-->\`: it hides ${lines} line${lines === 1 ? '' : 's'} from here`,
        {start: base + open, end: base + open + 4}
      )
    }
    for (const tag of scanHtmlTags(value)) {
      if (tag.closing) {
        if (tag.name === 'a' && !tag.closesInValue) openRawLinks.pop()
        continue
      }
      const place = {start: pointAt(base + tag.start), end: pointAt(base + tag.end)}
      if (tag.name === 'a' && tag.attributes.href !== undefined) {
        const link = makeLink(tag.attributes.href, '', tag.attributes.title ?? null, 'html', place)
        link.text = tag.text ?? ''
        links.push(link)
        if (tag.text === null) openRawLinks.push(link)
      } else if (tag.name === 'img' && tag.attributes.src !== undefined) {
        images.push(makeImage(tag.attributes.src, tag.attributes.alt ?? '', tag.attributes.title ?? null, 'html', place))
      }
    }
  }

  /**
   * GFM literal autolinks found by a tree transform (after `[`, for one) come without a
   * position: find their text inside the parent's span.
   */
  function literalPosition(url: string, parent: Parents | null): Position {
    const span = parent?.position as Position | undefined
    const from = span?.start.offset ?? 0
    const to = span?.end.offset ?? source.length
    const within = source.slice(from, to)
    let bare = url.replace(/^mailto:/, '')
    // `www.x.org` is linked as `http://www.x.org`.
    if (!within.includes(bare)) bare = bare.replace(/^https?:\/\//, '')
    const at = within.indexOf(bare)
    if (at === -1) return span ?? {start: pointAt(0), end: pointAt(0)}
    return {start: pointAt(from + at), end: pointAt(from + at + bare.length)}
  }

  function linkSource(node: Extract<Nodes, {type: 'link'}>): Link['source'] {
    const first = source.charCodeAt(node.position?.start.offset ?? 0)
    if (first === 60 /* < */) return 'autolink'
    if (first !== 91 /* [ */) return 'literal'
    return 'inline'
  }

  function makeLink(url: string, linkText: string, title: string | null, kind: Link['source'], position: Position): Link {
    checkUrl(url, 'href', position, 'link')
    return {
      url,
      text: linkText,
      title,
      kind: classifyUrl(url, options.site),
      source: kind,
      resolved: url.trim() === '' ? null : resolveUrl(url, options.site, options.permalink),
      section: sectionId(),
      position
    }
  }

  function makeImage(src: string, alt: string, title: string | null, kind: Image['source'], position: Position): Image {
    checkUrl(src, 'src', position, 'image')
    if (alt.trim() === '') {
      report.report(
        'image-alt-missing',
        'warning',
        `Unexpected image ${quote(src)} without alt text, expected a description of it`,
        position
      )
    }
    return {src, alt, title, source: kind, resolved: resolveUrl(src, options.site, options.permalink), section: sectionId(), position}
  }

  function checkUrl(url: string, attribute: 'href' | 'src', position: Position, what: string): void {
    if (url.trim() === '') {
      report.report('link-empty', 'warning', `Unexpected ${what} with an empty URL, expected a destination`, position)
      return
    }
    const scheme = schemeOf(url)
    if (scheme === null || allowedProtocols[attribute].includes(scheme)) return
    const dangerous = isDangerousScheme(scheme)
    report.report(
      'link-unsafe',
      dangerous ? 'warning' : 'info',
      `Unexpected ${dangerous ? 'unsafe' : 'unsupported'} \`${scheme}:\` URL in ${what} ${quote(url)}, removed from the HTML`,
      position
    )
  }

  const excerpt = findExcerpt(tree, options)
  for (const node of tree.children) {
    if (node.type === 'heading') {
      openSection(node)
    } else {
      if (isContent(node)) addContent(node)
      visit(node, tree)
    }
    if (node.type === 'heading') visitChildren(node)
  }

  function visitChildren(node: MdastHeading): void {
    for (const child of node.children) visit(child as Nodes, node)
  }

  closeSections(0, source.length)
  for (const pending of references) resolveReference(pending)
  links.sort(byOffset)
  images.sort(byOffset)

  function resolveReference({node, section, text: label}: PendingReference): void {
    const definition = definitions.get(normalizeLabel(node.identifier))
    if (!definition) return
    const saved = current
    current = {section: {id: section} as Section, ownText: [], hasContent: true, headingNode: null}
    if (node.type === 'linkReference') {
      links.push(makeLink(definition.url, label, definition.title ?? null, 'reference', node.position as Position))
    } else {
      images.push(makeImage(definition.url, label, definition.title ?? null, 'reference', node.position as Position))
    }
    current = saved
  }

  return {firstH1, headings, sections: roots, flatSections, links, images, excerpt, count, rawRanges}
}

function byOffset(a: {position: Position}, b: {position: Position}): number {
  return a.position.start.offset - b.position.start.offset
}

function normalizeLabel(label: string): string {
  return label.toLowerCase()
}

/** Definitions, front matter and lone comments are not content a reader sees. */
function isContent(node: RootContent): boolean {
  if (node.type === 'yaml' || node.type === 'definition' || (node as {type: string}).type === 'toml') return false
  if (node.type === 'html') return !onlyComments(node.value)
  return true
}

/** A trailing `{#custom-id}` (no whitespace inside), found without a regex that backtracks. */
function customId(value: string): {id: string; rest: string} | null {
  const trimmed = value.trimEnd()
  if (!trimmed.endsWith('}')) return null
  const open = trimmed.lastIndexOf('{#')
  if (open === -1) return null
  const id = trimmed.slice(open + 2, -1)
  if (id === '' || /[\s}]/.test(id)) return null
  return {id, rest: trimmed.slice(0, open).trimEnd()}
}

/** Whether raw HTML is nothing but comments and whitespace (one pass, no backtracking). */
function onlyComments(value: string): boolean {
  let index = 0
  let comments = 0
  for (;;) {
    while (index < value.length && /\s/.test(value[index] as string)) index++
    if (index === value.length) return comments > 0
    if (!value.startsWith('<!--', index)) return false
    const end = value.indexOf('-->', index + 4)
    if (end === -1) return false
    index = end + 3
    comments++
  }
}

/** Tags and comments replaced by a space, as `/<!--[\s\S]*?-->|<[^>]*>/g` would, in linear time. */
function withoutTags(value: string): string {
  let out = ''
  let index = 0
  for (;;) {
    const open = value.indexOf('<', index)
    if (open === -1) return out + value.slice(index)
    const commentEnd = value.startsWith('<!--', open) ? value.indexOf('-->', open + 4) : -1
    const end = commentEnd === -1 ? value.indexOf('>', open) : commentEnd + 2
    // No `>` after this `<` means none after any later one either.
    if (end === -1) return out + value.slice(index)
    out += `${value.slice(index, open)} `
    index = end + 1
  }
}

function findExcerpt(tree: Root, options: CollectOptions): ExcerptPlan {
  if (options.hasFrontmatterExcerpt) return null
  const separators = options.separators.map((separator) => separator.trim())
  const before: RootContent[] = []
  for (const node of tree.children) {
    const value = node.type === 'html' ? node.value.trim() : node.type === 'paragraph' ? plainText(node).trim() : null
    if (value !== null && separators.includes(value)) {
      return {kind: 'separator', before: node.position?.start.offset ?? 0, nodes: before.filter(isContent)}
    }
    before.push(node)
  }
  const paragraph = tree.children.find((node) => node.type === 'paragraph')
  if (!paragraph?.position) return null
  const {start, end} = paragraph.position as Position
  return {kind: 'paragraph', start: start.offset, end: end.offset, nodes: [paragraph]}
}

const blockTypes = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'table',
  'tableRow',
  'code',
  'footnoteDefinition',
  'root',
  'html'
])

/** The text a reader sees: blocks joined by blank lines, table cells by spaces, no footnote marks. */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value
    case 'html':
      return withoutTags(node.value).replace(/\s+/g, ' ').trim()
    case 'break':
      return '\n'
    case 'image':
    case 'imageReference':
      return node.alt ?? ''
    case 'footnoteReference':
    case 'definition':
    case 'yaml':
    case 'thematicBreak':
      return ''
  }
  if (!('children' in node)) return ''
  const parts: string[] = []
  for (const child of node.children as Nodes[]) {
    const part = plainText(child)
    if (part) parts.push(part)
  }
  if (node.type === 'tableRow') return parts.join(' ')
  const children = node.children as Nodes[]
  const isBlockContainer = children.length > 0 && blockTypes.has((children[0] as Nodes).type)
  return parts.join(isBlockContainer ? '\n\n' : '')
}

function firstOf(value: string, a: string, b: string): number {
  const at = value.indexOf(a)
  const bt = value.indexOf(b)
  return at === -1 ? bt : bt === -1 ? at : Math.min(at, bt)
}
