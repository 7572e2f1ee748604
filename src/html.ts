/**
 * The HTML side: raw HTML re-parsed only when the post has some, ids from raw HTML prefixed,
 * what the sanitizer will remove reported, and section and excerpt HTML cut from the one tree.
 */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {raw} from 'hast-util-raw'
import {defaultSchema, type Schema} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import {find, html as htmlSpace} from 'property-information'
import type {VFile} from 'vfile'
import type {ExcerptPlan} from './collect.js'
import {quote, type Reporter} from './diagnostics.js'
import type {Section} from './types.js'
import {allowedProtocols, schemeOf} from './urls.js'

/** Elements removed together with their content: their text is never meant to be read. */
const stripped = [
  'script',
  'style',
  'template',
  'title',
  'textarea',
  'xmp',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select'
]
/** Removed things that could run code or send the reader elsewhere: warnings, not info. */
const executableTags = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'form',
  'portal',
  'svg',
  'math',
  'template',
  'button',
  'input'
])
const executableProperties = new Set(['srcDoc', 'formAction', 'action', 'xLinkHref'])

/** GitHub-like schema. Ids are prefixed by mdpost before sanitizing, so that heading ids stay plain. */
export const schema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), ['target', '_blank'], 'rel']
  },
  clobber: [],
  clobberPrefix: '',
  protocols: allowedProtocols,
  strip: stripped
}

const clobbered = ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy'] as const
const clobberPrefix = 'user-content-'

export interface HtmlContext {
  report: Reporter
  rawRanges: Array<[number, number]>
}

/** rehype-raw, but only for trees that have raw HTML: re-parsing costs as much as parsing. */
export function reparseRawHtml(tree: Root, file: VFile): Root {
  let hasRaw = false
  const seek = (node: Root | RootContent): void => {
    if (hasRaw) return
    if (node.type === 'raw') hasRaw = true
    else if ('children' in node) for (const child of node.children) seek(child)
  }
  seek(tree)
  return hasRaw ? (raw(tree, {file}) as Root) : tree
}

/**
 * Prefix ids and names that come from raw HTML (against DOM clobbering), add `rel` to
 * `target=_blank`, and report what the sanitizer is about to remove from raw HTML.
 */
export function guardRawHtml(tree: Root, context: HtmlContext): void {
  const {rawRanges, report} = context
  if (rawRanges.length === 0) return
  const isRaw = (element: Element, inherited: boolean): boolean => {
    const offset = element.position?.start.offset
    if (offset === undefined) return inherited
    let low = 0
    let high = rawRanges.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const [start, end] = rawRanges[middle] as [number, number]
      if (offset < start) high = middle - 1
      else if (offset >= end) low = middle + 1
      else return true
    }
    return false
  }
  const walk = (node: Root | Element, inherited: boolean): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      const fromRaw = isRaw(child, inherited)
      if (fromRaw && !guardElement(child, report)) continue
      walk(child, fromRaw)
    }
  }
  walk(tree, false)
}

/** Returns false when the element goes with its content. */
function guardElement(element: Element, report: Reporter): boolean {
  const {tagName, properties} = element
  const place = element.position
  if (!(schema.tagNames ?? []).includes(tagName)) {
    const severity = executableTags.has(tagName) ? 'warning' : 'info'
    const goes = stripped.includes(tagName)
    report.grouped(
      `tag:${tagName}`,
      'html-stripped',
      severity,
      (count) => `Removed ${quote(`<${tagName}>`)} from raw HTML${goes ? ' with its content' : ', kept its content'}${times(count)}`,
      place
    )
    if (goes) return false
  }
  const allowed = new Set<string>()
  for (const entry of [...(schema.attributes?.[tagName] ?? []), ...(schema.attributes?.['*'] ?? [])]) {
    allowed.add(typeof entry === 'string' ? entry : (entry[0] as string))
  }
  for (const key of Object.keys(properties)) {
    const attribute = find(htmlSpace, key).attribute
    if (!allowed.has(key)) {
      const severity = /^on/i.test(attribute) || executableProperties.has(key) ? 'warning' : 'info'
      report.grouped(
        `attribute:${attribute}`,
        'html-stripped',
        severity,
        (count) => `Removed ${quote(attribute)} attribute from raw HTML${times(count)}`,
        place
      )
      continue
    }
    const protocols = (allowedProtocols as Record<string, string[]>)[key]
    const value = properties[key]
    if (protocols && typeof value === 'string' && !(tagName === 'a' && key === 'href') && !(tagName === 'img' && key === 'src')) {
      const scheme = schemeOf(value)
      if (scheme !== null && !protocols.includes(scheme)) {
        report.grouped(
          `url:${scheme}`,
          'html-stripped',
          'warning',
          (count) => `Removed \`${scheme}:\` URL from raw HTML${times(count)}`,
          place
        )
      }
    }
  }
  for (const key of clobbered) {
    const value = properties[key]
    if (typeof value === 'string' && value !== '') (properties as Record<string, unknown>)[key] = clobberPrefix + value
    else if (Array.isArray(value)) (properties as Record<string, unknown>)[key] = value.map((item) => clobberPrefix + String(item))
  }
  if (properties.target === '_blank') {
    const rel = new Set(Array.isArray(properties.rel) ? properties.rel.map(String) : [])
    rel.add('noopener')
    rel.add('noreferrer')
    properties.rel = [...rel]
  }
  return true
}

function times(count: number): string {
  return count === 1 ? '' : ` (${count} times)`
}

/**
 * Serialize the final tree once, a top-level node at a time, and give each section its own
 * HTML from those pieces: the body's HTML is their concatenation, so nothing is serialized twice.
 */
export function serializeWithSections(tree: Root, flatSections: Array<{section: Section; headingStart: number}>): string {
  const pieces = tree.children.map((child) => withoutControls(toHtml(child)))
  const parts = new Map<Section, number[]>()
  let next = 0
  let owner: Section | null = null
  const first = flatSections[0]
  if (first && first.headingStart === -1) {
    owner = first.section
    next = 1
  }
  tree.children.forEach((child, index) => {
    const offset = child.position?.start.offset
    let isHeading = false
    if (offset === undefined) {
      // Generated nodes (the footnotes block) belong to no section; line breaks stay with theirs.
      if (child.type !== 'text') return
    } else {
      while (next < flatSections.length && (flatSections[next] as {headingStart: number}).headingStart <= offset) {
        const entry = flatSections[next] as {section: Section; headingStart: number}
        owner = entry.section
        isHeading = entry.headingStart === offset
        next++
      }
    }
    if (isHeading || !owner) return
    let list = parts.get(owner)
    if (!list) {
      list = []
      parts.set(owner, list)
    }
    list.push(index)
  })
  for (const {section} of flatSections) {
    const indexes = parts.get(section) ?? []
    let start = 0
    let end = indexes.length
    const blank = (at: number | undefined) => at !== undefined && (pieces[at] as string).trim() === ''
    while (start < end && blank(indexes[start])) start++
    while (end > start && blank(indexes[end - 1])) end--
    section.html = indexes
      .slice(start, end)
      .map((at) => pieces[at])
      .join('')
  }
  return pieces.join('')
}

function trimWhitespace(nodes: RootContent[]): RootContent[] {
  let start = 0
  let end = nodes.length
  const blank = (node: RootContent | undefined) => node?.type === 'text' && node.value.trim() === ''
  while (start < end && blank(nodes[start])) start++
  while (end > start && blank(nodes[end - 1])) end--
  return nodes.slice(start, end)
}

/** The excerpt's HTML from the final tree, without footnote references. */
export function excerptHtml(tree: Root, plan: NonNullable<ExcerptPlan>): string {
  const nodes: RootContent[] = []
  for (const child of tree.children) {
    const offset = child.position?.start.offset
    if (plan.kind === 'separator') {
      if (offset === undefined) {
        if (child.type === 'text' && nodes.length > 0) nodes.push(child)
        continue
      }
      if (offset >= plan.before) break
      nodes.push(child)
    } else if (offset === plan.start) {
      nodes.push(child)
      break
    }
  }
  return withoutControls(toHtml(withoutFootnoteReferences(trimWhitespace(nodes)) as RootContent[]))
}

/**
 * C0 controls other than whitespace, and DEL, are parse errors in HTML and can carry terminal
 * escape sequences: they become U+FFFD, as NUL already is. They cannot be part of markup, so
 * replacing them in the serialized text is the same as in every text node and attribute.
 */
function withoutControls(html: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is replaced.
  return html.replace(/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/g, '\ufffd')
}

function withoutFootnoteReferences(nodes: Array<RootContent | ElementContent>): Array<RootContent | ElementContent> {
  const result: Array<RootContent | ElementContent> = []
  for (const node of nodes) {
    if (node.type !== 'element') {
      result.push(node)
      continue
    }
    if (
      node.tagName === 'sup' &&
      node.children.some((child) => child.type === 'element' && child.properties.dataFootnoteRef !== undefined)
    ) {
      continue
    }
    result.push({...node, children: withoutFootnoteReferences(node.children) as ElementContent[]})
  }
  return result
}
