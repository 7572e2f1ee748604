/** `mdpost feed`: the site's Atom (default), RSS 2.0 or JSON Feed 1.1. */
import {loadSite} from '../../node/site.js'
import {toFeed} from '../../site/index.js'
import type {Options} from '../args.js'
import type {Context} from '../context.js'
import {configOf, siteFolderOf, siteOptionsOf} from '../load.js'
import {progressLine} from '../progress.js'

export async function feed(options: Options, context: Context): Promise<number> {
  const root = siteFolderOf(options)
  const progress = progressLine(context.stderr, options.progress, 'loading')
  try {
    const loaded = await loadSite(root, {...siteOptionsOf(options, configOf(options, context)), onProgress: progress.update})
    progress.stop()
    const format = (options.format ?? 'atom') as 'atom' | 'rss' | 'json'
    context.stdout.write(toFeed(loaded, {format, ...(options.limit === null ? {} : {limit: options.limit})}))
  } finally {
    progress.stop()
  }
  return 0
}
