/** What parsePost and the worker accept as a post: a string, bytes, or a VFile-like `{value, path}`. */
import type {PostInput} from './types.js'

/** The value and path of any accepted input; a TypeError for anything else. */
export function readInput(input: PostInput): {value: string | Uint8Array; path: string | null} {
  if (typeof input === 'string' || input instanceof Uint8Array) return {value: input, path: null}
  if (input && typeof input === 'object' && 'value' in input) {
    const value = input.value
    if (typeof value === 'string' || value instanceof Uint8Array) return {value, path: input.path ?? null}
  }
  throw new TypeError(`Expected \`input\` to be a string, Uint8Array or VFile, not \`${String(input)}\``)
}
