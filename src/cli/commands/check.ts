/**
 * `mdpost check`: a site folder loaded with `loadSite`, or post files parsed one by one; the
 * problems as a Report, in the format asked for. Exit 0: no errors and no more warnings than
 * `--max-warnings`; 1: errors, too many warnings, or no post file checked; 2: usage error.
 */
import {resolve} from 'node:path'
import type {LoadSiteOptions} from '../../node/site.js'
import type {LeanSite, Site} from '../../site/types.js'
import type {Post} from '../../types.js'
import {type Findings, toReport} from '../apply.js'
import {type Options, UsageError} from '../args.js'
import type {Context} from '../context.js'
import {postPaths} from '../files.js'
import {ignoredBy} from '../ignore.js'
import {configOf, exists, isFolder, siteFolderOf, siteOptionsOf} from '../load.js'
import {progressLine} from '../progress.js'
import {type Format, formatReport, useColor} from '../report/index.js'
import {countOf, type Report} from '../report/problems.js'
import {watch} from '../watch.js'

export async function check(options: Options, context: Context): Promise<number> {
  const config = configOf(options, context)
  const isIgnored = ignoredBy(config)
  if (options.printConfig !== null) {
    const file = resolve(context.cwd, options.printConfig)
    const {file: from, rules, ignoreLinks, site} = config
    context.stdout.write(`${JSON.stringify({file, config: from, ignored: isIgnored(file), rules, ignoreLinks, site}, null, 2)}\n`)
    return 0
  }
  if (options.paths.length === 0) throw new UsageError('expected a site folder or post files', 'check')
  for (const path of options.paths) {
    if (!exists(path)) throw new UsageError(`no such file or folder: \`${path}\``, 'check')
  }
  if (options.built !== null && !isFolder(options.built)) {
    throw new UsageError(`expected \`--built\` to be the generator's output folder, not \`${options.built}\``, 'check')
  }
  const format = (options.format ?? 'stylish') as Format
  // The progress line first, then the library (most of a second to load on a busy machine).
  const progress = options.watch ? null : progressLine(context.stderr, options.progress, 'checking')
  const {mdpostVersion} = await import('../../node/files.js')
  const print = async (report: Report) => {
    const color = useColor(options.color, context.env, Boolean(context.stdout.isTTY))
    context.stdout.write(formatReport(report, format, {color, version: await mdpostVersion(), cwd: context.cwd}))
  }
  const siteOptions = siteOptionsOf(options, config)
  if (options.watch) {
    const root = siteFolderOf(options)
    return watch(root, siteOptions, context, (site) =>
      print(toReport(siteFindings(root, site), config, isIgnored, context.cwd, options.quiet))
    )
  }
  let findings: Findings
  try {
    const [first] = options.paths
    if (options.paths.length === 1 && first !== undefined && isFolder(first)) {
      const {loadSite} = await import('../../node/site.js')
      // Lean: no post's HTML is kept (a check needs none), so 50,000 posts fit in memory.
      findings = siteFindings(first, await loadSite(first, {...siteOptions, lean: true, onProgress: progress?.update ?? null}))
    } else {
      findings = await fileFindings(await postPaths(options.paths), siteOptions, progress?.update ?? (() => undefined))
    }
  } finally {
    progress?.stop()
  }
  const report = toReport(findings, config, isIgnored, context.cwd, options.quiet)
  await print(report)
  const counts = countOf(report.problems)
  const tooMany = options.maxWarnings !== null && counts.warnings > options.maxWarnings
  return report.files.length === 0 || counts.errors > 0 || tooMany ? 1 : 0
}

/** A loaded site's problems, its own and its posts', with paths relative to its root. */
export function siteFindings(root: string, site: Site | LeanSite): Findings {
  const posts = new Map(site.posts.map((post) => [post.path, post]))
  const diagnostics: Findings['diagnostics'][number][] = [...site.diagnostics]
  for (const post of site.posts) for (const diagnostic of post.diagnostics) diagnostics.push({...diagnostic, path: post.path})
  // Posts that could not be read or parsed are files checked too: their error is their problem.
  const failed = site.diagnostics
    .filter((d) => d.path !== null && d.severity === 'error' && !posts.has(d.path))
    .map((d) => d.path as string)
  const unreadable = new Set(failed.filter((path) => /\.(?:md|markdown|mdown|mkdn|mkd|mkdown|mdx|rst)$/i.test(path)))
  return {
    root,
    files: [...posts.keys(), ...unreadable],
    diagnostics,
    linksOf: (path) => {
      const post = posts.get(path)
      return post ? targetsOf(post) : []
    }
  }
}

/** Post files parsed one by one (no site), relative to the working folder or absolute. */
async function fileFindings(
  paths: readonly string[],
  siteOptions: LoadSiteOptions,
  onProgress: (progress: {done: number; total: number; problems: number}) => void
): Promise<Findings> {
  const [{parseFiles}, {failure}, {createSite}] = await Promise.all([
    import('../../node/files.js'),
    import('../../node/site.js'),
    import('../../site/create.js')
  ])
  let done = 0
  let problems = 0
  onProgress({done, total: paths.length, problems})
  const results = await parseFiles(paths, {
    cacheDir: siteOptions.cacheDir ?? null,
    concurrency: siteOptions.concurrency ?? null,
    onResult: (result) => {
      done++
      problems += result.error === null ? result.post.diagnostics.length : 1
      onProgress({done, total: paths.length, problems})
    }
  })
  const diagnostics: Findings['diagnostics'][number][] = []
  const links = new Map<string, ReturnType<Findings['linksOf']>>()
  for (const result of results) {
    if (result.error !== null) {
      diagnostics.push(failure(result.path, result.error))
      continue
    }
    links.set(result.path, targetsOf(result.post))
    for (const diagnostic of result.post.diagnostics) diagnostics.push({...diagnostic, path: result.path})
  }
  // Fragments across the files given (`#id`, `other.md#id`): the one cross-post check that needs no site.
  const posts = results.flatMap((result) => (result.error === null ? [{path: result.path, post: result.post}] : []))
  const crossed = createSite({posts, config: {drafts: true, future: true}}).diagnostics
  diagnostics.push(...crossed.filter((diagnostic) => diagnostic.ruleId === 'link-fragment-broken'))
  return {root: '.', files: [...paths], diagnostics, linksOf: (path) => links.get(path) ?? []}
}

/** A post's link and image URLs with their places. */
function targetsOf(post: Pick<Post, 'links' | 'images'>): ReturnType<Findings['linksOf']> {
  return [...post.links, ...post.images.map((image) => ({url: image.src, position: image.position}))]
}
