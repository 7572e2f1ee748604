/**
 * Golden fixtures: fixtures/<area>/<case>/input.md (+ options.json) against post.json,
 * output.html and messages.txt. `UPDATE=1 npm test` rewrites goldens; in CI a missing
 * golden fails. A case may name its input with `input.path` (relative to the repository).
 */
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Diagnostic, type ParsedPost, type PostOptions, parsePost} from 'mdpost'
import {describe, expect, test} from 'vitest'

const root = new URL('../fixtures/', import.meta.url).pathname
const repository = new URL('../', import.meta.url).pathname
const update = process.env.UPDATE === '1'

const cases: string[] = []
for (const area of readdirSync(root)) {
  // Whole sites are test/site.test.ts's, test/generators.test.ts's and test/links.test.ts's fixtures.
  if (area === 'sites' || area === 'generators' || area === 'link-sites') continue
  const areaPath = join(root, area)
  if (!statSync(areaPath).isDirectory()) continue
  for (const name of readdirSync(areaPath)) {
    if (statSync(join(areaPath, name)).isDirectory()) cases.push(`${area}/${name}`)
  }
}

export function formatMessages(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.message} ${d.ruleId}`).join('\n')
}

function golden(folder: string, name: string, actual: string): void {
  const path = join(folder, name)
  if (update) {
    writeFileSync(path, actual)
    return
  }
  if (!existsSync(path)) {
    if (process.env.CI) throw new Error(`Missing golden ${path}: run \`UPDATE=1 npm test\` and review it`)
    writeFileSync(path, actual)
    return
  }
  expect(actual, `${path} differs`).toBe(readFileSync(path, 'utf8'))
}

describe('fixtures', () => {
  test('there are fixtures', () => {
    expect(cases.length).toBeGreaterThan(5)
  })

  for (const name of cases) {
    test(name, async () => {
      const folder = join(root, name)
      const pointer = join(folder, 'input.path')
      const inputPath = existsSync(pointer) ? join(repository, readFileSync(pointer, 'utf8').trim()) : join(folder, 'input.md')
      const optionsPath = join(folder, 'options.json')
      const options: PostOptions = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {}
      // Only a named input has a meaningful file name (for its slug and dates).
      const path = existsSync(pointer) ? inputPath.slice(repository.length) : null
      const post: ParsedPost = await parsePost(readFileSync(inputPath), {path, ...options})
      const {html, diagnostics, ...rest} = post
      golden(folder, 'post.json', `${JSON.stringify(rest, null, 2)}\n`)
      golden(folder, 'output.html', `${html}\n`)
      golden(folder, 'messages.txt', `${formatMessages(diagnostics)}\n`)
    })
  }
})
