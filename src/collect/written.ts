/**
 * Where decoded text was written in the source. Markdown text reaches the tree decoded: a
 * backslash escape (`www\.x.org`) or a character reference (`a&#64;b.org`, `&#0;`) is one
 * character there and several in the file. GFM literal autolinks come without a position, so
 * mdpost looks for their text as written, decoding the source as micromark does.
 */
import {decodeNamedCharacterReference} from 'decode-named-character-reference'
import {decodeNumericCharacterReference} from 'micromark-util-decode-numeric-character-reference'

const reference = /&(?:#([xX])([0-9a-fA-F]{1,6});|#([0-9]{1,7});|([a-zA-Z][a-zA-Z0-9]{0,31});)/y
const asciiPunctuation = /[!-/:-@[-`{-~]/

/**
 * The first `[start, end)` in `source` between `from` and `to` whose decoded text is `written`,
 * or null. Tries each start in turn, so one call costs the span times the few characters a
 * mismatch takes to show.
 */
export function findWritten(source: string, from: number, to: number, written: string): [number, number] | null {
  if (written === '') return null
  const first = written.charCodeAt(0)
  for (let start = from; start < to; start++) {
    const code = source.charCodeAt(start)
    // Only the character itself, a reference or an escape can start it.
    if (code !== first && code !== 38 /* & */ && code !== 92 /* \ */) continue
    const end = matchAt(source, start, to, written)
    if (end !== -1) return [start, end]
  }
  return null
}

/** The end of `written` decoded from `source` at `start` (before `to`), or -1. */
function matchAt(source: string, start: number, to: number, written: string): number {
  let at = start
  let index = 0
  while (index < written.length) {
    if (at >= to) return -1
    const [decoded, length] = decodeOne(source, at, to)
    if (!written.startsWith(decoded, index)) return -1
    index += decoded.length
    at += length
  }
  return at
}

/** One character of markdown text at `at`, decoded, and how many source characters it took. */
function decodeOne(source: string, at: number, to: number): [string, number] {
  const code = source.charCodeAt(at)
  if (code === 92 /* \ */ && at + 1 < to && asciiPunctuation.test(source.charAt(at + 1))) return [source.charAt(at + 1), 2]
  if (code === 38 /* & */) {
    reference.lastIndex = at
    const match = reference.exec(source)
    if (match && reference.lastIndex <= to) {
      const [whole, hex, hexDigits, decimal, name] = match
      if (name !== undefined) {
        const value = decodeNamedCharacterReference(name)
        if (value !== false) return [value, whole.length]
      } else {
        const value = decodeNumericCharacterReference(hex ? (hexDigits as string) : (decimal as string), hex ? 16 : 10)
        return [value, whole.length]
      }
    }
  }
  return [source.charAt(at), 1]
}
