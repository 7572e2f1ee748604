/**
 * `mdpost sitemap`: the site's sitemap (sitemaps.org). One file goes to stdout; past 50,000 URLs
 * or 50 MiB the sitemap is an index and numbered files, written into `--out <folder>`. Posts
 * left out (a URL of 2,048 characters or more) are said on stderr as compact lines.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {dirname, join, relative} from 'node:path'
import {loadSite} from '../../node/site.js'
import {toSitemaps} from '../../site/index.js'
import type {Options} from '../args.js'
import type {Context} from '../context.js'
import {configOf, siteFolderOf, siteOptionsOf} from '../load.js'
import {progressLine} from '../progress.js'
import {compactLine} from '../report/compact.js'

export async function sitemap(options: Options, context: Context): Promise<number> {
  const root = siteFolderOf(options)
  const progress = progressLine(context.stderr, options.progress, 'loading')
  let result: ReturnType<typeof toSitemaps>
  try {
    const loaded = await loadSite(root, {...siteOptionsOf(options, configOf(options, context)), onProgress: progress.update})
    progress.stop()
    result = toSitemaps(loaded)
  } finally {
    progress.stop()
  }
  for (const diagnostic of result.diagnostics) {
    const path =
      relative(context.cwd, join(root, diagnostic.path ?? ''))
        .split('\\')
        .join('/') || '.'
    context.stderr.write(`${compactLine({...diagnostic, path})}\n`)
  }
  if (options.out !== null) {
    for (const file of result.files) {
      const target = join(options.out, file.path)
      await mkdir(dirname(target), {recursive: true})
      await writeFile(target, file.xml)
    }
    return 0
  }
  if (result.files.length > 1) {
    context.stderr.write(
      `mdpost sitemap: the sitemap is ${result.files.length} files (an index past 50,000 URLs or 50 MiB): write them with --out <folder>\n`
    )
    return 1
  }
  context.stdout.write((result.files[0] as {xml: string}).xml)
  return 0
}
