/**
 * Raw HTML in markdown: its ranges (elements re-parsed from them come from raw HTML), unclosed
 * comments, `<a>` and `<img>` as links and images at their place in the file, and raw-text
 * elements (`<script>`, `<textarea>`, `<title>`…) whose content is not markup. One that is not
 * closed in its top-level block would swallow the rest of the post once re-parsed: its `<` is
 * escaped (as GFM's tag filter does) and what was kept aside is counted after all.
 */
import type {Html} from 'mdast'
import {LineIndex, quote} from '../diagnostics.js'
import {commentEnd, rawTextTags, type ScannedTag, scanHtmlTags, tableParts} from '../html-scan.js'
import {lastAtOrBefore} from '../search.js'
import type {Image, Link, Position} from '../types.js'
import {classifyUrl} from '../urls.js'
import {addImage, addLink, addReference, makeImage, makeLink} from './links.js'
import {type CollectState, type KeptAside, positionOf, type RawTextEscape, sectionId} from './state.js'

export function visitRawHtml(state: CollectState, node: Html): void {
  const position = positionOf(node)
  // Raw HTML a plugin added has no place in the file to report or link to.
  if (!position) return
  state.rawRanges.push([position.start.offset, position.end.offset])
  const {html} = state.options
  if (html === 'escape' || html === 'drop') return
  const toSource = sourceOffsets(state.source, node.value, position)
  reportUnclosedComment(state, node.value, toSource)
  readTags(state, node, position, toSource, 0)
}

/** The tags of a raw HTML node: a raw-text element opened here hides what follows until it closes. */
function readTags(state: CollectState, node: Html, position: Position, toSource: (index: number) => number, from: number): void {
  if (state.rawText) state.rawText.kept.push({kind: 'html', node, from})
  for (const tag of scanHtmlTags(node.value)) {
    if (tag.start < from) continue
    const open = state.rawText
    if (open) {
      // `plaintext` has no end tag: nothing closes it.
      if (tag.closing && tag.name === open.name && open.name !== 'plaintext') state.rawText = null
      continue
    }
    if (rawTextTags.has(tag.name)) {
      if (!tag.closing) {
        state.rawText = {name: tag.name, offset: toSource(tag.start), rawStart: position.start.offset, index: tag.start, kept: []}
        state.rawText.kept.push({kind: 'html', node, from: tag.end})
      }
      continue
    }
    readTag(state, tag, toSource)
  }
}

/** A tag that is not a raw-text element's: a table part counted, a link or an image collected. */
function readTag(state: CollectState, tag: ScannedTag, toSource: (index: number) => number): void {
  if (tableParts.has(tag.name)) {
    if (!tag.closing) {
      const seen = state.rawTableParts.get(tag.name)
      if (seen) seen.count++
      else state.rawTableParts.set(tag.name, {count: 1, offset: toSource(tag.start)})
    }
    return
  }
  if (tag.closing) {
    if (tag.name === 'a' && !tag.closesInValue) state.openRawLinks.pop()
    return
  }
  const {point} = state.options
  const place: Position = {start: point(toSource(tag.start)), end: point(toSource(tag.end))}
  const {attributes} = tag
  if (tag.name === 'a' && attributes.href !== undefined) {
    const link = makeLink(state, attributes.href, tag.text ?? '', attributes.title ?? null, 'html', place, sectionId(state))
    addLink(state, link)
    if (tag.text === null) state.openRawLinks.push(link)
  } else if (tag.name === 'img' && attributes.src !== undefined) {
    addImage(state, makeImage(state, attributes.src, attributes.alt ?? '', attributes.title ?? null, 'html', place, sectionId(state)))
  }
}

/**
 * At the end of a top-level block: a raw-text element still open there is escaped, not
 * followed, and what it hid is read again, where the tags after it are markup: one more may
 * open (`a <title> b <style> c`), and hides up to its end tag, or is escaped in turn when the
 * block has none. Each end tag's place is known beforehand, so that this stays one pass.
 */
export function endRawTextBlock(state: CollectState): void {
  const open = state.rawText
  if (!open) return
  state.rawText = null
  escapeUnclosed(state, open)
  const steps = keptSteps(state, open.kept)
  // Where each raw-text start tag's end tag is, found from the end: -1 when the block has none.
  const ends = new Int32Array(steps.length).fill(-1)
  const next = new Map<string, number>()
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index] as Step
    if (step.kind !== 'tag' || !rawTextTags.has(step.tag.name)) continue
    if (step.tag.closing) next.set(step.tag.name, index)
    else if (step.tag.name !== 'plaintext') ends[index] = next.get(step.tag.name) ?? -1
  }
  let hiddenUntil = -1
  steps.forEach((step, index) => {
    if (index <= hiddenUntil) return
    if (step.kind === 'link') addLink(state, step.link)
    else if (step.kind === 'image') addImage(state, step.image)
    else if (step.kind === 'reference') addReference(state, step.reference)
    else if (!rawTextTags.has(step.tag.name)) readTag(state, step.tag, step.toSource)
    else if (!step.tag.closing) {
      hiddenUntil = ends[index] as number
      if (hiddenUntil === -1) {
        escapeUnclosed(state, {name: step.tag.name, offset: step.toSource(step.tag.start), rawStart: step.rawStart, index: step.tag.start})
      }
    }
  })
}

type Step = Exclude<KeptAside, {kind: 'html'}> | {kind: 'tag'; tag: ScannedTag; rawStart: number; toSource: (index: number) => number}

/** What was kept aside, with each raw HTML as its tags. */
function keptSteps(state: CollectState, kept: readonly KeptAside[]): Step[] {
  const steps: Step[] = []
  for (const item of kept) {
    if (item.kind !== 'html') {
      steps.push(item)
      continue
    }
    const position = positionOf(item.node) as Position
    const toSource = sourceOffsets(state.source, item.node.value, position)
    for (const tag of scanHtmlTags(item.node.value)) {
      if (tag.start >= item.from) steps.push({kind: 'tag', tag, rawStart: position.start.offset, toSource})
    }
  }
  return steps
}

function escapeUnclosed(state: CollectState, open: RawTextEscape): void {
  state.rawTextEscapes.push({offset: open.offset, rawStart: open.rawStart, index: open.index, name: open.name})
  state.report.report(
    'html-raw-text-unclosed',
    'warning',
    `Unexpected ${quote(`<${open.name}>`)} that is not closed in its block, expected \`</${open.name}>\`: it is shown as text, so that it does not hide the rest of the post`,
    {start: open.offset, end: open.offset + open.name.length + 1}
  )
}

function reportUnclosedComment(state: CollectState, value: string, toSource: (index: number) => number): void {
  let index = 0
  for (;;) {
    const open = value.indexOf('<!--', index)
    if (open === -1) return
    const end = commentEnd(value, open)
    if (end !== -1) {
      index = end
      continue
    }
    // An unclosed comment swallows the rest of its HTML block, to the end of the post at worst.
    const lines = value
      .slice(open)
      .trimEnd()
      .split(/\r\n|\r|\n/).length
    const at = toSource(open)
    state.report.report(
      'html-comment-unclosed',
      'warning',
      `Unexpected HTML comment that never closes, expected \`-->\`: it hides ${lines} line${lines === 1 ? '' : 's'} from here`,
      {start: at, end: at + 4}
    )
    return
  }
}

/**
 * Offsets in a raw HTML node's value → offsets in the file. Inside a blockquote or a list the
 * value lacks each line's container prefix (`> `, indent): every line of the value is the end
 * of its line in the file.
 */
function sourceOffsets(source: string, value: string, position: Position): (index: number) => number {
  const base = position.start.offset
  if (source.startsWith(value, base)) return (index) => base + index
  const valueStarts: number[] = []
  const sourceStarts: number[] = []
  const lineEnd = /\r\n|\r|\n/g
  let valueAt = 0
  let sourceAt = base
  for (;;) {
    lineEnd.lastIndex = valueAt
    const valueBreak = lineEnd.exec(value)
    const valueLineEnd = valueBreak ? valueBreak.index : value.length
    lineEnd.lastIndex = sourceAt
    const sourceBreak = lineEnd.exec(source)
    const sourceLineEnd = sourceBreak ? sourceBreak.index : source.length
    const length = valueLineEnd - valueAt
    const line = value.slice(valueAt, valueLineEnd)
    const fromEnd = sourceLineEnd - length
    valueStarts.push(valueAt)
    sourceStarts.push(fromEnd >= sourceAt && source.startsWith(line, fromEnd) ? fromEnd : sourceAt)
    if (!valueBreak || !sourceBreak) break
    valueAt = valueLineEnd + valueBreak[0].length
    sourceAt = sourceLineEnd + sourceBreak[0].length
  }
  return (index) => {
    const line = lastAtOrBefore(valueStarts, index)
    return Math.min(source.length, (sourceStarts[line] as number) + index - (valueStarts[line] as number))
  }
}

/**
 * The links and images of a page written in HTML (a Jekyll `.html` page or collection document
 * with front matter): its `<a href>` and `<img src>` from `start` (after the front matter) at
 * their place in the file, outside comments and raw-text elements (`<script>`…), and outside
 * Liquid that writes no markup of them (`{% comment %}`, `{% highlight %}`: code). `html` is the
 * body with those parts blanked, for its ids.
 */
export function htmlPageLinks(text: string, start: number): {links: Link[]; images: Image[]; html: string} {
  const body = maskLiquid(text.slice(start))
  const lines = new LineIndex(text)
  const place = (from: number, to: number): Position => ({start: lines.point(start + from), end: lines.point(start + to)})
  const links: Link[] = []
  const images: Image[] = []
  let open: string | null = null
  for (const tag of scanHtmlTags(body)) {
    if (open !== null) {
      if (tag.closing && tag.name === open && open !== 'plaintext') open = null
      continue
    }
    if (rawTextTags.has(tag.name)) {
      if (!tag.closing) open = tag.name
      continue
    }
    if (tag.closing) continue
    const {attributes} = tag
    const at = place(tag.start, tag.end)
    if (tag.name === 'a' && attributes.href !== undefined) {
      const url = attributes.href
      const kind = url.trim().startsWith('#') ? 'fragment' : classifyUrl(url, null)
      links.push({
        url,
        text: tag.text ?? '',
        title: attributes.title ?? null,
        kind,
        source: 'html',
        resolved: null,
        section: null,
        position: at
      })
    } else if (tag.name === 'img' && attributes.src !== undefined) {
      images.push({
        src: attributes.src,
        alt: attributes.alt ?? '',
        title: attributes.title ?? null,
        source: 'html',
        resolved: null,
        section: null,
        position: at
      })
    }
  }
  return {links, images, html: body}
}

/** Liquid blocks whose content is no markup of the page (a comment; code, escaped), blanked to the same length. */
function maskLiquid(body: string): string {
  if (!body.includes('{%')) return body
  return body.replace(/\{%-?\s*(comment|highlight)\b[\s\S]*?\{%-?\s*end\1\s*-?%\}/g, (block) => block.replace(/[^\r\n]/g, ' '))
}
