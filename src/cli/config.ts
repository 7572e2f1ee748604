/**
 * The configuration of `mdpost check` (and the site commands): found from the working folder
 * up (`.mdpostrc.json`, `.mdpostrc.yaml`, `.mdpostrc.yml`, then `package.json`'s `mdpost` key;
 * the nearest folder with one wins), with `extends`, validated key by key. A bad file is a
 * usage error naming the file and the key.
 */
import {readFileSync, statSync} from 'node:fs'
import {dirname, isAbsolute, join, resolve} from 'node:path'
import {parse as parseYaml} from 'yaml'
import {escapeControls} from '../escape.js'
import {isRuleId} from './rules.js'

export type RuleSetting = 'off' | 'warn' | 'error'

export interface Config {
  /** The file the configuration came from (absolute), or null: none found, or `--no-config`. */
  file: string | null
  rules: Record<string, RuleSetting>
  /** Globs, each relative to the folder of the file that declared it; `!` re-includes. */
  ignorePaths: Array<{pattern: string; base: string}>
  /** Regular expressions (as lychee's `--exclude`): problems of links whose URL matches are not reported. */
  ignoreLinks: string[]
  /** `loadSite` options; paths in them resolved against the file's folder. */
  site: Record<string, unknown>
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

export const configNames = ['.mdpostrc.json', '.mdpostrc.yaml', '.mdpostrc.yml', 'package.json'] as const

export const emptyConfig: Config = {file: null, rules: {}, ignorePaths: [], ignoreLinks: [], site: {}}

/** Options of `loadSite` a configuration may set, with the type each must have. */
const siteKeys: Record<string, 'string' | 'boolean' | 'strings' | 'permalink' | 'list' | 'path'> = {
  url: 'string',
  baseurl: 'string',
  permalink: 'permalink',
  timezone: 'string',
  drafts: 'boolean',
  future: 'boolean',
  title: 'string',
  description: 'string',
  author: 'string',
  defaults: 'list',
  posts: 'strings',
  static: 'strings',
  built: 'path'
}

const topKeys = ['$schema', 'rules', 'ignorePaths', 'ignoreLinks', 'site', 'extends']

/** The nearest configuration file from `cwd` up, or null. */
export function findConfig(cwd: string): string | null {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    for (const name of configNames) {
      const path = join(folder, name)
      if (!isFile(path)) continue
      if (name !== 'package.json' || hasMdpostKey(path)) return path
    }
    if (dirname(folder) === folder) return null
  }
}

/** A configuration file, with those it extends merged under it. */
export function loadConfig(path: string, seen: readonly string[] = []): Config {
  const file = resolve(path)
  if (seen.includes(file)) throw new ConfigError(`${shown(file)}: \`extends\` makes a cycle (${[...seen, file].map(shown).join(' → ')})`)
  const data = readData(file)
  const at = (key: string) => `${shown(file)}: \`${key}\``
  for (const key of Object.keys(data)) {
    if (!topKeys.includes(key)) throw new ConfigError(`${at(key)}: unknown key, expected one of ${topKeys.slice(1).join(', ')}`)
  }
  let base: Config = {...emptyConfig, file}
  if (data.extends !== undefined) {
    if (typeof data.extends !== 'string' || data.extends === '') throw new ConfigError(`${at('extends')}: expected the path of a file`)
    const parent = isAbsolute(data.extends) ? data.extends : join(dirname(file), data.extends)
    if (!isFile(parent)) throw new ConfigError(`${at('extends')}: no such file \`${escapeControls(data.extends)}\``)
    base = {...loadConfig(parent, [...seen, file]), file}
  }
  const folder = dirname(file)
  return {
    file,
    rules: {...base.rules, ...rulesOf(data.rules, at)},
    ignorePaths: [...base.ignorePaths, ...stringsOf(data.ignorePaths, 'ignorePaths', at).map((pattern) => ({pattern, base: folder}))],
    ignoreLinks: [...base.ignoreLinks, ...linksOf(data.ignoreLinks, at)],
    site: {...base.site, ...siteOf(data.site, folder, at)}
  }
}

function readData(file: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`${shown(file)}: cannot read the configuration (${escapeControls((error as Error).message)})`)
  }
  let data: unknown
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new ConfigError(`${shown(file)}: cannot parse the configuration (${oneLine((error as Error).message)})`)
  }
  if (file.endsWith('package.json')) data = isRecord(data) ? data.mdpost : undefined
  if (data === null || data === undefined) return {}
  if (!isRecord(data)) throw new ConfigError(`${shown(file)}: expected the configuration to be a mapping of keys`)
  return data
}

function rulesOf(value: unknown, at: (key: string) => string): Record<string, RuleSetting> {
  if (value === undefined) return {}
  if (!isRecord(value)) throw new ConfigError(`${at('rules')}: expected a mapping of rule ids to off, warn or error`)
  const rules: Record<string, RuleSetting> = {}
  for (const [id, setting] of Object.entries(value)) {
    if (!isRuleId(id)) throw new ConfigError(`${at(`rules.${escapeControls(id)}`)}: unknown rule id (see the README's Diagnostics)`)
    if (setting !== 'off' && setting !== 'warn' && setting !== 'error') {
      throw new ConfigError(`${at(`rules.${id}`)}: expected off, warn or error, not ${JSON.stringify(setting)}`)
    }
    rules[id] = setting
  }
  return rules
}

function stringsOf(value: unknown, key: string, at: (key: string) => string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new ConfigError(`${at(key)}: expected a list of strings`)
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item === '') throw new ConfigError(`${at(`${key}[${index}]`)}: expected a non-empty string`)
  })
  return value as string[]
}

function linksOf(value: unknown, at: (key: string) => string): string[] {
  const patterns = stringsOf(value, 'ignoreLinks', at)
  patterns.forEach((pattern, index) => {
    try {
      new RegExp(pattern)
    } catch (error) {
      throw new ConfigError(`${at(`ignoreLinks[${index}]`)}: not a regular expression (${oneLine((error as Error).message)})`)
    }
  })
  return patterns
}

function siteOf(value: unknown, folder: string, at: (key: string) => string): Record<string, unknown> {
  if (value === undefined) return {}
  if (!isRecord(value)) throw new ConfigError(`${at('site')}: expected a mapping of loadSite options`)
  const site: Record<string, unknown> = {}
  for (const [key, option] of Object.entries(value)) {
    const kind = siteKeys[key]
    const name = `site.${escapeControls(key)}`
    if (!kind) throw new ConfigError(`${at(name)}: unknown key, expected one of ${Object.keys(siteKeys).join(', ')}`)
    const ok =
      kind === 'boolean'
        ? typeof option === 'boolean'
        : kind === 'strings'
          ? Array.isArray(option) && option.every((item) => typeof item === 'string')
          : kind === 'permalink'
            ? typeof option === 'string' || isRecord(option)
            : kind === 'list'
              ? Array.isArray(option)
              : typeof option === 'string'
    if (!ok) throw new ConfigError(`${at(name)}: expected ${describe(kind)}, not ${JSON.stringify(option)}`)
    site[key] = kind === 'path' ? resolve(folder, option as string) : option
  }
  return site
}

function describe(kind: string): string {
  if (kind === 'boolean') return 'true or false'
  if (kind === 'strings') return 'a list of strings'
  if (kind === 'permalink') return 'a string or a mapping'
  if (kind === 'list') return 'a list'
  return 'a string'
}

function hasMdpostKey(path: string): boolean {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown
    return isRecord(data) && data.mdpost !== undefined
  } catch {
    return false
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function shown(path: string): string {
  return escapeControls(path)
}

/** Parser messages may span lines (YAML's show the line): the first is enough here. */
function oneLine(message: string): string {
  return escapeControls(message.split('\n')[0] ?? '')
}
