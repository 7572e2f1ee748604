#!/usr/bin/env node
/**
 * The real generator against mdpost's `loadSite`, for one or more site folders:
 *
 *   npm run build && node scripts/differential.mjs <site-folder>… [--generator jekyll|hugo|pelican] [--json] [--limit N] [--keep]
 *
 * Builds each site with the real tool (see scripts/oracles.mjs), loads it with
 * `dist/node/index.js`, and prints the agreement per site: posts included (both ways), URL, date
 * instant, title, categories, tags, and the served URL set (`n/a` when `site.served` is missing),
 * then every disagreement (the first N per kind) with both values. `--json` prints the reports
 * as JSON. `--keep` keeps the build folders (their path is printed). Exit code 1 when something
 * disagrees.
 */
import {resolve} from 'node:path'
import {compareSite, formatReport, loadOptions, truthOf} from './oracles.mjs'

const args = process.argv.slice(2)
const roots = []
let generator
let json = false
let keep = false
let limit = 10
for (let index = 0; index < args.length; index++) {
  const arg = args[index]
  if (arg === '--generator') generator = args[++index]
  else if (arg === '--json') json = true
  else if (arg === '--keep') keep = true
  else if (arg === '--limit') limit = Number(args[++index])
  else if (arg === '--help' || arg === '-h') {
    console.log('usage: node scripts/differential.mjs <site-folder>… [--generator jekyll|hugo|pelican] [--json] [--limit N] [--keep]')
    process.exit(0)
  } else roots.push(arg)
}
if (roots.length === 0) {
  console.error('usage: node scripts/differential.mjs <site-folder>… [--generator jekyll|hugo|pelican] [--json] [--limit N] [--keep]')
  process.exit(2)
}

const {loadSite} = await import(new URL('../dist/node/index.js', import.meta.url).href)
const reports = []
let failed = false
for (const root of roots) {
  const now = Date.now()
  const truth = truthOf(resolve(root), {...(generator ? {generator} : {}), keep, now})
  const site = await loadSite(resolve(root), loadOptions(truth, now))
  const report = compareSite(truth, site)
  if (report.failures.length > 0) failed = true
  if (json) reports.push({site: root, ...report, truth: keep ? truth : undefined})
  else {
    console.log(formatReport(root, report, {limit}))
    if (keep && truth.work) console.log(`  build kept in ${truth.work}`)
  }
}
if (json) console.log(JSON.stringify(reports, null, 2))
process.exitCode = failed ? 1 : 0
