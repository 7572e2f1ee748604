/**
 * Plugins in workers: functions cannot cross to a thread, so worker APIs take plugins named by
 * module specifier with JSON options (`[['rehype-highlight', {detect: true}]]`), as remark-cli's
 * configuration names them. Specifiers resolve from the current working directory (the user's
 * project), are imported inside each worker, and their name, resolved version and options are part
 * of the content cache's key.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {PluggableList} from 'unified'

/** A plugin named by module specifier, with its options as JSON data. */
export type PluginSpecifier = string | readonly [specifier: string, options?: unknown]

export interface ResolvedPlugin {
  specifier: string
  /** File URL of the module to import. */
  url: string
  /** The `version` of the package it comes from, or null. */
  version: string | null
  options: unknown
}

/**
 * Check a worker's plugin list: specifiers and JSON options only (a function cannot be sent to a
 * thread). Resolved here, so that a missing module is one TypeError for the call.
 */
export function resolvePlugins(list: unknown, name: string, base: string = process.cwd()): ResolvedPlugin[] {
  if (list === null || list === undefined) return []
  if (!Array.isArray(list)) throw new TypeError(`Expected \`options.${name}\` to be a list of plugins`)
  if (list.length === 0) return []
  let key: string | null = null
  try {
    key = `${base}\0${JSON.stringify(list)}`
  } catch {
    // Not JSON (a function or a cycle): checked, and refused, below.
  }
  const known = key === null ? undefined : resolved.get(key)
  if (known) return known
  const result = resolveEach(list, name, base)
  if (key !== null) resolved.set(key, result)
  return result
}

/** Resolutions already made, by base and list: `parseFiles` asks once per file. */
const resolved = new Map<string, ResolvedPlugin[]>()

function resolveEach(list: unknown[], name: string, base: string): ResolvedPlugin[] {
  const require = createRequire(join(base, 'package.json'))
  return list.map((entry: unknown) => {
    const [specifier, options] = Array.isArray(entry) ? entry : [entry, undefined]
    if (typeof specifier !== 'string' || specifier === '') {
      throw new TypeError(
        `Expected \`options.${name}\` in a worker to name plugins by module specifier (\`'rehype-highlight'\` or \`['rehype-highlight', {…}]\`): functions cannot be sent to a thread`
      )
    }
    try {
      JSON.stringify(options)
    } catch {
      throw new TypeError(`Expected the options of plugin \`${specifier}\` to be JSON data`)
    }
    let path: string
    try {
      path = require.resolve(specifier)
    } catch (error) {
      throw new TypeError(`Expected plugin \`${specifier}\` to be installed where mdpost runs (${(error as Error).message.split('\n')[0]})`)
    }
    return {specifier, url: pathToFileURL(path).href, version: packageVersion(path), options}
  })
}

/** The version of the package a resolved file belongs to: the nearest package.json with a name. */
function packageVersion(path: string): string | null {
  let folder = dirname(path)
  for (;;) {
    try {
      const data = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {name?: string; version?: string}
      if (data.name) return data.version ?? null
    } catch {
      // No package.json here: look further up.
    }
    const parent = dirname(folder)
    if (parent === folder) return null
    folder = parent
  }
}

/** What the cache key must see of the plugins: names, versions and options. */
export function pluginsKey(remark: readonly ResolvedPlugin[], rehype: readonly ResolvedPlugin[]): string {
  const describe = (plugin: ResolvedPlugin) => [plugin.specifier, plugin.version, plugin.options ?? null]
  return JSON.stringify([remark.map(describe), rehype.map(describe)])
}

const modules = new Map<string, Promise<unknown>>()

/** In a worker: import each plugin once per thread, and give unified its `[plugin, options]` list. */
export async function importPlugins(list: readonly ResolvedPlugin[]): Promise<PluggableList> {
  const result: PluggableList = []
  for (const plugin of list) {
    let loading = modules.get(plugin.url)
    if (!loading) {
      loading = import(plugin.url).then((module: {default?: unknown}) => module.default)
      modules.set(plugin.url, loading)
    }
    const attacher = await loading
    if (typeof attacher !== 'function') {
      throw new TypeError(`Expected plugin \`${plugin.specifier}\` to export a unified plugin as its default export`)
    }
    result.push(plugin.options === undefined ? [attacher as never] : [attacher as never, plugin.options])
  }
  return result
}
