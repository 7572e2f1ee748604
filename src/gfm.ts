/**
 * GFM with only the parts a document can use. Every GFM construct needs some character in the
 * source to match, yet micromark tries it wherever it could start: a table at every line, an
 * email autolink at every letter: on the corpus, GFM is a third of parsing. A part
 * whose trigger is absent from the document is left out; what it could not have matched, it
 * cannot change, so the tree is the one remark-gfm gives (test/gfm.test.ts checks it on every
 * corpus post and on generated documents).
 */

import type {Nodes, Root} from 'mdast'
import type {Extension as FromMarkdownExtension} from 'mdast-util-from-markdown'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import type {Construct, Extension} from 'micromark-util-types'
import type {Processor} from 'unified'
import {taskListItemFromMarkdown} from './gfm-task-check.js'

/** The GFM parts, as bits of the number `gfmParts` returns. */
export const GfmPart = {
  /** `www.`, `http(s)://` and email literals: both in micromark and in the mdast transform. */
  autolink: 1,
  /** Email literals in micromark (only with `autolink`). */
  email: 2,
  footnote: 4,
  strikethrough: 8,
  table: 16,
  taskListItem: 32
} as const

export const allGfmParts = 63

/**
 * Which GFM parts `text` can use:
 * - autolink literals: micromark needs `@`, `www.` or `http(s)://` as written; the mdast
 *   transform reads decoded text, where `\.` and `&#64;` become `.` and `@`, so any `@`, `&`,
 *   `www` or `http` (any case) keeps them;
 * - email literals in micromark: a literal `@`;
 * - footnotes: `[^`; strikethrough: `~`;
 * - tables: a delimiter row has a `|`, or a colon against a dash (`:-`, `-:`);
 * - task list items: `[`, one space, tab, line ending, `x` or `X`, then `]`.
 */
export function gfmParts(text: string): number {
  let parts = 0
  const at = text.includes('@')
  if (at || text.includes('&') || /www|http/i.test(text)) parts |= GfmPart.autolink
  if (at) parts |= GfmPart.email
  if (text.includes('[^')) parts |= GfmPart.footnote
  if (text.includes('~')) parts |= GfmPart.strikethrough
  if (text.includes('|') || text.includes(':-') || text.includes('-:')) parts |= GfmPart.table
  if (/\[[\sxX]\]|\[\r\n\]/.test(text)) parts |= GfmPart.taskListItem
  return parts
}

/**
 * Where, in the document being parsed, a literal autolink could start: an email at the start of
 * a run of its characters (letters, digits, `+ - . _`) that ends at `@`; `www.` (any case) and
 * `http:`/`https:` (any case). Each construct needs that much ahead of it to match, so
 * elsewhere it cannot match.
 */
interface LiteralStarts {
  email: Set<number>
  www: Set<number>
  protocol: Set<number>
}

function literalStarts(text: string): LiteralStarts {
  const starts: LiteralStarts = {email: new Set(), www: new Set(), protocol: new Set()}
  // Maximal runs (one match each, so linear), followed by `@`.
  for (const match of text.matchAll(/[A-Za-z0-9+\-._]+/g)) {
    if (text.charCodeAt(match.index + match[0].length) === 64) starts.email.add(match.index)
  }
  for (const match of text.matchAll(/www\./gi)) starts.www.add(match.index)
  for (const match of text.matchAll(/https?:/gi)) starts.protocol.add(match.index)
  return starts
}

/** The starts of the document being parsed (a parse is synchronous: one at a time). */
let current: LiteralStarts | null = null

/**
 * A literal-autolink construct that micromark's text tokenizer considers only where it could
 * match. micromark ends a run of text wherever a construct registered for the character may
 * start (`previous` says so): GFM's email literal is registered for every letter and digit, so
 * text was cut at every word, and micromark merges the pieces of each line back with a
 * `splice` of the paragraph's event list: lines × words, quadratic on a long paragraph. With
 * the starts known, text is cut only where a literal could be; where the construct is tried it
 * is the same construct, so the tree is the same (test/gfm.test.ts compares with remark-gfm).
 */
function onlyAtStarts(construct: Construct, kind: keyof LiteralStarts): Construct {
  const previous = construct.previous
  return {
    ...construct,
    previous(code) {
      if (previous && !previous.call(this, code)) return false
      return current === null || current[kind].has(this.now().offset)
    }
  }
}

const kinds: Record<string, keyof LiteralStarts> = {emailAutolink: 'email', wwwAutolink: 'www', protocolAutolink: 'protocol'}

/** gfmAutolinkLiteral whose constructs are tried only at their starts; with `email: false`, without the email construct. */
function autolinkLiteral(email: boolean): Extension {
  const text: Record<number, Construct | Construct[]> = {}
  for (const [code, value] of Object.entries(gfmAutolinkLiteral().text ?? {})) {
    const kept = [value]
      .flat()
      .filter((construct): construct is Construct => construct !== undefined && (email || construct.name !== 'emailAutolink'))
      .map((construct) =>
        construct.name && kinds[construct.name] ? onlyAtStarts(construct, kinds[construct.name] as keyof LiteralStarts) : construct
      )
    if (kept.length > 0) text[Number(code)] = kept
  }
  return {text}
}

const autolinkWithEmail = autolinkLiteral(true)
const autolinkWithoutEmail = autolinkLiteral(false)

/**
 * gfmAutolinkLiteralFromMarkdown whose transform (four find-and-replace walks over the tree)
 * runs only when a text node could hold a literal: each of its patterns needs `@`, `www.` or
 * `http(s)://` within one text node.
 */
const autolinkFromMarkdown: FromMarkdownExtension = (() => {
  const extension = gfmAutolinkLiteralFromMarkdown()
  const [transform] = extension.transforms ?? []
  if (!transform) return extension
  return {...extension, transforms: [(tree) => (holdsLiteralCandidate(tree) ? transform(tree) : undefined)]}
})()

const literalCandidate = /@|www\.|https?:\/\//i

function holdsLiteralCandidate(tree: Root): boolean {
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Nodes
    if (node.type === 'text' && literalCandidate.test(node.value)) return true
    if ('children' in node) for (const child of node.children) stack.push(child)
  }
  return false
}

/** The parts other than autolinks, in remark-gfm's order: their bit, micromark and mdast extensions. */
const otherParts: Array<[number, () => Extension, () => FromMarkdownExtension]> = [
  [GfmPart.footnote, gfmFootnote, gfmFootnoteFromMarkdown],
  [GfmPart.strikethrough, gfmStrikethrough, gfmStrikethroughFromMarkdown],
  [GfmPart.table, gfmTable, gfmTableFromMarkdown],
  [GfmPart.taskListItem, gfmTaskListItem, taskListItemFromMarkdown]
]

/**
 * unified plugin: remark-gfm's parsing with only the given parts (`gfmParts(text)` for a
 * document), in remark-gfm's order; `remarkGfmParts(allGfmParts)` parses as remark-gfm does.
 * (remark-gfm's serializing extensions are left out: mdpost never writes markdown.)
 */
export function remarkGfmParts(this: Processor, parts: number): undefined {
  const data = this.data()
  const syntax: Extension[] = []
  const mdast: FromMarkdownExtension[] = []
  if (parts & GfmPart.autolink) {
    syntax.push(parts & GfmPart.email ? autolinkWithEmail : autolinkWithoutEmail)
    mdast.push(autolinkFromMarkdown)
    // The parser knows the document's literal starts while it parses (remark-parse comes first).
    const parse = this.parser
    if (parse) {
      this.parser = (document, file) => {
        const outer = current
        current = literalStarts(document)
        try {
          return parse(document, file)
        } finally {
          current = outer
        }
      }
    }
  }
  for (const [part, micromark, fromMarkdown] of otherParts) {
    if (parts & part) {
      syntax.push(micromark())
      mdast.push(fromMarkdown())
    }
  }
  if (!data.micromarkExtensions) data.micromarkExtensions = []
  if (!data.fromMarkdownExtensions) data.fromMarkdownExtensions = []
  data.micromarkExtensions.push(...syntax)
  data.fromMarkdownExtensions.push(mdast)
}
