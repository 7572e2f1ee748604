/** Turning input bytes or strings into the text mdpost parses. */

export interface DecodeProblem {
  message: string
  /** Offset in the decoded text where the problem shows. */
  offset: number
}

export interface Decoded {
  text: string
  problem: DecodeProblem | null
}

const utf8 = new TextDecoder('utf-8', {fatal: false, ignoreBOM: false})
const strictUtf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false})

/**
 * Decode a post. UTF-8 (BOM stripped) and UTF-16 with a BOM are decoded; bytes that are
 * not valid UTF-8, and UTF-16 without a BOM, are a problem: the caller decides whether
 * that is fatal. NUL becomes U+FFFD (the CommonMark security rule), which keeps offsets.
 */
export function decode(input: string | Uint8Array): Decoded {
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
    return {text: replaceNul(text), problem: null}
  }

  if (input[0] === 0xff && input[1] === 0xfe) {
    return {text: replaceNul(new TextDecoder('utf-16le').decode(input)), problem: null}
  }
  if (input[0] === 0xfe && input[1] === 0xff) {
    return {text: replaceNul(new TextDecoder('utf-16be').decode(input)), problem: null}
  }

  const valid = strictDecode(input)
  const decoded = valid ?? utf8.decode(input)
  // NUL is looked for in the bytes, where the search is cheapest.
  const text = input.indexOf(0) === -1 ? decoded : decoded.replaceAll('\0', '\uFFFD')
  const invalidAt = valid === null ? firstInvalidUtf8(input) : -1
  if (invalidAt !== -1) {
    const offset = utf8.decode(input.subarray(0, invalidAt)).length
    return {
      text,
      problem: {message: `Unexpected bytes that are not UTF-8 at byte ${invalidAt}, expected UTF-8 or UTF-16 with a BOM`, offset}
    }
  }
  if (looksLikeUtf16WithoutBom(input)) {
    return {
      text,
      problem: {message: 'Unexpected UTF-16 without a byte order mark, expected UTF-8 or UTF-16 with a BOM', offset: 0}
    }
  }
  return {text, problem: null}
}

/**
 * Decode no more of `input` than `enough` needs: growing prefixes, each cut just after a line
 * feed (a character boundary in UTF-8), until `enough(prefix)` holds; else the whole input.
 * Bytes past the prefix are not decoded, so problems there are not found. Strings and UTF-16
 * are decoded whole.
 */
export function decodePrefix(input: string | Uint8Array, enough: (text: string) => boolean, first = 2048): Decoded {
  if (typeof input === 'string' || input[0] === 0xff || input[0] === 0xfe) {
    // Strings, and UTF-16 by its BOM (0xFF and 0xFE cannot start UTF-8 either way).
    return decode(input)
  }
  for (let size = first; size < input.length; size *= 4) {
    const cut = input.indexOf(10, size)
    if (cut === -1) break
    const prefix = decode(input.subarray(0, cut + 1))
    if (enough(prefix.text)) return prefix
  }
  return decode(input)
}

/** Whether the input is over `max` bytes (UTF-8 bytes for a string), counting only when it could be. */
export function exceedsBytes(input: string | Uint8Array, max: number): number | null {
  if (typeof input !== 'string') return input.byteLength > max ? input.byteLength : null
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  if (input.length * 3 <= max) return null
  // Counted only until the limit is passed: the answer is then "more than max".
  let bytes = 0
  for (let index = 0; index < input.length; index++) {
    const code = input.charCodeAt(index)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && (input.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      index++
    } else bytes += 3
    if (bytes > max) return bytes
  }
  return null
}

/** The native strict decoder checks validity in the same pass; null when the bytes are not UTF-8. */
function strictDecode(input: Uint8Array): string | null {
  try {
    return strictUtf8.decode(input)
  } catch {
    return null
  }
}

function replaceNul(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 (overlongs and surrogates are invalid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const length = bytes.length
  let index = 0
  while (index < length) {
    const byte = bytes[index] as number
    if (byte < 0x80) {
      index++
      continue
    }
    let needed: number
    let min: number
    let max = 0xbf
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1
      min = 0x80
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2
      min = byte === 0xe0 ? 0xa0 : 0x80
      if (byte === 0xed) max = 0x9f
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3
      min = byte === 0xf0 ? 0x90 : 0x80
      if (byte === 0xf4) max = 0x8f
    } else {
      return index
    }
    for (let k = 1; k <= needed; k++) {
      const next = bytes[index + k]
      if (next === undefined) return index
      const low = k === 1 ? min : 0x80
      const high = k === 1 ? max : 0xbf
      if (next < low || next > high) return index
    }
    index += needed + 1
  }
  return -1
}

/** NUL in every other byte of the first kilobyte is UTF-16 text, not a post with a few NULs. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 1024) & ~1
  if (sample < 4) return false
  let evenNul = 0
  let oddNul = 0
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) evenNul++
    if (bytes[index + 1] === 0) oddNul++
  }
  const pairs = sample / 2
  return (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) || (oddNul > pairs * 0.4 && evenNul < pairs * 0.05)
}
