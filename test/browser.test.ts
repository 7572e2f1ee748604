/**
 * The core in a real browser: bundled for the browser with esbuild (no Node built-ins), its
 * size checked, run in Debian's headless Chromium through playwright-core: the sample gives
 * the same Post as in Node, hostile posts run no script, and the playground shows the sample
 * (a screenshot is saved under .artifacts/). `.ci/run` installs `chromium` when it is missing.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {tmpdir} from 'node:os'
import {delimiter, extname, join} from 'node:path'
import {parsePost} from 'mdpost'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
// @ts-expect-error: a plain script of the repository, without types.
import {bundle, entries} from '../scripts/bundle.mjs'
import {needTool} from './helpers/tools.js'

const root = new URL('..', import.meta.url).pathname
const sample = readFileSync(join(root, 'fixtures', 'pycon-2018.md'), 'utf8')

interface Built {
  sizes: Record<string, {bytes: number; gzipBytes: number}>
  core: string
}

let built: Promise<Built> | undefined

/** The browser bundles, made once (esbuild only: no browser needed). */
function bundles(): Promise<Built> {
  built ??= (async () => {
    const sizes: Built['sizes'] = {}
    let core = ''
    for (const [name, contents] of Object.entries(entries as Record<string, string>)) {
      const result = (await bundle(contents)) as {code: string; bytes: number; gzipBytes: number}
      sizes[name] = {bytes: result.bytes, gzipBytes: result.gzipBytes}
      if (name === 'core') core = result.code
    }
    return {sizes, core}
  })()
  return built
}

describe('bundled for the browser', () => {
  test('bundle sizes: the core and parseFrontmatter alone, gzipped', async () => {
    const {sizes} = await bundles()
    // Measured 167.6 kB and 51.3 kB (esbuild, minified, legal comments dropped), ceilings just
    // above; 166.9 kB before python-dateutil's partial dates, digits alone and am/pm and Pelican's
    // repeated header keys (about 0.7 kB each; 50.6 kB before for parseFrontmatter); 165.4 and 49.4 kB before Pelican's dates as python-dateutil reads them
    // (`dates: 'dateutil'`), Python-Markdown's `---` headers, Hugo's front matter after
    // whitespace and the nesting pre-scan's code spans (about 1.5 kB); 164.4 kB before the template tag grammar (Post.templateTags), the task-check repair
    // and literal autolinks found as written (about 1 kB); 163.0 and 48.8 kB before the first-run
    // issue's three parser fixes (YAML colon recovery, several unclosed raw-text tags, escaped
    // brackets: about 3 kB minified). The core's
    // goal of 160 kB is not met: re-parsing raw HTML (hast-util-raw, parse5 and its entity
    // tables) is 49.7 kB of it, yaml 30.5 kB, mdpost's own code about 28 kB.
    expect(sizes.core?.gzipBytes).toBeLessThanOrEqual(168_000)
    expect(sizes.frontmatter?.gzipBytes).toBeLessThanOrEqual(51_500)
    // mdpost/site bundles for the browser too (no Node built-ins), on its own.
    expect(sizes.site?.gzipBytes).toBeGreaterThan(0)
  })
})

/** Debian's chromium on the PATH, by its full path (playwright needs one). */
function chromiumPath(): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      if (folder && existsSync(join(folder, name))) return join(folder, name)
    }
  }
  return undefined
}

// Outside CI, without chromium: one `skipped:` line, and no set-up or teardown runs.
const here = needTool('chromium', 'chromium', 'browser tests (test/browser.test.ts)')

describe.skipIf(!here)('in headless Chromium', () => {
  let folder: string | undefined
  let server: Server | undefined
  let origin = ''
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    const executablePath = chromiumPath()
    if (!executablePath) throw new Error('Expected Debian’s chromium on the PATH (apt-get install chromium), which .ci/run installs')
    const {core} = await bundles()
    const served = mkdtempSync(join(tmpdir(), 'mdpost-browser-'))
    folder = served
    writeFileSync(join(served, 'mdpost.js'), core)
    for (const file of ['index.html', 'playground.js', 'playground.css']) {
      writeFileSync(join(served, file), readFileSync(join(root, 'examples', 'playground', file)))
    }
    writeFileSync(join(served, 'blank.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><body></body>')
    const types: Record<string, string> = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css'}
    const listening = createServer((request, response) => {
      const name = (request.url ?? '/').split('?')[0]?.replace(/^\/+/, '') || 'index.html'
      const file = join(served, name)
      if (!file.startsWith(served) || !existsSync(file)) {
        response.writeHead(404).end()
        return
      }
      response
        .writeHead(200, {'content-type': `${types[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`})
        .end(readFileSync(file))
    })
    server = listening
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
    const address = listening.address()
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    browser = await chromium.launch({executablePath, args: ['--no-sandbox']})
    page = await browser.newPage()
  })

  // Each step only undoes what set-up did: nothing waits on a server that never started.
  afterAll(async () => {
    await browser?.close()
    const listening = server
    if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()))
    if (folder) rmSync(folder, {recursive: true, force: true})
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
        // Until every image has loaded or failed (an `onerror` runs before these listeners), then a turn.
        const pending = [...document.images].filter((image) => !image.complete)
        await Promise.all(
          pending.map(
            (image) =>
              new Promise((resolve) => {
                image.addEventListener('load', resolve)
                image.addEventListener('error', resolve)
              })
          )
        )
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
