/**
 * Inline configuration comments in posts, as markdownlint reads them: `<!-- mdpost-disable
 * rule-id -->` and `<!-- mdpost-enable rule-id -->` from their line on,
 * `<!-- mdpost-disable-line … -->` for their own line, `<!-- mdpost-disable-next-line … -->` for
 * the next; several ids separated by spaces or commas, none for every rule. Comments in fenced
 * code are text, not configuration.
 */

interface Directive {
  line: number
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line'
  /** Empty: every rule. */
  ids: string[]
}

const comment = /<!--\s*mdpost-(disable-next-line|disable-line|disable|enable)((?:\s+[\w,-]+)*)\s*-->/g
const fence = /^ {0,3}(`{3,}|~{3,})/

/** Whether a rule is turned off at a line (1-based) of `text` by its comments. */
export function inlineDisabled(text: string): (ruleId: string, line: number) => boolean {
  const directives = directivesOf(text)
  if (directives.length === 0) return () => false
  return (ruleId, line) => {
    let off = false
    for (const directive of directives) {
      const applies = directive.ids.length === 0 || directive.ids.includes(ruleId)
      if (!applies) continue
      if (directive.kind === 'disable-line' && directive.line === line) return true
      if (directive.kind === 'disable-next-line' && directive.line + 1 === line) return true
      if (directive.line > line) continue
      if (directive.kind === 'disable') off = true
      else if (directive.kind === 'enable') off = false
    }
    return off
  }
}

function directivesOf(text: string): Directive[] {
  const directives: Directive[] = []
  let open: string | null = null
  text.split(/\r\n?|\n/).forEach((content, index) => {
    const marker = fence.exec(content)?.[1]
    if (marker) {
      if (open === null) open = marker
      else if (marker[0] === open[0] && marker.length >= open.length) open = null
      return
    }
    if (open !== null || !content.includes('mdpost-')) return
    for (const match of content.matchAll(comment)) {
      const ids = (match[2] ?? '').split(/[\s,]+/).filter((id) => id !== '')
      directives.push({line: index + 1, kind: match[1] as Directive['kind'], ids})
    }
  })
  return directives
}
