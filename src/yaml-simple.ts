/**
 * A fast path for the front matter most posts have: `key: value` lines (`key : value` too) whose
 * values are plain or quoted scalars, one-line flow lists of them, block scalars (`|`, `>`, with
 * `-` or default chomping), block lists of scalars or of mappings, or mappings of the same
 * (nested by indentation). It gives exactly what yaml's YAML 1.2 core schema gives for that
 * subset (test/yaml-simple.test.ts compares both on every corpus post and on generated blocks of
 * every shape), and `undefined` for anything else — anchors, tags, escapes, odd numbers,
 * duplicate keys, `+` chomping, indentation indicators — which then goes to yaml with its errors
 * and warnings. yaml costs about three times what this does on a typical post, and most listings
 * read only front matter.
 */

const keyLine = /^([A-Za-z_][A-Za-z0-9_-]*)[ ]*:(?:[ ]+(.*))?$/
const blockHeader = /^([|>])(-?)$/
const itemLine = /^([ ]*)-(?:[ ]+(.*))?$/
const doubleQuoted = /^"([^"\\]*)"(?:[ ]+#.*)?$/
const singleQuoted = /^'((?:[^']|'')*)'(?:[ ]+#.*)?$/
// Only the shape: the items are split and checked one by one (no regex over quotes that could backtrack).
const flowList = /^\[(.*)\](?:[ ]+#.*)?$/
const decimal = /^[-+]?[0-9]+$/
const float = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/

type Scalar = string | number | boolean | null

/** Nested mappings deeper than this go to yaml (with its complexity checks). */
const maxDepth = 16
/**
 * The deepest nesting the fast path can return: each level of mapping may sit in a list (lists of
 * mappings), and the deepest may hold a list.
 */
export const simpleYamlDepth = 2 * maxDepth + 2

/** Parse `raw` if it is in the simple subset, else `undefined`. */
export function parseSimpleYaml(raw: string): Record<string, unknown> | undefined {
  if (raw.includes('\r') || raw.includes('\t') || !raw.isWellFormed()) return undefined
  const reader: Reader = {lines: raw.split('\n'), index: 0}
  const data = mapping(reader, 0, 0)
  // A line left over is less indented than the top level: impossible, or yaml's to judge.
  return reader.index < reader.lines.length ? undefined : data
}

interface Reader {
  lines: string[]
  /** The next line to read. */
  index: number
}

/**
 * A block mapping whose keys are indented by exactly `indent` spaces: `key: value` lines, `key:`
 * over a block list of scalars, or `key:` over a mapping indented further. It ends at the first
 * content line indented less; a line indented more that belongs to nothing is yaml's to judge.
 */
function mapping(reader: Reader, indent: number, depth: number): Record<string, unknown> | undefined {
  const {lines} = reader
  const data = Object.create(null) as Record<string, unknown>
  while (reader.index < lines.length) {
    const line = lines[reader.index] as string
    if (isBlankOrComment(line)) {
      reader.index++
      continue
    }
    const width = indentOf(line)
    if (width < indent) break
    // Indented more than the keys: a continuation, or a line after a list or a nested mapping
    // that belongs to neither; yaml's call.
    if (width > indent) return undefined
    const match = keyLine.exec(line.slice(indent))
    if (!match) return undefined
    const key = match[1] as string
    // Keys are scalars too: `null:` or `true:` resolve to other keys in yaml.
    // yaml also refuses implicit keys over 1024 characters (KEY_OVER_1024_CHARS).
    if (key in data || key.length > 1000 || scalar(key, false) !== key) return undefined
    const rest = stripComment(match[2] ?? '')
    reader.index++
    if (rest === undefined) return undefined
    const header = blockHeader.exec(rest)
    if (header) {
      const text = blockScalar(reader, indent, header[1] === '>', header[2] === '-')
      if (text === undefined) return undefined
      data[key] = text
      continue
    }
    if (rest !== '') {
      const value = flowOrScalar(rest)
      if (value === undefined) return undefined
      data[key] = value
      continue
    }
    // `key:` alone: a block list of scalars below it, a mapping indented further, or null.
    const next = nextContent(reader)
    const item = next === undefined ? null : itemLine.exec(next)
    if (item && (item[1] as string).length >= indent) {
      const items = list(reader, (item[1] as string).length, depth)
      if (items === undefined) return undefined
      data[key] = items
    } else if (next !== undefined && indentOf(next) > indent) {
      if (depth + 1 > maxDepth) return undefined
      const nested = mapping(reader, indentOf(next), depth + 1)
      if (nested === undefined) return undefined
      data[key] = nested
    } else {
      data[key] = null
    }
  }
  return data
}

/**
 * A block scalar after `key: |` or `key: >` (chomping `-` or the default): its lines, indented
 * more than the key by as much as the first one, literal or folded. What needs more care
 * (indentation indicators, `+`, folded lines indented further, whitespace-only lines longer than
 * the indentation, an empty scalar) is yaml's.
 */
function blockScalar(reader: Reader, parentIndent: number, folded: boolean, strip: boolean): string | undefined {
  const {lines} = reader
  const from = reader.index
  let first = from
  while (first < lines.length && (lines[first] as string).trim() === '') first++
  if (first === lines.length) return undefined
  const width = indentOf(lines[first] as string)
  if (width <= parentIndent) return undefined
  let last = first
  let end = first
  for (; end < lines.length; end++) {
    const line = lines[end] as string
    if (line.trim() === '') {
      if (line.length > width) return undefined
      continue
    }
    const lineWidth = indentOf(line)
    if (lineWidth < width) {
      // A line between the key's indentation and the scalar's: an error, or a comment; yaml's.
      if (lineWidth > parentIndent) return undefined
      break
    }
    if (folded && lineWidth > width) return undefined
    last = end
  }
  for (let index = from; index < first; index++) if ((lines[index] as string).length > width) return undefined
  const content = lines.slice(from, last + 1).map((line) => (line.trim() === '' ? '' : line.slice(width)))
  let text: string
  if (folded) {
    text = ''
    let blanks = 0
    let started = false
    for (const line of content) {
      if (line === '') {
        blanks++
        continue
      }
      if (started) text += blanks > 0 ? '\n'.repeat(blanks) : ' '
      else text += '\n'.repeat(blanks)
      text += line
      blanks = 0
      started = true
    }
  } else {
    text = content.join('\n')
  }
  reader.index = last + 1
  return strip ? text : `${text}\n`
}

/** Block list items, all indented by `width`: scalars, or mappings (`- key: value` and keys below). */
function list(reader: Reader, width: number, depth: number): Array<Scalar | Record<string, unknown>> | undefined {
  const {lines} = reader
  const items: Array<Scalar | Record<string, unknown>> = []
  while (reader.index < lines.length) {
    const next = lines[reader.index] as string
    if (isBlankOrComment(next)) {
      reader.index++
      continue
    }
    const item = itemLine.exec(next)
    if (!item) break
    if ((item[1] as string).length !== width) return undefined
    const rest = item[2] ?? ''
    if (keyLine.test(rest)) {
      // `- key: value`: a mapping whose keys stand where this first one does.
      if (depth + 1 > maxDepth) return undefined
      const column = next.length - rest.length
      lines[reader.index] = ' '.repeat(column) + rest
      const mapped = mapping(reader, column, depth + 1)
      if (mapped === undefined) return undefined
      items.push(mapped)
      continue
    }
    const text = stripComment(rest)
    if (text === undefined || text === '') return undefined
    const value = scalar(text, false)
    if (value === undefined) return undefined
    items.push(value)
    reader.index++
  }
  return items
}

/** The next line that is not blank or a comment, without moving past it. */
function nextContent(reader: Reader): string | undefined {
  for (let index = reader.index; index < reader.lines.length; index++) {
    const line = reader.lines[index] as string
    if (!isBlankOrComment(line)) return line
  }
  return undefined
}

function indentOf(line: string): number {
  let width = 0
  while (line.charCodeAt(width) === 32) width++
  return width
}

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trimStart()
  return trimmed === '' || trimmed.startsWith('#')
}

/** The value without a trailing ` # comment` and spaces; undefined if a `#` could be content. */
function stripComment(value: string): string | undefined {
  const trimmed = value.trimEnd()
  if (trimmed.startsWith('#')) return ''
  if (trimmed.startsWith('"') || trimmed.startsWith("'") || trimmed.startsWith('[')) return trimmed
  const comment = trimmed.indexOf(' #')
  return comment === -1 ? trimmed : trimmed.slice(0, comment).trimEnd()
}

function flowOrScalar(text: string): Scalar | Scalar[] | undefined {
  if (!text.startsWith('[')) return scalar(text, false)
  const match = flowList.exec(text)
  if (!match) return undefined
  const inner = (match[1] as string).trim()
  if (inner === '') return []
  const items: Scalar[] = []
  for (const part of splitFlow(inner) ?? []) {
    const item = part.trim()
    // `[a, b,]` and `[a,,b]`: leave the edge cases to yaml.
    if (item === '') return undefined
    const value = scalar(item, true)
    if (value === undefined) return undefined
    items.push(value)
  }
  return items.length === 0 ? undefined : items
}

/** The items of a one-line flow list, split at commas outside quotes; undefined when a quote is left open. */
function splitFlow(inner: string): string[] | undefined {
  if (!inner.includes('"') && !inner.includes("'")) return inner.split(',')
  const parts: string[] = []
  let start = 0
  let index = 0
  while (index < inner.length) {
    const char = inner[index]
    if ((char === '"' || char === "'") && inner.slice(start, index).trim() === '') {
      let close = inner.indexOf(char, index + 1)
      while (char === "'" && close !== -1 && inner[close + 1] === "'") close = inner.indexOf(char, close + 2)
      if (close === -1) return undefined
      index = close + 1
      continue
    }
    if (char === ',') {
      parts.push(inner.slice(start, index))
      start = index + 1
    }
    index++
  }
  parts.push(inner.slice(start))
  return parts
}

/** One scalar, as the core schema resolves it; undefined when yaml should decide. */
function scalar(text: string, inFlow: boolean): Scalar | undefined {
  const first = text[0] as string
  if (first === '"') {
    const match = doubleQuoted.exec(text)
    return match ? (match[1] as string) : undefined
  }
  if (first === "'") {
    const match = singleQuoted.exec(text)
    return match ? (match[1] as string).replaceAll("''", "'") : undefined
  }
  // Indicators that start something else: collections, anchors, aliases, tags, block scalars…
  if ('[]{}&*!|>%@`#,?:-'.includes(first) && !(first === '-' && /^-[0-9.]/.test(text))) return undefined
  // `a: b` inside a plain scalar, or a flow indicator inside a flow item, is yaml's call.
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) return undefined
  if (inFlow && /[[\]{},]/.test(text)) return undefined
  if (text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null
  if (text === 'true' || text === 'True' || text === 'TRUE') return true
  if (text === 'false' || text === 'False' || text === 'FALSE') return false
  if (decimal.test(text)) {
    // Past 2^53 yaml keeps the digits as a string, with a warning: its path.
    const value = Number(BigInt(text))
    return Number.isSafeInteger(value) ? value : undefined
  }
  if (/^0[ox]/.test(text)) return undefined
  if (float.test(text)) {
    const value = Number.parseFloat(text)
    return Number.isFinite(value) ? value : undefined
  }
  if (/^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(text)) return undefined
  return text
}
