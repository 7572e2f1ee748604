/**
 * Configuration of `mdpost check` through the built binary: files found from the working folder
 * up (nearest wins), `extends`, rules off or re-graded, `ignorePaths` with `!`, `.gitignore`,
 * `ignoreLinks`, `site` options, errors naming file and key, `--config`, `--no-config`,
 * `--print-config`, and inline comments in posts. Each case is a repository `repo/` holding the
 * blog in `repo/blog/`, checked from `repo/sub/`.
 */
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'
import {blog, mdpost, writeTree} from './helpers/cli.js'

const folder = mkdtempSync(join(tmpdir(), 'mdpost-cli-config-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

/** A repository with the blog, these extra files, and an empty `sub/` to run from. */
function repository(name: string, files: Record<string, string>): string {
  const repo = join(folder, name)
  writeTree(join(repo, 'blog'), blog)
  writeTree(repo, files)
  mkdirSync(join(repo, 'sub'), {recursive: true})
  mkdirSync(join(repo, '.git'), {recursive: true})
  return join(repo, 'sub')
}

/** The compact lines of `mdpost check ../blog` from `cwd`, as `file:line rule severity`, and the exit code. */
function check(cwd: string, ...args: string[]): {status: number | null; problems: string[]} {
  const {status, stdout} = mdpost(cwd, ['check', '../blog', '--format', 'compact', ...args])
  const problems = stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [, path, place, severity, rule] = /^\.\.\/blog\/_posts\/([^:]+):(\d+):\d+: (\w+): .* \[([\w-]+)\]$/.exec(line) ?? []
      return `${path}:${place} ${rule} ${severity}`
    })
  return {status, problems}
}

const all = [
  '2020-01-01-a.md:7 link-internal-broken warning',
  '2020-01-01-a.md:7 link-fragment-broken warning',
  '2020-01-01-a.md:9 html-stripped info',
  '2020-01-02-b.md:5 link-internal-broken error'
]

describe('configuration files', () => {
  test('without one: every problem', () => {
    expect(check(repository('none', {}))).toEqual({status: 1, problems: all})
  })

  test('.mdpostrc.json from the working folder up: rules off, warn and error', () => {
    const cwd = repository('json', {
      '.mdpostrc.json': JSON.stringify({rules: {'link-fragment-broken': 'off', 'html-stripped': 'error', 'link-internal-broken': 'warn'}})
    })
    expect(check(cwd)).toEqual({
      status: 1,
      problems: [
        '2020-01-01-a.md:7 link-internal-broken warning',
        '2020-01-01-a.md:9 html-stripped error',
        '2020-01-02-b.md:5 link-internal-broken warning'
      ]
    })
  })

  test('ignorePaths (relative to the file, `!` re-includes, the last match wins) and .gitignore', () => {
    const cwd = repository('paths', {
      '.mdpostrc.yaml': 'ignorePaths:\n  - "blog/_posts/*.md"\n  - "!blog/_posts/2020-01-0[12]-*.md"\n',
      '.gitignore': '# drafts\nblog/_posts/2020-01-02-b.md\n'
    })
    expect(check(cwd).problems).toEqual(all.slice(0, 3))
    const stylish = mdpost(cwd, ['check', '../blog']).stdout
    expect(stylish).toContain('1 file checked')
  })

  test('ignoreLinks: regular expressions matched against the URL a problem is about', () => {
    const cwd = repository('links', {'.mdpostrc.yml': 'ignoreLinks: ["^/nowhere/$", "#no"]\n'})
    expect(check(cwd).problems).toEqual([all[2], all[3]])
  })

  test('extends, and package.json "mdpost" nearer than .mdpostrc.json: the nearest wins', () => {
    const cwd = repository('nearest', {
      '.mdpostrc.json': JSON.stringify({rules: {'link-internal-broken': 'off'}}),
      'sub/package.json': JSON.stringify({name: 'x', mdpost: {extends: '../base.yaml', rules: {'html-stripped': 'off'}}}),
      'base.yaml': 'rules:\n  link-fragment-broken: "off"\n  html-stripped: warn\n'
    })
    expect(check(cwd).problems).toEqual([all[0], all[3]])
    // A package.json without the key is not a configuration: the search goes on up.
    const plain = repository('plain-package', {
      '.mdpostrc.json': JSON.stringify({rules: {'link-internal-broken': 'off'}}),
      'sub/package.json': JSON.stringify({name: 'x'})
    })
    expect(check(plain).problems).toEqual([all[1], all[2]])
  })

  test('site: loadSite options, under the flags', () => {
    const cwd = repository('site', {'.mdpostrc.json': JSON.stringify({site: {url: 'https://config.example', baseurl: '/b'}})})
    expect(mdpost(cwd, ['sitemap', '../blog']).stdout).toContain('<loc>https://config.example/b/2020/01/03/c.html</loc>')
    expect(mdpost(cwd, ['sitemap', '../blog', '--url', 'https://flag.example']).stdout).toContain(
      '<loc>https://flag.example/b/2020/01/03/c.html</loc>'
    )
  })

  test('--config, --no-config and --print-config', () => {
    const cwd = repository('flags', {
      '.mdpostrc.json': JSON.stringify({rules: {'link-internal-broken': 'off'}, ignorePaths: ['blog/_posts/2020-01-03-*']}),
      'other.json': JSON.stringify({rules: {'html-stripped': 'off'}})
    })
    expect(check(cwd, '--config', '../other.json').problems).toEqual([all[0], all[1], all[3]])
    expect(check(cwd, '--no-config').problems).toEqual(all)
    const printed = mdpost(cwd, ['check', '--print-config', '../blog/_posts/2020-01-03-c.md'])
    expect(printed.status).toBe(0)
    expect(JSON.parse(printed.stdout)).toEqual({
      file: join(cwd, '..', 'blog', '_posts', '2020-01-03-c.md'),
      config: join(cwd, '..', '.mdpostrc.json'),
      ignored: true,
      rules: {'link-internal-broken': 'off'},
      ignoreLinks: [],
      site: {}
    })
  })

  test('unknown keys and bad values are usage errors naming the file and the key', () => {
    let cases = 0
    const error = (files: Record<string, string>) => {
      const cwd = repository(`bad-${cases++}`, files)
      const {status, stderr} = mdpost(cwd, ['check', '../blog'])
      expect(status).toBe(2)
      return (stderr.split('\n')[0] as string).replace(join(cwd, '..'), 'repo')
    }
    expect(error({'.mdpostrc.json': '{"rule": {}}'})).toBe(
      'mdpost check: repo/.mdpostrc.json: `rule`: unknown key, expected one of rules, ignorePaths, ignoreLinks, site, extends'
    )
    expect(error({'.mdpostrc.json': '{"rules": {"link-empty": "maybe"}}'})).toBe(
      'mdpost check: repo/.mdpostrc.json: `rules.link-empty`: expected off, warn or error, not "maybe"'
    )
    expect(error({'.mdpostrc.yaml': 'rules:\n  link-emty: "off"\n'})).toBe(
      "mdpost check: repo/.mdpostrc.yaml: `rules.link-emty`: unknown rule id (see the README's Diagnostics)"
    )
    expect(error({'.mdpostrc.json': '{"site": {"drafts": "yes"}}'})).toBe(
      'mdpost check: repo/.mdpostrc.json: `site.drafts`: expected true or false, not "yes"'
    )
    expect(error({'.mdpostrc.json': '{"ignoreLinks": ["("]}'})).toMatch(
      /^mdpost check: repo\/\.mdpostrc\.json: `ignoreLinks\[0\]`: not a regular expression \(/
    )
    expect(error({'.mdpostrc.json': '{"extends": "./missing.json"}'})).toBe(
      'mdpost check: repo/.mdpostrc.json: `extends`: no such file `./missing.json`'
    )
    expect(error({'.mdpostrc.json': '{"rules": '})).toMatch(/^mdpost check: repo\/\.mdpostrc\.json: cannot parse the configuration \(/)
  })
})

describe('inline comments in posts', () => {
  test('disable, enable, disable-line, disable-next-line; all rules without an id; not inside fenced code', () => {
    const cwd = repository('inline', {
      'blog/_posts/2020-01-01-a.md': [
        '---',
        'title: A',
        '---',
        '',
        '<!-- mdpost-disable-next-line link-internal-broken -->',
        '[one](/one/) [#](#one)',
        '[two](/two/) <!-- mdpost-disable-line -->',
        '<!-- mdpost-disable link-fragment-broken, link-internal-broken -->',
        '[three](/three/) [#](#three)',
        '<!-- mdpost-enable link-internal-broken -->',
        '[four](/four/) [#](#four)',
        '',
        '```',
        '<!-- mdpost-enable -->',
        '```',
        '',
        '[#](#five)',
        '<!-- mdpost-enable -->',
        '[#](#six)',
        ''
      ].join('\n')
    })
    expect(check(cwd).problems).toEqual([
      '2020-01-01-a.md:6 link-fragment-broken warning',
      '2020-01-01-a.md:11 link-internal-broken warning',
      '2020-01-01-a.md:19 link-fragment-broken warning',
      '2020-01-02-b.md:5 link-internal-broken error'
    ])
  })
})
