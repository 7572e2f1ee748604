/**
 * Liquid and shortcodes in link destinations (`[x]({% post_url 2019-07-14-name %})`,
 * `[x]({{ site.baseurl }}/a/)`, `[x]({{< ref "x.md" >}})`): micromark cannot read them as links
 * (a destination holds no spaces), and Jekyll and Hugo expand them before markdown. Each tag the
 * caller names (`expand` option: tag as written → what it stands for) is replaced before parsing
 * by a placeholder of the same length, so that every position stays in the file's coordinates;
 * after parsing, URLs get the expansion and every other field the tag as written.
 */
import type {Nodes, Root} from 'mdast'

/** One private-use character per tag, repeated to the tag's length. */
const first = 0xe000
const last = 0xf8ff

export interface Expansions {
  keys: string[]
  values: string[]
  pattern: RegExp
}

/** The text with each named tag replaced, from `from` on (front matter stays), or null when nothing is. */
export function withPlaceholders(
  text: string,
  from: number,
  expand: Readonly<Record<string, string>>
): {text: string; expansions: Expansions} | null {
  const keys = Object.keys(expand).filter((key) => key !== '' && text.includes(key, from))
  // Private-use characters already in the post would be ambiguous: leave the post as it is.
  if (keys.length === 0 || keys.length > last - first || /[\ue000-\uf8ff]/.test(text)) return null
  // Longer tags first, so that a tag inside another is not replaced in it.
  keys.sort((a, b) => b.length - a.length)
  let body = text.slice(from)
  keys.forEach((key, index) => {
    body = body.split(key).join(String.fromCharCode(first + index).repeat(key.length))
  })
  const values = keys.map((key) => expand[key] as string)
  return {text: text.slice(0, from) + body, expansions: {keys, values, pattern: /[\ue000-\uf8ff]+/g}}
}

/** URLs (`url` of links, images, definitions) get the expansions; text, titles and alts the tags. */
export function restoreTags(tree: Root, expansions: Expansions): void {
  const replace = (value: string, asUrl: boolean): string =>
    value.replace(expansions.pattern, (run) => {
      let out = ''
      let at = 0
      while (at < run.length) {
        const index = run.charCodeAt(at) - first
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
      if (typeof value === 'string' && /[\ue000-\uf8ff]/.test(value)) record[field] = replace(value, field === 'url')
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(tree)
}
