/**
 * The section tree: each top-level heading opens a section and closes those of its depth or
 * deeper; content before the first heading is the preamble. A section's own text is counted
 * when it closes.
 */
import type {Heading as MdastHeading, RootContent} from 'mdast'
import {quote} from '../diagnostics.js'
import {addCount, countText} from '../stats.js'
import type {Position, Section} from '../types.js'
import {addHeading} from './headings.js'
import {plainText} from './plain-text.js'
import {type CollectState, type OpenSection, positionOf} from './state.js'

export function openSection(state: CollectState, node: MdastHeading): void {
  const heading = addHeading(state, node)
  if (node.depth === 1 && state.firstH1 === null) state.firstH1 = heading.text
  addCount(state.count, countText(heading.text))
  // A heading a plugin added without a position starts where the last positioned node ended.
  const position: Position = heading.position ?? {start: state.options.point(state.lastOffset), end: state.options.point(state.lastOffset)}
  closeSections(state, node.depth, position.start.offset)
  const section: Section = {
    id: heading.id,
    title: heading.text,
    depth: node.depth,
    position: {start: position.start, end: position.end},
    text: '',
    words: 0,
    children: []
  }
  const parent = state.stack[state.stack.length - 1]
  if (parent) parent.section.children.push(section)
  else state.roots.push(section)
  const open: OpenSection = {section, ownText: [], hasContent: false, heading: true, headingPosition: heading.position ?? position}
  state.stack.push(open)
  state.flatSections.push({section, headingStart: position.start.offset, generated: heading.position === null})
  state.current = open
}

/** A top-level node that a reader sees, in the current section (or a new preamble). */
export function addContent(state: CollectState, node: RootContent): void {
  const position = positionOf(node)
  let current = state.current
  if (!current) {
    const at = position ?? {start: state.options.point(state.lastOffset), end: state.options.point(state.lastOffset)}
    const section: Section = {
      id: null,
      title: null,
      depth: 0,
      position: {start: at.start, end: at.end},
      text: '',
      words: 0,
      children: []
    }
    state.roots.push(section)
    current = {section, ownText: [], hasContent: false, heading: false, headingPosition: null}
    state.current = current
    state.stack.push(current)
    state.flatSections.push({section, headingStart: -1, generated: false})
  }
  current.hasContent = true
  const text = plainText(node)
  if (text) current.ownText.push(text)
  if (position && position.end.offset > current.section.position.end.offset) current.section.position.end = position.end
}

/** Close open sections of `depth` or deeper (the preamble closes at any heading), ending at `end`. */
export function closeSections(state: CollectState, depth: number, end: number): void {
  const {stack} = state
  for (;;) {
    const top = stack[stack.length - 1]
    if (!top || (top.section.depth < depth && top.heading)) return
    finishSection(state, stack.pop() as OpenSection, end)
  }
}

function finishSection(state: CollectState, open: OpenSection, end: number): void {
  const {section} = open
  section.text = open.ownText.join('\n\n')
  const counted = countText(section.text)
  section.words = counted.words + counted.cjk
  addCount(state.count, counted)
  if (end > section.position.end.offset) section.position.end = state.options.point(end)
  if (open.heading && !open.hasContent && section.children.length === 0) {
    state.report.report(
      'section-empty',
      'warning',
      `Unexpected empty section ${quote(section.title ?? '')}, expected content under the heading`,
      open.headingPosition
    )
  }
  const parent = state.stack[state.stack.length - 1]
  if (parent && section.position.end.offset > parent.section.position.end.offset) {
    parent.section.position.end = section.position.end
  }
}
