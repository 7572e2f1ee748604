/**
 * Every real post in ../shared/corpus parses, or fails with a documented PostParseError
 * listed here with its rule id. CI fails when the corpus is missing; elsewhere it skips.
 */
import {readFileSync} from 'node:fs'
import {PostParseError, parsePost} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {corpusFiles, corpusPresent, corpusRoot} from './helpers/corpus.js'

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
})
