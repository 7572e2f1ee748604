/**
 * A cheap linear pre-scan for nesting that unified cannot take: deep block containers
 * (`>` and list markers), deep brackets and emphasis openers in a paragraph, and deep raw
 * HTML elements. micromark, mdast-util-to-hast and hast-util-to-html recurse per level, so
 * such input ends in a stack overflow after seconds of work; this rejects it first.
 */

import {htmlBlockNames, htmlRawNames} from 'micromark-util-html-tag-name'
import type {Reporter} from './diagnostics.js'
import {lines} from './lines.js'

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'p',
  'li'
])

/**
 * Fenced code, followed line by line as CommonMark does closely enough for the pre-scans: a
 * fence is 3+ backticks or tildes (a backtick fence's info cannot hold a backtick), indented at
 * most 3 columns, or more inside a list but not into an open paragraph; it closes at a fence of
 * its character at least as long.
 */
class Fences {
  #fence: string | null = null
  #inList = false

  /** Whether a list marker was seen since the last line that starts at column 0 (indented lines may then be a list item's). */
  get inList(): boolean {
    return this.#inList
  }

  /** `'open'` for a line that opens a fence, `'inside'` for a line in one or closing it, else false. */
  code(line: string, paragraphOpen: boolean): 'open' | 'inside' | false {
    const match = /^((?:[ \t]*>)*)([ \t]*)(`{3,}|~{3,})(.*)$/.exec(line)
    if (/^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]/.test(line)) this.#inList = true
    else if (/^[^ \t\r\n]/.test(line) && !/^>/.test(line)) this.#inList = false
    const marker = match?.[3]
    if (this.#fence !== null) {
      if (marker && marker[0] === this.#fence[0] && marker.length >= this.#fence.length) this.#fence = null
      return 'inside'
    }
    if (!match || !marker) return false
    if (marker[0] === '`' && (match[4] as string).includes('`')) return false
    if ((match[2] as string).replaceAll('\t', '    ').length > 3 && !(this.#inList && !paragraphOpen)) return false
    this.#fence = marker
    return 'open'
  }
}

/**
 * Indented code, followed line by line closely enough for the nesting scan: a line indented 4
 * columns or more is code when no paragraph is open and no list may hold it (inside a list it may
 * be an item's content, and is scanned); code goes on over indented and blank lines. A line taken
 * for code wrongly is only scanned less: past the scan, the processor itself turns a stack
 * overflow into `input-too-deep`.
 */
class IndentedCode {
  #code = false
  /** Whether the last line left a paragraph open (an indented line then continues it). */
  paragraph = false

  code(line: string, fenced: boolean, inList: boolean): boolean {
    const blank = line.trim() === ''
    if (fenced) {
      this.#code = false
      this.paragraph = false
      return false
    }
    if (blank) {
      this.paragraph = false
      return this.#code
    }
    const indented = /^(?: {4}|\t| {0,3}\t)/.test(line)
    this.#code = indented && (this.#code || (!this.paragraph && !inList))
    this.paragraph = !this.#code
    return this.#code
  }
}

/**
 * The code spans that open and close on one line: the offset of each opening backtick run to the
 * last offset of its closing run (a run of the same length; CommonMark matches the nearest). Found
 * right to left in one pass, so linear. A backslash escapes an opener, not a closer.
 */
function codeSpans(line: string): Map<number, number> {
  const spans = new Map<number, number>()
  if (!line.includes('`')) return spans
  const runs: number[] = []
  for (let index = 0; index < line.length; index++) {
    if (line[index] !== '`') continue
    let end = index
    while (line[end + 1] === '`') end++
    runs.push(index, end - index + 1)
    index = end
  }
  // Left to right: an opener takes the next run of its length after it.
  const next = new Map<number, number>()
  const nextOf: number[] = new Array(runs.length / 2)
  for (let run = runs.length - 2; run >= 0; run -= 2) {
    const length = runs[run + 1] as number
    nextOf[run / 2] = next.get(length) ?? -1
    next.set(length, run)
  }
  let run = 0
  while (run < runs.length) {
    const at = runs[run] as number
    const close = nextOf[run / 2] as number
    if (line[at - 1] === '\\' || close === -1) {
      run += 2
      continue
    }
    spans.set(at, (runs[close] as number) + (runs[close + 1] as number) - 1)
    run = close + 2
  }
  return spans
}

/** The GFM parts in use that change the inline work: tables end paragraphs. */
export interface GfmCost {
  tables: boolean
}

export function checkDepth(text: string, from: number, max: number, report: Reporter, gfm: GfmCost = {tables: true}): void {
  checkUnclosedComments(text, from, report)
  checkInlineCost(text, from, report, gfm)
  let inline = 0
  let html = 0
  const fences = new Fences()
  const indented = new IndentedCode()
  for (const [lineStart, lineEnd] of lines(text, from)) {
    const line = text.slice(lineStart, lineEnd)
    const fenced = fences.code(line, indented.paragraph)
    if (indented.code(line, fenced !== false, fences.inList) || fenced) continue
    const block = blockDepth(line)
    if (block > max) fail(lineStart, `block nesting of ${block} levels`)
    if (line.trim() === '') inline = 0
    const spans = codeSpans(line)
    for (let index = 0; index < line.length; index++) {
      const char = line[index]
      if (char === '\\') {
        index++
      } else if (char === '`') {
        // A code span closed on its line is text: `<Leader>` or `[` in it opens nothing.
        index = spans.get(index) ?? index
      } else if (char === '[') {
        if (++inline > max) fail(lineStart + index, `more than ${max} nested brackets or emphasis openers`)
      } else if (char === ']') {
        if (inline > 0) inline--
      } else if ((char === '*' || char === '_') && line[index - 1] !== char) {
        // One delimiter run: an opener (left-flanking) nests, a closer (right-flanking) unnests.
        let end = index
        while (line[end + 1] === char) end++
        const before = line[index - 1] ?? ' '
        const after = line[end + 1] ?? ' '
        const opens = /\S/.test(after) && /[\s\p{P}]/u.test(before)
        const closes = /\S/.test(before) && /[\s\p{P}]/u.test(after)
        if (opens && !closes) {
          if (++inline > max) fail(lineStart + index, `more than ${max} nested brackets or emphasis openers`)
        } else if (closes && inline > 0) {
          inline--
        }
        index = end
      } else if (char === '<') {
        const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/.exec(line.slice(index, index + 256))
        if (!tag) continue
        // Past the tag: a backtick in an attribute or an autolink does not open a code span.
        index += tag[0].length - 1
        if (voidElements.has((tag[2] as string).toLowerCase()) || tag[3] === '/') continue
        if (tag[1] === '/') {
          if (html > 0) html--
        } else if (++html > max) {
          fail(lineStart + index, `raw HTML nested more than ${max} elements deep`)
        }
      }
    }
  }

  function fail(offset: number, what: string): never {
    return report.limit('input-too-deep', `Unexpected ${what}, expected at most ${max} (option \`maxDepth\`)`, {start: offset, end: offset})
  }
}

/** Container markers at the start of a line: `>` and list bullets, counted by depth. */
function blockDepth(line: string): number {
  let depth = 0
  let index = 0
  let indent = 0
  while (index < line.length) {
    const char = line[index] as string
    if (char === ' ') {
      indent++
      index++
    } else if (char === '\t') {
      indent += 4
      index++
    } else if (char === '>') {
      depth++
      index++
    } else if ((char === '-' || char === '*' || char === '+') && /[ \t]/.test(line[index + 1] ?? '')) {
      depth++
      index += 2
    } else {
      const ordered = /^\d{1,9}[.)][ \t]/.exec(line.slice(index, index + 12))
      if (!ordered) break
      depth++
      index += ordered[0].length
    }
  }
  // Nested lists are also written by indentation alone: two columns a level at the least.
  return depth > 0 ? Math.max(depth, depth + Math.floor(indent / 4)) : depth
}

/** micromark scans to the end of the input for every `<!--` that never closes: O(n²). */
const maxUnclosedComments = 100

function checkUnclosedComments(text: string, from: number, report: Reporter): void {
  const lastClose = text.lastIndexOf('-->')
  let count = 0
  let at = text.indexOf('<!--', Math.max(from, lastClose))
  const first = at
  while (at !== -1) {
    if (++count > maxUnclosedComments) {
      report.limit(
        'input-too-complex',
        `Unexpected ${maxUnclosedComments}+ HTML comments \`<!--\` that never close, expected \`-->\` after each`,
        {start: first, end: first}
      )
    }
    at = text.indexOf('<!--', at + 4)
  }
}

/**
 * micromark's inline constructs are quadratic on some shapes of a paragraph: each emphasis closer
 * looks back through the openers that did not match; each `]` walks back to the nearest `[`
 * still open, or to the start of the paragraph; each `](` scans for its `)`; each backtick run
 * scans for a run of its length. (Text cut into runs on every line — GFM's email literals, failed
 * constructs — is merged linearly by mdpost's processor, src/linear.ts.) mdpost estimates that
 * work per paragraph, in characters walked — (emphasis runs)² + Σ `]` walks + Σ `(` scans + Σ
 * backtick scans — and rejects a
 * post whose total passes the budget, about a second of parsing on the shapes measured. The
 * largest figure in the ~700 posts of the test corpus is under 1% of it.
 */
export const inlineCostBudget = 50_000_000

const delimiterRow = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
const blockStart = /^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$))/

/** The work estimate of one paragraph, fed line by line. */
class InlineCost {
  start = -1
  emphasis = 0
  walked = 0
  readonly openBrackets: number[] = []
  /** Offsets of `](` and of `)`, matched at the end. */
  readonly resources: number[] = []
  readonly closeParens: number[] = []
  /** Backtick runs: offset, raw length, length as an opener (one less after a backslash). */
  readonly ticks: number[] = []

  /** Link definitions open a paragraph; they are not text, and cost nothing of the kind counted here. */
  #definitionsOnly = true

  /** An HTML block (CommonMark kinds 1, 2, 6 and 7) is not text either. */
  #html = false

  line(line: string, offset: number): void {
    if (this.start === -1) {
      this.start = offset
      this.#html = htmlBlockStart(line)
    }
    if (this.#html) return
    if (this.#definitionsOnly && definitionLine.test(line)) return
    this.#definitionsOnly = false
    for (let index = 0; index < line.length; index++) {
      const char = line[index] as string
      if (char === '\\') {
        // An escaped backtick still closes a code span (escapes do not work inside one).
        if (line[index + 1] !== '`') index++
      } else if (char === '[') {
        this.openBrackets.push(offset + index)
      } else if (char === ']') {
        this.walked += offset + index - (this.openBrackets.pop() ?? this.start)
        if (line[index + 1] === '(') this.resources.push(offset + index)
      } else if (char === ')') {
        this.closeParens.push(offset + index)
      } else if (char === '`') {
        let end = index
        while (line[end + 1] === '`') end++
        const length = end - index + 1
        this.ticks.push(offset + index, length, line[index - 1] === '\\' ? length - 1 : length)
        index = end
      } else if (char === '*' || char === '_') {
        let end = index
        while (line[end + 1] === char) end++
        const before = line[index - 1] ?? ' '
        const after = line[end + 1] ?? ' '
        // `snake_case` cannot open or close emphasis; `a*b` can.
        if (!(char === '_' && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after))) this.emphasis++
        index = end
      }
    }
  }

  /** Work in characters walked, the paragraph ending at `end`. */
  total(end: number): number {
    let walked = this.walked + this.emphasis * this.emphasis
    let paren = this.closeParens.length - 1
    for (let index = this.resources.length - 1; index >= 0; index--) {
      const at = this.resources[index] as number
      while (paren > 0 && (this.closeParens[paren - 1] as number) > at) paren--
      const close = this.closeParens[paren]
      walked += (close !== undefined && close > at ? close : end) - at
    }
    const next = new Map<number, number>()
    for (let index = this.ticks.length - 3; index >= 0; index -= 3) {
      const at = this.ticks[index] as number
      const opener = this.ticks[index + 2] as number
      if (opener > 0) walked += (next.get(opener) ?? end) - at
      next.set(this.ticks[index + 1] as number, at)
    }
    return walked
  }
}

/**
 * A whole link definition on one line: label, destination, optional title, nothing after. A line
 * that only starts like one (`[x]: *a_ *a_ …`) is paragraph text and is counted.
 */
const definitionLine = /^[ \t>]*\[[^\]]+\]:[ \t]*(?:<[^<>\n]*>|[^\s<]\S*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*$/

/** CommonMark's HTML block tag names (kind 6), as micromark lists them. */
const blockTags = new Set(htmlBlockNames)
const rawTags = new Set(htmlRawNames)

/** Whether a line starts an HTML block: a comment, `<script`/`<pre`/`<style`/`<textarea`, a block tag, or a lone tag. */
function htmlBlockStart(line: string): boolean {
  const trimmed = line.replace(/^[ >]*/, '')
  if (!trimmed.startsWith('<')) return false
  if (/^<(?:!--|\?|![A-Za-z]|!\[CDATA\[)/.test(trimmed)) return true
  // Kinds 1 and 6: the name must end at whitespace, `>`, `/>` or the end of the line.
  const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s>]|\/>|$)/.exec(trimmed)
  const name = tag?.[2]?.toLowerCase()
  if (name && tag?.[1] === '' && rawTags.has(name)) return true
  if (name && blockTags.has(name)) return true
  // Kind 7: a complete tag, as CommonMark writes one, alone on its line (long lines: not checked).
  return trimmed.length <= 1000 && (completeOpenTag.test(trimmed) || /^<\/[A-Za-z][A-Za-z0-9-]*\s*>\s*$/.test(trimmed))
}

const completeOpenTag = /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>\s*$/

function checkInlineCost(text: string, from: number, report: Reporter, gfm: GfmCost): void {
  let total = 0
  let paragraph = new InlineCost()
  let table = false
  let previous = ''
  const fences = new Fences()
  const close = (end: number) => {
    if (paragraph.start === -1) return
    total += paragraph.total(end)
    if (total > inlineCostBudget) {
      report.limit(
        'input-too-complex',
        'Unexpected paragraph whose emphasis, brackets or backticks would take the parser quadratic time, expected fewer unmatched delimiters',
        {start: paragraph.start, end: paragraph.start}
      )
    }
    paragraph = new InlineCost()
  }

  for (const [lineStart, lineEnd] of lines(text, from)) {
    const line = text.slice(lineStart, lineEnd)
    const code = fences.code(line, paragraph.start !== -1)
    if (code === 'open') {
      close(lineStart)
    } else if (code === 'inside') {
      // Fenced code is not inline content.
    } else if (line.trim() === '') {
      close(lineStart)
      table = false
    } else if (paragraph.start === -1 && /^( {4}|\t)/.test(line)) {
      // An indented line cannot start a paragraph: it is code.
    } else if (
      gfm.tables &&
      !table &&
      line.includes('|') &&
      line.includes('-') &&
      delimiterRow.test(line) &&
      cells(line) === cells(previous)
    ) {
      // A GFM table: the delimiter row has as many cells as the line above it.
      close(lineStart)
      table = true
    } else {
      // Each table row, list item and heading has inline content of its own.
      if (table || blockStart.test(line)) close(lineStart)
      paragraph.line(line, lineStart)
    }
    previous = line
  }
  close(text.length)
}

/** Cells of a table row as GFM splits it: at unescaped `|`, outer pipes not counted. */
function cells(row: string): number {
  const trimmed = row.replace(/^[ \t>]*/, '').trim()
  let count = 1
  for (let index = 0; index < trimmed.length; index++) {
    const char = trimmed[index]
    if (char === '\\') index++
    else if (char === '|' && index !== 0 && index !== trimmed.length - 1) count++
  }
  return count
}
