/**
 * Typed front matter: any Standard Schema v1 validator (zod, valibot, arktype…) checks the
 * metadata. Its output becomes `metadata`; each issue is a `metadata-invalid` diagnostic at the
 * offending key's line (fatal, so thrown in strict mode), with the validator's message.
 */
import type {StandardSchemaV1} from '@standard-schema/spec'
import {type Place, quote, type Reporter} from './diagnostics.js'
import type {FrontmatterBlock} from './frontmatter-block.js'
import type {PostFrontmatter} from './types.js'

/** Check `options.schema` once: a Standard Schema v1 object. */
export function checkSchema(value: unknown): StandardSchemaV1 | null {
  if (value === null || value === undefined) return null
  const standard = (value as {'~standard'?: {version?: unknown; validate?: unknown}})['~standard']
  if (typeof value !== 'object' && typeof value !== 'function') throw notSchema(value)
  if (standard?.version !== 1 || typeof standard.validate !== 'function') throw notSchema(value)
  return value as StandardSchemaV1
}

function notSchema(value: unknown): TypeError {
  return new TypeError(
    `Expected \`options.schema\` to be a Standard Schema v1 validator (zod, valibot, arktype…), not \`${String(value)}\``
  )
}

/**
 * Validate the front matter's data; a Promise when the validator is asynchronous. On success the
 * output replaces `front.metadata`; on failure the data stays as read.
 */
export function validateMetadata(
  front: PostFrontmatter,
  block: FrontmatterBlock | null,
  schema: StandardSchemaV1 | null,
  report: Reporter
): Promise<void> | undefined {
  if (!schema) return undefined
  const result = schema['~standard'].validate(front.metadata)
  if (result instanceof Promise) return result.then((settled) => apply(front, block, settled, report))
  apply(front, block, result, report)
  return undefined
}

function apply(front: PostFrontmatter, block: FrontmatterBlock | null, result: StandardSchemaV1.Result<unknown>, report: Reporter): void {
  if (!result.issues) {
    front.metadata = result.value as Record<string, unknown>
    return
  }
  for (const issue of result.issues) report.fatal('metadata-invalid', issueMessage(issue), pathPlace(block, issuePath(issue)))
}

function issuePath(issue: StandardSchemaV1.Issue): PropertyKey[] {
  return (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment))
}

/** A validator's issue as mdpost says it: ``Unexpected front matter `author.age`: …``. */
export function issueMessage(issue: StandardSchemaV1.Issue): string {
  const path = issuePath(issue)
  const where = path.length === 0 ? 'front matter' : `front matter ${quote(path.map(String).join('.'))}`
  return `Unexpected ${where}: ${issue.message}`
}

/**
 * The line of the deepest key of `path` that can be found in the block, each key looked for
 * after the one before it (array indexes are skipped); the block's start when the first is
 * missing (a required key that is absent).
 */
function pathPlace(block: FrontmatterBlock | null, path: readonly PropertyKey[]): Place {
  if (!block) return null
  const {raw, contentStart} = block
  let from = 0
  let found: {start: number; end: number} | null = null
  for (const segment of path) {
    if (typeof segment !== 'string') continue
    const escaped = segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const pattern = new RegExp(`(^|[\\r\\n])[ \\t-]*["']?${escaped}["']?[ \\t]*[:=]`, block.format === 'headers' ? 'gi' : 'g')
    pattern.lastIndex = from
    const match = pattern.exec(raw)
    if (!match) break
    const start = match.index + (match[1] as string).length
    const lineEnd = raw.slice(start).search(/[\r\n]|$/)
    found = {start: contentStart + start, end: contentStart + start + lineEnd}
    from = start + 1
  }
  return found ?? {start: block.start, end: block.start}
}
