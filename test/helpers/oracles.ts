/**
 * The real generators as oracles (Jekyll's Ruby API, `hugo list all` + a bare build, Pelican's
 * Python API), typed: the code is plain JavaScript in scripts/oracles.mjs, shared with
 * scripts/differential.mjs.
 */
import type {Site} from 'mdpost/site'

export type OracleGenerator = 'jekyll' | 'hugo' | 'pelican'

export interface TruthPost {
  /** Relative to the site root, with `/`. */
  source: string
  /** Site path under the base path, percent-decoded, `…/index.html` as `…/`. */
  url: string
  /** Ms since the epoch, or null (undated). */
  date: number | null
  title: string | null
  categories: string[]
  tags: string[]
}

export interface Truth {
  generator: OracleGenerator
  version: string
  baseurl: string
  timezone: string | null
  posts: TruthPost[]
  /** Post files the build leaves out, and why (`drafts`, `future`, `unpublished`, `expired`, `hidden`, `unrendered`, `not-a-post`, `other`). */
  excluded: Array<{source: string; reason: string}>
  /** Every URL path the build writes, under the base path, percent-decoded, `x/index.html` as `/x/`, sorted. */
  served: string[]
  /** What was switched off to build here (a theme, plugins that are not installed, the site's layouts). */
  neutralised: string[]
  /** Documents whose rendering failed in the real build (rendered empty instead). */
  errors: Array<{path: string; error: string}>
  /** Pelican: the settings `pelicanconf.py` defines (JSON-able ones), as Pelican executed them. */
  settings?: Record<string, unknown>
  /** The build folder, when `keep` was given. */
  work: string | null
}

export interface TruthOptions {
  generator?: OracleGenerator
  keep?: boolean
  /** Hugo: the instant that decides what is future or expired, for the reasons (default: now). */
  now?: number
}

export type DisagreementKind = 'missing' | 'extra' | 'url' | 'date' | 'title' | 'categories' | 'tags' | 'served-missing' | 'served-extra'

export interface Disagreement {
  kind: DisagreementKind
  /** The post's source path, or the URL for `served-*`. */
  key: string
  truth: unknown
  mdpost: unknown
  /** The exception's reason, when one excuses it. */
  excused?: string
}

export interface Exception {
  kind: DisagreementKind
  /** The source path or URL (all of the kind when absent). */
  key?: string | RegExp
  reason: string
}

export interface Report {
  generator: OracleGenerator
  version: string
  counts: {posts: number; mdpostPosts: number; included: number; url: number; date: number; title: number; categories: number; tags: number}
  /** Null when `site.served` is missing. */
  served: {truth: number; mdpost: number; both: number; union: number} | null
  excluded: {truth: Record<string, number>; mdpost: Site['excluded']}
  disagreements: Disagreement[]
  /** The disagreements no exception excuses. */
  failures: Disagreement[]
  neutralised: string[]
  errors: Array<{path: string; error: string}>
}

interface OraclesModule {
  normalizeUrl(url: string): string
  servedKey(url: string): string
  detectGenerator(root: string): OracleGenerator | null
  jekyllTruth(root: string, options?: TruthOptions): Truth
  hugoTruth(root: string, options?: TruthOptions): Truth
  pelicanTruth(root: string, options?: TruthOptions): Truth
  truthOf(root: string, options?: TruthOptions): Truth
  compareSite(
    truth: Truth,
    site: Pick<Site, 'posts' | 'excluded'> & {served?: string[]},
    options?: {exceptions?: readonly Exception[]}
  ): Report
  formatReport(name: string, report: Report, options?: {limit?: number}): string
  loadOptions(truth: Truth, now: number): {generator: OracleGenerator; now: number; concurrency: number}
}

const oracles = (await import(new URL('../../scripts/oracles.mjs', import.meta.url).href)) as OraclesModule

export const {
  normalizeUrl,
  servedKey,
  detectGenerator,
  jekyllTruth,
  hugoTruth,
  pelicanTruth,
  truthOf,
  compareSite,
  formatReport,
  loadOptions
} = oracles
