/**
 * One command line: the commands, the flag table's validation, usage errors (exit 2) that name
 * the flag as typed, `--help` and `--version` everywhere; and `file-unreadable` for posts that
 * cannot be read, through the built binary run from a folder other than the site's.
 */
import {execFileSync} from 'node:child_process'
import {chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'
import {blog, mdpost, writeTree} from './helpers/cli.js'

const folder = mkdtempSync(join(tmpdir(), 'mdpost-cli-commands-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))
const work = join(folder, 'work')
mkdirSync(work)
writeTree(join(folder, 'blog'), blog)

/** A usage error: exit 2, one line naming the problem and one pointing at the help, nothing on stdout. */
function usageError(args: string[]): string {
  const {status, stdout, stderr} = mdpost(work, args)
  expect(status).toBe(2)
  expect(stdout).toBe('')
  const lines = stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(2)
  expect(lines[1]).toMatch(/^Run `mdpost( \w+)? --help` for the options\.$/)
  return lines[0] as string
}

describe('one command line', () => {
  test('a first argument close to a command and not a path: "did you mean"', () => {
    expect(usageError(['chekc', '../blog'])).toBe('mdpost: unknown command `chekc`, did you mean `check`?')
    expect(usageError(['stie', '../blog'])).toBe('mdpost: unknown command `stie`, did you mean `site`?')
  })

  test('a file named like a command is parsed, not taken for a typo', () => {
    writeTree(work, {chekc: '# Hi\n'})
    const {status, stdout} = mdpost(work, ['chekc', '--fields', 'title'])
    expect(status).toBe(0)
    expect(JSON.parse(stdout)).toEqual({title: 'Hi'})
  })

  test('errors name the flag as typed, never a library option', () => {
    expect(usageError(['check', '--url', 'notaurl', '../blog'])).toBe(
      'mdpost check: expected `--url` to be an absolute http(s) URL (https://example.org), not `notaurl`'
    )
    expect(usageError(['--base-url', 'blog/', 'x.md'])).toBe(
      'mdpost: expected `--base-url` to be an absolute http(s) URL (https://example.org), not `blog/`'
    )
    expect(usageError(['check', '--jobs', '0', '../blog'])).toBe('mdpost check: expected `--jobs` to be a whole number from 1, not `0`')
    expect(usageError(['feed', '--limit', 'ten', '../blog'])).toBe('mdpost feed: expected `--limit` to be a whole number from 1, not `ten`')
    expect(usageError(['site', '--timezone', 'Mars/Olympus', '../blog'])).toBe(
      'mdpost site: expected `--timezone` to be an IANA time zone (Europe/Madrid), not `Mars/Olympus`'
    )
    expect(usageError(['check', '--format', 'xml', '../blog'])).toBe(
      'mdpost check: expected `--format` to be stylish, compact, json, github, sarif or junit, not `xml`'
    )
    expect(usageError(['feed', '--format', 'yaml', '../blog'])).toBe('mdpost feed: expected `--format` to be atom, rss or json, not `yaml`')
  })

  test('every flag is validated in every command: --fields, flags of another command, unknown flags', () => {
    expect(usageError(['site', '--fields', 'titel', '../blog'])).toMatch(
      /^mdpost site: unknown `--fields` `titel`, expected some of path, title, slug, .*backlinks, previous, next$/
    )
    expect(usageError(['check', '--limit', '3', '../blog'])).toBe(
      'mdpost check: `--limit` is not an option of `mdpost check` (it is one of mdpost feed)'
    )
    expect(usageError(['sitemap', '--jsonl', '../blog'])).toBe(
      'mdpost sitemap: `--jsonl` is not an option of `mdpost sitemap` (it is one of mdpost)'
    )
    expect(usageError(['check', '--formt', 'json', '../blog'])).toBe('mdpost check: unknown option `--formt`, did you mean `--format`?')
    expect(usageError(['check', '--fromat', 'json', '../blog'])).toBe('mdpost check: unknown option `--fromat`, did you mean `--format`?')
    expect(usageError(['check', '--max-warnings'])).toBe('mdpost check: expected a value after `--max-warnings`')
    expect(usageError(['check', '--help=yes'])).toBe('mdpost check: expected no value after `--help`')
    expect(usageError(['check', '--color', '--no-color', '../blog'])).toBe('mdpost check: expected `--color` or `--no-color`, not both')
    expect(usageError(['check', 'no-such-folder'])).toBe('mdpost check: no such file or folder: `no-such-folder`')
    expect(usageError(['feed', '../blog', '../blog'])).toBe('mdpost feed: expected one site folder, not 2 paths')
  })

  test('--help and --version in every command; each help lists the flags of its command only', () => {
    for (const command of [[], ['parse'], ['check'], ['site'], ['feed'], ['sitemap']]) {
      const help = mdpost(work, [...command, '--help'])
      expect(help.status).toBe(0)
      expect(help.stdout).toContain(`Usage: mdpost ${command[0] === undefined || command[0] === 'parse' ? '[parse]' : command[0]}`)
      expect(help.stdout).toContain('-v, --version')
      const version = mdpost(work, [...command, '--version'])
      expect(version.status).toBe(0)
      expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    }
    const check = mdpost(work, ['check', '-h']).stdout
    expect(check).toContain('--format <f>')
    expect(check).toContain('--print-config <file>')
    expect(check).not.toContain('--jsonl')
    expect(mdpost(work, ['--help']).stdout).toContain('Commands: parse (default), check, site, feed, sitemap')
  })

  test('a message keeps its own line breaks and escapes the control characters of what the user typed', () => {
    const line = usageError(['check', '--url', 'http\u001b[31m', '../blog'])
    expect(line).toContain('`http\\u001b[31m`')
    expect(line).not.toContain('\\u000a')
  })

  test('site, feed and sitemap from another folder', () => {
    const site = mdpost(work, ['site', '../blog', '--fields', 'path,title'])
    expect(site.status).toBe(0)
    expect(JSON.parse(site.stdout).posts).toEqual([
      {path: '_posts/2020-01-03-c.md', title: 'C'},
      {path: '_posts/2020-01-02-b.md', title: 'B'},
      {path: '_posts/2020-01-01-a.md', title: 'A'}
    ])
    expect(mdpost(work, ['feed', '../blog', '--format', 'rss', '--limit', '1']).stdout.match(/<item>/g)).toHaveLength(1)
    expect(mdpost(work, ['sitemap', '../blog', '--url', 'https://other.example']).stdout).toContain(
      '<loc>https://other.example/2020/01/03/c.html</loc>'
    )
  })
})

describe('sitemap files', () => {
  test('--out writes every file; a post whose URL is too long is said on stderr, relative to the working folder', () => {
    const site = join(folder, 'long')
    writeTree(site, {
      '_posts/2020-01-01-a.md': '---\ntitle: A\n---\n\nText.\n',
      '_posts/2020-01-02-b.md': `---\ntitle: B\npermalink: /${'x'.repeat(2100)}/\n---\n\nText.\n`
    })
    const out = join(folder, 'sitemap-out')
    const {status, stdout, stderr} = mdpost(work, ['sitemap', '../long', '--url', 'https://a.example', '--out', '../sitemap-out'])
    expect(status).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^\.\.\/long\/_posts\/2020-01-02-b\.md:\d+:\d+: warning: .*\[sitemap-url-too-long\]\n$/)
    const written = execFileSync('cat', [join(out, 'sitemap.xml')], {encoding: 'utf8'})
    expect(written).toContain('<loc>https://a.example/2020/01/01/a.html</loc>')
    expect(written).not.toContain('xxxx')
  })
})

describe('file-unreadable', () => {
  const site = join(folder, 'unreadable')
  writeTree(site, {'_posts/2020-01-01-a.md': '---\ntitle: A\n---\n\nText.\n', 'notes/2020-01-01-x.md/keep': ''})
  execFileSync('mkfifo', [join(site, '_posts', '2020-01-02-fifo.md')])
  symlinkSync(join(site, 'nowhere.md'), join(site, '_posts', '2020-01-04-dangling.md'))

  test('a FIFO and a dangling link in a site: file-unreadable errors with the reason, and files checked', () => {
    const {status, stdout} = mdpost(work, ['check', '../unreadable', '--format', 'compact'])
    expect(status).toBe(1)
    expect(stdout.trim().split('\n')).toEqual([
      '../unreadable/_posts/2020-01-02-fifo.md:1:1: error: Unexpected file that cannot be read: not a regular file (a FIFO) [file-unreadable]',
      '../unreadable/_posts/2020-01-04-dangling.md:1:1: error: Unexpected file that cannot be read: ENOENT: no such file or directory [file-unreadable]'
    ])
    expect(mdpost(work, ['check', '../unreadable']).stdout).toContain('3 files checked')
  })

  test('a folder named like a post, found in a folder given, is a file that cannot be read', () => {
    const given = mdpost(work, ['check', '../unreadable/notes', '../unreadable/_posts/2020-01-01-a.md', '--format', 'compact'])
    expect(given.stdout).toBe(
      '../unreadable/notes/2020-01-01-x.md:1:1: error: Unexpected file that cannot be read: not a regular file (a folder) [file-unreadable]\n'
    )
    const parsed = mdpost(work, ['../unreadable/notes', '--quiet'])
    expect(parsed.status).toBe(1)
    expect(parsed.stderr).toContain(
      '../unreadable/notes/2020-01-01-x.md:1:1: error: Unexpected file that cannot be read: not a regular file (a folder) [file-unreadable]'
    )
    expect(JSON.parse(parsed.stdout)).toMatchObject({path: '../unreadable/notes/2020-01-01-x.md', error: {ruleId: 'file-unreadable'}})
  })

  // Root reads any file whatever its mode: the case can only be made by another user.
  test.skipIf(process.getuid?.() === 0)('a file without read permission: EACCES', () => {
    const locked = join(folder, 'locked.md')
    writeTree(folder, {'locked.md': '# L\n'})
    chmodSync(locked, 0o000)
    const {stdout} = mdpost(work, ['check', '../locked.md', '--format', 'compact'])
    expect(stdout).toBe('../locked.md:1:1: error: Unexpected file that cannot be read: EACCES: permission denied [file-unreadable]\n')
  })
})
