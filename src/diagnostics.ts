import type {Position as UnistPosition} from 'unist'
import {PostParseError} from './errors.js'
import {escapeControls} from './escape.js'
import {lastAtOrBefore} from './search.js'
import type {Diagnostic, Point, Position, RuleId, Severity} from './types.js'

/** Maps offsets to 1-based line/column; CRLF, LF and lone CR all end a line, as in CommonMark. */
export class LineIndex {
  readonly #text: string
  readonly #starts: number[] = [0]
  /** Line starts are found lazily, up to the furthest offset asked: front matter never scans the body. */
  #scanned = 0

  constructor(text: string) {
    this.#text = text
  }

  #scanTo(offset: number): void {
    const text = this.#text
    // One past the offset, so that a CR at the offset is paired with its LF.
    const until = Math.min(text.length, offset + 2)
    let index = this.#scanned
    for (; index < until; index++) {
      const code = text.charCodeAt(index)
      if (code === 13 /* \r */) {
        if (text.charCodeAt(index + 1) === 10) index++
        this.#starts.push(index + 1)
      } else if (code === 10 /* \n */) {
        this.#starts.push(index + 1)
      }
    }
    this.#scanned = Math.max(this.#scanned, index)
  }

  point(offset: number): Point {
    if (offset >= this.#scanned) this.#scanTo(offset)
    const line = lastAtOrBefore(this.#starts, offset)
    return {line: line + 1, column: offset - (this.#starts[line] as number) + 1, offset}
  }

  /** Offsets are clamped to the text: positions from raw HTML re-parsing can reach past its end. */
  position(start: number, end: number): Position {
    const last = this.#text.length
    const from = Math.min(Math.max(start, 0), last)
    return {start: this.point(from), end: this.point(Math.min(Math.max(end, from), last))}
  }
}

/** Where a problem is: a unist position, or start/end offsets in the whole file. */
export type Place = Position | UnistPosition | {start: number; end: number} | undefined | null

/**
 * Collects diagnostics of one post. Fatal problems throw in strict mode and are
 * recorded as errors otherwise, so that nothing is lost in either mode.
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = []
  readonly #index: () => LineIndex
  readonly #strict: boolean
  readonly path: string | null
  readonly #groups = new Map<string, {diagnostic: Diagnostic; count: number; format: (count: number) => string}>()

  constructor(index: () => LineIndex, strict: boolean, path: string | null) {
    this.#index = index
    this.#strict = strict
    this.path = path
  }

  report(ruleId: RuleId, severity: Severity, message: string, place: Place): Diagnostic {
    const position = this.#toPosition(place)
    const diagnostic: Diagnostic = {
      ruleId,
      severity,
      message: escapeControls(message),
      line: position.start.line,
      column: position.start.column,
      endLine: position.end.line,
      endColumn: position.end.column,
      source: 'mdpost'
    }
    this.diagnostics.push(diagnostic)
    return diagnostic
  }

  /** Whether fatal problems throw (`strict: true`) or are recorded as errors. */
  get strict(): boolean {
    return this.#strict
  }

  /** A problem that stops a strict parse: throws `PostParseError`, or records an error. */
  fatal(ruleId: RuleId, message: string, place: Place): void {
    if (this.#strict) this.limit(ruleId, message, place)
    this.report(ruleId, 'error', message, place)
  }

  /** A limit: always throws `PostParseError`, whatever `strict` says. */
  limit(ruleId: RuleId, message: string, place: Place): never {
    const {start} = this.#toPosition(place)
    throw new PostParseError(escapeControls(message), {
      ruleId,
      line: start.line,
      column: start.column,
      offset: start.offset,
      path: this.path
    })
  }

  /**
   * One diagnostic per `key`, at its first occurrence, whose message is rewritten
   * with the running count, so that posts with thousands of hits stay readable.
   */
  grouped(key: string, ruleId: RuleId, severity: Severity, format: (count: number) => string, place: Place): void {
    const group = this.#groups.get(key)
    if (group) {
      group.count++
      group.diagnostic.message = escapeControls(group.format(group.count))
      if (severity === 'warning' && group.diagnostic.severity === 'info') group.diagnostic.severity = 'warning'
      return
    }
    const diagnostic = this.report(ruleId, severity, format(1), place)
    this.#groups.set(key, {diagnostic, count: 1, format})
  }

  /** Diagnostics in document order (stable for equal positions). */
  sorted(): Diagnostic[] {
    return this.diagnostics
      .map((diagnostic, order) => ({diagnostic, order}))
      .sort((a, b) => a.diagnostic.line - b.diagnostic.line || a.diagnostic.column - b.diagnostic.column || a.order - b.order)
      .map(({diagnostic}) => diagnostic)
  }

  #toPosition(place: Place): Position {
    if (!place) return {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}
    if (typeof place.start === 'number') {
      const span = place as {start: number; end: number}
      return this.#index().position(span.start, span.end)
    }
    // Nodes made by raw HTML re-parsing or by plugins may lack a start, an end or offsets.
    const unist = place as Partial<UnistPosition>
    const startOffset = unist.start?.offset
    if (!unist.start || typeof startOffset !== 'number') {
      const endOffset = unist.end?.offset
      return typeof endOffset === 'number' ? this.#index().position(endOffset, endOffset) : this.#toPosition(null)
    }
    // Lines and columns are read from the offsets: a re-parse's own can disagree with the file.
    const endOffset = unist.end?.offset
    return this.#index().position(startOffset, typeof endOffset === 'number' ? endOffset : startOffset)
  }
}

/** Quote a value for a message, in the style of remark-lint. */
export function quote(value: string, max = 40): string {
  const short = value.length > max ? `${value.slice(0, max - 1)}…` : value
  return `\`${escapeControls(short)}\``
}
