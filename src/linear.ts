/**
 * Linear-time replacements for three super-linear paths of the unified stack, shipped inside
 * mdpost's processor (and exported for your own pipeline). Each keeps the original's tokens and
 * trees exactly; the CommonMark suite and the golden fixtures check that.
 *
 * 1. micromark's setext heading resolver rebuilds the whole event list for every heading (its
 *    `EditMap.consume` copies everything before the first edit too): O(headings × events).
 *    Here the same edits are applied to the tail only, from the heading's content on.
 * 2. micromark keeps link definitions in an array and calls `.includes()` for every reference:
 *    O(references × definitions). Here the array also keeps a Set, so the lookup is O(1).
 * 3. mdast-util-to-hast's `listItem` handler works out whether the whole list is loose for every
 *    item: O(items²) on a tight list. Here it is worked out once per list.
 * 4. micromark's text resolver merges each run of adjacent `data` tokens with a `splice` of the
 *    paragraph's whole event list: O(runs × events). Text is cut into such runs wherever a
 *    construct was tried and failed (`a & b`, `x!`, `a < b`; GFM's email literal at every
 *    word), on every line of a long paragraph. Here each line ending merges the runs of its
 *    line as it is tokenized, so the text resolver finds only the last line's.
 */

import type {List, ListItem, Parents} from 'mdast'
import type {Handler, State} from 'mdast-util-to-hast'
import {defaultHandlers} from 'mdast-util-to-hast'
import {definition, lineEnding, setextUnderline} from 'micromark-core-commonmark'
import type {Construct, Event, Extension, Resolver, Token, TokenizeContext} from 'micromark-util-types'
import type {Processor} from 'unified'

type Edit = [at: number, remove: number, add: Event[]]

/** The setext resolver of micromark-core-commonmark, with the edits applied to the tail only. */
const resolveToSetextUnderline: Resolver = (events, context) => {
  const edits = new Map<number, Edit>()
  const edit = (at: number, remove: number, add: Event[]) => {
    const existing = edits.get(at)
    if (existing) {
      existing[1] += remove
      existing[2].push(...add)
    } else edits.set(at, [at, remove, add])
  }
  let index = events.length
  let content: number | undefined
  let text: number | undefined
  let definitionAt: number | undefined

  // Find the opening of the paragraph before the underline.
  while (index--) {
    const [kind, token] = events[index] as Event
    if (kind === 'enter') {
      if (token.type === 'content') {
        content = index
        break
      }
      if (token.type === 'paragraph') text = index
    } else {
      // Move everything from the content out of the heading (it becomes one token).
      if (token.type === 'content') edit(index, 1, [])
      if (definitionAt === undefined && token.type === 'definition') definitionAt = index
    }
  }
  if (content === undefined || text === undefined) return events
  const contentToken = (events[content] as Event)[1]
  const heading = {
    type: 'setextHeading' as const,
    start: {...contentToken.start},
    end: {...(events[events.length - 1] as Event)[1].end}
  }
  ;(events[text] as Event)[1].type = 'setextHeadingText'
  // Definitions before the heading's text stay in the content, which now ends after them.
  if (definitionAt) {
    edit(text, 0, [['enter', heading, context]])
    edit(definitionAt + 1, 0, [['exit', contentToken, context]])
    contentToken.end = {...(events[definitionAt] as Event)[1].end}
  } else {
    ;(events[content] as Event)[1] = heading
  }
  edit(events.length, 0, [['exit', heading, context]])
  applyToTail(events, [...edits.values()])
  return events
}

/** What `EditMap.consume` does, without touching the events before the first edit. */
function applyToTail(events: Event[], edits: Edit[]): void {
  if (edits.length === 0) return
  edits.sort((a, b) => a[0] - b[0])
  const from = (edits[0] as Edit)[0]
  const tail = events.slice(from)
  const end = from + tail.length
  events.length = from
  let cursor = from
  for (const [at, remove, add] of edits) {
    for (let index = cursor; index < at; index++) events.push(tail[index - from] as Event)
    for (const event of add) events.push(event)
    cursor = Math.max(cursor, at + remove)
  }
  for (let index = cursor; index < end; index++) events.push(tail[index - from] as Event)
}

const linearSetextUnderline: Construct = {
  name: 'mdpostSetextUnderline',
  tokenize: setextUnderline.tokenize,
  resolveTo: resolveToSetextUnderline
}

/** `parser.defined` with a Set beside it: micromark only calls `push` and `includes` on it. */
class DefinedIdentifiers extends Array<string> {
  static override get [Symbol.species]() {
    return Array
  }
  readonly known = new Set<string>()
  override push(...items: string[]): number {
    for (const item of items) this.known.add(item)
    return super.push(...items)
  }
  override includes(item: string): boolean {
    return this.known.has(item)
  }
}

const indexedDefinition: Construct = {
  name: 'mdpostDefinition',
  tokenize(this: TokenizeContext, effects, ok, nok) {
    const parser = this.parser
    if (!(parser.defined instanceof DefinedIdentifiers)) {
      const indexed = new DefinedIdentifiers()
      indexed.push(...parser.defined)
      parser.defined = indexed
    }
    return definition.tokenize.call(this, effects, ok, nok)
  }
}

/** Where each text tokenizer's events are merged up to (the end of its last line ending). */
const mergedUpTo = new WeakMap<TokenizeContext, number>()

/**
 * What micromark's text resolver does first (merge each run of adjacent `data` events into its
 * first token, which ends where the run ends), for the events from `from` on, in place: each
 * line's runs as its line ending is tokenized, so that every event is looked at once. A token
 * that GFM's autolink literal marked as walked into passes the mark to the token it merges
 * into (the mark says no unbalanced bracket comes before it, true of an earlier token too).
 */
export function mergeData(events: Event[], from = 0): Event[] {
  let write = from
  let index = from
  while (index < events.length) {
    const event = events[index] as Event
    if (event[1].type !== 'data') {
      events[write++] = event
      index++
      continue
    }
    let end = index + 1
    while (end < events.length && (events[end] as Event)[1].type === 'data') end++
    if (end - index > 2) {
      const token = event[1] as Token & {_gfmAutolinkLiteralWalkedInto?: boolean}
      token.end = (events[end - 1] as Event)[1].end
      for (let at = index + 2; at < end; at++) {
        if ((events[at] as Event)[1] !== token && ((events[at] as Event)[1] as typeof token)._gfmAutolinkLiteralWalkedInto) {
          token._gfmAutolinkLiteralWalkedInto = true
        }
      }
    }
    events[write++] = event
    if (end - index > 1) events[write++] = events[index + 1] as Event
    index = end
  }
  events.length = write
  return events
}

/**
 * micromark's line ending in text, which merges the runs of text before it (`resolveTo` runs
 * as the construct matches, at the end of the event list). Put before the original (an
 * extension's constructs come first), it matches wherever the original would (a line ending,
 * always); it keeps the original's name, so that disabling the original disables it too.
 */
const mergingLineEnding: Construct = {
  ...lineEnding,
  resolveTo(events, context) {
    mergeData(events, Math.min(mergedUpTo.get(context) ?? 0, events.length))
    mergedUpTo.set(context, events.length)
    return events
  }
}

/** The micromark extension: mdpost's constructs in, the originals (by name) out. */
export const linearSyntax: Extension = {
  flow: {45: linearSetextUnderline, 61: linearSetextUnderline},
  contentInitial: {91: indexedDefinition},
  text: {[-5]: mergingLineEnding, [-4]: mergingLineEnding, [-3]: mergingLineEnding},
  disable: {null: ['setextUnderline', 'definition']}
}

/** remark plugin: the linear setext resolver and definition lookup, for your own pipeline. */
export function remarkLinear(this: Processor): undefined {
  const data = this.data()
  if (!data.micromarkExtensions) data.micromarkExtensions = []
  data.micromarkExtensions.push(linearSyntax)
}

/** `listItem` that asks whether the list is loose once per list, not once per item. */
const looseness = new WeakMap<Parents, List>()

const listItem: Handler = (state: State, node: ListItem, parent: Parents | undefined) => {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent)
  let summary = looseness.get(parent)
  if (!summary) {
    // The default handler only reads `spread` from a list without children.
    summary = {type: 'list', spread: listLoose(parent), children: []}
    looseness.set(parent, summary)
  }
  return defaultHandlers.listItem(state, node, summary)
}

function listLoose(list: List): boolean {
  if (list.spread) return true
  for (const item of list.children) {
    if (item.spread === null || item.spread === undefined ? item.children.length > 1 : item.spread) return true
  }
  return false
}

/** Handlers for remark-rehype (`handlers` option) with the linear `listItem`. */
export const linearHandlers = {listItem}
