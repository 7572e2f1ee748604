/**
 * Character counts: the shortcut for text without cluster-joining characters must give what
 * `Intl.Segmenter` gives. Compared on generated strings of every kind and on corpus text. This
 * test reads the sources, as it checks an internal of the package.
 */
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {graphemes} from '../src/stats.js'
import {corpusFiles, corpusPresent, decodeText} from './helpers/corpus.js'

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'})
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
      '中文 日本語'
    ])
      expect(graphemes(text), text).toBe(reference(text))
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

  test.skipIf(!corpusPresent())('corpus text, in pieces', () => {
    for (const file of corpusFiles()) {
      const text = decodeText(readFileSync(file))
      for (let start = 0; start < text.length; start += 256) {
        const piece = text.slice(start, start + 256)
        expect(graphemes(piece), file).toBe(reference(piece))
      }
    }
  })
})
