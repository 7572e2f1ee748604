/**
 * README's examples, run as written: every ```js block of the "Use" and "API" sections, in a
 * child Node process, from a temporary folder whose `node_modules` links `mdpost` to this
 * repository (its built `dist/`, as a user's install would give) beside the repository's own
 * dependencies (unified, rehype-highlight, @shikijs/rehype…). Nothing in a block is rewritten.
 *
 * - A block that leaves out, for brevity, an import or an input (`text`, `bytes`, `paths`) gets
 *   it from `prelude` below, only when it uses that name and does not define it.
 * - Where `console.log(…)` lines are followed by `// …` lines, what the block prints must be
 *   what those comments say.
 * - The folder holds `my-blog/` (a copy of `fixtures/sites/jekyll`) for the `openSite` example.
 * - Not run: the `sh` blocks (the CLI has its own tests, test/cli.test.ts), and the `ts` block of
 *   "Types", outside these sections (its types are checked by test/types/api.ts).
 */
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

const root = new URL('..', import.meta.url).pathname
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const sample = join(root, 'fixtures', 'pycon-2018.md')

interface Block {
  section: string
  line: number
  code: string
}

/** The ```js blocks between `## Use` and the next `##` after `## API`. */
function blocks(): Block[] {
  const found: Block[] = []
  const lines = readme.split('\n')
  let section = ''
  let inside: Block | null = null
  for (const [index, line] of lines.entries()) {
    if (inside) {
      if (line.startsWith('```')) {
        found.push(inside)
        inside = null
      } else inside.code += `${line}\n`
      continue
    }
    const heading = /^(#{2,3}) (.*)$/.exec(line)
    if (heading) {
      if (heading[1] === '##') section = heading[2] === 'Use' || heading[2] === 'API' ? (heading[2] as string) : ''
      else if (section) section = `${section.split(' > ')[0]} > ${heading[2]}`
      continue
    }
    if (section && /^```js\s*$/.test(line)) inside = {section, line: index + 1, code: ''}
  }
  return found
}

/** What a block may leave out: a name, and the code that defines it. */
const prelude: Array<[name: string, code: string]> = [
  ['readFileSync', "import {readFileSync} from 'node:fs'"],
  ['parsePost', "import {parsePost} from 'mdpost'"],
  ['remarkPost', "import {remarkPost} from 'mdpost'"],
  ['remarkLinear', "import {remarkLinear} from 'mdpost'"],
  ['linearHandlers', "import {linearHandlers} from 'mdpost'"],
  ['unified', "import {unified} from 'unified'"],
  ['remarkParse', "import remarkParse from 'remark-parse'"],
  ['remarkFrontmatter', "import remarkFrontmatter from 'remark-frontmatter'"],
  ['remarkRehype', "import remarkRehype from 'remark-rehype'"],
  ['rehypeStringify', "import rehypeStringify from 'rehype-stringify'"],
  ['text', `const text = readFileSync(${JSON.stringify(sample)}, 'utf8')`],
  ['bytes', `const bytes = readFileSync(${JSON.stringify(sample)})`],
  ['paths', `const paths = [${JSON.stringify(sample)}]`]
]

function defines(code: string, name: string): boolean {
  const imported = new RegExp(`^import\\s+(?:\\{[^}]*\\b${name}\\b[^}]*\\}|${name})\\s+from`, 'm')
  const declared = new RegExp(`\\b(?:const|let|var|function|class)\\s+(?:\\{[^}]*\\b)?${name}\\b`)
  return imported.test(code) || declared.test(code)
}

/** The block, with what it leaves out before it (in prelude order: imports, then inputs). */
function runnable(code: string): string {
  const added: string[] = []
  // Backwards, so that an input read from the sample brings `readFileSync`, which comes first.
  for (const [name, line] of [...prelude].reverse()) {
    const uses = new RegExp(`\\b${name}\\b`).test(code) || added.some((entry) => new RegExp(`\\b${name}\\b`).test(entry))
    if (uses && !defines(code, name)) added.unshift(line)
  }
  return `${added.join('\n')}\n${code}`
}

/** The `// …` lines right after `console.log(…)` lines, one printed line each. */
function expectedOutput(code: string): string[] {
  const lines = code.split('\n')
  const expected: string[] = []
  for (const [index, line] of lines.entries()) {
    if (!/console\.log\(/.test(line)) continue
    for (let next = index + 1; next < lines.length && /^\/\/ ?/.test(lines[next] as string); next++) {
      expected.push((lines[next] as string).replace(/^\/\/ ?/, ''))
    }
  }
  return expected
}

let folder = ''

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'mdpost-readme-'))
  // node_modules: the repository's dependencies, and mdpost itself, linked.
  const modules = join(folder, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name.startsWith('.')) continue
    symlinkSync(join(root, 'node_modules', name), join(modules, name))
  }
  symlinkSync(root, join(modules, 'mdpost'))
  writeFileSync(join(folder, 'package.json'), JSON.stringify({name: 'readme-examples', private: true, type: 'module'}))
  cpSync(join(root, 'fixtures', 'sites', 'jekyll'), join(folder, 'my-blog'), {recursive: true})
})

afterAll(() => {
  if (folder) rmSync(folder, {recursive: true, force: true})
})

describe("README's examples", () => {
  const found = blocks()

  test('there are examples in Use and API', () => {
    expect(found.filter((block) => block.section === 'Use')).toHaveLength(1)
    expect(found.length).toBeGreaterThanOrEqual(8)
  })

  test.each(found.map((block) => [`${block.section} (README.md:${block.line})`, block] as const))('%s', (_, block) => {
    const file = join(folder, `example-${block.line}.mjs`)
    writeFileSync(file, runnable(block.code))
    const run = spawnSync(process.execPath, [file], {cwd: folder, encoding: 'utf8'})
    expect(run.stderr, `README.md:${block.line} wrote to stderr`).toBe('')
    expect(run.status, `README.md:${block.line} failed`).toBe(0)
    const expected = expectedOutput(block.code)
    if (expected.length > 0) expect(run.stdout.trimEnd().split('\n')).toEqual(expected)
  })
})
