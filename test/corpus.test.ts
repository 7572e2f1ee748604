/**
 * Every real post in ../shared/corpus parses, or fails with a documented PostParseError
 * listed here with its rule id. CI fails when the corpus is missing; elsewhere it skips.
 */
import {readFileSync} from 'node:fs'
import {PostParseError, parseFrontmatter, parsePost} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {corpusFiles, corpusPresent, corpusRoot, decodeText} from './helpers/corpus.js'

/** Posts that are broken on purpose (Jekyll's own test fixtures), with the rule they break. */
const expectedFailures: Record<string, string> = {
  'jekyll-test-fixtures/bad_post.md': 'frontmatter-yaml'
}

const present = corpusPresent()
if (!present) console.warn(`Skipping the corpus sweep: no corpus at ${corpusRoot}`)

describe.skipIf(!present)('corpus', () => {
  test('every post parses or fails with its documented rule', async () => {
    const files = corpusFiles()
    expect(files.length).toBeGreaterThan(500)
    const failures: Record<string, string> = {}
    for (const file of files) {
      const name = file.slice(corpusRoot.length)
      try {
        const post = await parsePost(readFileSync(file), {path: name})
        expect(typeof post.html).toBe('string')
        expect(JSON.parse(JSON.stringify(post)).html).toBe(post.html)
      } catch (error) {
        if (!(error instanceof PostParseError)) throw new Error(`${name}: ${String(error)}`)
        expect(error.message).toContain(name)
        failures[name] = error.ruleId
      }
    }
    expect(failures).toEqual(expectedFailures)
  })

  test('parseFrontmatter decodes only the start of a file and reads the same as from the whole text', () => {
    const strict = new TextDecoder('utf-8', {fatal: true})
    let compared = 0
    for (const file of corpusFiles()) {
      const bytes = readFileSync(file)
      try {
        strict.decode(bytes)
      } catch {
        continue // not UTF-8: the whole-text reading would differ by its U+FFFDs
      }
      const path = file.slice(corpusRoot.length)
      const read = (input: string | Uint8Array) => {
        try {
          return parseFrontmatter(input, {path, strict: false})
        } catch (error) {
          return String(error)
        }
      }
      expect(read(bytes), path).toEqual(read(decodeText(bytes)))
      compared++
    }
    expect(compared).toBeGreaterThan(500)
  })
})
