/**
 * The one flag table of `mdpost`: every flag with the commands it belongs to and its help line,
 * one `parseArgs` call over it, and the validation of every value, so that each command gets
 * typed options and every usage error names the flag as the user typed it.
 */
import {parseArgs} from 'node:util'
import {escapeControls} from '../escape.js'

export const commandNames = ['parse', 'check', 'site', 'feed', 'sitemap'] as const
export type CommandName = (typeof commandNames)[number]

const siteCommands: readonly CommandName[] = ['check', 'site', 'feed', 'sitemap']
const all: readonly CommandName[] = commandNames

interface Flag {
  name: string
  short?: string
  type: 'string' | 'boolean'
  multiple?: boolean
  /** The placeholder of its value in the help. */
  value?: string
  commands: readonly CommandName[]
  help: string
}

/** Every flag of every command; `--help` of a command lists those that name it. */
export const flagTable: readonly Flag[] = [
  {name: 'format', type: 'string', value: 'f', commands: ['check'], help: 'stylish (default), compact, json, github, sarif or junit'},
  {name: 'format', type: 'string', value: 'f', commands: ['feed'], help: 'atom (default), rss or json'},
  {name: 'max-warnings', type: 'string', value: 'n', commands: ['check'], help: 'exit 1 with more warnings than n (default: no limit)'},
  {name: 'quiet', type: 'boolean', commands: ['parse', 'check'], help: 'errors only (parse: no diagnostics on stderr)'},
  {name: 'color', type: 'boolean', commands: ['check'], help: 'colours even when stdout is not a terminal'},
  {name: 'no-color', type: 'boolean', commands: ['check'], help: 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'},
  {name: 'no-progress', type: 'boolean', commands: siteCommands, help: 'no progress line on stderr (shown only on a terminal)'},
  {name: 'config', type: 'string', value: 'file', commands: siteCommands, help: 'this configuration file instead of the one found'},
  {name: 'no-config', type: 'boolean', commands: siteCommands, help: 'no configuration file'},
  {
    name: 'print-config',
    type: 'string',
    value: 'file',
    commands: ['check'],
    help: 'print the configuration that applies to a file, and exit'
  },
  {
    name: 'built',
    type: 'string',
    value: 'folder',
    commands: ['check'],
    help: "check links against the generator's output (_site, public…)"
  },
  {name: 'watch', type: 'boolean', commands: ['check', 'site'], help: 'run again on every change (one site folder)'},
  {name: 'url', type: 'string', value: 'url', commands: siteCommands, help: "the site's URL (https://example.org)"},
  {name: 'baseurl', type: 'string', value: 'path', commands: siteCommands, help: "the site's base path (/blog)"},
  {name: 'timezone', type: 'string', value: 'zone', commands: siteCommands, help: 'IANA time zone of dates without one (Europe/Madrid)'},
  {name: 'drafts', type: 'boolean', commands: siteCommands, help: 'include drafts'},
  {name: 'future', type: 'boolean', commands: siteCommands, help: 'include posts dated in the future'},
  {name: 'limit', type: 'string', value: 'n', commands: ['feed'], help: 'at most n entries'},
  {
    name: 'out',
    type: 'string',
    value: 'folder',
    commands: ['sitemap'],
    help: 'write every sitemap file there (an index and numbered sitemaps past 50,000 URLs or 50 MiB)'
  },
  {name: 'fields', type: 'string', value: 'a,b,...', commands: ['parse', 'site'], help: 'only these fields of each post'},
  {name: 'frontmatter', type: 'boolean', commands: ['parse'], help: 'front matter fields only, without parsing the body (fastest)'},
  {name: 'html', type: 'boolean', commands: ['parse'], help: "print the post's HTML"},
  {name: 'base-url', type: 'string', value: 'url', commands: ['parse'], help: 'site URL: resolves links and images'},
  {name: 'html-policy', type: 'string', value: 'p', commands: ['parse'], help: 'raw HTML: sanitize (default), escape, drop or trust'},
  {name: 'path', type: 'string', value: 'path', commands: ['parse'], help: 'the path of the post read from stdin (-)'},
  {
    name: 'use',
    type: 'string',
    multiple: true,
    value: 'plugin[=json]',
    commands: ['parse'],
    help: 'a remark- or rehype- plugin, with JSON options'
  },
  {name: 'no-gfm', type: 'boolean', commands: ['parse'], help: 'CommonMark only: no tables, footnotes, strikethrough…'},
  {name: 'no-strict', type: 'boolean', commands: ['parse'], help: 'report fatal content problems as diagnostics and parse on'},
  {name: 'pretty', type: 'boolean', commands: ['parse'], help: 'indent JSON lines too'},
  {name: 'jsonl', type: 'boolean', commands: ['parse'], help: 'read paths from stdin, one a line; a JSON line out per file'},
  {name: 'cache', type: 'string', value: 'folder', commands: all, help: 'reuse the answers for files that did not change'},
  {name: 'jobs', type: 'string', value: 'n', commands: all, help: 'worker threads (default: the number of CPUs)'},
  {name: 'timeout', type: 'string', value: 'ms', commands: ['parse'], help: 'longest one post may take (default: 10000)'},
  {name: 'help', short: 'h', type: 'boolean', commands: all, help: 'this text'},
  {name: 'version', short: 'v', type: 'boolean', commands: all, help: "mdpost's version"}
]

/** What `mdpost check` (and every command) gets: flags as typed values, validated. */
export interface Options {
  command: CommandName
  paths: string[]
  help: boolean
  version: boolean
  format: string | null
  maxWarnings: number | null
  quiet: boolean
  /** `--color`: true, `--no-color`: false, neither: null (decided by the environment). */
  color: boolean | null
  progress: boolean
  config: string | null
  noConfig: boolean
  printConfig: string | null
  built: string | null
  watch: boolean
  url: string | null
  baseurl: string | null
  timezone: string | null
  drafts: boolean
  future: boolean
  limit: number | null
  out: string | null
  fields: string[] | null
  frontmatter: boolean
  html: boolean
  baseUrl: string | null
  htmlPolicy: 'sanitize' | 'escape' | 'drop' | 'trust' | null
  path: string | null
  use: string[]
  gfm: boolean
  strict: boolean
  pretty: boolean
  jsonl: boolean
  cache: string | null
  jobs: number | null
  timeout: number | null
}

/** A usage error: exit 2, with the command's usage. */
export class UsageError extends Error {
  readonly command: CommandName | null
  constructor(message: string, command: CommandName | null) {
    super(message)
    this.name = 'UsageError'
    this.command = command
  }
}

/** Fields `--fields` can name in `mdpost` (parse): those of a Post. */
export const postFields = [
  'title',
  'slug',
  'date',
  'updated',
  'permalink',
  'image',
  'canonical',
  'draft',
  'lang',
  'tags',
  'categories',
  'excerpt',
  'stats',
  'headings',
  'sections',
  'links',
  'images',
  'templateTags',
  'html',
  'diagnostics',
  'metadata',
  'frontmatter'
]

/** Fields `mdpost site --fields` can name: those of a SitePost. */
export const sitePostFields = ['path', ...postFields.filter((field) => field !== 'html'), 'html', 'url', 'backlinks', 'previous', 'next']

const formats: Partial<Record<CommandName, readonly string[]>> = {
  check: ['stylish', 'compact', 'json', 'github', 'sarif', 'junit'],
  feed: ['atom', 'rss', 'json']
}

/** The command and its options from the arguments (without `node` and the script). */
export function parseCommandLine(argv: readonly string[], exists: (path: string) => boolean): Options {
  const first = argv[0]
  let command: CommandName = 'parse'
  let rest = argv
  if (first !== undefined && (commandNames as readonly string[]).includes(first)) {
    command = first as CommandName
    rest = argv.slice(1)
  } else if (first !== undefined && !first.startsWith('-') && !exists(first)) {
    const near = closest(first, commandNames)
    if (near) throw new UsageError(`unknown command \`${escapeControls(first)}\`, did you mean \`${near}\`?`, null)
  }
  const {values, positionals} = read(rest, command)
  for (const name of Object.keys(values)) {
    const flag = flagTable.find((entry) => entry.name === name && entry.commands.includes(command))
    if (!flag) {
      const owners = flagTable.filter((entry) => entry.name === name).flatMap((entry) => entry.commands)
      throw new UsageError(
        `\`--${name}\` is not an option of \`${title(command)}\` (it is one of ${owners.map(title).join(', ')})`,
        command
      )
    }
  }
  return validate(command, values, positionals)
}

type Values = Record<string, string | boolean | string[] | undefined>

function read(args: readonly string[], command: CommandName): {values: Values; positionals: string[]} {
  const options: Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}> = {}
  for (const flag of flagTable) {
    options[flag.name] = {
      type: flag.type,
      ...(flag.short ? {short: flag.short} : {}),
      ...(flag.multiple ? {multiple: true} : {})
    }
  }
  try {
    const {values, positionals} = parseArgs({args: [...args], options, allowPositionals: true, strict: true})
    return {values: values as Values, positionals}
  } catch (error) {
    throw new UsageError(argumentMessage(error as Error & {code?: string}), command)
  }
}

/** Node's parseArgs messages, in the words of this CLI, naming the flag as typed. */
function argumentMessage(error: Error & {code?: string}): string {
  // Node quotes the flag as typed (`'--bogus'`), or as declared (`'-h, --help'`, `'--jobs <value>'`).
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? ''
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? /-\w/.exec(quoted)?.[0] ?? quoted
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = closest(
      flag.replace(/^-+/, ''),
      flagTable.map((entry) => entry.name)
    )
    return `unknown option \`${escapeControls(flag)}\`${near ? `, did you mean \`--${near}\`?` : ''}`
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const value = flagTable.find((entry) => `--${entry.name}` === flag || `-${entry.short}` === flag)
    return value?.type === 'boolean'
      ? `expected no value after \`${escapeControls(flag)}\``
      : `expected a value after \`${escapeControls(flag)}\``
  }
  return escapeControls(error.message)
}

function validate(command: CommandName, values: Values, paths: string[]): Options {
  const string = (name: string): string | null => (typeof values[name] === 'string' ? (values[name] as string) : null)
  const flag = (name: string): boolean => values[name] === true
  const fail = (message: string): never => {
    throw new UsageError(message, command)
  }
  const shown = (value: string) => `\`${escapeControls(value)}\``
  const whole = (name: string, least: number): number | null => {
    const given = string(name)
    if (given === null) return null
    const number = Number(given)
    if (given.trim() === '' || !Number.isInteger(number) || number < least) {
      fail(`expected \`--${name}\` to be a whole number${least > 0 ? ` from ${least}` : ''}, not ${shown(given)}`)
    }
    return number
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | null => {
    const given = string(name)
    if (given !== null && !allowed.includes(given as T)) fail(`expected \`--${name}\` to be ${listOr(allowed)}, not ${shown(given)}`)
    return given as T | null
  }
  const url = (name: string): string | null => {
    const given = string(name)
    if (given === null) return null
    if (!/^https?:$/.test(urlProtocol(given)))
      fail(`expected \`--${name}\` to be an absolute http(s) URL (https://example.org), not ${shown(given)}`)
    return given
  }
  if (flag('color') && flag('no-color')) fail('expected `--color` or `--no-color`, not both')
  if (flag('config') && flag('no-config')) fail('expected `--config` or `--no-config`, not both')
  if (flag('frontmatter') && flag('html')) fail('expected `--html` without `--frontmatter`, which does not parse the body')
  const timezone = string('timezone')
  if (timezone !== null && !knownZone(timezone))
    fail(`expected \`--timezone\` to be an IANA time zone (Europe/Madrid), not ${shown(timezone)}`)
  const fieldsGiven = string('fields')
  let fields: string[] | null = null
  if (fieldsGiven !== null) {
    fields = fieldsGiven.split(',').map((field) => field.trim())
    const valid = command === 'site' ? sitePostFields : postFields
    const unknown = fields.filter((field) => !valid.includes(field))
    if (unknown.length > 0) {
      fail(`unknown \`--fields\` ${unknown.map(shown).join(', ')}, expected some of ${valid.join(', ')}`)
    }
  }
  const baseurl = string('baseurl')
  if (baseurl !== null && !baseurl.startsWith('/') && baseurl !== '')
    fail(`expected \`--baseurl\` to be a path starting with / (/blog), not ${shown(baseurl)}`)
  return {
    command,
    paths,
    help: flag('help'),
    version: flag('version'),
    format: oneOf('format', formats[command] ?? []),
    maxWarnings: whole('max-warnings', 0),
    quiet: flag('quiet'),
    color: flag('color') ? true : flag('no-color') ? false : null,
    progress: !flag('no-progress'),
    config: string('config'),
    noConfig: flag('no-config'),
    printConfig: string('print-config'),
    built: string('built'),
    watch: flag('watch'),
    url: url('url'),
    baseurl,
    timezone,
    drafts: flag('drafts'),
    future: flag('future'),
    limit: whole('limit', 1),
    out: string('out'),
    fields,
    frontmatter: flag('frontmatter'),
    html: flag('html'),
    baseUrl: url('base-url'),
    htmlPolicy: oneOf('html-policy', ['sanitize', 'escape', 'drop', 'trust'] as const),
    path: string('path'),
    use: (values.use as string[] | undefined) ?? [],
    gfm: !flag('no-gfm'),
    strict: !flag('no-strict'),
    pretty: flag('pretty'),
    jsonl: flag('jsonl'),
    cache: string('cache'),
    jobs: whole('jobs', 1),
    timeout: whole('timeout', 1)
  }
}

function urlProtocol(value: string): string {
  try {
    return new URL(value).protocol
  } catch {
    return ''
  }
}

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', {timeZone: zone})
    return true
  } catch {
    return false
  }
}

function listOr(values: readonly string[]): string {
  return values.length < 2 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`
}

function title(command: CommandName): string {
  return command === 'parse' ? 'mdpost' : `mdpost ${command}`
}

/** The candidate within two edits of `typed` (one for short words), if any: for "did you mean". */
export function closest(typed: string, candidates: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(typed.toLowerCase(), candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= (typed.length <= 4 ? 1 : 2) ? best : null
}

/**
 * Damerau-Levenshtein (optimal string alignment) distance, so that a swap (`chekc`) is one
 * edit; on command and flag names only, a few letters long, hence no package for it.
 */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({length: a.length + 1}, (_, i) =>
    Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[]
      const previous = rows[i - 1] as number[]
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1)
      row[j] = value
    }
  }
  return (rows[a.length] as number[])[b.length] as number
}

const intro: Record<CommandName, string> = {
  parse: `Usage: mdpost [parse] [options] <file, folder or ->...

Parse blog posts (front matter + markdown) into JSON. A folder is read recursively for markdown
files (.md, .markdown, .mdown, .mkdn, .mkd, .mkdown, .mdx); \`-\` reads one post from stdin. One
file prints its Post; several print a JSON line each, {"path", "post"} or {"path", "error"}, in
input order. Diagnostics go to stderr as path:line:column: severity: message [rule-id].`,
  check: `Usage: mdpost check [options] <site folder | files>...

Load a site (Jekyll, Hugo, Docusaurus, Gatsby, Pelican or plain) or parse post files, check
links, fragments and images across posts, and report the problems. Exit 0: no errors; 1: errors,
more warnings than --max-warnings, or no post files; 2: usage error. Configuration:
.mdpostrc.json, .mdpostrc.yaml/.yml or package.json's "mdpost", from the working folder up.`,
  site: `Usage: mdpost site [options] <site folder>

Print the site as JSON: its config, posts (newest first), tags, categories and served paths.`,
  feed: `Usage: mdpost feed [options] <site folder>

Print the site's feed: Atom (default), RSS 2.0 or JSON Feed 1.1.`,
  sitemap: `Usage: mdpost sitemap [options] <site folder>

Print the site's sitemap (sitemaps.org).`
}

/** The help of one command: its introduction and its flags, from the table. */
export function usageOf(command: CommandName): string {
  const rows = flagTable
    .filter((flag) => flag.commands.includes(command))
    .map((flag) => [`${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` <${flag.value}>` : ''}`, flag.help] as const)
  const width = Math.max(...rows.map(([left]) => left.length))
  const commands = command === 'parse' ? '\n\nCommands: parse (default), check, site, feed, sitemap (mdpost <command> --help)' : ''
  return `${intro[command]}${commands}\n\nOptions:\n${rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`).join('\n')}\n`
}
