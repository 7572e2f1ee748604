import {escapeControls} from './escape.js'
import type {RuleId} from './types.js'

/** Fields of a fatal content problem. */
export interface PostParseErrorFields {
  ruleId: RuleId
  line: number
  column: number
  offset: number
  path: string | null
}

/**
 * A fatal content problem (broken front matter, bad encoding, input over a limit).
 * Thrown in strict mode; with `strict: false` the same problem is an error diagnostic.
 */
export class PostParseError extends Error {
  override name = 'PostParseError' as const
  ruleId: RuleId
  line: number
  column: number
  offset: number
  path: string | null

  constructor(reason: string, fields: PostParseErrorFields) {
    // A file name with a control character (ESC, a line feed) never reaches a terminal raw.
    const path = escapeControls(fields.path ?? '<input>')
    const where = `${path}:${fields.line}:${fields.column}`
    super(`${where}: ${reason} (${fields.ruleId})`)
    this.ruleId = fields.ruleId
    this.line = fields.line
    this.column = fields.column
    this.offset = fields.offset
    this.path = fields.path
  }

  /** Plain data, to cross threads or be stored: `PostParseError.from` rebuilds the error. */
  toJSON(): PostParseErrorData {
    const {name, message, ruleId, line, column, offset, path} = this
    return {name, message, ruleId, line, column, offset, path}
  }

  /** The error that `toJSON` described, with the same message. */
  static from(data: PostParseErrorData): PostParseError {
    const error = new PostParseError('', data)
    error.message = data.message
    return error
  }
}

/** A `PostParseError` as plain data (`error.toJSON()`). */
export interface PostParseErrorData extends PostParseErrorFields {
  name: 'PostParseError'
  message: string
}

/** What went wrong, without the `path:line:column: ` before it and the ` (rule-id)` after it. */
export function reasonOf(error: PostParseError): string {
  const prefix = `${escapeControls(error.path ?? '<input>')}:${error.line}:${error.column}: `
  const suffix = ` (${error.ruleId})`
  let reason = error.message
  if (reason.startsWith(prefix)) reason = reason.slice(prefix.length)
  if (reason.endsWith(suffix)) reason = reason.slice(0, -suffix.length)
  return reason
}

/**
 * The `input-too-large` error of every reader (string, bytes, file, stdin): `bytes` is the size
 * found, `orMore` when reading stopped there (a file that grows, a stream, a string counted only
 * up to the limit).
 */
export function inputTooLarge(found: {bytes: number; orMore: boolean}, maxBytes: number, path: string | null): PostParseError {
  const more = found.orMore ? ' or more' : ''
  return new PostParseError(`Unexpected input of ${found.bytes} bytes${more}, expected at most ${maxBytes} (option \`maxBytes\`)`, {
    ruleId: 'input-too-large',
    line: 1,
    column: 1,
    offset: 0,
    path
  })
}
