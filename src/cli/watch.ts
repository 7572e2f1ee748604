/**
 * `--watch` (check, site): run once, then again on every change (debounced), on an `openSite`
 * session with a content cache (a temporary one when `--cache` is not given), so that only the
 * files that changed are parsed again. Runs until interrupted.
 */
import {watch as fsWatch} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {escapeControls} from '../escape.js'
import type {LoadSiteOptions, SiteSession} from '../node/site.js'
import type {Site} from '../site/types.js'
import {type Context, terminalText} from './context.js'

export async function watch(
  root: string,
  options: LoadSiteOptions,
  context: Context,
  show: (site: Site) => Promise<void> | void
): Promise<number> {
  const {openSite} = await import('../node/site.js')
  const temporary = options.cacheDir ? null : await mkdtemp(join(tmpdir(), 'mdpost-watch-'))
  const shown = async (site: Site, started: number): Promise<void> => {
    await show(site)
    context.stderr.write(
      `mdpost: ${site.posts.length} posts in ${Math.round(performance.now() - started)} ms; watching ${escapeControls(root)}\n`
    )
  }
  // The watcher starts before the first load, so that no change made meanwhile is missed: its
  // updates are chained after the load.
  let session = null as SiteSession | null
  let started = performance.now()
  let running: Promise<void>
  // Changed paths gathered while the events settle; null: the watcher could not say which.
  let changed: Set<string> | null = new Set()
  let timer: NodeJS.Timeout | undefined
  const watcher = fsWatch(root, {recursive: true}, (_, file) => {
    if (file && /(^|[/\\])\./.test(String(file))) return
    if (file) changed?.add(String(file))
    else changed = null
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(async () => {
        const files = changed
        changed = new Set()
        if (!session) return
        started = performance.now()
        await shown(await session.update(files ? [...files] : null), started)
      })
      running = running.catch((error: Error) => {
        context.stderr.write(`mdpost: ${terminalText(error.message)}\n`)
      })
    }, 100)
  })
  running = openSite(root, {...options, cacheDir: options.cacheDir ?? temporary}).then(async (opened) => {
    session = opened
    await shown(opened.site, started)
  })
  try {
    await running
  } catch (error) {
    watcher.close()
    clearTimeout(timer)
    if (temporary) await rm(temporary, {recursive: true, force: true})
    throw error
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  watcher.close()
  clearTimeout(timer)
  await running.catch(() => undefined)
  await session?.close()
  if (temporary) await rm(temporary, {recursive: true, force: true})
  return 0
}
