/**
 * The package as npm ships it: packed, installed into a fresh project, imported as ESM, its
 * types checked by a consumer under `nodenext` and `bundler` with the oldest and the newest
 * TypeScript mdpost supports, its bin run, publint and arethetypeswrong's esm-only profile, and
 * the same script under Node 20, 22 and 24 (the `node` package of the npm registry). Needs the
 * npm registry (as `npm ci` does): without it, outside CI, one `skipped:` line and nothing runs.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {needRegistry} from './helpers/tools.js'

const root = new URL('..', import.meta.url).pathname
const sample = join(root, 'fixtures', 'pycon-2018.md')
let folder = ''
let project = ''
let tarball = ''

function sh(command: string, args: string[], cwd = project): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: {...process.env, npm_config_audit: 'false', npm_config_fund: 'false'}
  })
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout.slice(0, 4000)}\n${result.stderr.slice(0, 4000)}`
    )
  return result.stdout
}

const here = needRegistry('packed-tarball tests (test/package.test.ts)')

beforeAll(() => {
  if (!here) return
  folder = mkdtempSync(join(tmpdir(), 'mdpost-package-'))
  project = join(folder, 'consumer')
  const packed = execFileSync('npm', ['pack', '--pack-destination', folder, '--json'], {cwd: root, encoding: 'utf8'})
  const [info] = JSON.parse(packed.slice(packed.indexOf('['))) as Array<{filename: string}>
  tarball = join(folder, (info as {filename: string}).filename)
  mkdirSync(project)
  writeFileSync(join(project, 'package.json'), JSON.stringify({name: 'consumer', private: true, type: 'module'}))
  // unified and its plugins as a consumer installs them, for README's `remarkPost` pipeline.
  sh('npm', [
    'install',
    tarball,
    'ts-oldest@npm:typescript@5.1',
    'ts-newest@npm:typescript@latest',
    '@types/node@20',
    'unified@11',
    'remark-parse@11',
    'remark-frontmatter@5',
    'remark-rehype@11',
    'rehype-stringify@10'
  ])
})

afterAll(() => {
  if (folder) rmSync(folder, {recursive: true, force: true})
})

const script = `
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {parsePost} from 'mdpost'
import {parseFiles} from 'mdpost/node'
const post = await parsePost(readFileSync(${JSON.stringify(sample)}), {path: '2018-03-03-pycon.md'})
const [file] = await parseFiles([${JSON.stringify(sample)}])
let required = 'no'
try { required = typeof createRequire(import.meta.url)('mdpost').parsePost } catch (error) { required = error.code }
console.log(JSON.stringify({node: process.version, sections: post.sections.length, links: post.links.length, images: post.images.length, file: file.post.title, required}))
`

describe.skipIf(!here)('the packed package', () => {
  test('ships dist/ and src/ (for its source maps), LICENSE, README, CHANGELOG; no tests or fixtures', () => {
    const files = sh('tar', ['-tzf', tarball], folder).split('\n').filter(Boolean)
    expect(files).toContain('package/LICENSE')
    expect(files).toContain('package/CHANGELOG.md')
    expect(files).toContain('package/dist/index.js')
    expect(files).toContain('package/dist/index.js.map')
    expect(files).toContain('package/src/index.ts')
    expect(files.some((file) => file.startsWith('package/test/') || file.startsWith('package/fixtures/'))).toBe(false)
  })

  test('imports as ESM and parses the sample: 4 sections, 7 links, 2 images', () => {
    writeFileSync(join(project, 'check.mjs'), script)
    const answer = JSON.parse(sh(process.execPath, ['check.mjs']))
    expect(answer).toMatchObject({sections: 4, links: 7, images: 2, file: 'Pycon 2018', required: 'function'})
  })

  test.each(['22', '24'])('the same under Node %s', (major) => {
    const answer = JSON.parse(sh('npx', ['-y', '-p', `node@${major}`, 'node', 'check.mjs']))
    expect(answer.node).toMatch(new RegExp(`^v${major}\\.`))
    expect(answer).toMatchObject({sections: 4, links: 7, images: 2, file: 'Pycon 2018', required: 'function'})
  })

  test.each([
    ['ts-oldest', 'nodenext'],
    ['ts-oldest', 'bundler'],
    ['ts-newest', 'nodenext'],
    ['ts-newest', 'bundler']
  ])('a consumer type-checks with %s under %s resolution', (compiler, resolution) => {
    const file = `consumer-${compiler}-${resolution}.ts`
    writeFileSync(
      join(project, file),
      [
        "import {parsePost, type ParsedPost, type Heading} from 'mdpost'",
        "import {parseFiles, type FileResult} from 'mdpost/node'",
        "const post: ParsedPost = await parsePost('# Hi')",
        "const depth: Heading['depth'] = post.headings[0]?.depth ?? 1",
        'const results: FileResult[] = await parseFiles([])',
        'for (const result of results) if (result.error === null) console.log(result.post.slug.length, depth)',
        // README's remarkPost pipeline: remarkPost is a unified plugin, so the chain goes on after it.
        "import {remarkPost} from 'mdpost'",
        "import {unified} from 'unified'",
        "import remarkParse from 'remark-parse'",
        "import remarkFrontmatter from 'remark-frontmatter'",
        "import remarkRehype from 'remark-rehype'",
        "import rehypeStringify from 'rehype-stringify'",
        'const file = await unified().use(remarkParse).use(remarkFrontmatter, ["yaml", "toml"])',
        '  .use(remarkPost).use(remarkRehype).use(rehypeStringify).process("# Hi")',
        'const ids: string[] | undefined = file.data.post?.headings.map((heading) => heading.id)',
        'const html: string = String(file)',
        'console.log(ids, html)',
        ''
      ].join('\n')
    )
    const config = {
      compilerOptions: {
        target: 'es2022',
        module: resolution === 'bundler' ? 'esnext' : 'nodenext',
        moduleResolution: resolution,
        strict: true,
        noEmit: true,
        types: ['node']
      },
      files: [file]
    }
    writeFileSync(join(project, `tsconfig.${compiler}.${resolution}.json`), JSON.stringify(config))
    const tsc = join(project, 'node_modules', compiler, 'bin', 'tsc')
    sh(process.execPath, [tsc, '-p', `tsconfig.${compiler}.${resolution}.json`])
  })

  test('npx mdpost --version', () => {
    expect(sh('npx', ['mdpost', '--version']).trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  test('publint and arethetypeswrong (esm-only) are clean', () => {
    const installed = join(project, 'node_modules', 'mdpost')
    const lint = sh('npx', ['-y', 'publint@0.3', '--strict', installed])
    expect(lint).not.toMatch(/error|warning/i)
    sh('npx', ['-y', '@arethetypeswrong/cli@0.18', '--profile', 'esm-only', tarball])
    expect(readdirSync(folder).some((name) => name.endsWith('.tgz'))).toBe(true)
  })
})
