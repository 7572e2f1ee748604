/**
 * The core in a real browser: bundled for the browser with esbuild (no Node built-ins), its
 * size checked, run in Debian's headless Chromium through playwright-core: the sample gives
 * the same Post as in Node, hostile posts run no script, and the playground shows the sample
 * (a screenshot is saved under .artifacts/). `.ci/run` installs `chromium` when it is missing.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {tmpdir} from 'node:os'
import {extname, join} from 'node:path'
import {parsePost} from 'mdpost'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
// @ts-expect-error: a plain script of the repository, without types.
import {bundle, entries} from '../scripts/bundle.mjs'

const root = new URL('..', import.meta.url).pathname
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))
const sample = readFileSync(join(root, 'fixtures', 'pycon-2018.md'), 'utf8')
const folder = mkdtempSync(join(tmpdir(), 'mdpost-browser-'))
let server: Server
let origin = ''
let browser: Browser
let page: Page
const sizes: Record<string, {bytes: number; gzipBytes: number}> = {}

beforeAll(async () => {
  if (!executablePath) throw new Error('Expected Debian’s chromium (apt-get install chromium), which .ci/run installs')
  for (const [name, contents] of Object.entries(entries as Record<string, string>)) {
    const built = (await bundle(contents)) as {code: string; bytes: number; gzipBytes: number}
    sizes[name] = {bytes: built.bytes, gzipBytes: built.gzipBytes}
    if (name === 'core') writeFileSync(join(folder, 'mdpost.js'), built.code)
  }
  for (const file of ['index.html', 'playground.js', 'playground.css']) {
    writeFileSync(join(folder, file), readFileSync(join(root, 'examples', 'playground', file)))
  }
  writeFileSync(join(folder, 'blank.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><body></body>')
  const types: Record<string, string> = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css'}
  server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0]?.replace(/^\/+/, '') || 'index.html'
    const file = join(folder, name)
    if (!file.startsWith(folder) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    response
      .writeHead(200, {'content-type': `${types[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`})
      .end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  browser = await chromium.launch({executablePath, args: ['--no-sandbox']})
  page = await browser.newPage()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  rmSync(folder, {recursive: true, force: true})
})

describe('in headless Chromium', () => {
  test('bundle sizes: the core and parseFrontmatter alone, gzipped', () => {
    // Measured 163.0 kB and 48.8 kB (esbuild, minified, legal comments dropped), ceilings just
    // above. The core's goal of 160 kB is not met: re-parsing raw HTML (hast-util-raw, parse5 and
    // its entity tables) is 49.7 kB of it, yaml 30.5 kB, mdpost's own code about 27 kB.
    expect(sizes.core?.gzipBytes).toBeLessThanOrEqual(164_000)
    expect(sizes.frontmatter?.gzipBytes).toBeLessThanOrEqual(50_000)
    // mdpost/site bundles for the browser too (no Node built-ins), on its own.
    expect(sizes.site?.gzipBytes).toBeGreaterThan(0)
  })

  test('the sample gives the same Post as in Node', async () => {
    await page.goto(`${origin}/blank.html`)
    // A string, so that the test runner does not rewrite the page's `import()`.
    const inBrowser = (await page.evaluate(`(async () => {
      const {parsePost} = await import(${JSON.stringify(`${origin}/mdpost.js`)})
      return JSON.stringify(await parsePost(${JSON.stringify(sample)}, {path: '_posts/2018-03-03-pycon-2018.md'}))
    })()`)) as string
    const inNode = JSON.stringify(await parsePost(sample, {path: '_posts/2018-03-03-pycon-2018.md'}))
    const post = JSON.parse(inBrowser)
    expect(post.sections).toHaveLength(4)
    expect(post.links).toHaveLength(7)
    expect(post.images).toHaveLength(2)
    expect(inBrowser).toBe(inNode)
  })

  test('hostile posts run no script when their HTML is shown', async () => {
    const hostile = [
      '<img src=x onerror="window.pwned=1">',
      '[x](javascript:window.pwned=2) <a href="JaVaScRiPt:window.pwned=3">y</a>',
      '<svg onload="window.pwned=4"></svg><iframe srcdoc="<script>parent.pwned=5</script>"></iframe>',
      '<details open ontoggle="window.pwned=6">',
      '<textarea><img src=x onerror="window.pwned=7"></textarea> <style>*{}</style><script>window.pwned=8</script>',
      '<a href="#" style="position:fixed" onclick="window.pwned=9">z</a> <math><mtext><table><mglyph><style><img src=x onerror="window.pwned=10">'
    ]
    await page.goto(`${origin}/blank.html`)
    let dialogs = 0
    page.on('dialog', (dialog) => {
      dialogs++
      void dialog.dismiss()
    })
    for (const text of hostile) {
      const html = (await parsePost(text, {strict: false})).html
      const pwned = await page.evaluate(async (markup) => {
        const target = window as unknown as {pwned?: number}
        target.pwned = 0
        document.body.innerHTML = markup
        for (const link of document.querySelectorAll('a')) link.click()
        await new Promise((resolve) => setTimeout(resolve, 50))
        return target.pwned
      }, html)
      expect(pwned, text).toBe(0)
    }
    expect(dialogs).toBe(0)
  })

  test('the playground shows the sample: metadata, sections, links, images, diagnostics, HTML', async () => {
    await page.goto(`${origin}/index.html`)
    await page.fill('#source', sample)
    await page.waitForSelector('#links tbody tr')
    expect(await page.locator('#links tbody tr').count()).toBe(7)
    expect(await page.locator('#images tbody tr').count()).toBe(2)
    expect(await page.locator('#sections > li').count()).toBe(4)
    expect(await page.locator('#metadata dd').first().textContent()).toBe('Pycon 2018')
    expect(await page.locator('#html h1').first().textContent()).toBe('Viernes 9')
    const artifacts = join(root, '.artifacts')
    mkdirSync(artifacts, {recursive: true})
    await page.setViewportSize({width: 1400, height: 900})
    await page.screenshot({path: join(artifacts, 'playground.png'), fullPage: false})
    expect(existsSync(join(artifacts, 'playground.png'))).toBe(true)
  })
})
