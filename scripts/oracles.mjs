/**
 * Oracles: what the REAL generators build for a site folder, as normalised data, and the
 * comparison of that truth with mdpost's `loadSite`. Shared by `scripts/differential.mjs` and
 * `test/generators.test.ts` (through `test/helpers/oracles.ts`, which adds the types).
 *
 * Truth, for every generator:
 *   posts:    [{source, url, date, title, categories, tags}] — `source` relative to the site root,
 *             `url` the site path under the base path (baseurl/SITEURL path/baseURL path),
 *             percent-decoded, `…/index.html` written as `…/`; `date` ms since the epoch or null.
 *   excluded: [{source, reason}] — post files the build leaves out, and why (drafts, future,
 *             unpublished, expired, hidden, unrendered, not-a-post, other).
 *   served:   every URL path the build writes, under the base path: each file of the output
 *             folder as a URL, percent-decoded, `x/index.html` → `/x/` (other names kept as
 *             written: `about.html` stays `/about.html`). Oracle artefacts are left out.
 *             `compareSite` keys served URLs without a final `.html` on both sides (`servedKey`),
 *             so `/about` (a Jekyll `permalink: /about`, written as about.html) and `/about.html`
 *             are one URL; `/about/` stays another.
 *
 * Each build runs on a copy of the site in a temporary folder, with the theme and the plugins
 * the machine does not have neutralised (listed in `neutralised`):
 *   Jekyll (Ruby API, `JEKYLL_ENV=production`, `safe: true` with the available plugins named
 *     by the site whitelisted (so a site's own `_plugins/` do not run), `theme`/`remote_theme` removed; a render error, e.g. a missing
 *     layout's include or a broken `post_url`, renders that document empty and is listed in
 *     `errors` instead of aborting the build). Time zone: the site's `timezone` (Jekyll sets TZ).
 *   Hugo (`hugo list all` for drafts/future/expired, and one build with bare `{{ .Content }}`
 *     layouts, `layouts/` and `themes/` of the site removed; the home layout publishes a JSON
 *     of `.Site.RegularPages` per language, removed from `served`).
 *   Pelican (Python API with the site's `pelicanconf.py` executed, default theme, no plugins,
 *     no cache; `PATH` is `content/` when the settings do not set it).
 */
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative, sep} from 'node:path'

/** Ruby: Jekyll's config for a safe build here, themes and plugins that cannot load left out (listed in `neutralised`). */
/** Ruby: a document whose rendering fails is recorded in `$errors` and left empty, so that the rest of the site builds. */
export const jekyllRescueRuby = `module MdpostRenderRescue
  def run
    super
  rescue StandardError, SyntaxError => e
    $errors << {path: (document.respond_to?(:relative_path) ? document.relative_path : document.to_s), error: e.message.to_s[0, 300]}
    ''
  end
end
Jekyll::Renderer.prepend(MdpostRenderRescue)
`

export const jekyllConfigRuby = `raw = Jekyll.configuration({'source' => src, 'destination' => dest, 'quiet' => true})
neutralised = []
%w[theme remote_theme].each { |k| neutralised << "#{k}: #{raw[k]}" if raw[k] }
wanted = (Array(raw['plugins']) + Array(raw['gems'])).map(&:to_s).uniq
available = wanted.select do |name|
  begin
    require name
    true
  rescue LoadError
    neutralised << "plugin #{name}"
    false
  end
end
conf = Jekyll.configuration({'source' => src, 'destination' => dest, 'quiet' => true, 'safe' => true,
  'theme' => nil, 'remote_theme' => nil, 'plugins' => available, 'gems' => [], 'whitelist' => available})
`

const jekyllScript = `
require 'jekyll'
require 'json'
src, dest, out = ARGV[0], ARGV[1], ARGV[2]
$errors = []
${jekyllRescueRuby}${jekyllConfigRuby}site = Jekyll::Site.new(conf)
site.process
ms = ->(t) { t ? (t.to_r * 1000).round : nil }
posts = site.posts.docs.map do |d|
  {source: d.relative_path, url: d.url, date: ms.call(d.date), title: d.data['title'],
   categories: Array(d.data['categories']).map(&:to_s), tags: Array(d.data['tags']).map(&:to_s)}
end
kept = posts.map { |p| p[:source] }
filter = Jekyll::EntryFilter.new(site)
excluded = []
Dir.glob('**/{_posts,_drafts}/**/*', File::FNM_DOTMATCH, base: src).sort.each do |rel|
  full = File.join(src, rel)
  next unless File.file?(full)
  next if kept.include?(rel)
  parts = rel.split('/')
  next if parts.any? { |p| p.start_with?('.') || p.end_with?('~') || p.start_with?('#') }
  next if filter.excluded?(rel) || rel.start_with?(File.basename(dest) + '/')
  if parts.include?('_drafts')
    reason = 'drafts'
  elsif File.basename(rel) !~ Jekyll::Document::DATE_FILENAME_MATCHER
    reason = 'not-a-post'
  else
    reason = 'other'
    begin
      doc = Jekyll::Document.new(full, site: site, collection: site.posts)
      doc.read
      if doc.data['published'] == false
        reason = 'unpublished'
      elsif doc.date && doc.date > site.time
        reason = 'future'
      elsif !Jekyll::Utils.has_yaml_header?(full)
        reason = 'no-front-matter'
      end
    rescue StandardError => e
      reason = "error: #{e.message.to_s[0, 100]}"
    end
  end
  excluded << {source: rel, reason: reason}
end
File.write(out, JSON.generate({posts: posts, excluded: excluded, baseurl: conf['baseurl'].to_s, timezone: conf['timezone'],
  neutralised: neutralised, errors: $errors, version: Jekyll::VERSION}))
`

const pelicanScript = `
import json, os, sys, logging
from urllib.parse import urlsplit
root, out, result = sys.argv[1], sys.argv[2], sys.argv[3]
logging.disable(logging.WARNING)
import pelican
from pelican import Pelican, signals
from pelican.settings import read_settings, get_settings_from_file, DEFAULT_CONFIG
conf = os.path.join(root, 'pelicanconf.py')
own = get_settings_from_file(conf) if os.path.exists(conf) else {}
override = {'OUTPUT_PATH': out, 'DELETE_OUTPUT_DIRECTORY': False, 'RELATIVE_URLS': False, 'THEME': DEFAULT_CONFIG['THEME'],
            'PLUGINS': [], 'PLUGIN_PATHS': [], 'LOAD_CONTENT_CACHE': False, 'CACHE_CONTENT': False}
if 'PATH' not in own:
    override['PATH'] = os.path.join(root, 'content') if os.path.isdir(os.path.join(root, 'content')) else root
neutralised = [k + ': ' + repr(own[k]) for k in ('THEME', 'PLUGINS', 'PLUGIN_PATHS') if own.get(k)]
os.chdir(root)
settings = read_settings(conf if os.path.exists(conf) else None, override=override)
found = {}
def take(gen):
    found['articles'] = list(gen.articles)
    found['translations'] = list(gen.translations)
    found['drafts'] = list(gen.drafts) + list(getattr(gen, 'drafts_translations', []))
    found['hidden'] = list(gen.hidden_articles) + list(getattr(gen, 'hidden_translations', []))
signals.article_generator_finalized.connect(take)
Pelican(settings).run()
base = urlsplit(settings.get('SITEURL') or '').path.rstrip('/')
def rel(a): return os.path.relpath(a.source_path, root).replace(os.sep, '/')
def ms(d): return round(d.timestamp() * 1000) if d else None
def post(a):
    return {'source': rel(a), 'url': base + '/' + a.url, 'date': ms(getattr(a, 'date', None)), 'title': getattr(a, 'title', None),
            'categories': [str(a.category)] if getattr(a, 'category', None) else [], 'tags': [str(t) for t in getattr(a, 'tags', [])]}
excluded = [{'source': rel(a), 'reason': 'drafts'} for a in found.get('drafts', [])]
def plain(v):
    try:
        json.dumps(v)
        return True
    except Exception:
        return False
with open(result, 'w') as f:
    # Hidden articles are written (at their URL, in no list): included, as every post whose page is written.
    json.dump({'posts': [post(a) for a in found.get('articles', []) + found.get('translations', []) + found.get('hidden', [])], 'excluded': excluded, 'baseurl': base,
               'timezone': settings.get('TIMEZONE'), 'neutralised': neutralised, 'errors': [], 'version': pelican.__version__,
               'settings': {k: v for k, v in own.items() if plain(v)}}, f)
`

const hugoHome = `{{ .Content }}{{ $out := slice }}{{ range .Site.RegularPages }}{{ $out = $out | append (dict "file" .File.Filename "url" .RelPermalink "date" .Date.UnixMilli "title" .Title "categories" .Params.categories "tags" .Params.tags) }}{{ end }}{{ with resources.FromString (printf "__mdpost_oracle_%s.json" .Lang) (jsonify (dict "base" .Site.BaseURL "pages" $out)) }}{{ .RelPermalink }}{{ end }}`

/**
 * Each regular page's own facts, published by its single layout: a page of `_build: {list: never}`
 * is rendered but in no collection (not in `.Site.RegularPages`), and still a page of the site.
 */
const hugoSingle = `{{ .Content }}{{ with .File }}{{ $p := $ }}{{ $url := $p.RelPermalink }}{{ with $p.OutputFormats.Get "html" }}{{ $url = .RelPermalink }}{{ end }}{{ with resources.FromString (printf "__mdpost_oracle_page_%s.json" (md5 (printf "%s|%s" $p.File.Filename $url))) (jsonify (dict "base" $p.Site.BaseURL "pages" (slice (dict "file" $p.File.Filename "url" $url "date" $p.Date.UnixMilli "title" $p.Title "categories" $p.Params.categories "tags" $p.Params.tags)))) }}{{ .RelPermalink }}{{ end }}{{ end }}`

/** Percent-decoded per segment (when it decodes; `%23` too), `…/index.html` as `…/`. */
export function normalizeUrl(url) {
  if (typeof url !== 'string') return url
  let path = url
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
    .join('/')
  path = path.replace(/(^|\/)index\.html$/, '$1')
  if (!path.startsWith('/')) path = `/${path}`
  return path
}

/** A served URL as compared: normalised, and without a final `.html` (not `/…/` forms). */
export function servedKey(url) {
  return normalizeUrl(url).replace(/([^/])\.html$/, '$1')
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options})
  if (result.error) throw result.error
  if (result.status !== 0) {
    const tail = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().slice(-3000)
    throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed (${result.status}):\n${tail}`)
  }
  return result.stdout
}

/** Files under `dir`, relative, with `/`. */
function walk(dir, prefix = '') {
  const out = []
  if (!existsSync(dir)) return out
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...walk(join(dir, entry.name), rel))
    else out.push(rel)
  }
  return out
}

/** Output files as served URLs under `base`. */
function servedFrom(dir, base, skip = () => false) {
  const urls = new Set()
  for (const file of walk(dir)) {
    if (skip(file)) continue
    urls.add(normalizeUrl(`${base}/${file}`))
  }
  return [...urls].sort()
}

/** A work folder with a copy of the site (`site/`) and room for the output (`out/`). */
function workspace(root) {
  const work = mkdtempSync(join(tmpdir(), 'mdpost-oracle-'))
  const site = join(work, 'site')
  cpSync(root, site, {recursive: true, preserveTimestamps: true, filter: (src) => !/[\\/](node_modules|\.git)$/.test(src)})
  return {work, site, out: join(work, 'out')}
}

/** Which generator a folder is for (the same files `loadSite` looks at first), or null. */
export function detectGenerator(root) {
  const has = (name) => existsSync(join(root, name))
  if (['_config.yml', '_config.yaml', '_config.toml'].some(has) || has('_posts')) return 'jekyll'
  if (['hugo.toml', 'hugo.yaml', 'hugo.json', 'config.toml', 'config.yaml', 'config.json', 'config/_default'].some(has)) return 'hugo'
  if (has('pelicanconf.py')) return 'pelican'
  return null
}

function strings(value) {
  if (value === null || value === undefined || value === '') return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

/** Jekyll's truth, through its Ruby API. */
export function jekyllTruth(root, {keep = false} = {}) {
  const {work, site, out} = workspace(root)
  try {
    const script = join(work, 'oracle.rb')
    const result = join(work, 'oracle.json')
    writeFileSync(script, jekyllScript)
    run('ruby', [script, site, out, result], {env: {...process.env, JEKYLL_ENV: 'production', TZ: 'UTC'}})
    const data = JSON.parse(readFileSync(result, 'utf8'))
    const base = data.baseurl.replace(/\/+$/, '')
    return {
      generator: 'jekyll',
      version: `jekyll ${data.version}`,
      baseurl: base,
      timezone: data.timezone ?? null,
      posts: data.posts.map((post) => ({
        source: post.source,
        url: normalizeUrl(base + post.url),
        date: post.date,
        title: post.title ?? null,
        categories: strings(post.categories),
        tags: strings(post.tags)
      })),
      excluded: data.excluded,
      served: servedFrom(out, base),
      neutralised: data.neutralised,
      errors: data.errors,
      work: keep ? work : null
    }
  } finally {
    if (!keep) rmSync(work, {recursive: true, force: true})
  }
}

/** Hugo's truth: `hugo list all` and a build with bare layouts. */
export function hugoTruth(root, {keep = false, now = Date.now()} = {}) {
  const {work, site, out} = workspace(root)
  try {
    const neutralised = []
    // The site's (and its themes') layouts of formats other than HTML (`index.json`, `single.txt`)
    // come back as stubs: Hugo writes a format's files only where it has a template.
    const stubs = new Set()
    const themes = existsSync(join(site, 'themes')) ? readdirSync(join(site, 'themes')) : []
    const layoutRoots = [join(site, 'layouts'), ...themes.map((theme) => join(site, 'themes', theme, 'layouts'))]
    for (const layoutRoot of layoutRoots) {
      for (const file of walk(layoutRoot)) {
        if (/^(?:partials|shortcodes|_partials|_shortcodes|_markup)\//.test(file) || /\.html?$/i.test(file)) continue
        stubs.add(file)
      }
    }
    for (const folder of ['layouts', 'themes']) {
      if (existsSync(join(site, folder))) {
        neutralised.push(`${folder}/`)
        rmSync(join(site, folder), {recursive: true, force: true})
      }
    }
    mkdirSync(join(site, 'layouts', '_default'), {recursive: true})
    writeFileSync(join(site, 'layouts', '_default', 'single.html'), `${hugoSingle}\n`)
    writeFileSync(join(site, 'layouts', '_default', 'list.html'), '{{ .Content }}\n')
    writeFileSync(join(site, 'layouts', 'index.html'), `${hugoHome}\n`)
    // Themes stay, empty, so that a config naming one still builds.
    for (const theme of themes) mkdirSync(join(site, 'themes', theme), {recursive: true})
    for (const file of stubs) {
      mkdirSync(dirname(join(site, 'layouts', file)), {recursive: true})
      writeFileSync(join(site, 'layouts', file), 'stub\n')
    }
    const env = {...process.env, TZ: 'UTC', HUGO_CACHEDIR: join(work, 'cache')}
    const listed = parseCsv(run('hugo', ['list', 'all', '--source', site], {env}))
    run('hugo', ['--source', site, '--destination', out, '--quiet', '--noBuildLock'], {env})
    const oracleFiles = walk(out).filter((file) => /(^|\/)__mdpost_oracle_[^/]*\.json$/.test(file))
    const pages = new Map()
    let base = ''
    for (const file of oracleFiles) {
      const data = JSON.parse(readFileSync(join(out, file), 'utf8'))
      base = new URL(data.base || '/', 'http://localhost').pathname.replace(/\/+$/, '')
      for (const page of data.pages) pages.set(`${page.file}\0${page.url}`, page)
    }
    const source = (file) => relative(site, file).split(sep).join('/')
    const posts = []
    const unrendered = []
    for (const page of pages.values()) {
      if (page.url === '') {
        unrendered.push(source(page.file))
        continue
      }
      posts.push({
        source: source(page.file),
        url: normalizeUrl(page.url),
        date: page.date <= -62135596800000 ? null : page.date,
        title: page.title === '' ? null : page.title,
        categories: strings(page.categories),
        tags: strings(page.tags)
      })
    }
    const kept = new Set(posts.map((post) => post.source))
    const excluded = []
    const zero = (value) => !value || value.startsWith('0001-01-01')
    for (const row of listed) {
      if (kept.has(row.path)) continue
      let reason = 'other'
      if (row.draft === 'true') reason = 'drafts'
      else if (!zero(row.publishDate) && Date.parse(row.publishDate) > now) reason = 'future'
      else if (!zero(row.expiryDate) && Date.parse(row.expiryDate) <= now) reason = 'expired'
      else if (unrendered.includes(row.path)) reason = 'unrendered'
      excluded.push({source: row.path, reason})
    }
    for (const path of unrendered) if (!excluded.some((entry) => entry.source === path)) excluded.push({source: path, reason: 'unrendered'})
    return {
      generator: 'hugo',
      version: run('hugo', ['version']).trim().split(' ').slice(0, 2).join(' '),
      baseurl: base,
      timezone: null,
      posts,
      excluded,
      served: servedFrom(out, base, (file) => oracleFiles.includes(file)),
      neutralised,
      errors: [],
      work: keep ? work : null
    }
  } finally {
    if (!keep) rmSync(work, {recursive: true, force: true})
  }
}

/** Pelican's truth, through its Python API. */
export function pelicanTruth(root, {keep = false} = {}) {
  const {work, site, out} = workspace(root)
  try {
    const script = join(work, 'oracle.py')
    const result = join(work, 'oracle.json')
    writeFileSync(script, pelicanScript)
    // Debian's pelican is a package of the system Python, not of a pyenv or venv one.
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
    run(python, [script, site, out, result], {env: {...process.env, TZ: 'UTC'}})
    const data = JSON.parse(readFileSync(result, 'utf8'))
    return {
      generator: 'pelican',
      version: `pelican ${data.version}`,
      baseurl: data.baseurl,
      timezone: data.timezone ?? null,
      posts: data.posts.map((post) => ({...post, url: normalizeUrl(post.url), title: post.title ?? null})),
      excluded: data.excluded,
      served: servedFrom(out, data.baseurl),
      neutralised: data.neutralised,
      errors: data.errors,
      settings: data.settings,
      work: keep ? work : null
    }
  } finally {
    if (!keep) rmSync(work, {recursive: true, force: true})
  }
}

/** The truth for `root`, by the given or detected generator. */
export function truthOf(root, {generator = detectGenerator(root), ...options} = {}) {
  if (generator === 'jekyll') return jekyllTruth(root, options)
  if (generator === 'hugo') return hugoTruth(root, options)
  if (generator === 'pelican') return pelicanTruth(root, options)
  throw new Error(`No oracle for ${root} (generator ${generator}): pass jekyll, hugo or pelican`)
}

function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else if (char !== '\r') field += char
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  const [head, ...body] = rows.filter((line) => line.length > 1)
  if (!head) return []
  return body.map((line) => Object.fromEntries(head.map((name, index) => [name, line[index] ?? ''])))
}

const sameList = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())

/**
 * Truth against a loaded `Site`: one entry per disagreement, `{kind, key, truth, mdpost}`, kinds
 * `missing` (the generator builds the post, mdpost has none), `extra` (mdpost has a post the build
 * leaves out; `truth` is the generator's reason when known), `url`, `date`, `title`,
 * `categories`, `tags`, `served-missing`, `served-extra`. `exceptions` (`{kind, key?: string |
 * RegExp, reason}`) turn a disagreement into an `excused` one.
 */
export function compareSite(truth, site, {exceptions = []} = {}) {
  const mine = new Map(site.posts.map((post) => [post.path, post]))
  const reasons = new Map(truth.excluded.map((entry) => [entry.source, entry.reason]))
  const found = []
  const counts = {posts: truth.posts.length, mdpostPosts: site.posts.length, included: 0, url: 0, date: 0, title: 0, categories: 0, tags: 0}
  for (const post of truth.posts) {
    const other = mine.get(post.source)
    if (!other) {
      found.push({kind: 'missing', key: post.source, truth: post.url, mdpost: null})
      continue
    }
    counts.included++
    const url = normalizeUrl(other.permalink)
    if (url === post.url) counts.url++
    else found.push({kind: 'url', key: post.source, truth: post.url, mdpost: url})
    const date = other.date ? other.date.timestamp : null
    if (date === post.date) counts.date++
    else
      found.push({
        kind: 'date',
        key: post.source,
        truth: post.date === null ? null : new Date(post.date).toISOString(),
        mdpost: date === null ? null : `${new Date(date).toISOString()} (written ${other.date?.iso})`
      })
    if ((other.title ?? null) === (post.title ?? null)) counts.title++
    else found.push({kind: 'title', key: post.source, truth: post.title, mdpost: other.title})
    if (sameList(other.categories, post.categories)) counts.categories++
    else found.push({kind: 'categories', key: post.source, truth: post.categories, mdpost: other.categories})
    if (sameList(other.tags, post.tags)) counts.tags++
    else found.push({kind: 'tags', key: post.source, truth: post.tags, mdpost: other.tags})
  }
  const truthSources = new Set(truth.posts.map((post) => post.source))
  for (const post of site.posts) {
    if (!truthSources.has(post.path))
      found.push({
        kind: 'extra',
        key: post.path,
        truth: reasons.get(post.path) ?? 'not a post of the build',
        mdpost: normalizeUrl(post.permalink)
      })
  }
  let served = null
  if (Array.isArray(site.served)) {
    // Keyed without a final `.html`: Jekyll serves `permalink: /a` from `a.html` (GitHub Pages
    // and `jekyll serve` answer `/a` with it), so `/a` and `/a.html` are one URL here.
    const theirs = new Map(truth.served.map((url) => [servedKey(url), url]))
    const ours = new Map(site.served.map((url) => [servedKey(url), normalizeUrl(url)]))
    let both = 0
    for (const [key, url] of theirs) {
      if (ours.has(key)) both++
      else found.push({kind: 'served-missing', key: url, truth: 'served', mdpost: null})
    }
    for (const [key, url] of ours) if (!theirs.has(key)) found.push({kind: 'served-extra', key: url, truth: null, mdpost: 'served'})
    served = {truth: theirs.size, mdpost: ours.size, both, union: new Set([...theirs.keys(), ...ours.keys()]).size}
  }
  for (const entry of found) {
    const exception = exceptions.find(
      (item) =>
        item.kind === entry.kind &&
        (item.key === undefined || (item.key instanceof RegExp ? item.key.test(entry.key) : item.key === entry.key))
    )
    if (exception) entry.excused = exception.reason
  }
  return {
    generator: truth.generator,
    version: truth.version,
    counts,
    served,
    excluded: {truth: countReasons(truth.excluded), mdpost: site.excluded},
    disagreements: found,
    failures: found.filter((entry) => !entry.excused),
    neutralised: truth.neutralised,
    errors: truth.errors
  }
}

function countReasons(entries) {
  const counts = {}
  for (const entry of entries) counts[entry.reason] = (counts[entry.reason] ?? 0) + 1
  return counts
}

const percent = (part, whole) => (whole === 0 ? '100%' : `${((100 * part) / whole).toFixed(1)}%`)

/** A report as lines of text: the figures, then up to `limit` disagreements of each kind. */
export function formatReport(name, report, {limit = 10} = {}) {
  const {counts, served} = report
  const lines = [
    `${name} (${report.version}): ${counts.posts} posts built, ${counts.mdpostPosts} in mdpost`,
    `  included ${counts.included}/${counts.posts} (${percent(counts.included, counts.posts)}), extra in mdpost ${report.disagreements.filter((entry) => entry.kind === 'extra').length}`,
    `  url ${counts.url}/${counts.included} (${percent(counts.url, counts.included)}), date ${counts.date} (${percent(counts.date, counts.included)}), title ${counts.title} (${percent(counts.title, counts.included)}), categories ${counts.categories} (${percent(counts.categories, counts.included)}), tags ${counts.tags} (${percent(counts.tags, counts.included)})`,
    served
      ? `  served ${served.both}/${served.union} agree (${percent(served.both, served.union)}); generator ${served.truth}, mdpost ${served.mdpost}`
      : '  served: n/a (site.served missing)',
    `  excluded: generator ${JSON.stringify(report.excluded.truth)}, mdpost ${JSON.stringify(report.excluded.mdpost)}`
  ]
  if (report.neutralised.length > 0) lines.push(`  neutralised: ${report.neutralised.join(', ')}`)
  if (report.errors.length > 0) lines.push(`  render errors in the real build (document rendered empty): ${report.errors.length}`)
  const kinds = [...new Set(report.disagreements.map((entry) => entry.kind))]
  for (const kind of kinds) {
    const entries = report.disagreements.filter((entry) => entry.kind === kind)
    lines.push(`  ${kind}: ${entries.length}`)
    for (const entry of entries.slice(0, limit)) {
      const both = entry.kind.startsWith('served')
        ? ''
        : `: generator ${JSON.stringify(entry.truth)} / mdpost ${JSON.stringify(entry.mdpost)}`
      lines.push(`    ${entry.key}${both}${entry.excused ? ` (exception: ${entry.excused})` : ''}`)
    }
    if (entries.length > limit) lines.push(`    … ${entries.length - limit} more`)
  }
  return lines.join('\n')
}

/** The settings loadSite is given for a generator's truth (Pelican's executed settings are not passed: loadSite reads pelicanconf.py as text). */
export function loadOptions(truth, now) {
  return {generator: truth.generator, now, concurrency: 1}
}
