#!/usr/bin/env node
/**
 * `mdpost`: parse post files from a shell. Posts go to stdout as JSON (one file: the Post;
 * several: a JSON line per file), diagnostics and errors to stderr as `path:line:column`.
 * Exit code 0 when every file parsed, 1 when one did not, 2 for a usage error.
 */
import {readdir, readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {type FrontmatterOptions, type PostFrontmatter, type PostOptions, PostParseError, parseFrontmatter} from '../index.js'
import {mdpostVersion} from '../node/files.js'
import {type FileResult, parseFiles} from '../node/index.js'
import type {Diagnostic} from '../types.js'

const usage = `Usage: mdpost [options] <file or folder>...

Parse blog posts (front matter + markdown) into JSON. A folder is read recursively for
markdown files (.md, .markdown, .mdown, .mkdn, .mkd, .mkdown, .mdx). One file prints its
Post; several print a JSON line each, {"path", "post"} or {"path", "error"}. Diagnostics go
to stderr.

Options:
  --frontmatter        front matter fields only, without parsing the body (fastest)
  --html               print the post's HTML (several: {"path", "post": {"html"}} lines)
  --fields <a,b,...>   print only these fields of each post (e.g. title,date,slug)
  --base-url <url>     site URL: resolves links and images (Post field \`resolved\`)
  --html-policy <p>    raw HTML: sanitize (default), escape, drop or trust
  --no-gfm             CommonMark only: no tables, footnotes, strikethrough…
  --no-strict          report fatal content problems as diagnostics and parse on
  --cache <folder>     reuse the answers for files that did not change
  --jobs <n>           worker threads (default: the number of CPUs)
  --timeout <ms>       longest one post may take (default: 10000)
  --quiet              no diagnostics on stderr (errors still)
  --pretty             indent JSON lines too
  -h, --help           this text
  -v, --version        mdpost's version
`

const extensions = /\.(?:md|markdown|mdown|mkdn|mkd|mkdown|mdx)$/i

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    process.stderr.write(`mdpost: ${(error as Error).message}\n\n${usage}`)
    return 2
  }
  const {values, positionals} = parsed
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  if (values.version) {
    process.stdout.write(`${await mdpostVersion()}\n`)
    return 0
  }
  if (positionals.length === 0) {
    process.stderr.write(`mdpost: expected a file or folder\n\n${usage}`)
    return 2
  }
  if (values.frontmatter && values.html) {
    process.stderr.write('mdpost: expected --html without --frontmatter, which does not parse the body\n')
    return 2
  }
  const policy = values['html-policy']
  if (policy !== undefined && !['sanitize', 'escape', 'drop', 'trust'].includes(policy)) {
    process.stderr.write(`mdpost: expected --html-policy to be sanitize, escape, drop or trust, not \`${policy}\`\n`)
    return 2
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs)
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout)
  const fields = values.fields?.split(',').map((field) => field.trim())

  const paths: string[] = []
  for (const given of positionals) {
    try {
      paths.push(...(await expand(given)))
    } catch (error) {
      process.stderr.write(`mdpost: ${(error as Error).message}\n`)
      return 1
    }
  }
  const many = paths.length !== 1 || positionals.some((given) => given !== paths[0])
  const strict = !values['no-strict']
  const options: PostOptions = {
    strict,
    gfm: !values['no-gfm'],
    ...(values['base-url'] === undefined ? {} : {baseUrl: values['base-url']}),
    ...(policy === undefined ? {} : {html: policy as PostOptions['html']})
  }

  let results: Array<Omit<FileResult, 'post'> & {post: PostFrontmatter | null}>
  try {
    results = values.frontmatter
      ? await frontmatterOnly(paths, {strict})
      : await parseFiles(paths, {post: options, cacheDir: values.cache, concurrency: jobs, timeoutMs: timeout})
  } catch (error) {
    // Options the library refuses (a bad --base-url, --jobs or --timeout) are usage errors.
    process.stderr.write(`mdpost: ${(error as Error).message}\n`)
    return 2
  }

  let failed = false
  for (const {path, post, error} of results) {
    if (error || !post) {
      failed = true
      process.stderr.write(`${error instanceof PostParseError ? error.message : `${path}: ${error?.message}`}\n`)
      if (many) write({path, error: error instanceof PostParseError ? error.toJSON() : {message: error?.message}}, values.pretty)
      continue
    }
    if (!values.quiet) for (const diagnostic of post.diagnostics) process.stderr.write(`${format(path, diagnostic)}\n`)
    if (values.html && !many) {
      process.stdout.write(`${'html' in post ? String(post.html) : ''}\n`)
      continue
    }
    const shown = values.html ? pick(post, ['html']) : fields ? pick(post, fields) : post
    if (many) write({path, post: shown}, values.pretty)
    else write(shown, true)
  }
  return failed ? 1 : 0
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      frontmatter: {type: 'boolean', default: false},
      html: {type: 'boolean', default: false},
      fields: {type: 'string'},
      'base-url': {type: 'string'},
      'html-policy': {type: 'string'},
      'no-gfm': {type: 'boolean', default: false},
      'no-strict': {type: 'boolean', default: false},
      cache: {type: 'string'},
      jobs: {type: 'string'},
      timeout: {type: 'string'},
      quiet: {type: 'boolean', default: false},
      pretty: {type: 'boolean', default: false},
      help: {type: 'boolean', short: 'h', default: false},
      version: {type: 'boolean', short: 'v', default: false}
    }
  })
}

/** A file as itself; a folder as its post files, recursively, sorted. */
async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null)
  if (!info) throw new Error(`no such file or folder: ${path}`)
  if (!info.isDirectory()) return [path]
  const found: string[] = []
  const entries = await readdir(path, {withFileTypes: true})
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = join(path, entry.name)
    if (entry.isDirectory()) found.push(...(await expand(child)))
    else if (extensions.test(entry.name)) found.push(child)
  }
  return found
}

/** parseFrontmatter reads no body: it runs here, one file after the other, without workers. */
async function frontmatterOnly(paths: string[], options: FrontmatterOptions) {
  const results = []
  for (const path of paths) {
    try {
      results.push({path, post: parseFrontmatter(await readFile(path), {...options, path}), error: null, cached: false})
    } catch (error) {
      results.push({path, post: null, error: error as Error, cached: false})
    }
  }
  return results
}

function pick(post: object, fields: string[]): Record<string, unknown> {
  const record = post as Record<string, unknown>
  return Object.fromEntries(fields.map((field) => [field, record[field] ?? null]))
}

function format(path: string, diagnostic: Diagnostic): string {
  return `${path}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.ruleId}]`
}

function write(value: unknown, pretty: boolean): void {
  process.stdout.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`)
}

process.exitCode = await main(process.argv.slice(2))
