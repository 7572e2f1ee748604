/**
 * Word and character counts. `Intl.Segmenter` finds words in every script; Han, Hiragana and
 * Katakana characters count one each (reading speed in Chinese and Japanese is measured in
 * characters). Segmenter is super-linear on long strings in Node 20, so text is cut at
 * whitespace into bounded pieces first; pieces of ASCII and typographic punctuation take a regex
 * path that gives the same counts as UAX #29.
 */

export interface TextCount {
  /** Words, CJ characters excluded. */
  words: number
  /** Han, Hiragana and Katakana characters. */
  cjk: number
  /** Grapheme clusters that are not whitespace. */
  characters: number
}

const pieceLength = 256
const cjPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
/**
 * Text of ASCII and common typographic punctuation (curly quotes, dashes, ellipsis, bullet, NBSP)
 * takes a regex path that follows UAX #29 for those characters: letters, digits and `_` join;
 * `:` `.` `'` `’` `‘` join two letters; `.` `,` `;` `'` `’` `‘` join two digits. A run counts as
 * a word when it has a letter or a digit or more than one character (ICU gives `__` word status
 * but not `_`), as `isWordLike` does (`test/stats.test.ts` compares).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
const simpleText = /^[\u0000-\u007f\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]*$/
const simpleWord = /(?:[A-Za-z0-9_]|(?<=[A-Za-z])[:.'\u2018\u2019](?=[A-Za-z])|(?<=[0-9])[.,;'\u2018\u2019](?=[0-9]))+/g
const letterOrDigit = /[A-Za-z0-9]/
const asciiSpace = /\s/g

/**
 * Characters that join a grapheme cluster with their neighbours (UAX #29: Extend, SpacingMark,
 * ZWJ, Prepend, Hangul jamo, regional indicators, emoji modifiers). Text without any is one
 * cluster per code point, and is counted without the grapheme segmenter. JavaScript has no
 * Grapheme_Cluster_Break property, so Prepend is listed by hand (Unicode 16, with Kawi's U+11F02
 * and Tulu-Tigalari's U+113D1), and so are the SpacingMarks that are letters, not Mc (Kirat Rai's
 * vowel signs). Listing a character too many only sends text to the segmenter. Every code point
 * beside `a` and doubled was checked against the segmenter of Node 20 (test/stats.test.ts).
 */
const clusterJoining =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each joining character is looked for on its own.
  /[\p{Grapheme_Extend}\p{Mc}\u200d\p{Regional_Indicator}\p{Emoji_Modifier}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0e33\u0eb3\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}\u{113D1}\u{16D63}\u{16D67}-\u{16D6A}]/u
const astral = /[\ud800-\udbff][\udc00-\udfff]/g
const whitespace = /\s+/g

let wordSegmenter: Intl.Segmenter | undefined
let graphemeSegmenter: Intl.Segmenter | undefined

export function emptyCount(): TextCount {
  return {words: 0, cjk: 0, characters: 0}
}

export function addCount(into: TextCount, from: TextCount): TextCount {
  into.words += from.words
  into.cjk += from.cjk
  into.characters += from.characters
  return into
}

/** Count words, CJ characters and non-whitespace grapheme clusters of `text`. */
export function countText(text: string): TextCount {
  const count = emptyCount()
  let start = 0
  while (start < text.length) {
    let end = Math.min(start + pieceLength, text.length)
    if (end < text.length) {
      // Looked for in a bounded window: a long run without whitespace (CJK text) stays linear.
      const space = text.slice(end, end + pieceLength * 4 + 1).search(/\s/)
      // A piece may run past the bound to reach whitespace, but never unboundedly far.
      end = space === -1 || space > pieceLength * 4 ? Math.min(end + pieceLength * 4, text.length) : end + space
      if (isLowSurrogate(text.charCodeAt(end))) end++
    }
    countPiece(text.slice(start, end), count)
    start = end
  }
  return count
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * Pieces made only of punctuation, symbols, whitespace and U+FFFD (what NUL bytes and bad
 * encodings become) hold no word a segmenter calls word-like: they skip the word segmenter.
 * The ranges are those checked against Intl.Segmenter code point by code point, alone, doubled
 * and mixed (test/stats.test.ts); letters, digits, marks, connectors, format characters and
 * U+202F (which UAX #29 joins words with) are never in them.
 */
const wordlessRanges =
  /^[\s!-/:-@[-^`{-~\u00a1-\u00b7\u00b9-\u00bf\u00d7\u00f7\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2190-\u23ff\u2500-\u27bf\u2900-\u2bff\u3001-\u3003\u3008-\u3011\u3014-\u301b\ufffd\u{1f300}-\u{1faff}]*$/u
const wordCharacters = /[\p{L}\p{N}\p{M}\p{Pc}\p{Cf}\u202f]/u

export function isWordless(piece: string): boolean {
  return wordlessRanges.test(piece) && !wordCharacters.test(piece)
}

function countPiece(piece: string, count: TextCount): void {
  if (isWordless(piece)) {
    count.characters += graphemes(piece)
    return
  }
  if (simpleText.test(piece)) {
    for (const word of piece.match(simpleWord) ?? []) if (word.length > 1 || letterOrDigit.test(word)) count.words++
    count.characters += piece.length - (piece.match(asciiSpace)?.length ?? 0)
    return
  }
  wordSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'word'})
  for (const {segment, isWordLike} of wordSegmenter.segment(piece)) {
    if (!isWordLike) continue
    if (cjPattern.test(segment)) {
      let cj = 0
      for (const char of segment) if (cjPattern.test(char)) cj++
      count.cjk += cj
      // Letters or digits mixed into a CJ run (`GPU加速`) still make one word.
      if (cj < [...segment].length) count.words++
    } else {
      count.words++
    }
  }
  count.characters += graphemes(piece)
}

/** Grapheme clusters that are not whitespace. */
export function graphemes(piece: string): number {
  if (!clusterJoining.test(piece)) {
    const visible = piece.replace(whitespace, '')
    return visible.length - (visible.match(astral)?.length ?? 0)
  }
  graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})
  let characters = 0
  for (const {segment} of graphemeSegmenter.segment(piece)) {
    if (!/^\s+$/.test(segment)) characters++
  }
  return characters
}

/** Minutes to read, rounded up; 0 only when there is nothing to read. */
export function readingMinutes(count: TextCount, wordsPerMinute: number): number {
  const minutes = count.words / wordsPerMinute + count.cjk / 500
  return minutes === 0 ? 0 : Math.ceil(minutes)
}
