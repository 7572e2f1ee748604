/**
 * The HTML side: raw HTML re-parsed only when the post has some, ids from raw HTML prefixed,
 * what the sanitizer will remove reported, and section and excerpt HTML cut from the one tree.
 */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {raw} from 'hast-util-raw'
import type {Schema} from 'hast-util-sanitize'
import {find, html as htmlSpace} from 'property-information'
import type {VFile} from 'vfile'
import type {ExcerptPlan, FlatSection, RawTextEscape} from './collect/index.js'
import {quote, type Reporter} from './diagnostics.js'
import {replaceControls} from './escape.js'
import type {Point, Section} from './types.js'
import {normalizeUrl, schemeOf} from './urls.js'

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

/** mdpost prefixes these on raw HTML elements (against DOM clobbering); the schemas leave them alone. */
const clobbered = ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy'] as const
const clobberPrefix = 'user-content-'

/** The processor's compiler (rehype-stringify, with the settings the processor carries) for one node. */
export type Stringify = (node: Root | RootContent) => string

export interface HtmlContext {
  report: Reporter
  /** The schema rehype-sanitize runs with (mdpost's, or the `sanitize` option's). */
  schema: Schema
  /** The schema raw HTML is held to: mdpost's, whatever `sanitize` allows plugins. */
  rawSchema: Schema
  /** Audit every element, not only raw ones: rehype plugins or a `sanitize` schema are in play. */
  auditAll: boolean
  rawRanges: Array<[number, number]>
  rawTableParts: Map<string, {count: number; offset: number}>
}

/**
 * rehype-raw, but only for trees that have raw HTML: re-parsing costs as much as parsing.
 * Raw-text elements left open in their block (collect/raw-html.ts) get their `<` as text first,
 * so that they cannot swallow the rest of the post.
 */
export function reparseRawHtml(tree: Root, file: VFile, escapes: readonly RawTextEscape[], point: (offset: number) => Point): Root {
  let hasRaw = false
  const seek = (node: Root | RootContent): void => {
    if (hasRaw) return
    if (node.type === 'raw') hasRaw = true
    else if ('children' in node) for (const child of node.children) seek(child)
  }
  seek(tree)
  if (!hasRaw) return tree
  if (escapes.length > 0) escapeRawText(tree, escapes, point)
  return raw(tree, {file}) as Root
}

function escapeRawText(tree: Root, escapes: readonly RawTextEscape[], point: (offset: number) => Point): void {
  const byNode = new Map<number, RawTextEscape[]>()
  for (const opener of escapes) {
    const list = byNode.get(opener.rawStart) ?? []
    list.push(opener)
    byNode.set(opener.rawStart, list)
  }
  const walk = (parent: Root | Element): void => {
    const children = parent.children as RootContent[]
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index] as RootContent
      if (child.type === 'element') walk(child)
      if (child.type !== 'raw') continue
      const start = child.position?.start?.offset
      const found = start === undefined ? undefined : byNode.get(start)
      if (!found) continue
      const pieces: RootContent[] = []
      let rest = child.value
      let restEnd = child.position?.end
      for (const opener of [...found].sort((a, b) => b.index - a.index)) {
        const after = point(opener.offset + 1)
        pieces.unshift(
          {type: 'text', value: '<', position: {start: point(opener.offset), end: after}},
          {type: 'raw', value: rest.slice(opener.index + 1), position: {start: after, end: restEnd ?? after}}
        )
        rest = rest.slice(0, opener.index)
        restEnd = point(opener.offset)
      }
      pieces.unshift({type: 'raw', value: rest, position: {start: child.position?.start ?? point(0), end: restEnd ?? point(0)}})
      children.splice(index, 1, ...pieces)
    }
  }
  walk(tree)
}

/** What the guard expects the sanitizer to leave of one element from raw HTML. */
export interface Expected {
  tagName: string
  position: Element['position']
  /** From raw HTML; else made by markdown or a plugin (audited when the post has rehype plugins). */
  fromRaw: boolean
  /** The guard already reported its removal. */
  gone: boolean
  properties: Record<string, string>
}

/**
 * Before the sanitizer: make URLs that mdpost's scheme check allows survive hast-util-sanitize's
 * (which is case-sensitive and takes `foo):` for a scheme); prefix ids and names that come from
 * raw HTML (against DOM clobbering); add `rel` to `target=_blank`; report what the sanitizer is
 * about to remove from raw HTML. Returns what each raw element should look like afterwards, for
 * `auditSanitized` to report whatever else the schema changed.
 */
export function guardHtml(tree: Root, context: HtmlContext): Expected[] {
  const {rawRanges, rawTableParts, report, schema, rawSchema, auditAll} = context
  const protocols = (schema.protocols ?? {}) as Record<string, readonly string[] | undefined>
  const tagNames = new Set(schema.tagNames ?? [])
  const rawTagNames = new Set(rawSchema.tagNames ?? [])
  // A `sanitize` schema may let more through for plugins' output: raw HTML keeps mdpost's rules.
  const enforce = schema !== rawSchema
  const expected: Expected[] = []
  const tablePartsMade = new Map<string, number>()
  const isRaw = (element: Element, inherited: boolean): boolean => {
    if (rawRanges.length === 0) return false
    const offset = element.position?.start?.offset
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
    const children = node.children as Array<RootContent | Root>
    for (let index = 0; index < children.length; index++) {
      const child = children[index] as RootContent | Root
      // A plugin may nest a root (Shiki does): it is transparent.
      if (child.type === 'root') {
        walk(child, inherited)
        continue
      }
      if (child.type !== 'element') continue
      if (auditAll) canonicalProperties(child)
      normalizeUrls(child, protocols)
      const fromRaw = isRaw(child, inherited)
      let keeps = true
      let dropped = new Set<string>()
      if (fromRaw) {
        if (rawTableParts.has(child.tagName)) tablePartsMade.set(child.tagName, (tablePartsMade.get(child.tagName) ?? 0) + 1)
        ;({keeps, dropped} = guardElement(child, report, rawSchema, rawTagNames))
        if (enforce) {
          for (const key of dropped) delete child.properties[key]
          if (!rawTagNames.has(child.tagName)) {
            // What mdpost's schema would remove from raw HTML goes here, before the looser schema runs.
            const replacement = keeps ? child.children : []
            children.splice(index, 1, ...(replacement as RootContent[]))
            index--
            continue
          }
        }
      }
      if (fromRaw || auditAll) {
        const properties: Record<string, string> = {}
        for (const [key, value] of Object.entries(child.properties)) {
          if (!dropped.has(key) && value !== undefined && value !== null) properties[key] = JSON.stringify(value)
        }
        child.data = {...child.data, mdpostAudit: expected.length} as Element['data']
        expected.push({tagName: child.tagName, position: child.position, gone: !tagNames.has(child.tagName), properties, fromRaw})
      }
      if (!keeps) continue
      walk(child, fromRaw)
    }
  }
  walk(tree, false)
  // HTML drops table parts outside a table (keeping their content) before any sanitizer sees them.
  for (const [name, written] of rawTableParts) {
    const missing = written.count - (tablePartsMade.get(name) ?? 0)
    if (missing <= 0) continue
    report.report(
      'html-stripped',
      'info',
      `Removed ${quote(`<${name}>`)} outside a table from raw HTML, kept its content${times(missing)}`,
      {start: written.offset, end: written.offset + name.length + 1}
    )
  }
  return expected
}

/**
 * After the sanitizer: every raw element the guard expected to stay, compared with what the
 * sanitizer left. A removal or a changed attribute that the guard did not report is reported
 * here, so that nothing the schema does goes unsaid.
 */
export function auditSanitized(tree: Root, expected: readonly Expected[], report: Reporter): void {
  if (expected.length === 0) return
  const seen = new Set<number>()
  const walk = (node: Root | Element): void => {
    for (const child of node.children as Array<RootContent | Root>) {
      if (child.type === 'root') {
        walk(child)
        continue
      }
      if (child.type !== 'element') continue
      const index = (child.data as {mdpostAudit?: number} | undefined)?.mdpostAudit
      const before = index === undefined ? undefined : expected[index]
      if (before && index !== undefined) {
        seen.add(index)
        const changed: string[] = []
        const after = child.properties
        for (const key of new Set([...Object.keys(before.properties), ...Object.keys(after)])) {
          const value = after[key]
          const now = value === undefined || value === null ? undefined : JSON.stringify(value)
          if (now !== before.properties[key] && !reportedAsLink(before, key)) changed.push(find(htmlSpace, key).attribute)
        }
        if (changed.length > 0) {
          const origin = originOf(before)
          report.grouped(
            `changed:${before.tagName}:${changed.join(' ')}:${origin}`,
            'html-stripped',
            'info',
            (count) =>
              `Changed ${changed.map((name) => quote(name)).join(', ')} of ${quote(`<${before.tagName}>`)} in ${origin}, as the sanitizer requires${times(count)}`,
            before.position
          )
        }
      }
      walk(child)
    }
  }
  walk(tree)
  expected.forEach((before, index) => {
    if (seen.has(index)) return
    if (before.gone) {
      // Raw elements the guard reported already; a plugin's are reported here.
      if (!before.fromRaw) {
        report.grouped(
          `plugin-tag:${before.tagName}:${originOf(before)}`,
          'html-stripped',
          executableTags.has(before.tagName) ? 'warning' : 'info',
          (count) => `Removed ${quote(`<${before.tagName}>`)} from ${originOf(before)}${times(count)}`,
          before.position
        )
      }
      return
    }
    report.grouped(
      `moved:${before.tagName}:${originOf(before)}`,
      'html-stripped',
      'info',
      (count) =>
        `Removed ${quote(`<${before.tagName}>`)} from ${originOf(before)} where it is not allowed, kept its content${times(count)}`,
      before.position
    )
  })
}

/**
 * Where an audited element comes from, as its message says: markdown's elements carry their
 * place in the file (a plugin may still have changed them), a plugin's new ones carry none.
 */
function originOf(before: Expected): string {
  if (before.fromRaw) return 'raw HTML'
  return before.position ? 'HTML made from markdown' : 'HTML a plugin made'
}

/** A markdown link's or image's URL is reported as `link-unsafe` where it is collected. */
function reportedAsLink(before: Expected, key: string): boolean {
  return (
    !before.fromRaw &&
    before.position !== undefined &&
    ((before.tagName === 'a' && key === 'href') || (before.tagName === 'img' && key === 'src'))
  )
}

const urlProperties = ['href', 'src', 'cite', 'longDesc'] as const

/**
 * Plugins may write attribute names (`class`, `tabindex`) where hast has property names
 * (`className`, `tabIndex`): the sanitizer's schema speaks the latter, so they are renamed, and
 * space-separated values made lists, as hast-util-from-html would give them.
 */
function canonicalProperties(element: Element): void {
  const {properties} = element
  for (const key of Object.keys(properties)) {
    const info = find(htmlSpace, key)
    if (info.property === key) continue
    const value = properties[key]
    delete properties[key]
    properties[info.property] =
      typeof value === 'string' && (info.spaceSeparated || info.commaSeparated)
        ? value
            .split(info.commaSeparated ? ',' : /\s+/)
            .map((item) => item.trim())
            .filter(Boolean)
        : typeof value === 'string' && info.number && value.trim() !== '' && !Number.isNaN(Number(value))
          ? Number(value)
          : value
  }
}

/**
 * A URL that mdpost's scheme check allows is written so that hast-util-sanitize keeps it too:
 * its scheme lowercased (`HTTPS:` → `https:`), or, for a relative URL whose first segment has a
 * colon (`foo):`, not a scheme), `./` before it, as RFC 3986 § 4.2 prescribes.
 */
function normalizeUrls(element: Element, protocols: Record<string, readonly string[] | undefined>): void {
  const {properties} = element
  for (const key of urlProperties) {
    const value = properties[key]
    const allowed = protocols[key]
    if (typeof value !== 'string' || !value.includes(':') || !allowed || allowed.length === 0) continue
    const scheme = schemeOf(value)
    if (scheme === null) {
      const trimmed = normalizeUrl(value)
      if (sanitizerSeesScheme(trimmed)) properties[key] = `./${trimmed}`
    } else if (allowed.includes(scheme)) {
      const trimmed = normalizeUrl(value)
      if (!trimmed.startsWith(`${scheme}:`)) properties[key] = scheme + trimmed.slice(scheme.length)
    }
  }
}

/** hast-util-sanitize's view: a colon before any `/`, `?` or `#` starts a scheme. */
function sanitizerSeesScheme(url: string): boolean {
  const colon = url.indexOf(':')
  return colon !== -1 && !/[/?#]/.test(url.slice(0, colon))
}

/** Whether the element's content stays (not when it goes with it), and the attributes reported as removed. */
function guardElement(
  element: Element,
  report: Reporter,
  schema: Schema,
  tagNames: ReadonlySet<string>
): {keeps: boolean; dropped: Set<string>} {
  const dropped = new Set<string>()
  const {tagName, properties} = element
  const place = element.position
  if (!tagNames.has(tagName)) {
    const severity = executableTags.has(tagName) ? 'warning' : 'info'
    const goes = (schema.strip ?? []).includes(tagName)
    report.grouped(
      `tag:${tagName}`,
      'html-stripped',
      severity,
      (count) => `Removed ${quote(`<${tagName}>`)} from raw HTML${goes ? ' with its content' : ', kept its content'}${times(count)}`,
      place
    )
    if (goes) return {keeps: false, dropped}
  }
  const allowed = new Set<string>()
  for (const entry of [...(schema.attributes?.[tagName] ?? []), ...(schema.attributes?.['*'] ?? [])]) {
    allowed.add(typeof entry === 'string' ? entry : (entry[0] as string))
  }
  for (const key of Object.keys(properties)) {
    const attribute = find(htmlSpace, key).attribute
    if (!allowed.has(key)) {
      dropped.add(key)
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
    const protocols = (schema.protocols as Record<string, string[] | undefined> | undefined)?.[key]
    const value = properties[key]
    if (protocols && protocols.length > 0 && typeof value === 'string') {
      const scheme = schemeOf(value)
      if (scheme === null || protocols.includes(scheme)) continue
      dropped.add(key)
      // Links and images are reported as `link-unsafe` where they are collected.
      if (!(tagName === 'a' && key === 'href') && !(tagName === 'img' && key === 'src')) {
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
  return {keeps: true, dropped}
}

function times(count: number): string {
  return count === 1 ? '' : ` (${count} times)`
}

/**
 * Serialize the final tree once, a top-level node at a time, and give each section its own
 * HTML from those pieces: the body's HTML is their concatenation, so nothing is serialized twice.
 */
export function serializeWithSections(tree: Root, flatSections: readonly FlatSection[], stringify: Stringify): string {
  const pieces = tree.children.map((child) => replaceControls(stringify(child)))
  const parts = new Map<Section, number[]>()
  let next = 0
  let owner: Section | null = null
  const first = flatSections[0]
  if (first && first.headingStart === -1) {
    owner = first.section
    next = 1
  }
  tree.children.forEach((child, index) => {
    const offset = child.position?.start?.offset
    let isHeading = false
    if (offset === undefined) {
      const entry = flatSections[next]
      if (entry?.generated && child.type === 'element' && child.properties.id === entry.section.id) {
        // A heading a plugin added: it opens its section as a written one does.
        owner = entry.section
        isHeading = true
        next++
      } else if (child.type === 'element' && child.properties.dataFootnotes !== undefined) {
        // The footnotes block belongs to no section.
        return
      }
    } else {
      while (next < flatSections.length && (flatSections[next] as FlatSection).headingStart <= offset) {
        const entry = flatSections[next] as FlatSection
        owner = entry.section
        isHeading = entry.headingStart === offset && !entry.generated
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
export function excerptHtml(tree: Root, plan: NonNullable<ExcerptPlan>, stringify: Stringify): string {
  const nodes: RootContent[] = []
  for (const child of tree.children) {
    const offset = child.position?.start?.offset
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
  return replaceControls(stringify({type: 'root', children: withoutFootnoteReferences(trimWhitespace(nodes)) as RootContent[]}))
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
