/**
 * Posts that crossed a thread (structured clone) or came from the cache (JSON) have ordinary
 * objects in `metadata`: its objects get their null prototype back, as `parsePost` gives them.
 */
import type {ParsedPost} from '../types.js'

export function withNullPrototypes(post: ParsedPost): ParsedPost {
  if (post && typeof post === 'object' && post.metadata && typeof post.metadata === 'object') nullPrototypes(post.metadata)
  return post
}

function nullPrototypes(value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) nullPrototypes(item)
    return
  }
  Object.setPrototypeOf(value, null)
  for (const key of Object.keys(value)) nullPrototypes((value as Record<string, unknown>)[key])
}
