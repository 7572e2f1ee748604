/**
 * The one reporter of `mdpost check`, through the built binary, run from the repository that
 * holds the blog (`repo/`) and from a sibling folder (`repo/other/`): every format names files
 * relative to the working folder, and counts errors, warnings and infos the same way.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import AjvDraft04 from 'ajv-draft-04'
import {afterAll, describe, expect, test} from 'vitest'
import {blog, mdpost, writeTree} from './helpers/cli.js'
import {needTool} from './helpers/tools.js'

const folder = mkdtempSync(join(tmpdir(), 'mdpost-cli-report-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))
const repo = join(folder, 'repo')
const other = join(repo, 'other')
writeTree(join(repo, 'blog'), blog)
mkdirSync(other)
// ajv-draft-04 is CommonJS: its class is the module itself, which TypeScript types as the namespace.
const Ajv = AjvDraft04 as unknown as typeof AjvDraft04.default
const multitool = new URL('../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool', import.meta.url).pathname
// A .NET single-file binary: without ICU on the machine it needs the invariant culture.
const dotnet = {encoding: 'utf8', env: {...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1'}} as const

const files = ['_posts/2020-01-01-a.md', '_posts/2020-01-02-b.md', '_posts/2020-01-03-c.md']

describe.each([
  {cwd: repo, prefix: 'blog/', site: 'blog'},
  {cwd: other, prefix: '../blog/', site: '../blog'}
])('mdpost check $site (from the folder where that path leads to the blog)', ({cwd, prefix, site}) => {
  const a = `${prefix}_posts/2020-01-01-a.md`
  const b = `${prefix}_posts/2020-01-02-b.md`

  test('stylish: files as vfile-reporter lists them, totals, problems per rule, files checked; exit 1 on an error', () => {
    const {status, stdout} = mdpost(cwd, ['check', site])
    expect(status).toBe(1)
    expect(stdout).toBe(
      [
        a,
        '  7:1-7:20   warning  Unexpected link to `/nowhere/`, which no post or file of the site has  link-internal-broken',
        '  7:25-7:38  warning  Unexpected fragment `#nope`, which no heading or element of `_posts/2020-01-01-a.md` has as its id  link-fragment-broken',
        '  9:1-9:33   info     Removed `style` attribute from raw HTML  html-stripped',
        '',
        b,
        '  5:5-5:42  error    Unexpected `{% post_url 2019-01-01-never %}`, which names no page of the site: the generator fails its build  link-internal-broken',
        '',
        '✖ 4 problems (1 error, 2 warnings, 1 info)',
        '  1  info     html-stripped',
        '  1  warning  link-fragment-broken',
        '  1  error    link-internal-broken',
        '  1  warning  link-internal-broken',
        '3 files checked',
        ''
      ].join('\n')
    )
  })

  test('compact, json, github, sarif and junit: the same problems, at the same paths, counted alike', () => {
    const compact = mdpost(cwd, ['check', site, '--format', 'compact'])
    expect(compact.status).toBe(1)
    expect(compact.stdout.trim().split('\n')).toEqual([
      `${a}:7:1: warning: Unexpected link to \`/nowhere/\`, which no post or file of the site has [link-internal-broken]`,
      `${a}:7:25: warning: Unexpected fragment \`#nope\`, which no heading or element of \`_posts/2020-01-01-a.md\` has as its id [link-fragment-broken]`,
      `${a}:9:1: info: Removed \`style\` attribute from raw HTML [html-stripped]`,
      `${b}:5:5: error: Unexpected \`{% post_url 2019-01-01-never %}\`, which names no page of the site: the generator fails its build [link-internal-broken]`
    ])

    const json = JSON.parse(mdpost(cwd, ['check', site, '--format', 'json']).stdout) as Array<Record<string, unknown>>
    expect(json.map((file) => file.filePath)).toEqual(files.map((file) => `${prefix}${file}`))
    const sum = (key: string) => json.reduce((total, file) => total + (file[key] as number), 0)
    expect([sum('errorCount'), sum('warningCount'), sum('infoCount')]).toEqual([1, 2, 1])
    expect(json[1]?.messages).toEqual([
      expect.objectContaining({ruleId: 'link-internal-broken', severity: 2, line: 5, column: 5, endLine: 5, endColumn: 42})
    ])

    const github = mdpost(cwd, ['check', site, '--format', 'github']).stdout.split('\n')
    const annotations = github.filter((line) => line.startsWith('::'))
    expect(annotations.map((line) => /^::(\w+) file=([^,]+),line=(\d+),/.exec(line)?.slice(1))).toEqual([
      ['warning', a, '7'],
      ['warning', a, '7'],
      ['notice', a, '9'],
      ['error', b, '5']
    ])
    // `%` in a message is escaped, as the toolkit does.
    expect(annotations[3]).toContain('::Unexpected `{%25 post_url 2019-01-01-never %25}`')
    expect(github).toContain('3 files checked')

    const sarif = JSON.parse(mdpost(cwd, ['check', site, '--format', 'sarif']).stdout)
    const run = sarif.runs[0]
    expect(sarif.version).toBe('2.1.0')
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(cwd).href}/`)
    expect(run.artifacts.map((artifact: {location: {uri: string}}) => artifact.location.uri)).toEqual(
      files.map((file) => `${prefix}${file}`)
    )
    expect(
      run.results.map((result: {level: string; locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>}) => [
        result.level,
        result.locations[0]?.physicalLocation.artifactLocation.uri
      ])
    ).toEqual([
      ['warning', a],
      ['warning', a],
      ['note', a],
      ['error', b]
    ])

    const junit = mdpost(cwd, ['check', site, '--format', 'junit']).stdout
    expect([...junit.matchAll(/<testcase classname="mdpost" name="([^"]+)"/g)].map((match) => match[1])).toEqual(
      files.map((file) => `${prefix}${file}`)
    )
    expect(junit).toContain('<testsuite name="mdpost check" tests="3" failures="2" errors="0" skipped="0">')
    expect(junit.match(/<failure /g)).toHaveLength(3)
  })
})

describe('SARIF and JUnit validate', () => {
  test('the SARIF log passes the published SARIF 2.1.0 schema (ajv) and @microsoft/sarif-multitool validate; broken copies do not', () => {
    const text = mdpost(repo, ['check', 'blog', '--format', 'sarif']).stdout
    const schema = JSON.parse(readFileSync(new URL('./schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'))
    const validate = new Ajv({strict: false, allErrors: true}).compile(schema)
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true)
    // The schema can fail: a level SARIF does not have.
    const info = JSON.parse(text)
    info.runs[0].results[0].level = 'info'
    expect(validate(info)).toBe(false)

    const log = join(folder, 'check.sarif')
    writeFileSync(log, text)
    const valid = spawnSync(multitool, ['validate', log], dotnet)
    expect(valid.status).toBe(0)
    expect(valid.stdout).toContain('1 files scanned')
    expect(valid.stdout).not.toMatch(/: error /)
    // The multitool can fail too: a result without its message.
    const broken = join(folder, 'broken.sarif')
    writeFileSync(broken, JSON.stringify({version: '2.1.0', runs: [{tool: {driver: {name: 'mdpost'}}, results: [{}]}]}))
    expect(spawnSync(multitool, ['validate', broken], dotnet).stdout).toMatch(/: error JSON1002: runs\[0\]\.results\[0\]/)
  })

  test.skipIf(!needTool('xmllint', 'libxml2-utils', 'JUnit XML is well-formed'))(
    'the JUnit XML is well-formed (xmllint), one testcase per file, with escaped names and messages',
    () => {
      const odd = join(folder, 'odd')
      writeTree(odd, {'a&b <"c">.md': '# T\n\n[x](#n&o)\n', 'plain.md': '# P\n'})
      const xml = join(folder, 'odd.xml')
      writeFileSync(xml, mdpost(folder, ['check', 'odd/a&b <"c">.md', 'odd/plain.md', '--format', 'junit']).stdout)
      const lint = spawnSync('xmllint', ['--xpath', 'count(//testcase)', xml], {encoding: 'utf8'})
      expect(lint.stderr).toBe('')
      expect(lint.stdout.trim()).toBe('2')
      const names = spawnSync('xmllint', ['--xpath', 'string(//testcase[1]/@name)', xml], {encoding: 'utf8'})
      expect(names.stdout.trim()).toBe('odd/a&b <"c">.md')
    }
  )
})

describe('counting and exit codes', () => {
  const warnings = join(folder, 'warnings')
  writeTree(warnings, {...blog, '_posts/2020-01-02-b.md': '---\ntitle: B\n---\n\nFine.\n'})

  test('--quiet lists errors only and never says "no problems" when it hid warnings', () => {
    const quiet = mdpost(folder, ['check', 'warnings', '--quiet'])
    expect(quiet.status).toBe(0)
    expect(quiet.stdout).toBe('✔ no errors (2 warnings and 1 info not shown: --quiet)\n3 files checked\n')
    const errors = mdpost(repo, ['check', 'blog', '--quiet', '--format', 'compact'])
    expect(errors.stdout.trim().split('\n')).toHaveLength(1)
    expect(errors.stdout).toContain(': error: ')
  })

  test('--max-warnings counts warnings, not infos', () => {
    expect(mdpost(folder, ['check', 'warnings', '--max-warnings', '2', '--format', 'compact']).status).toBe(0)
    expect(mdpost(folder, ['check', 'warnings', '--max-warnings', '1', '--format', 'compact']).status).toBe(1)
    const bad = mdpost(folder, ['check', 'warnings', '--max-warnings', 'few'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('expected `--max-warnings` to be a whole number, not `few`')
  })

  test('an empty folder is 0 files checked, not "no problems", and exit 1', () => {
    mkdirSync(join(folder, 'empty'), {recursive: true})
    const empty = mdpost(folder, ['check', 'empty'])
    expect(empty.status).toBe(1)
    expect(empty.stdout).toBe('⚠ no post files found\n0 files checked\n')
    expect(mdpost(folder, ['check', 'empty', '--format', 'json']).stdout).toBe('[]\n')
    expect(mdpost(folder, ['check', 'empty', '--format', 'junit']).stdout).toContain('tests="0"')
  })

  test('colours: --color and --no-color first, then FORCE_COLOR, then NO_COLOR, else only on a terminal', () => {
    const colored = (args: string[], env: Record<string, string> = {}) =>
      mdpost(folder, ['check', 'empty', ...args], env).stdout.includes('\u001b[')
    expect(colored([])).toBe(false)
    expect(colored([], {FORCE_COLOR: '1'})).toBe(true)
    expect(colored([], {FORCE_COLOR: '0'})).toBe(false)
    expect(colored(['--color'], {NO_COLOR: '1'})).toBe(true)
    expect(colored(['--no-color'], {FORCE_COLOR: '1'})).toBe(false)
  })
})
