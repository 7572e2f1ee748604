/** Text nodes: the text of raw `<a>` still open and references with no definition. */
import type {Parents, Text} from 'mdast'
import {quote} from '../diagnostics.js'
import {decodeEntities} from '../html-scan.js'
import type {Position} from '../types.js'
import {type CollectState, positionOf} from './state.js'

export function visitText(state: CollectState, node: Text, parent: Parents | null): void {
  const {value} = node
  for (const link of state.openRawLinks) link.text += value
  // A plugin's text (no position of its own) has no place in the file to say it stayed text.
  const own = positionOf(node)
  if (own && parent && parent.type !== 'link' && value.includes('][')) reportReferences(state, value, own)
}

/**
 * `[text][label]` and `[label][]` that stayed text: references with no definition. Brackets
 * written escaped (`\[`) or as character references (`&#91;`) are not brackets, and a label
 * must hold a non-blank character and at most 999, as CommonMark has it.
 */
const referenceShape = /\[([^[\]]+)\]\[([^[\]]*)\]/g

function reportReferences(state: CollectState, value: string, position: Position): void {
  const {offsets, brackets} = alignToSource(state.source, value, position)
  const endOf = (index: number) => (offsets[index] as number) + 1
  for (const match of brackets.matchAll(referenceShape)) {
    const [whole, text, written] = match as unknown as [string, string, string]
    const from = written === '' ? match.index + 1 : match.index + text.length + 3
    const length = written === '' ? text.length : written.length
    if (length > 999 || value.slice(from, from + length).trim() === '') continue
    // The label as written (`c\]d`), which is what its definition repeats.
    const label = state.source.slice(offsets[from], endOf(from + length - 1))
    const start = offsets[match.index] as number
    state.report.report(
      'link-reference-missing',
      'warning',
      `Unexpected reference ${quote(label)} with no definition, expected a ${quote(`[${label}]: url`, 60)} line: it is shown as literal text`,
      {start, end: Math.max(start, endOf(match.index + whole.length - 1))}
    )
  }
}

const asciiPunctuation = /[!-/:-@[-`{-~]/
const characterReference = /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/y

/**
 * A text node's value walked beside its source, in one pass: the source may hold more (line
 * prefixes in containers, spaces around line endings) and writes some characters otherwise
 * (backslash escapes, character references). Gives where each character was written, and the
 * value with those written otherwise as U+0001, which no bracket pattern matches.
 */
function alignToSource(source: string, value: string, position: Position): {offsets: Int32Array; brackets: string} {
  const offsets = new Int32Array(value.length)
  const chars: string[] = []
  const end = position.end.offset
  let at = position.start.offset
  while (chars.length < value.length) {
    const index = chars.length
    const char = value[index] as string
    const written = source[at]
    offsets[index] = Math.min(at, end)
    if (at >= end) chars.push('\u0001')
    else if (written === '\\' && source[at + 1] === char && asciiPunctuation.test(char)) {
      chars.push('\u0001')
      at += 2
    } else if (written === '&' && reference(source, at, value, index, offsets, chars)) {
      at = characterReference.lastIndex
    } else if (written === char) {
      chars.push(char)
      at++
    } else at++
  }
  return {offsets, brackets: chars.join('')}
}

/** Whether a character reference at `at` stands decoded at `index` of the value: then its characters are marked. */
function reference(source: string, at: number, value: string, index: number, offsets: Int32Array, chars: string[]): boolean {
  characterReference.lastIndex = at
  const written = characterReference.exec(source)?.[0]
  const decoded = written === undefined ? written : decodeEntities(written)
  if (written === undefined || decoded === written || !value.startsWith(decoded as string, index)) return false
  for (let each = 0; each < (decoded as string).length; each++) {
    offsets[chars.length] = at
    chars.push('\u0001')
  }
  return true
}
