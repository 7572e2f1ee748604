/**
 * A fast path for the front matter most posts have: top-level `key: value` lines whose values
 * are plain or quoted scalars, one-line flow lists of them, or block lists of them. It gives
 * exactly what yaml's YAML 1.2 core schema gives for that subset (test/yaml-simple.test.ts
 * compares both on every corpus post and on generated blocks), and `undefined` for anything
 * else — nested mappings, block scalars, anchors, tags, escapes, odd numbers, duplicate keys —
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

/** Parse `raw` if it is in the simple subset, else `undefined`. */
export function parseSimpleYaml(raw: string): Record<string, unknown> | undefined {
  if (raw.includes('\r') || raw.includes('\t') || !raw.isWellFormed()) return undefined
  const lines = raw.split('\n')
  const data = Object.create(null) as Record<string, unknown>
  let index = 0
  while (index < lines.length) {
    const line = lines[index] as string
    if (isBlankOrComment(line)) {
      index++
      continue
    }
    const match = keyLine.exec(line)
    if (!match) return undefined
    const key = match[1] as string
    // Keys are scalars too: `null:` or `true:` resolve to other keys in yaml.
    // yaml also refuses implicit keys over 1024 characters (KEY_OVER_1024_CHARS).
    if (key in data || key.length > 1000 || scalar(key, false) !== key) return undefined
    const rest = stripComment(match[2] ?? '')
    index++
    if (rest === undefined) return undefined
    if (rest !== '') {
      const value = flowOrScalar(rest)
      if (value === undefined) return undefined
      data[key] = value
      continue
    }
    // `key:` alone: a block list of scalars below it, or null.
    const items: Scalar[] = []
    let indent: number | null = null
    while (index < lines.length) {
      const next = lines[index] as string
      if (isBlankOrComment(next)) {
        index++
        continue
      }
      const item = itemLine.exec(next)
      if (!item) break
      const width = (item[1] as string).length
      if (indent === null) indent = width
      else if (width !== indent) return undefined
      const text = stripComment(item[2] ?? '')
      if (text === undefined || text === '') return undefined
      const value = scalar(text, false)
      if (value === undefined) return undefined
      items.push(value)
      index++
    }
    // Something indented that is not a list item (a nested mapping, a continuation line).
    if (index < lines.length && /^[ ]/.test(lines[index] as string) && !isBlankOrComment(lines[index] as string)) return undefined
    data[key] = indent === null ? null : items
  }
  return data
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
