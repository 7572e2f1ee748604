/** `mdpost sitemap`: the site's sitemap (sitemaps.org). */
import {loadSite} from '../../node/site.js'
import {toSitemap} from '../../site/index.js'
import type {Options} from '../args.js'
import type {Context} from '../context.js'
import {configOf, siteFolderOf, siteOptionsOf} from '../load.js'
import {progressLine} from '../progress.js'

export async function sitemap(options: Options, context: Context): Promise<number> {
  const root = siteFolderOf(options)
  const progress = progressLine(context.stderr, options.progress, 'loading')
  try {
    const loaded = await loadSite(root, {...siteOptionsOf(options, configOf(options, context)), onProgress: progress.update})
    progress.stop()
    context.stdout.write(toSitemap(loaded))
  } finally {
    progress.stop()
  }
  return 0
}
