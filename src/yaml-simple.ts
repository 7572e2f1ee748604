/**
 * A fast path for the front matter most posts have: `key: value` lines whose values are plain
 * or quoted scalars, one-line flow lists of them, block lists of them, or mappings of the same
 * (nested by indentation). It gives
 * exactly what yaml's YAML 1.2 core schema gives for that subset (test/yaml-simple.test.ts
 * compares both on every corpus post and on generated blocks), and `undefined` for anything
 * else — lists of mappings, block scalars, anchors, tags, escapes, odd numbers, duplicate keys —
 * which then goes to yaml with its errors and warnings. yaml costs about three times what this
 * does on a typical post, and most listings read only front matter.
 */

const keyLine = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*))?$/
const itemLine = /^([ ]*)-(?:[ ]+(.*))?$/
const doubleQuoted = /^"([^"\\]*)"(?:[ ]+#.*)?$/
const singleQuoted = /^'((?:[^']|'')*)'(?:[ ]+#.*)?$/
const flowList = /^\[([^[\]{}"'#]*)\](?:[ ]+#.*)?$/
const decimal = /^[-+]?[0-9]+$/
const float = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/

type Scalar = string | number | boolean | null

/** Nested mappings deeper than this go to yaml (checkComplexity has bounded the block already). */
const maxDepth = 16

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
      const items = list(reader, (item[1] as string).length)
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

/** Block list items of scalars, all indented by `width`. */
function list(reader: Reader, width: number): Scalar[] | undefined {
  const {lines} = reader
  const items: Scalar[] = []
  while (reader.index < lines.length) {
    const next = lines[reader.index] as string
    if (isBlankOrComment(next)) {
      reader.index++
      continue
    }
    const item = itemLine.exec(next)
    if (!item) break
    if ((item[1] as string).length !== width) return undefined
    const text = stripComment(item[2] ?? '')
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
  for (const part of inner.split(',')) {
    const item = part.trim()
    // `[a, b,]` and `[a,,b]`: leave the edge cases to yaml.
    if (item === '') return undefined
    const value = scalar(item, true)
    if (value === undefined) return undefined
    items.push(value)
  }
  return items
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
