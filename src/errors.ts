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
    const where = `${fields.path ?? '<input>'}:${fields.line}:${fields.column}`
    super(`${where}: ${reason} (${fields.ruleId})`)
    this.ruleId = fields.ruleId
    this.line = fields.line
    this.column = fields.column
    this.offset = fields.offset
    this.path = fields.path
  }
}
