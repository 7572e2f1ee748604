/**
 * A Site as JSON text in pieces: the same text as `JSON.stringify(site, null, indent)`, one
 * piece per post, so that a site too large for one string (V8 caps a string at about 512 M
 * characters: some 15,000 whole posts) is written out as it is produced.
 */
import type {Site} from './types.js'

export interface SerializeSiteOptions {
  /** Spaces to indent each level with, as `JSON.stringify`'s `space` (0–10; default: 0, no whitespace). */
  indent?: number | null | undefined
}

/**
 * The pieces of `JSON.stringify(site, null, indent)`, in order: the text before the first post,
 * each post (with the separator before it), then the rest. Any object with a `posts` list is
 * taken (a Site whose posts were cut to some fields, as `mdpost site --fields` prints).
 */
export function* serializeSite(
  site: Readonly<Omit<Site, 'posts'>> & {readonly posts: readonly unknown[]},
  options?: Readonly<SerializeSiteOptions> | null
): Generator<string, void, undefined> {
  if (!site || typeof site !== 'object' || !Array.isArray(site.posts)) {
    throw new TypeError('Expected `site` to be a Site, an object with a `posts` list')
  }
  const indent = options?.indent ?? 0
  if (!Number.isInteger(indent) || indent < 0 || indent > 10) {
    throw new TypeError(`Expected \`options.indent\` to be a whole number from 0 to 10, not \`${String(indent)}\``)
  }
  const gap = ' '.repeat(indent)
  // What JSON.stringify writes between tokens at each depth: nothing without indent.
  const newline = (depth: number) => (indent === 0 ? '' : `\n${gap.repeat(depth)}`)
  const colon = indent === 0 ? ':' : ': '
  // A value's own text, indented as it sits at `depth` (JSON text has no raw line feeds in strings).
  const nested = (text: string, depth: number) => (indent === 0 ? text : text.replaceAll('\n', newline(depth)))
  let head = '{'
  let first = true
  for (const key of Object.keys(site)) {
    const value = (site as Record<string, unknown>)[key]
    const name = `${first ? '' : ','}${newline(1)}${JSON.stringify(key)}${colon}`
    if (key === 'posts') {
      first = false
      if (site.posts.length === 0) {
        head += `${name}[]`
        continue
      }
      yield `${head}${name}[`
      head = ''
      let index = 0
      for (const post of site.posts) {
        const text = JSON.stringify(post, null, indent) ?? 'null'
        yield `${index++ === 0 ? '' : ','}${newline(2)}${nested(text, 2)}`
      }
      head = `${newline(1)}]`
      continue
    }
    const text = JSON.stringify(value, null, indent)
    // Keys whose value JSON leaves out (undefined, functions) are left out, as JSON.stringify does.
    if (text === undefined) continue
    first = false
    head += `${name}${nested(text, 1)}`
  }
  yield `${head}${first ? '' : newline(0)}}`
}
