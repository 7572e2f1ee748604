/**
 * `mdpost site`: the Site as JSON (`--fields`: only these fields of each post), written a post at
 * a time (`serializeSite`: a large site's JSON is longer than one string may be); `--watch`
 * prints it again on every change.
 */
import {once} from 'node:events'
import {loadSite} from '../../node/site.js'
import {serializeSite} from '../../site/json.js'
import type {Site} from '../../site/types.js'
import type {Options} from '../args.js'
import type {Context} from '../context.js'
import {configOf, siteFolderOf, siteOptionsOf} from '../load.js'
import {progressLine} from '../progress.js'
import {watch} from '../watch.js'

export async function site(options: Options, context: Context): Promise<number> {
  const root = siteFolderOf(options)
  const siteOptions = siteOptionsOf(options, configOf(options, context))
  const print = async (loaded: Site, indent: number | undefined): Promise<void> => {
    const {stdout} = context
    for (const piece of serializeSite(shown(loaded, options.fields), {indent: indent ?? 0})) {
      if (!stdout.write(piece)) await once(stdout, 'drain')
    }
    stdout.write('\n')
  }
  if (options.watch) return watch(root, siteOptions, context, (loaded) => print(loaded, undefined))
  const progress = progressLine(context.stderr, options.progress, 'loading')
  try {
    await print(await loadSite(root, {...siteOptions, onProgress: progress.update}), 2)
  } finally {
    progress.stop()
  }
  return 0
}

function shown(loaded: Site, fields: string[] | null): Parameters<typeof serializeSite>[0] {
  if (!fields) return loaded
  const pick = (post: object) => Object.fromEntries(fields.map((field) => [field, (post as Record<string, unknown>)[field] ?? null]))
  return {...loaded, posts: loaded.posts.map(pick)}
}
