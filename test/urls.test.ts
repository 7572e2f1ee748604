/**
 * The scheme of a markdown URL is read without percent-encoding it first: `markdownScheme(url)`
 * must give what `schemeOf(normalizeUri(url))` gives (the URL remark-rehype writes into the
 * HTML). Compared on written cases and generated strings. This test reads the sources, as it
 * checks an internal of the package.
 */
import fc from 'fast-check'
import {normalizeUri} from 'micromark-util-sanitize-uri'
import {expect, test} from 'vitest'
import {markdownScheme, schemeOf} from '../src/urls.js'

const reference = (url: string) => schemeOf(normalizeUri(url))

test('written cases', () => {
  const cases: Array<[string, string | null]> = [
    ['https://a.example/x', 'https'],
    ['JavaScript:alert(1)', 'javascript'],
    [' javascript:alert(1)', null],
    ['java\tscript:x', null],
    ['\u0000javascript:x', null],
    ['a+b.c-d:rest', 'a+b.c-d'],
    ['1http:x', null],
    ['%6Aavascript:x', null],
    ['jav%61script:x', null],
    ['é:x', null],
    ['\ud800:x', null],
    ['/relative:colon', null],
    ['foo):bar', null],
    ['mailto:someone@example.com', 'mailto'],
    ['', null],
    [':', null]
  ]
  for (const [url, scheme] of cases) {
    expect(reference(url), url).toBe(scheme)
    expect(markdownScheme(url), url).toBe(scheme)
  }
})

test('agrees with schemeOf(normalizeUri(url)) on generated URLs', () => {
  const part = fc.oneof(
    fc.constantFrom(
      'javascript',
      'http',
      'a',
      'Z9',
      '+',
      '-',
      '.',
      ':',
      '%',
      '%6A',
      ' ',
      '\t',
      '\n',
      '\u0000',
      '\u007f',
      'é',
      '\ud800',
      '/',
      '#',
      '?',
      ')'
    ),
    fc.string({maxLength: 4}),
    fc.string({unit: 'grapheme', maxLength: 3})
  )
  fc.assert(
    fc.property(fc.array(part, {maxLength: 8}), (parts) => {
      const url = parts.join('')
      expect(markdownScheme(url)).toBe(reference(url))
    }),
    {numRuns: 2000}
  )
})
