/**
 * The commonest broken front matter: a plain value with `: ` in it (`title: Re: a talk`), which
 * YAML reads as a mapping nested where no mapping may start (yaml's `BLOCK_AS_IMPLICIT_KEY`),
 * so that the value and every key after it fold into one broken mapping. A loose reader takes
 * the rest of the line as the string its author meant; so does mdpost when not strict, by
 * quoting that value and reading the block again.
 */
import {lines} from './lines.js'

/** One value to quote: `[start, end)` in the YAML block, and the string it stands for. */
export interface ColonValue {
  start: number
  end: number
  value: string
  /** Anchors and tags written before the value (`&a`, `!!str`), kept before the quoted string. */
  properties: string
}

interface YamlError {
  code: string
  pos: [number, number]
}

/**
 * The values behind `BLOCK_AS_IMPLICIT_KEY` errors, one per line, each with its plain-scalar
 * continuation lines (indented past its key), as the string a plain scalar folds to.
 */
export function colonValues(raw: string, errors: readonly YamlError[]): ColonValue[] {
  const found: ColonValue[] = []
  let covered = 0
  for (const error of [...errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    const at = error.pos[0]
    if (error.code !== 'BLOCK_AS_IMPLICIT_KEY' || at < covered) continue
    const value = colonValueAt(raw, at)
    if (!value) continue
    found.push(value)
    covered = value.end
  }
  return found
}

/** Comments start at a `#` after whitespace; a plain scalar runs to them. */
const comment = /[ \t]#.*$/
const properties = /^(?:[&!][^ \t]*[ \t]+)*/

function colonValueAt(raw: string, at: number): ColonValue | null {
  const lineStart = Math.max(raw.lastIndexOf('\n', at - 1), raw.lastIndexOf('\r', at - 1)) + 1
  // `key: ` and list markers before the value: the key's column, which continuation lines pass.
  const keyColumn = (/^[ ]*(?:-[ ]+)*/.exec(raw.slice(lineStart, at)) as RegExpExecArray)[0].length
  const parts: string[] = []
  let end = at
  let blanks = 0
  for (const [start, lineEnd] of lines(raw, at)) {
    const text = raw.slice(start, lineEnd)
    if (start !== at) {
      if (text.trim() === '') {
        blanks++
        continue
      }
      const indent = text.length - text.trimStart().length
      if (indent <= keyColumn || text.trimStart().startsWith('#')) break
    }
    const content = text.replace(comment, '').trim()
    if (parts.length > 0) parts.push(blanks > 0 ? '\n'.repeat(blanks) : ' ')
    parts.push(content)
    blanks = 0
    end = lineEnd
  }
  const written = parts.join('')
  const props = (properties.exec(written) as RegExpExecArray)[0]
  const value = written.slice(props.length)
  if (value === '') return null
  return {start: at, end, value, properties: props}
}

/** `raw` with each value quoted: a double-quoted YAML string is a JSON string. */
export function quoteColonValues(raw: string, values: readonly ColonValue[]): string {
  let text = ''
  let index = 0
  for (const each of values) {
    text += raw.slice(index, each.start) + each.properties + JSON.stringify(each.value)
    index = each.end
  }
  return text + raw.slice(index)
}
