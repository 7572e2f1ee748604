/**
 * The template tags of a post's body, as the generators read them before markdown: Liquid tags
 * (`{% post_url x %}`, `{% include a.html %}`) and outputs (`{{ site.baseurl }}`) for Jekyll,
 * shortcodes (`{{< ref "x.md" >}}`, `{{% notice %}}`) for Hugo. One grammar for the whole
 * package: the collector lists what a post holds (`Post.templateTags`), the `liquid-tag`
 * diagnostic says where the first one outside code is, and the site layer knows from the list
 * which posts to expand. Found in one pass, in time linear in the text.
 */

export type TemplateSyntax = 'liquid' | 'shortcode'

/** A tag as found: its syntax, name and offsets in the text. */
export interface FoundTag {
  syntax: TemplateSyntax
  /**
   * A Liquid tag's name (`post_url`, `include`, `raw`), a Liquid output's variable (`site.url`,
   * `page.title`: up to the first space or filter), a shortcode's name (`ref`, `/notice` for a
   * closing one).
   */
  name: string
  /** What follows the name, trimmed, without Liquid's `-` whitespace control (`"x.md"` of a `ref`). */
  args: string
  start: number
  end: number
}

/** The opening of each kind of tag and its closing, as Liquid's lexer and Hugo's read them. */
const kinds = [
  {open: '{{<', close: '>}}', syntax: 'shortcode'},
  {open: '{{%', close: '%}}', syntax: 'shortcode'},
  {open: '{%', close: '%}', syntax: 'liquid'},
  {open: '{{', close: '}}', syntax: 'liquid'}
] as const

/** Liquid blocks whose content is text, not tags: `{% raw %}` and `{% comment %}`. */
const verbatim = new Map([
  ['raw', /\{%-?\s*endraw\s*-?%\}/g],
  ['comment', /\{%-?\s*endcomment\s*-?%\}/g]
])

/**
 * Every template tag of `text` from `from` on. A tag ends at the first closing delimiter after
 * its opening (`{% a {% b %}` is one tag, as Liquid lexes it); a shortcode commented out inside
 * its delimiters (Hugo's way to show one: `{{<` and a C comment) and the content of
 * `{% raw %}` and `{% comment %}` are text.
 */
export function scanTemplateTags(text: string, from = 0): FoundTag[] {
  const found: FoundTag[] = []
  // A closing delimiter not found once is not found later either: that kind is done.
  const done = new Set<string>()
  let at = text.indexOf('{', from)
  while (at !== -1 && at < text.length) {
    const kind = kinds.find((candidate) => !done.has(candidate.close) && text.startsWith(candidate.open, at))
    if (!kind) {
      at = text.indexOf('{', at + 1)
      continue
    }
    const close = text.indexOf(kind.close, at + kind.open.length)
    if (close === -1) {
      done.add(kind.close)
      continue
    }
    const end = close + kind.close.length
    const inner = text.slice(at + kind.open.length, close)
    let next = end
    if (!(kind.syntax === 'shortcode' && /^\s*\/\*/.test(inner))) {
      const {name, args} = partsOf(inner, kind.open)
      found.push({syntax: kind.syntax, name, args, start: at, end})
      const closing = kind.open === '{%' ? verbatim.get(name) : undefined
      if (closing) {
        closing.lastIndex = end
        const match = closing.exec(text)
        if (match) {
          found.push({syntax: 'liquid', name: `end${name}`, args: '', start: match.index, end: closing.lastIndex})
          next = closing.lastIndex
        } else next = text.length
      }
    }
    at = text.indexOf('{', next)
  }
  return found
}

/** A tag's first word and the rest, without Liquid's `-` whitespace control. */
function partsOf(inner: string, open: string): {name: string; args: string} {
  const trimmed = inner.replace(/^-?\s*/, '').replace(/\s*-?$/, '')
  const word = open === '{{' ? /^[^\s|}]*/.exec(trimmed) : /^\/?[^\s"'/>%}-][^\s"'>%}]*|^\/?/.exec(trimmed)
  const name = word?.[0] ?? ''
  return {name, args: trimmed.slice(name.length).trim()}
}
