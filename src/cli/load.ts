/** What the site commands share: the configuration that applies, and `loadSite`'s options from it and the flags. */
import {statSync} from 'node:fs'
import {resolve} from 'node:path'
import type {LoadSiteOptions} from '../node/site.js'
import {type Options, UsageError} from './args.js'
import {type Config, ConfigError, emptyConfig, findConfig, loadConfig} from './config.js'
import type {Context} from './context.js'

/** `--config`, else the nearest file from the working folder up, else none (`--no-config`: none). */
export function configOf(options: Options, context: Context): Config {
  if (options.noConfig) return emptyConfig
  const file = options.config === null ? findConfig(context.cwd) : resolve(context.cwd, options.config)
  if (file === null) return emptyConfig
  try {
    return loadConfig(file)
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, options.command)
    throw error
  }
}

/** The configuration's `site`, under the flags given. */
export function siteOptionsOf(options: Options, config: Config): LoadSiteOptions {
  const flags: LoadSiteOptions = {
    ...(options.url === null ? {} : {url: options.url}),
    ...(options.baseurl === null ? {} : {baseurl: options.baseurl}),
    ...(options.timezone === null ? {} : {timezone: options.timezone}),
    ...(options.drafts ? {drafts: true} : {}),
    ...(options.future ? {future: true} : {}),
    ...(options.cache === null ? {} : {cacheDir: options.cache}),
    ...(options.jobs === null ? {} : {concurrency: options.jobs}),
    ...(options.built === null ? {} : {built: options.built})
  }
  return {...(config.site as LoadSiteOptions), ...flags}
}

/** The one site folder of `site`, `feed`, `sitemap` and `--watch`. */
export function siteFolderOf(options: Options): string {
  const [first, ...rest] = options.paths
  if (first === undefined) throw new UsageError('expected a site folder', options.command)
  if (rest.length > 0) throw new UsageError(`expected one site folder, not ${options.paths.length} paths`, options.command)
  if (!isFolder(first)) throw new UsageError(`expected a site folder, not \`${first}\` (${describePath(first)})`, options.command)
  return first
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

export function exists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}

function describePath(path: string): string {
  return exists(path) ? 'not a folder' : 'no such file or folder'
}
