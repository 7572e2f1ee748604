/**
 * Bundle mdpost's core for the browser with esbuild (no Node built-ins allowed): the whole core,
 * and `parseFrontmatter` alone, minified; prints their sizes, gzipped. Used by the browser test,
 * the bundle-size check and the playground (`npm run playground`).
 */
import {gzipSync} from 'node:zlib'
import {build} from 'esbuild'

const root = new URL('..', import.meta.url).pathname

/** Bundle `contents` (an ES module importing 'mdpost'), minified, for the browser. */
export async function bundle(contents, {outfile} = {}) {
  const result = await build({
    stdin: {contents, resolveDir: root, loader: 'js'},
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: Boolean(outfile),
    ...(outfile ? {outfile} : {}),
    logLevel: 'silent'
  })
  if (outfile) return null
  const code = result.outputFiles[0].text
  return {code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length}
}

export const entries = {
  core: "export * from 'mdpost'",
  frontmatter: "export {parseFrontmatter} from 'mdpost'",
  site: "export * from 'mdpost/site'"
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--playground')) {
    await bundle(entries.core, {outfile: new URL('../examples/playground/mdpost.js', import.meta.url).pathname})
    console.log('examples/playground/mdpost.js written: open examples/playground/index.html through a local server')
  } else {
    for (const [name, contents] of Object.entries(entries)) {
      const {bytes, gzipBytes} = await bundle(contents)
      console.log(`${name}: ${(bytes / 1000).toFixed(1)} kB minified, ${(gzipBytes / 1000).toFixed(1)} kB gzip`)
    }
  }
}
