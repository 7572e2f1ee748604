/**
 * Liquid and shortcodes in link destinations (`[x]({% post_url 2019-07-14-name %})`,
 * `[x]({{ site.baseurl }}/a/)`, `[x]({{< ref "x.md" >}})`): micromark cannot read them as links
 * (a destination holds no spaces), and Jekyll and Hugo expand them before markdown. Each tag the
 * caller names (`expand` option: tag as written → what it stands for) is replaced before parsing
 * by a placeholder of the same length, so that every position stays in the file's coordinates;
 * after parsing, URLs get the expansion and every other field the tag as written.
 */
import type {Nodes, Root} from 'mdast'

/** Placeholders are private-use characters the post does not hold: one per tag, repeated to its length. */
const first = 0xe000
const last = 0xf8ff

export interface Expansions {
  keys: string[]
  values: string[]
  /** Placeholder character → index in `keys`. */
  index: Map<string, number>
  pattern: RegExp
}

/**
 * The text with each named tag replaced, from `from` on (front matter stays), or null when
 * nothing is (no tag in the text, or fewer private-use characters left unused than tags).
 */
export function withPlaceholders(
  text: string,
  from: number,
  expand: Readonly<Record<string, string>>
): {text: string; expansions: Expansions} | null {
  const keys = Object.keys(expand).filter((key) => key !== '' && text.includes(key, from))
  if (keys.length === 0) return null
  // A private-use character the post holds (an icon font's glyph) is not a placeholder.
  const used = new Set(text.match(/[\ue000-\uf8ff]/g) ?? [])
  const free: string[] = []
  for (let code = first; code <= last && free.length < keys.length; code++) {
    const character = String.fromCharCode(code)
    if (!used.has(character)) free.push(character)
  }
  if (free.length < keys.length) return null
  // Longer tags first, so that a tag inside another is not replaced in it.
  keys.sort((a, b) => b.length - a.length)
  let body = text.slice(from)
  keys.forEach((key, index) => {
    body = body.split(key).join((free[index] as string).repeat(key.length))
  })
  const values = keys.map((key) => expand[key] as string)
  const index = new Map(free.map((character, at) => [character, at]))
  const pattern = new RegExp(`[${free.map((character) => `\\u${character.charCodeAt(0).toString(16)}`).join('')}]+`, 'g')
  return {text: text.slice(0, from) + body, expansions: {keys, values, index, pattern}}
}

/** URLs (`url` of links, images, definitions) get the expansions; text, titles and alts the tags. */
export function restoreTags(tree: Root, expansions: Expansions): void {
  const replace = (value: string, asUrl: boolean): string =>
    value.replace(expansions.pattern, (run) => {
      let out = ''
      let at = 0
      while (at < run.length) {
        const index = expansions.index.get(run.charAt(at)) as number
        const key = expansions.keys[index] ?? ''
        out += asUrl ? (expansions.values[index] ?? '') : key
        at += Math.max(1, key.length)
      }
      return out
    })
  const visit = (node: Nodes): void => {
    const record = node as unknown as Record<string, unknown>
    for (const field of ['url', 'value', 'title', 'alt', 'label'] as const) {
      const value = record[field]
      if (typeof value === 'string') {
        expansions.pattern.lastIndex = 0
        if (expansions.pattern.test(value)) record[field] = replace(value, field === 'url')
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(tree)
}
