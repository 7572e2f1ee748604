/**
 * Links and images, from markdown (inline, reference, autolink, GFM literal) and from raw HTML,
 * with their section, resolved URL and URL problems. References are resolved once every
 * definition is known; while a raw-text element is open, what is found is kept aside (state.ts).
 */
import type {Definition, Image as MdastImage, Link as MdastLink, Parents} from 'mdast'
import {quote} from '../diagnostics.js'
import type {Image, Link, Position} from '../types.js'
import {classifyUrl, isDangerousScheme, markdownScheme, resolveUrl, schemeOf} from '../urls.js'
import {plainText} from './plain-text.js'
import {type CollectState, type PendingReference, positionOf, type ReferenceNode, sectionId} from './state.js'
import {findWritten} from './written.js'

export function visitLink(state: CollectState, node: MdastLink, parent: Parents | null): void {
  const own = positionOf(node)
  let position = own
  let source: Link['source']
  if (own) source = linkSource(state, own)
  else {
    // GFM literal autolinks come from a tree transform, without a position: find their text.
    position = literalPosition(state, node, parent)
    source = position ? 'literal' : 'generated'
  }
  addLink(state, makeLink(state, node.url, plainText(node), node.title ?? null, source, position, sectionId(state)))
}

export function visitImage(state: CollectState, node: MdastImage): void {
  const position = positionOf(node)
  const image = makeImage(
    state,
    node.url,
    node.alt ?? '',
    node.title ?? null,
    position ? 'inline' : 'generated',
    position,
    sectionId(state)
  )
  addImage(state, image)
}

export function visitReference(state: CollectState, node: ReferenceNode): void {
  const pending = {node, section: sectionId(state), text: node.type === 'linkReference' ? plainText(node) : (node.alt ?? '')}
  addReference(state, pending)
}

export function addReference(state: CollectState, reference: PendingReference): void {
  if (state.rawText) state.rawText.kept.push({kind: 'reference', reference})
  else state.references.push(reference)
}

export function visitDefinition(state: CollectState, node: Definition): void {
  const key = node.identifier.toLowerCase()
  if (!state.definitions.has(key)) state.definitions.set(key, node)
}

export function addLink(state: CollectState, link: Link): void {
  if (state.rawText) state.rawText.kept.push({kind: 'link', link})
  else state.links.push(link)
}

export function addImage(state: CollectState, image: Image): void {
  if (state.rawText) state.rawText.kept.push({kind: 'image', image})
  else state.images.push(image)
}

/** Links and images of references whose definition exists (a missing one stays literal text). */
export function resolveReferences(state: CollectState): void {
  for (const {node, section, text} of state.references) {
    const definition = state.definitions.get(node.identifier.toLowerCase())
    if (!definition) continue
    const position = positionOf(node)
    const title = definition.title ?? null
    if (node.type === 'linkReference') {
      state.links.push(makeLink(state, definition.url, text, title, position ? 'reference' : 'generated', position, section))
    } else {
      state.images.push(makeImage(state, definition.url, text, title, position ? 'reference' : 'generated', position, section))
    }
  }
}

export function makeLink(
  state: CollectState,
  url: string,
  text: string,
  title: string | null,
  source: Link['source'],
  position: Position | null,
  section: string | null
): Link {
  checkUrl(state, url, 'href', position, 'link', source !== 'html')
  const {site, permalink} = state.options
  const resolved = url.trim() === '' ? null : resolveUrl(url, site, permalink)
  return {url, text, title, kind: classifyUrl(url, site), source, resolved, section, position}
}

export function makeImage(
  state: CollectState,
  src: string,
  alt: string,
  title: string | null,
  source: Image['source'],
  position: Position | null,
  section: string | null
): Image {
  checkUrl(state, src, 'src', position, 'image', source !== 'html')
  if (alt.trim() === '') {
    state.report.report(
      'image-alt-missing',
      'warning',
      `Unexpected image ${quote(src)} without alt text, expected a description of it`,
      position
    )
  }
  const {site, permalink} = state.options
  return {src, alt, title, source, resolved: resolveUrl(src, site, permalink), section, position}
}

/** Link and image order: by position, those without one last, in the order they were found. */
export function byOffset(a: {position: Position | null}, b: {position: Position | null}): number {
  if (a.position === null || b.position === null) return (a.position === null ? 1 : 0) - (b.position === null ? 1 : 0)
  return a.position.start.offset - b.position.start.offset
}

/**
 * The scheme is read from the URL the HTML will hold: markdown URLs are percent-encoded by
 * remark-rehype (` javascript:x` becomes the relative `%20javascript:x`), raw HTML's are not.
 */
function checkUrl(
  state: CollectState,
  url: string,
  attribute: 'href' | 'src',
  position: Position | null,
  what: string,
  markdown: boolean
): void {
  if (url.trim() === '') {
    state.report.report('link-empty', 'warning', `Unexpected ${what} with an empty URL, expected a destination`, position)
    return
  }
  const scheme = markdown ? markdownScheme(url) : schemeOf(url)
  const allowed = state.options.protocols[attribute]
  // No list (`html: 'trust'`, or a schema without one): every scheme is kept.
  if (scheme === null || !allowed || allowed.length === 0 || allowed.includes(scheme)) return
  const dangerous = isDangerousScheme(scheme)
  state.report.report(
    'link-unsafe',
    dangerous ? 'warning' : 'info',
    `Unexpected ${dangerous ? 'unsafe' : 'unsupported'} \`${scheme}:\` URL in ${what} ${quote(url)}, removed from the HTML`,
    position
  )
}

function linkSource(state: CollectState, position: Position): Link['source'] {
  const first = state.source.charCodeAt(position.start.offset)
  if (first === 60 /* < */) return 'autolink'
  if (first !== 91 /* [ */) return 'literal'
  return 'inline'
}

/**
 * The position of a GFM literal autolink, which the transform leaves without one: its text as
 * written, inside the parent's span. Null when it is not there (a plugin's link).
 */
function literalPosition(state: CollectState, node: MdastLink, parent: Parents | null): Position | null {
  const only = node.children.length === 1 ? node.children[0] : undefined
  if (only?.type !== 'text') return null
  const span = parent ? positionOf(parent) : null
  if (!span) return null
  const written = only.value
  // The transform links `x@y.z` as `mailto:x@y.z` and `www.x.org` as `http://www.x.org`.
  if (node.url !== written && node.url !== `mailto:${written}` && node.url !== `http://${written}`) return null
  // After the parent's previous literal: the same text can be linked twice in one paragraph.
  const cursor = state.literalCursor
  const from = cursor?.parent === parent ? cursor.offset : span.start.offset
  // Written with character references or escapes (`a&#64;b.c`, `www\\.x.org`) too.
  const found = findWritten(state.source, from, span.end.offset, written)
  if (!found) return null
  state.literalCursor = {parent, offset: found[1]}
  const {point} = state.options
  return {start: point(found[0]), end: point(found[1])}
}
