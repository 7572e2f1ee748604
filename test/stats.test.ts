/**
 * Character counts: the shortcut for text without cluster-joining characters must give what
 * `Intl.Segmenter` gives. Compared on generated strings of every kind and on corpus text. This
 * test reads the sources, as it checks an internal of the package.
 */
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {countText, graphemes, isWordless} from '../src/stats.js'
import {corpusFiles, corpusPresent, decodeText} from './helpers/corpus.js'

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'})
const words = new Intl.Segmenter(undefined, {granularity: 'word'})
function referenceWords(text: string): number {
  let count = 0
  for (const {isWordLike} of words.segment(text)) if (isWordLike) count++
  return count
}

function reference(text: string): number {
  let count = 0
  for (const {segment} of segmenter.segment(text)) if (!/^\s+$/.test(segment)) count++
  return count
}

describe('grapheme count', () => {
  test('written cases', () => {
    for (const text of [
      'héllo wörld',
      'e\u0301',
      '👍🏽 ok',
      '👨‍👩‍👧',
      '🇪🇸🇫🇷',
      '한국어 한글',
      '\u1100\u1161\u11a8',
      'ก่า ำ',
      'a\r\nb',
      ' \u0301',
      '中文 日本語',
      // Prepend characters (Kawi sign repha, then a Bhaiksuki sign): one cluster with what follows.
      '\u{11F02}\u{11CB7}'
    ])
      expect(graphemes(text), text).toBe(reference(text))
  })

  test('every assigned code point, beside a letter and doubled, counts as the segmenter counts it', () => {
    // Unassigned and private-use code points are one cluster each for the segmenter, as for the
    // shortcut; the rest (about 155,000) are checked one by one.
    const mismatches: string[] = []
    let checked = 0
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const character = String.fromCodePoint(code)
      if (/\p{Cn}|\p{Co}/u.test(character)) continue
      checked++
      for (const text of [`${character}a`, `a${character}`, character + character]) {
        if (graphemes(text) !== reference(text)) {
          mismatches.push(code.toString(16))
          break
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000)
    expect(mismatches).toEqual([])
  })

  test('generated strings', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme', maxLength: 40}), fc.string({unit: 'binary', maxLength: 40}), (a, b) => {
        expect(graphemes(a)).toBe(reference(a))
        expect(graphemes(b)).toBe(reference(b))
      }),
      {numRuns: 3000}
    )
  })

  test.skipIf(!corpusPresent())('corpus text, in pieces: characters and words', () => {
    for (const file of corpusFiles()) {
      const text = decodeText(readFileSync(file))
      for (let start = 0; start < text.length; start += 256) {
        const piece = text.slice(start, start + 256)
        expect(graphemes(piece), file).toBe(reference(piece))
        // Chinese and Japanese characters are counted one by one in `cjk`, not as Segmenter words.
        if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(piece)) {
          expect(countText(piece).words, file).toBe(referenceWords(piece))
        }
      }
    }
  })
})

describe('word count on ASCII and typographic punctuation (the regex path)', () => {
  const alphabet = 'aZk09_ .,;:\'"!?@#$%&*+-/<=>()[]{}|~`\\\t\n\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026'
  test('generated strings: the same words as Intl.Segmenter', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), {maxLength: 30}), (chars) => {
        const text = chars.join('')
        expect(countText(text).words, JSON.stringify(text)).toBe(referenceWords(text))
        expect(countText(text).characters).toBe(reference(text))
      }),
      {numRuns: 5000}
    )
  })

  test('written cases', () => {
    for (const text of ["don't", 'don\u2019t stop', '3.14, 1,000;2', 'a:b a.b.c', 'snake_case __ _ x_1', 'end.\u2014Next', 'e.g. i.e.'])
      expect(countText(text).words, text).toBe(referenceWords(text))
  })
})

describe('pieces without words skip the word segmenter', () => {
  const accepted: string[] = []
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue
    const character = String.fromCodePoint(code)
    if (isWordless(character)) accepted.push(character)
  }

  test('every code point the shortcut takes has no word-like segment, alone, doubled or spaced', () => {
    expect(accepted.length).toBeGreaterThan(4000)
    expect(accepted).toContain('\uFFFD')
    const mismatches = accepted.filter((character) =>
      [character, character + character, `${character} .${character}`].some((text) => referenceWords(text) !== 0)
    )
    expect(mismatches).toEqual([])
    expect(isWordless('a')).toBe(false)
    expect(isWordless('\u202f')).toBe(false)
  })

  test('mixes of them too, counted as the segmenter counts them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...accepted), {maxLength: 30}), (characters) => {
        const text = characters.join('')
        expect(referenceWords(text)).toBe(0)
        expect(countText(text)).toEqual({words: 0, cjk: 0, characters: reference(text)})
      }),
      {numRuns: 3000}
    )
  })
})
