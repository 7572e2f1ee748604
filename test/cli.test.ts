import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'

const cli = new URL('../dist/cli/index.js', import.meta.url).pathname
const sample = new URL('../fixtures/pycon-2018.md', import.meta.url).pathname
const folder = mkdtempSync(join(tmpdir(), 'mdpost-cli-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

function run(...args: string[]) {
  const {status, stdout, stderr} = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'})
  return {status, stdout, stderr}
}

describe('mdpost (CLI)', () => {
  test('one file: its Post as JSON on stdout, diagnostics on stderr, exit 0', () => {
    const {status, stdout, stderr} = run(sample, '--base-url', 'https://example.org')
    expect(status).toBe(0)
    const post = JSON.parse(stdout)
    expect(post).toMatchObject({title: 'Pycon 2018', date: {iso: '2018-03-03'}})
    expect(post.sections.map((section: {title: string}) => section.title)).toContain('Viernes 9')
    expect(post.links[0].resolved).toMatch(/^https?:\/\//)
    expect(stderr).toContain(`${sample}:65:1: warning: `)
    expect(stderr).toContain('[section-empty]')
  })

  test('a folder: a JSON line per post file, failures as errors with exit 1', () => {
    const posts = join(folder, 'posts')
    rmSync(posts, {recursive: true, force: true})
    spawnSync('mkdir', ['-p', join(posts, 'nested')])
    writeFileSync(join(posts, 'a.md'), '---\ntitle: A\n---\n\nText.\n')
    writeFileSync(join(posts, 'nested', 'b.markdown'), '---\ntitle: "unclosed\n---\n')
    writeFileSync(join(posts, 'notes.txt'), 'not a post')
    const {status, stdout, stderr} = run(posts, '--fields', 'title,slug', '--quiet')
    expect(status).toBe(1)
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines).toEqual([
      {path: join(posts, 'a.md'), post: {title: 'A', slug: 'a'}},
      {path: join(posts, 'nested', 'b.markdown'), error: expect.objectContaining({ruleId: 'frontmatter-yaml', line: 2})}
    ])
    expect(stderr).toMatch(/b\.markdown:2:\d+: .*\(frontmatter-yaml\)/)
  })

  test('--frontmatter, --html and --no-strict', () => {
    const front = JSON.parse(run(sample, '--frontmatter', '--quiet').stdout)
    expect(front.title).toBe('Pycon 2018')
    expect(front.sections).toBeUndefined()
    expect(run(sample, '--html', '--quiet').stdout).toContain('<h1 id="viernes-9">Viernes 9</h1>')
    const two = run(sample, sample, '--html', '--quiet').stdout.trim().split('\n')
    expect(two.map((line) => Object.keys(JSON.parse(line).post))).toEqual([['html'], ['html']])
    const broken = join(folder, 'broken.md')
    writeFileSync(broken, '---\ntitle: "unclosed\n---\n\n# Body\n')
    const loose = run(broken, '--no-strict')
    expect(loose.status).toBe(0)
    expect(JSON.parse(loose.stdout).headings[0].text).toBe('Body')
    expect(loose.stderr).toContain('error: ')
  })

  test('usage errors exit 2; --help and --version exit 0', () => {
    expect(run('--bogus').status).toBe(2)
    expect(run().status).toBe(2)
    expect(run(sample, '--html-policy', 'maybe').status).toBe(2)
    expect(run(sample, '--jobs', '0').status).toBe(2)
    expect(run(sample, '--frontmatter', '--html').status).toBe(2)
    expect(run(join(folder, 'missing.md')).status).toBe(1)
    const help = run('--help')
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: mdpost')
    expect(run('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })
})
