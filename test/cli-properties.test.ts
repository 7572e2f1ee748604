/**
 * Invariants of the CLI's pure parts, on generated inputs (the fast-check seed is printed by
 * test/setup.ts): any argument list is options or a one-line usage error with control characters
 * escaped; inline comments never throw and only `mdpost-` comments turn rules off; the JUnit
 * report is well-formed XML (no character XML 1.0 forbids) with one testcase per file, whatever the paths and messages.
 */
import fc from 'fast-check'
import {XMLParser, XMLValidator} from 'fast-xml-parser'
import {describe, expect, test} from 'vitest'
import {flagTable, parseCommandLine, UsageError} from '../dist/cli/args.js'
import {inlineDisabled} from '../dist/cli/inline.js'
import {junit} from '../dist/cli/report/junit.js'
import type {Problem} from '../dist/cli/report/problems.js'
import {sortProblems} from '../dist/cli/report/problems.js'

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
const control = /[\u0000-\u001f\u007f-\u009f]/

const token = fc.oneof(
  fc.constantFrom('check', 'site', 'feed', 'sitemap', 'parse', 'chekc', '-', '--', '-h', '-v', 'x.md'),
  fc.constantFrom(...flagTable.map((flag) => `--${flag.name}`)),
  fc.constantFrom('0', '-1', '1.5', 'https://example.org', 'notaurl', 'json', 'sarif', 'Europe/Madrid', '/blog', 'title,titel'),
  fc.string({maxLength: 12}),
  fc.string({unit: 'binary', maxLength: 8})
)

describe('the command line', () => {
  test('any arguments: typed options, or a UsageError of one line with control characters escaped', () => {
    fc.assert(
      fc.property(fc.array(token, {maxLength: 8}), (argv) => {
        try {
          const options = parseCommandLine(argv, () => false)
          expect(['parse', 'check', 'site', 'feed', 'sitemap']).toContain(options.command)
          if (options.jobs !== null) expect(options.jobs).toBeGreaterThanOrEqual(1)
          if (options.maxWarnings !== null) expect(Number.isInteger(options.maxWarnings)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError)
          expect((error as Error).message).not.toMatch(control)
        }
      })
    )
  })
})

describe('inline comments', () => {
  test('never throw; text without an mdpost- comment turns nothing off', () => {
    fc.assert(
      fc.property(fc.string({maxLength: 300}), fc.constantFrom('link-empty', 'section-empty'), fc.nat(40), (text, rule, line) => {
        const disabled = inlineDisabled(text)
        if (!text.includes('mdpost-')) expect(disabled(rule, line)).toBe(false)
      })
    )
  })

  test('a disable with no id turns every rule off from its line on, until an enable', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('text', '# heading', '[a](#b)', ''), {maxLength: 10}), fc.nat(12), (before, after) => {
        const lines = [...before, '<!-- mdpost-disable -->', ...Array.from({length: after}, () => 'text'), '<!-- mdpost-enable -->', 'last']
        const disabled = inlineDisabled(lines.join('\n'))
        const at = before.length + 1
        expect(disabled('any-rule', at - 1 || 0)).toBe(false)
        for (let line = at; line <= at + after; line++) expect(disabled('any-rule', line)).toBe(true)
        expect(disabled('any-rule', lines.length)).toBe(false)
      })
    )
  })
})

describe('the JUnit report', () => {
  const problem = (path: string): fc.Arbitrary<Problem> =>
    fc.record({
      path: fc.constant(path),
      ruleId: fc.constantFrom('link-empty', 'html-stripped'),
      severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      message: fc.string({unit: 'binary', maxLength: 30}),
      line: fc.integer({min: 1, max: 99}),
      column: fc.integer({min: 1, max: 99}),
      endLine: fc.integer({min: 1, max: 99}),
      endColumn: fc.integer({min: 1, max: 99})
    })

  test('well-formed XML, one testcase per file, any paths and messages', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.string({minLength: 1, maxLength: 12}), {maxLength: 5})
          .chain((paths) =>
            fc.tuple(
              fc.constant(paths.sort()),
              paths.length === 0 ? fc.constant([] as Problem[]) : fc.array(fc.constantFrom(...paths).chain(problem), {maxLength: 6})
            )
          ),
        fc.boolean(),
        ([files, problems], quiet) => {
          const xml = junit({files, problems: sortProblems(problems), quiet})
          expect(XMLValidator.validate(xml)).toBe(true)
          // Characters XML 1.0 does not allow, which the validator above does not look for.
          expect(xml).not.toMatch(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
          const parsed = new XMLParser({ignoreAttributes: false, isArray: (name) => name === 'testcase'}).parse(xml)
          expect(parsed.testsuites.testsuite.testcase ?? []).toHaveLength(files.length)
        }
      )
    )
  })
})
