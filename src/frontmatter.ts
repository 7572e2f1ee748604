/** Front matter: fence detection, YAML/TOML → JSON data, their errors → located diagnostics. */
import {parse as parseToml} from 'smol-toml'
import {type Document, isMap, isPair, isScalar, isSeq, parseDocument, type ScalarTag, visit, type YAMLError} from 'yaml'
import {quote, type Reporter} from './diagnostics.js'
import type {FrontmatterBlock} from './frontmatter-block.js'
import {findFencedHeaders, findHeaders, headersExtent, parseHeaders, reportUnreadHeaders} from './headers.js'
import {lines} from './lines.js'
import {lastAtOrBefore} from './search.js'
import {type ColonValue, colonValues, quoteColonValues} from './yaml-recover.js'
import {parseSimpleYaml, simpleYamlDepth} from './yaml-simple.js'

// Re-exported for the modules and tests that read a block with the functions below.
export type {FrontmatterBlock} from './frontmatter-block.js'

export interface FrontmatterLimits {
  maxFrontmatterBytes: number
  maxFrontmatterDepth: number
}

const fenceLine = /^(---|\+\+\+)[ \t]*$/

/**
 * Where a fence line may start: 0, or with `afterWhitespace` past blank lines, spaces, tabs
 * and byte order marks, as Hugo's page lexer skips them (`parser/pageparser/pagelexer_intro.go`).
 */
function fenceStart(text: string, afterWhitespace: boolean): number {
  if (!afterWhitespace) return 0
  const at = text.search(/[^ \t\r\n\uFEFF]/)
  if (at <= 0) return 0
  const end = text.slice(at).search(/[\r\n]|$/)
  return fenceLine.test(text.slice(at, at + end)) ? at : 0
}

/**
 * Find the front matter block at the very start of `text`: a `---` (YAML) or `+++` (TOML)
 * fence line, trailing spaces and tabs allowed, closed by the same fence or, for YAML, `...`;
 * with `afterWhitespace`, also after leading whitespace (Hugo). Returns `'unclosed'` for a
 * fence that never closes, null for no front matter; near misses that would otherwise be
 * rendered as body silently are reported.
 */
export function findFrontmatter(
  text: string,
  report: Reporter,
  headers: boolean | 'python-markdown' = false,
  afterWhitespace = false
): FrontmatterBlock | 'unclosed' | null {
  const begin = fenceStart(text, afterWhitespace)
  const first = lines(text, begin).next()
  if (first.done) return null
  const [, firstEnd, contentStart] = first.value
  const opening = text.slice(begin, firstEnd)
  const match = fenceLine.exec(opening)
  // Python-Markdown (Pelican): a `---` first line opens header lines, and `+++` opens nothing.
  if (headers === 'python-markdown' && match?.[1] === '---') return findFencedHeaders(text, contentStart)
  if (!match || (headers === 'python-markdown' && match[1] === '+++')) {
    const found = headers ? findHeaders(text) : null
    if (found) return found
    reportNearMiss(text, opening, report)
    if (!headers) reportUnreadHeaders(text, report)
    return null
  }
  const fence = match[1] as '---' | '+++'
  const closing = closingFence(text, fence, contentStart)
  if (closing) {
    const [start, end, line] = closing
    if (line === '...') reportSecondBlock(text, end, report)
    return {
      format: fence === '---' ? 'yaml' : 'toml',
      raw: text.slice(Math.min(contentStart, start), Math.max(start - lineEndingLength(text, start), contentStart)),
      start: begin,
      contentStart: Math.min(contentStart, text.length),
      end,
      closeAt: start,
      closer: line
    }
  }
  report.fatal(
    'frontmatter-unclosed',
    `Unexpected front matter fence ${quote(fence)} that is never closed, expected a closing ${quote(fence)} line`,
    {start: begin, end: firstEnd}
  )
  return 'unclosed'
}

/** The line that closes a block opened by `fence`: its start, its end and the fence it is. */
function closingFence(text: string, fence: '---' | '+++', from: number): [number, number, FrontmatterBlock['closer']] | null {
  for (const [start, end] of lines(text, from)) {
    const line = text.slice(start, end).trimEnd()
    if (line === fence || (fence === '---' && line === '...')) return [start, end, line]
  }
  return null
}

/** How far past the closing fence `reportSecondBlock` looks, and past the first line `reportNearMiss` does. */
const secondBlockWindow = 200
const nearMissWindow = 400

/**
 * How much of the start of `text` decides what `findFrontmatter` returns and reports: the
 * offset from which no character changes either, or -1 when that is the whole text (a
 * fence that does not close within it). parseFrontmatter decodes no more of a file than this.
 */
export function frontmatterExtent(text: string, afterWhitespace = false): number {
  const begin = fenceStart(text, afterWhitespace)
  // Leading whitespace up to the end of the text may still be followed by a fence.
  if (afterWhitespace && begin === 0 && /^[ \t\r\n\uFEFF]*$/.test(text)) return -1
  const first = lines(text, begin).next()
  if (first.done) return -1
  const [, firstEnd, contentStart] = first.value
  const match = fenceLine.exec(text.slice(begin, firstEnd))
  if (match) {
    const closing = closingFence(text, match[1] as '---' | '+++', contentStart)
    return closing ? closing[1] + secondBlockWindow : -1
  }
  // Header lines (read, or reported) run to the first blank line.
  if (/^[A-Za-z][A-Za-z0-9_ -]*:/.test(text)) {
    const blank = headersExtent(text)
    if (blank === -1) return -1
    return Math.max(blank, nearMissWindow)
  }
  // reportNearMiss reads the first characters, or blank lines, a fence line and a key line.
  const content = text.search(/[^ \t\r\n]/)
  if (content === -1) return -1
  let end = content
  let count = 0
  for (const [, , next] of lines(text, content)) {
    end = next
    if (++count === 2) break
  }
  return count === 2 ? Math.max(end, nearMissWindow) : -1
}

/**
 * After a `...` closer, a `---` line right away starts what its author probably meant as more
 * front matter (a second YAML document); it is body, as in Jekyll, and that is worth saying.
 */
function reportSecondBlock(text: string, closerEnd: number, report: Reporter): void {
  const next = /^(?:\r\n|\r|\n)(---)[ \t]*(?:\r\n|\r|\n)[\w-]+[ \t]*:/.exec(text.slice(closerEnd, closerEnd + secondBlockWindow))
  if (!next) return
  const at = closerEnd + next[0].indexOf('---')
  report.report(
    'frontmatter-suspicious',
    'warning',
    'Unexpected `---` block after front matter closed with `...`, expected one front matter block: this block is rendered as body',
    {start: at, end: at + 3}
  )
}

function lineEndingLength(text: string, lineStart: number): number {
  if (lineStart === 0) return 0
  if (text.charCodeAt(lineStart - 1) === 10 && text.charCodeAt(lineStart - 2) === 13) return 2
  return 1
}

function reportNearMiss(text: string, opening: string, report: Reporter): void {
  let reason: string | null = null
  let at = 0
  if (/^-{4,}[ \t]*$/.test(opening) && /\n[\w-]+:/.test(text.slice(0, nearMissWindow))) {
    reason = `Unexpected ${quote(opening.trim())} fence, expected exactly \`---\`: this block is rendered as body`
  } else if (/^(---|\+\+\+)[ \t]*[A-Za-z][\w-]*[ \t]*$/.test(opening)) {
    reason = `Unexpected front matter fence with a language ${quote(opening.trim())}, expected a bare \`${opening.slice(0, 3)}\` line: this block is rendered as body`
  } else if (/^[ \t]+(---|\+\+\+)[ \t]*$/.test(opening)) {
    reason = 'Unexpected indented front matter fence, expected `---` at the start of the line: this block is rendered as body'
  } else if (/^\{\s*$/.test(opening) || /^\{\s*"[^"]*"\s*:/.test(opening)) {
    reason = 'Unexpected JSON front matter, which mdpost does not read: it is rendered as body; use YAML (`---`) or TOML (`+++`)'
  } else {
    const leading = /^(?:[ \t]*(?:\r\n|\r|\n))+(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)[\w-]+[ \t]*[:=]/.exec(text)
    if (leading) {
      at = text.indexOf(leading[1] as string)
      reason = 'Unexpected front matter after blank lines, expected it at the very start of the file: this block is rendered as body'
    }
  }
  if (reason) report.report('frontmatter-suspicious', 'warning', reason, {start: at, end: at + 3})
}

/** Check size and nesting before handing text to yaml, which can abort Node on deep flow nesting. */
function checkComplexity(block: FrontmatterBlock, limits: FrontmatterLimits, report: Reporter): boolean {
  const {raw, contentStart} = block
  if (raw.length > limits.maxFrontmatterBytes) {
    report.fatal(
      'frontmatter-too-complex',
      `Unexpected front matter of ${raw.length} characters, expected at most ${limits.maxFrontmatterBytes} (option \`maxFrontmatterBytes\`)`,
      {start: contentStart, end: contentStart}
    )
    return false
  }
  const deepAt = deepestNesting(raw, limits.maxFrontmatterDepth)
  if (deepAt !== -1) {
    report.fatal(
      'frontmatter-too-complex',
      `Unexpected front matter nested deeper than ${limits.maxFrontmatterDepth} levels (option \`maxFrontmatterDepth\`)`,
      {start: contentStart + deepAt, end: contentStart + deepAt + 1}
    )
    return false
  }
  return true
}

/**
 * Offset where flow (`[`, `{`) or block (indentation) nesting first exceeds `max`, or -1.
 * One pass; quoted scalars are skipped where a quote can open one.
 */
export function deepestNesting(raw: string, max: number): number {
  let flow = 0
  const indents: number[] = []
  let lineStart = true
  let indent = 0
  let previous = '\n'
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index] as string
    if (char === '\n' || char === '\r') {
      lineStart = true
      indent = 0
      previous = '\n'
      continue
    }
    if (lineStart) {
      if (char === ' ' || char === '-') {
        indent++
        continue
      }
      lineStart = false
      if (char !== '#') {
        while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop()
        indents.push(indent)
        if (indents.length > max) return index
      }
    }
    if (char === '#' && (previous === ' ' || previous === '\n' || previous === '\t')) {
      while (index + 1 < raw.length && raw[index + 1] !== '\n' && raw[index + 1] !== '\r') index++
      continue
    }
    if ((char === '"' || char === "'") && /[\s:[{,\n-]/.test(previous)) {
      index = skipQuoted(raw, index, char)
      previous = char
      continue
    }
    if (char === '[' || char === '{') {
      flow++
      if (flow > max) return index
    } else if ((char === ']' || char === '}') && flow > 0) {
      flow--
    }
    previous = char
  }
  return -1
}

function skipQuoted(raw: string, open: number, quoteChar: string): number {
  for (let index = open + 1; index < raw.length; index++) {
    const char = raw[index]
    if (quoteChar === '"' && char === '\\') index++
    else if (char === quoteChar) {
      if (quoteChar === "'" && raw[index + 1] === "'") index++
      else return index
    }
  }
  return raw.length
}

/** Parse a front matter block into JSON data (null-prototype objects), reporting every problem. */
export function parseFrontmatterData(block: FrontmatterBlock, limits: FrontmatterLimits, report: Reporter): Record<string, unknown> | null {
  if (block.raw.length <= limits.maxFrontmatterBytes && block.format === 'yaml' && limits.maxFrontmatterDepth >= simpleYamlDepth) {
    // The fast path nests no deeper than its own bound and gives JSON data already.
    const simple = parseSimpleYaml(block.raw)
    if (simple !== undefined) return simple
  }
  if (!checkComplexity(block, limits, report)) return null
  if (block.format === 'headers') return parseHeaders(block)
  const data = block.format === 'yaml' ? parseYaml(block, report) : parseTomlBlock(block, report)
  if (data === undefined) return null
  if (data === null) return Object.create(null) as Record<string, unknown>
  if (typeof data !== 'object' || Array.isArray(data)) {
    report.fatal(
      'frontmatter-not-mapping',
      `Unexpected front matter that is ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}, expected a mapping of keys to values`,
      {start: block.contentStart, end: block.contentStart + block.raw.length}
    )
    return null
  }
  return toJson(data, block, report) as Record<string, unknown>
}

/**
 * `!!timestamp` keeps the string as written: yaml would make a `Date` and roll `2018-02-30`
 * over to March 2; mdpost's own date parser validates the string instead.
 */
const timestampAsWritten: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  identify: () => false,
  resolve: (source: string) => source
}

export function parseYaml(block: FrontmatterBlock, report: Reporter): unknown {
  const base = block.contentStart
  const doc = readYaml(block.raw)
  for (const warning of doc.warnings) {
    report.report('frontmatter-yaml', 'warning', `${warning.message} (${warning.code})`, {
      start: base + warning.pos[0],
      end: base + warning.pos[1]
    })
  }
  const values = colonValues(block.raw, doc.errors)
  const errors = [...inWords(doc.errors, values), ...duplicateKeys(doc.contents)].sort((a, b) => a.pos[0] - b.pos[0])
  reportNonJson(doc.contents, base, report)
  if (errors.length > 0) {
    for (const each of errors) {
      report.fatal('frontmatter-yaml', `${each.message} (${each.code})`, {
        start: base + each.pos[0],
        end: base + each.pos[1]
      })
    }
    // Not strict: keep every key yaml could read (a repeated key keeps its last value, as
    // Jekyll's Psych does), an unquoted value with `: ` as the string it meant; each problem
    // is an error diagnostic above.
    if (!report.strict && isMap(doc.contents)) return recover(values.length > 0 ? readYaml(quoteColonValues(block.raw, values)) : doc)
    return undefined
  }
  try {
    return doc.toJS({maxAliasCount: 100})
  } catch (caught) {
    report.fatal(
      'frontmatter-too-complex',
      `Unexpected YAML aliases that expand too much, expected at most 100 (${(caught as Error).message})`,
      {start: base, end: base}
    )
    return undefined
  }
}

function readYaml(raw: string): Document.Parsed {
  return parseDocument(raw, {
    schema: 'core',
    version: '1.2',
    prettyErrors: false,
    logLevel: 'silent',
    merge: true,
    // YAML 1.1 types (`!!binary`, `!!set`, `!!omap`, `!!pairs`) are not JSON: their tags stay
    // unresolved, which yaml reports as a warning, and the values stay strings and collections.
    resolveKnownTags: false,
    // Integers as BigInt so that one past 2^53 can be kept exactly, as a string.
    intAsBigInt: true,
    customTags: [timestampAsWritten],
    // yaml compares each key with every earlier one: O(keys²). mdpost checks with a Set instead.
    uniqueKeys: false
  })
}

interface BlockError {
  message: string
  code: string
  pos: [number, number]
}

/**
 * yaml's errors as messages: an unquoted value with `: ` once, at its start, saying what to
 * write (yaml reports it as a nested mapping, and once more for each further `: ` or line).
 */
function inWords(errors: readonly YAMLError[], values: readonly ColonValue[]): BlockError[] {
  const starts = values.map((value) => value.start)
  const result: BlockError[] = []
  for (const error of errors) {
    const value = values[lastAtOrBefore(starts, error.pos[0])]
    if (value && error.pos[0] === value.start && error.code === 'BLOCK_AS_IMPLICIT_KEY') {
      result.push({
        message: `Unexpected colon in an unquoted value, expected the value in quotes: ${quote(JSON.stringify(value.value), 60)}`,
        code: error.code,
        pos: error.pos
      })
    } else if (!value || error.pos[0] < value.start || error.pos[0] >= value.end) {
      result.push({message: `Unexpected YAML: ${error.message}`, code: error.code, pos: error.pos})
    }
  }
  return result
}

function recover(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({maxAliasCount: 100})
  } catch {
    return undefined
  }
}

function parseTomlBlock(block: FrontmatterBlock, report: Reporter): unknown {
  try {
    return parseToml(block.raw)
  } catch (caught) {
    const error = caught as Error & {line?: number; column?: number}
    const offset = offsetOfLineColumn(block.raw, error.line ?? 1, error.column ?? 1)
    const reason = error.message.split('\n')[0]
    report.fatal('frontmatter-toml', `Unexpected TOML: ${reason}`, {start: block.contentStart + offset, end: block.contentStart + offset})
    return undefined
  }
}

function offsetOfLineColumn(text: string, line: number, column: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return text.length
    offset = next + 1
  }
  return Math.min(offset + column - 1, text.length)
}

/** Keys repeated in one mapping, as yaml's own `DUPLICATE_KEY` errors; `<<` merge keys may repeat. */
function duplicateKeys(contents: unknown): BlockError[] {
  const found: BlockError[] = []
  visit(contents as Parameters<typeof visit>[0], {
    Map(_, map) {
      const seen = new Set<unknown>()
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue
        const {value, range} = pair.key
        if (value === '<<') continue
        if (seen.has(value))
          found.push({message: 'Unexpected YAML: Map keys must be unique', code: 'DUPLICATE_KEY', pos: [range?.[0] ?? 0, range?.[1] ?? 0]})
        seen.add(value)
      }
    }
  })
  return found
}

/**
 * Report, at their place, what `toJson` will change: non-string keys (stringified), numbers
 * that JSON cannot hold (kept as strings), lone surrogates (U+FFFD). One linear walk; aliases
 * are not followed.
 */
function reportNonJson(contents: unknown, base: number, report: Reporter): void {
  const at = (node: {range?: [number, number, number] | null | undefined}) => {
    const range = node.range ?? [0, 0, 0]
    return {start: base + range[0], end: base + range[1]}
  }
  visit(contents as Parameters<typeof visit>[0], {
    Pair(_, pair) {
      if (isPair(pair) && (isMap(pair.key) || isSeq(pair.key))) {
        report.report(
          'frontmatter-yaml',
          'warning',
          'Unexpected complex (non-string) key in front matter, kept as its YAML text',
          at(pair.key)
        )
      }
    },
    Scalar(_, node) {
      if (!isScalar(node)) return
      const {value} = node
      if (typeof value === 'bigint' && !isSafe(value)) {
        report.report(
          'frontmatter-yaml',
          'warning',
          `Unexpected integer \`${value}\` too large for a JSON number, kept as a string`,
          at(node)
        )
      } else if (typeof value === 'number' && !Number.isFinite(value)) {
        report.report(
          'frontmatter-yaml',
          'warning',
          `Unexpected non-finite number \`${value}\` in front matter, kept as a string`,
          at(node)
        )
      } else if (typeof value === 'string' && !value.isWellFormed()) {
        report.report('frontmatter-yaml', 'warning', 'Unexpected lone surrogate in a front matter string, replaced with U+FFFD', at(node))
      }
    }
  })
}

function isSafe(value: bigint): boolean {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
}

/**
 * Metadata is JSON data only: null-prototype objects (so `__proto__` keys stay plain keys),
 * arrays, strings, booleans, null and finite numbers. TOML dates become their written
 * ISO strings; other values are reported and kept as strings.
 */
function toJson(value: unknown, block: FrontmatterBlock, report: Reporter): unknown {
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'string') return value.toWellFormed()
  if (typeof value === 'bigint') return isSafe(value) ? Number(value) : String(value)
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value
    // YAML reported it at its place already; TOML (`inf`, `nan`) has no positions to give.
    if (block.format === 'toml') {
      report.report('frontmatter-toml', 'warning', `Unexpected non-finite number \`${value}\` in front matter, kept as a string`, {
        start: block.contentStart,
        end: block.contentStart
      })
    }
    return String(value)
  }
  if (Array.isArray(value)) return value.map((item) => toJson(item, block, report))
  // smol-toml's dates print as written, but with `.000` milliseconds added.
  if (value instanceof Date) return value.toISOString().replace(/\.000(?=$|[Zz+-])/, '')
  if (typeof value === 'object') {
    const result = Object.create(null) as Record<string, unknown>
    for (const key of Object.keys(value)) {
      result[key.toWellFormed()] = toJson((value as Record<string, unknown>)[key], block, report)
    }
    return result
  }
  return String(value)
}
