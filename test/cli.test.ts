import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'
import {fastTier} from './helpers/tier.js'

const cli = new URL('../dist/cli/index.js', import.meta.url).pathname
const sample = new URL('../fixtures/pycon-2018.md', import.meta.url).pathname
const folder = mkdtempSync(join(tmpdir(), 'mdpost-cli-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

function run(...args: string[]) {
  const {status, stdout, stderr} = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'})
  return {status, stdout, stderr}
}

function runWithInput(input: string, ...args: string[]) {
  const {status, stdout, stderr} = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', input})
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
    expect(stderr).toMatch(/b\.markdown:2:\d+: error: .* \[frontmatter-yaml\]\n/)
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

  test('a missing path is reported and the others are printed, exit 1', () => {
    const {status, stdout, stderr} = run(sample, join(folder, 'missing.md'), '--fields', 'title', '--quiet')
    expect(status).toBe(1)
    expect(JSON.parse(stdout.trim().split('\n')[0] as string)).toEqual({path: sample, post: {title: 'Pycon 2018'}})
    expect(stderr).toContain(`${join(folder, 'missing.md')}: error: no such file or folder`)
  })

  test('- reads one post from stdin, named by --path', () => {
    const {status, stdout} = runWithInput(
      '---\ntitle: Hi\n---\n\nText.\n',
      '-',
      '--path',
      '_posts/2020-01-02-hello.md',
      '--fields',
      'title,slug,date'
    )
    expect(status).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({title: 'Hi', slug: 'hello', date: {iso: '2020-01-02', source: 'filename'}})
  })

  test('unknown --fields is a usage error naming the valid ones', () => {
    const {status, stderr} = run(sample, '--fields', 'title,nope')
    expect(status).toBe(2)
    expect(stderr).toContain('unknown `--fields` `nope`, expected some of title, slug')
  })

  test('special files and files over maxBytes are refused path by path, from their stat', () => {
    const posts = join(folder, 'special')
    rmSync(posts, {recursive: true, force: true})
    spawnSync('mkdir', ['-p', posts])
    writeFileSync(join(posts, 'a.md'), '# A\n\nText.\n')
    spawnSync('mkfifo', [join(posts, 'fifo.md')])
    spawnSync('ln', ['-s', '/dev/zero', join(posts, 'zero.md')])
    // Sparse: 6 MiB on paper, nothing on disk; refused before any byte is read.
    spawnSync('truncate', ['-s', '6M', join(posts, 'huge.md')])
    const {status, stdout, stderr} = run(posts, '--fields', 'title', '--quiet')
    expect(status).toBe(1)
    expect(stdout).toContain('"title":"A"')
    expect(stderr).toContain('fifo.md:1:1: error: Unexpected file that cannot be read: not a regular file (a FIFO) [file-unreadable]')
    expect(stderr).toContain('zero.md:1:1: error: Unexpected file that cannot be read: not a regular file (a device) [file-unreadable]')
    expect(stderr).toMatch(/huge\.md:1:1: error: Unexpected input of 6291456 bytes .*\[input-too-large\]/)
  })

  test('a file name with control characters reaches stderr escaped', () => {
    const name = join(folder, 'bad\u001b[31mname.md')
    writeFileSync(name, '---\ntitle: "x\n---\n')
    const {stderr} = run(name)
    expect(stderr).not.toContain('\u001b')
    expect(stderr).toContain('\\u001b[31mname.md')
  })

  test('a cache that cannot be written is a warning, and the run goes on', () => {
    const notAFolder = join(folder, 'cache-file')
    writeFileSync(notAFolder, 'x')
    const {status, stdout, stderr} = run(sample, '--cache', notAFolder, '--fields', 'title', '--quiet')
    expect(status).toBe(0)
    expect(JSON.parse(stdout)).toEqual({title: 'Pycon 2018'})
    expect(stderr).toContain('mdpost: warning: cannot use the cache')
  })

  test('a reader that goes away ends the run quietly', () => {
    const posts = join(folder, 'many')
    rmSync(posts, {recursive: true, force: true})
    spawnSync('mkdir', ['-p', posts])
    for (let index = 0; index < 40; index++) writeFileSync(join(posts, `p${index}.md`), `# Post ${index}\n\n${'Text. '.repeat(2000)}\n`)
    const {status, stderr} = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${cli}" --quiet "${posts}" | head -c 100 > /dev/null; echo "exit $?"`],
      {
        encoding: 'utf8'
      }
    )
    expect(status).toBe(0)
    expect(stderr).not.toContain('EPIPE')
    expect(stderr).not.toContain('Error')
  })

  test('--use names a plugin, with JSON options; a bad one is a usage error', () => {
    const code = join(folder, 'code.md')
    writeFileSync(code, '```js\nconst a = 1\n```\n')
    const {status, stdout} = run(code, '--html', '--quiet', '--use', 'rehype-highlight={"subset":["js"]}')
    expect(status).toBe(0)
    expect(stdout).toContain('<span>const</span>')
    expect(run(code, '--use', 'mystery').status).toBe(2)
    expect(run(code, '--use', 'rehype-highlight={nope').status).toBe(2)
    expect(run(code, '--use', 'rehype-not-installed').status).toBe(2)
  })

  test.each(['jekyll', 'hugo'])('mdpost check on the %s fixture site: the golden stylish output; json and github formats', (name) => {
    const site = new URL(`../fixtures/sites/${name}`, import.meta.url).pathname
    const {status, stdout} = spawnSync(process.execPath, [cli, 'check', '.'], {cwd: site, encoding: 'utf8'})
    // The Jekyll fixture has a `{% post_url %}` to no post, which fails Jekyll's build: an error.
    expect(status).toBe(name === 'jekyll' ? 1 : 0)
    const golden = join(site, 'check.golden.txt')
    if (process.env.UPDATE || (!existsSync(golden) && !process.env.CI)) writeFileSync(golden, stdout)
    expect(stdout).toBe(readFileSync(golden, 'utf8'))
    const json = JSON.parse(spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json'], {cwd: site, encoding: 'utf8'}).stdout)
    expect(json[0]).toMatchObject({filePath: expect.any(String), errorCount: expect.any(Number), warningCount: expect.any(Number)})
    expect(json.reduce((sum: number, file: {errorCount: number}) => sum + file.errorCount, 0)).toBe(name === 'jekyll' ? 1 : 0)
    const github = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'github', '--max-warnings', '0'], {
      cwd: site,
      encoding: 'utf8'
    })
    expect(github.status).toBe(1)
    expect(github.stdout).toMatch(/^::warning file=[^,]+,line=\d+,endLine=\d+,col=\d+/)
  })

  test('mdpost site, feed and sitemap print to stdout; a missing root is a usage error', () => {
    const site = new URL('../fixtures/sites/jekyll', import.meta.url).pathname
    const printed = JSON.parse(run('site', site, '--fields', 'path,permalink').stdout)
    expect(printed.posts[0]).toEqual({path: '_posts/2021-07-01-summer.md', permalink: '/blog/travel/2021/07/01/summer/'})
    expect(run('feed', site, '--format', 'json').stdout).toContain('"version": "https://jsonfeed.org/version/1.1"')
    expect(run('sitemap', site).stdout).toContain('<loc>https://example.org/blog/travel/2021/07/01/summer/</loc>')
    expect(run('check', join(folder, 'no-such-site')).status).toBe(2)
    expect(run('feed', site, '--format', 'yaml').status).toBe(2)
  })

  test('--jsonl reads paths from stdin and writes a JSON line per file, in input order', () => {
    const paths = [sample, join(folder, 'missing.md'), sample].join('\n')
    const {status, stdout} = runWithInput(`${paths}\n\n`, '--jsonl', '--fields', 'title', '--quiet')
    expect(status).toBe(1)
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.map((line) => line.post?.title ?? 'error')).toEqual(['Pycon 2018', 'error', 'Pycon 2018'])
    expect(run('--jsonl', sample).status).toBe(2)
  })

  test.skipIf(fastTier)(
    '--jsonl streams 20,000 small posts: the first lines come out while stdin is still open, then all, in order',
    async () => {
      const posts = join(folder, 'many')
      mkdirSync(posts, {recursive: true})
      const count = 20_000
      const paths = Array.from({length: count}, (_, index) => join(posts, `p${index}.md`))
      paths.forEach((path, index) => {
        writeFileSync(path, `---\ntitle: Post ${index}\n---\n\n# Heading\n\nSome *text* and [a link](https://example.org/${index}).\n`)
      })
      const child = spawn(process.execPath, [cli, '--jsonl', '--fields', 'title', '--quiet'], {stdio: ['pipe', 'pipe', 'pipe']})
      let stdout = ''
      let stdinOpen = true
      let linesWhileOpen = 0
      child.stdout.on('data', (chunk) => {
        stdout += String(chunk)
        if (stdinOpen) linesWhileOpen = stdout.split('\n').length - 1
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      // The first thousand paths, then wait (for output, not for a time) before sending the rest.
      child.stdin.write(`${paths.slice(0, 1000).join('\n')}\n`)
      for (let waited = 0; linesWhileOpen < 1000; waited += 50) {
        if (waited > 1_500_000 || child.exitCode !== null) throw new Error(`Expected lines before stdin closed, got ${linesWhileOpen}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      stdinOpen = false
      child.stdin.end(`${paths.slice(1000).join('\n')}\n`)
      expect(await exited).toBe(0)
      const lines = stdout.trim().split('\n')
      expect(lines).toHaveLength(count)
      expect(lines.every((line, index) => line === JSON.stringify({path: paths[index], post: {title: `Post ${index}`}}))).toBe(true)
    }
  )

  test('check --watch: a change to a post is checked again and printed', async () => {
    const site = join(folder, 'watched')
    rmSync(site, {recursive: true, force: true})
    spawnSync('cp', ['-r', new URL('../fixtures/sites/hugo', import.meta.url).pathname, site])
    const child = spawn(process.execPath, [cli, 'check', '--watch', site], {stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk)
    })
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk)
    })
    // Each run prints its report (ending `N files checked`) on stdout, then `mdpost: N posts in …
    // ms; watching …` on stderr: the test waits for both (two pipes: either may arrive first), not
    // for a time (the machine may be slow), then reads what the run printed, so a wrong count
    // fails at once. A watcher that exited will say nothing more.
    const runs = () => stderr.split('; watching ').length - 1
    const until = async (count: number, from = 0) => {
      for (let waited = 0; runs() < count || !stdout.slice(from).includes('files checked'); waited += 50) {
        if (waited > 1_500_000 || child.exitCode !== null || child.signalCode !== null)
          throw new Error(`Expected ${count} runs in:\n${stdout}\n${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    try {
      await until(1)
      expect(stdout).toContain('2 problems')
      const before = stdout.length
      writeFileSync(
        join(site, 'content', 'notes', 'first-note.md'),
        '---\ntitle: First note\ndate: 2021-12-01\n---\n\nA [new broken link](/nowhere/).\n'
      )
      await until(2, before)
      expect(stdout.slice(before)).toContain('3 problems')
      expect(stdout).toContain('Unexpected link to `/nowhere/`')
    } finally {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    expect(child.exitCode).toBe(0)
  })
})
