#!/usr/bin/env node
/**
 * Link oracle: which internal links of a site point at nothing, judged on what the REAL generator
 * builds (like html-proofer/htmltest on the output folder), mapped back to each page's source
 * file; and the comparison of that list with mdpost's `link-internal-broken`,
 * `link-fragment-broken` and `image-local-missing` reports (precision and recall, every false
 * positive and false negative with its cause when one can be told).
 *
 *   node scripts/link-oracle.mjs <site> [--generator jekyll|hugo|pelican] [--json] [--strict] [--oracle-only] [--keep]
 *     [--dist <mdpost dist folder>] [--save <report.json>]
 * `--strict`: compare with the strict verdict (no `x` → `x.html`); default GitHub-Pages-tolerant.
 *
 * The build (a copy of the site in a temporary folder, as scripts/oracles.mjs does):
 *   Jekyll (Ruby API, `safe: true`, theme removed, only the installed plugins the site names):
 *     `_layouts/` removed, so each page is its rendered content only (Jekyll warns and renders
 *     without a layout). A `{% post_url %}` / `{% link %}` to nothing raises in the real build
 *     (the build fails); here the tag renders a sentinel URL and is listed in `tagErrors`, so
 *     the rest of the page is still checked. Pages ↔ sources: `relative_path` ↔ `destination`.
 *   Hugo: page layouts (of the site and its themes) replaced by ones that print `.Content` after
 *     a `<meta>` naming the page's source file; the shortcodes, partials and render hooks of the
 *     site and its themes are kept (they make the content's links and ids), and where the build
 *     fails with one, the shortcodes the errors name are stubbed, then the render hooks
 *     dropped, then everything stubbed; a shortcode with no template (and Hugo's own, but
 *     `figure`, `highlight`, `ref`, `relref`) is a stub printing its `.Inner` where the content
 *     closes it. `refLinksErrorLevel = WARNING` with a sentinel `refLinksNotFoundURL`, so a
 *     `ref`/`relref` to nothing (which fails the real build) is listed in `tagErrors` and the
 *     rest of the site still builds.
 *   Pelican (Python API, the site's pelicanconf.py, no plugins): a theme whose article and page
 *     templates (and any `Template:` a page names) print the content after a source `<meta>`;
 *     a `{filename}`/`{static}` link to nothing stays as written (Pelican warns) and is a tag.
 * The build functions of scripts/oracles.mjs are not reused for the build itself: they drop the
 * site's shortcodes (Hugo) and the layouts are theirs, they give no page ↔ source map for pages,
 * collection documents and list pages, and a broken link tag aborts them.
 *
 * The crawl: every `<a href>` and `<img src>` of every built HTML page that has a source file,
 * resolved against the page's URL on the site's own origin (`url`/`baseURL`; an absolute URL on
 * that host, either scheme or protocol-relative, is internal). Outside the base path (`baseurl` with a path
 * boundary: `/blogroll/` is not under `/blog`) a link is another site's and is not checked.
 * A target is there (strict) when the output has the file, `x/` → `x/index.html`, `x` → a folder
 * `x/` with an index.html (servers redirect), or a Netlify redirect rule (netlify.toml
 * `[[redirects]]`, `_redirects`; not status 404) serves it; GitHub-Pages-tolerant adds
 * `x` → `x.html`. A
 * fragment is there when the target HTML page has an element with that `id`, or an `<a>` with
 * that `name`, or it is `top`; fragments of non-HTML targets are not checked.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join, relative, resolve, sep} from 'node:path'
import {pathToFileURL} from 'node:url'
import {parse} from 'parse5'
import {detectGenerator, jekyllConfigRuby, jekyllRescueRuby} from './oracles.mjs'

/** Pelican's intrasite link syntax (`{filename}x.md`, `|static|x.png`), left as written when its target is missing. */
const PELICAN_TAG = /^(\{|%7B|\|)(filename|static|attach)(\}|%7D|\|)/i
/** The URL a link tag to nothing renders in the oracle's build. */
export const TAG_SENTINEL = '/__mdpost_tag_not_found__'
const ORIGIN_PLACEHOLDER = 'https://site.invalid'
/** The target of a link the host redirects (its fragment is not checked). */
const REDIRECTED = '(host redirect)'
const RULE_KIND = {'link-internal-broken': 'internal', 'link-fragment-broken': 'fragment', 'image-local-missing': 'image'}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options})
  if (result.error) throw result.error
  if (result.status !== 0) {
    const tail = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().slice(-3000)
    throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed (${result.status}):\n${tail}`)
  }
  return result
}

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

function workspace(root) {
  const work = mkdtempSync(join(tmpdir(), 'mdpost-links-'))
  const site = join(work, 'site')
  cpSync(root, site, {recursive: true, preserveTimestamps: true, filter: (src) => !/[\\/](node_modules|\.git)$/.test(src)})
  return {work, site, out: join(work, 'out')}
}

// ---------------------------------------------------------------------------------------------
// Jekyll

const jekyllScript = `
require 'jekyll'
require 'json'
src, dest, out, $sentinel = ARGV[0], ARGV[1], ARGV[2], ARGV[3]
$errors = []
$tags = []
${jekyllRescueRuby}module MdpostTagRescue
  def render(context)
    super
  rescue StandardError => e
    page = context.registers[:page]
    path = page.respond_to?(:[]) ? page['path'] : nil
    entry = {path: path.to_s.sub(%r{/#excerptz}, ''), tag: "{% #{@tag_name} #{@markup.to_s.strip} %}", error: e.message.to_s[0, 200]}
    $tags << entry unless $tags.include?(entry)
    $sentinel
  end
end
Jekyll::Tags::PostUrl.prepend(MdpostTagRescue)
Jekyll::Tags::Link.prepend(MdpostTagRescue)
${jekyllConfigRuby}Jekyll.logger.log_level = :error
site = Jekyll::Site.new(conf)
site.process
pages = {}
(site.pages + site.documents.select(&:write?)).each do |d|
  file = d.destination(dest).sub(File.join(dest, ''), '')
  rel = d.relative_path.to_s
  pages[file] = File.file?(File.join(src, rel)) ? rel : nil
end
File.write(out, JSON.generate({pages: pages, url: conf['url'].to_s, baseurl: conf['baseurl'].to_s,
  neutralised: neutralised, errors: $errors, tags: $tags, version: Jekyll::VERSION}))
`

/** Builds a Jekyll site without layouts; `{work, out, origin, base, pages: {outputFile: source|null}, tagErrors, errors}`. */
export function buildJekyll(root) {
  const {work, site, out} = workspace(root)
  try {
    const neutralised = []
    if (existsSync(join(site, '_layouts'))) {
      rmSync(join(site, '_layouts'), {recursive: true, force: true})
      neutralised.push('_layouts/ (content only)')
    }
    const script = join(work, 'links.rb')
    const result = join(work, 'links.json')
    writeFileSync(script, jekyllScript)
    run('ruby', [script, site, out, result, TAG_SENTINEL], {env: {...process.env, JEKYLL_ENV: 'production', TZ: 'UTC'}})
    const data = JSON.parse(readFileSync(result, 'utf8'))
    return {
      generator: 'jekyll',
      version: `jekyll ${data.version}`,
      root,
      work,
      out,
      origin: originOf(data.url),
      base: data.baseurl.replace(/\/+$/, '').replace(/^(?=[^/])/, '/'),
      pages: data.pages,
      tagErrors: uniqueTags(data.tags.map((tag) => ({source: tag.path.replace(/\/#excerpt$/, ''), tag: tag.tag, error: tag.error}))),
      errors: data.errors,
      neutralised: [...neutralised, ...data.neutralised]
    }
  } catch (error) {
    rmSync(work, {recursive: true, force: true})
    throw error
  }
}

function uniqueTags(list) {
  const seen = new Set()
  return list.filter((entry) => {
    const key = `${entry.source}\0${entry.tag}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

// ---------------------------------------------------------------------------------------------
// Hugo

// Hugo's own shortcodes that are kept (the others, which fetch from the network or need settings, are stubbed too).
const HUGO_KEPT = new Set(['figure', 'highlight', 'ref', 'relref'])
/** Template folders that shape a page's content (kept from the site and its themes). */
const CONTENT_TEMPLATES = ['shortcodes', '_shortcodes', 'partials', '_partials', '_default/_markup', '_markup']
// Go's html/template drops HTML comments: the source is named in a <meta> before the content.
const hugoLayout = '<meta name="mdpost-source" content="{{ with .File }}{{ .Filename }}{{ end }}">{{ .Content }}\n'

/** Shortcode names the content uses (`{{< name`, `{{% name`), and those it closes (`{{< /name >}}`). */
function shortcodesUsed(dir) {
  const names = new Set()
  const closed = new Set()
  for (const file of walk(dir)) {
    if (!/\.(md|markdown|mdown|html|htm)$/i.test(file)) continue
    const text = readFileSync(join(dir, file), 'utf8')
    for (const match of text.matchAll(/\{\{[<%]\s*(\/?)\s*([A-Za-z0-9_][A-Za-z0-9_/.-]*)/g)) {
      names.add(match[2])
      if (match[1]) closed.add(match[2])
    }
  }
  return [...names].filter((name) => !HUGO_KEPT.has(name)).map((name) => ({name, closed: closed.has(name)}))
}

/** Theme names a Hugo config names (`theme = "x"`, `theme = ["x", "y"]`, `theme: x`), whether or not their folder is there (a submodule not checked out). */
function configuredThemes(site) {
  const names = []
  const files = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'config.toml', 'config.yaml', 'config.yml'].map((name) => join(site, name))
  for (const file of files) {
    if (!existsSync(file)) continue
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*theme\s*[=:]\s*(\[[^\]]*\]|.*)$/gim)) {
      for (const name of match[1].matchAll(/[\w.-]+/g)) names.push(name[0])
    }
  }
  return names
}

/** Hugo's log without its WARN lines (a large site has thousands, which hide the error). */
const withoutWarnings = (log) =>
  log
    .split('\n')
    .filter((line) => !line.startsWith('WARN'))
    .join('\n')

/** Builds a Hugo site with `.Content`-only layouts and shortcode stubs. */
export function buildHugo(root) {
  const {work, site, out} = workspace(root)
  try {
    const neutralised = []
    // Content-level templates of the site and its themes (site last, so it wins): shortcodes,
    // the partials they call and render hooks decide the links and ids of the content.
    const kept = []
    const themes = existsSync(join(site, 'themes')) ? readdirSync(join(site, 'themes')).sort() : []
    const origins = [...themes.map((theme) => join(site, 'themes', theme, 'layouts')), join(site, 'layouts')]
    const saved = join(work, 'templates')
    for (const origin of origins) {
      for (const part of CONTENT_TEMPLATES) {
        if (!existsSync(join(origin, part))) continue
        // Render hooks for another output format (`render-heading.rss.xml`) do not shape the HTML
        // pages; Hugo 0.111 applies them to the HTML content too (headings lose their ids).
        cpSync(join(origin, part), join(saved, part), {
          recursive: true,
          filter: (source) => !/[\\/]_markup[\\/]render-[\w.-]+\.(?!html$)\w+$/.test(source)
        })
        kept.push(`${relative(site, origin)}/${part}`)
      }
    }
    // Page layouts go; a theme's static files, assets, data and config stay (they are the site's too).
    if (existsSync(join(site, 'layouts'))) {
      neutralised.push('layouts/ (page layouts)')
      rmSync(join(site, 'layouts'), {recursive: true, force: true})
    }
    for (const theme of themes) {
      if (!existsSync(join(site, 'themes', theme, 'layouts'))) continue
      neutralised.push(`themes/${theme}/layouts/ (page layouts)`)
      rmSync(join(site, 'themes', theme, 'layouts'), {recursive: true, force: true})
    }
    // The config still names its themes: each stays, empty (Hugo fails on a theme folder it cannot find).
    for (const theme of new Set([...themes, ...configuredThemes(site)])) mkdirSync(join(site, 'themes', theme), {recursive: true})
    if (existsSync(saved)) cpSync(saved, join(site, 'layouts'), {recursive: true})
    mkdirSync(join(site, 'layouts', '_default'), {recursive: true})
    for (const name of ['single', 'list']) writeFileSync(join(site, 'layouts', '_default', `${name}.html`), hugoLayout)
    writeFileSync(join(site, 'layouts', 'index.html'), hugoLayout)
    const used = shortcodesUsed(join(site, 'content'))
    const stubbed = []
    /** A stub that reads `.Inner` must be closed wherever it is used: only those the content closes. */
    const stub = ({name, closed}) => {
      const file = join(site, 'layouts', 'shortcodes', `${name}.html`)
      mkdirSync(join(file, '..'), {recursive: true})
      writeFileSync(file, closed ? '{{- .Inner -}}' : '')
      stubbed.push(name)
    }
    for (const each of used) {
      const exists = ['html', 'md', 'xml', 'txt'].some((ext) => existsSync(join(site, 'layouts', 'shortcodes', `${each.name}.${ext}`)))
      if (!exists) stub(each)
    }
    const env = {
      ...process.env,
      TZ: 'UTC',
      HUGO_CACHEDIR: join(work, 'cache'),
      HUGO_REFLINKSERRORLEVEL: 'WARNING',
      // The copy is not a git repository: Hugo's GitInfo would fail the build.
      HUGO_ENABLEGITINFO: 'false',
      HUGO_REFLINKSNOTFOUNDURL: TAG_SENTINEL
    }
    const args = ['--source', site, '--destination', out, '--noBuildLock']
    let built = spawnSync('hugo', args, {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env})
    // A kept template that fails here (it needs a theme asset, a setting, the network…): stub
    // the shortcodes the errors name, drop the render hooks they name, and build again.
    for (let round = 0; built.status !== 0 && round < 20; round++) {
      const log = `${built.stderr}\n${built.stdout}`
      if (process.env.LINK_ORACLE_DEBUG) console.error(`hugo round ${round}:\n${withoutWarnings(log).slice(-2500)}`)
      let changed = false
      for (const match of log.matchAll(/shortcode "([^"]+)"|shortcodes\/([^"\s:]+)\.(?:html|md|xml)/g)) {
        const name = match[1] ?? match[2]
        if (stubbed.includes(name)) continue
        stub(used.find((each) => each.name === name) ?? {name, closed: true})
        changed = true
      }
      for (const match of log.matchAll(/(_markup\/render-[a-z]+(?:\.[a-z]+)*\.html)/g)) {
        for (const dir of ['_default', '']) {
          const file = join(site, 'layouts', dir, match[1])
          if (existsSync(file)) {
            rmSync(file)
            neutralised.push(`render hook ${match[1]} (fails here)`)
            changed = true
          }
        }
      }
      const hooks = ['_default/_markup', '_markup'].map((dir) => join(site, 'layouts', dir)).filter((dir) => existsSync(dir))
      if (!changed && hooks.length > 0) {
        // An error no template is named for (an `errorf` of a render hook, say): no render hooks.
        for (const dir of hooks) rmSync(dir, {recursive: true, force: true})
        neutralised.push(`render hooks (the build fails with them: ${/ERROR [^\n]*/.exec(log)?.[0].slice(0, 160) ?? 'unnamed error'})`)
        changed = true
      }
      if (!changed) {
        // Last resort: no template of the site at all, every shortcode stubbed.
        if (kept.length === 0) break
        rmSync(join(site, 'layouts'), {recursive: true, force: true})
        mkdirSync(join(site, 'layouts', '_default'), {recursive: true})
        for (const name of ['single', 'list']) writeFileSync(join(site, 'layouts', '_default', `${name}.html`), hugoLayout)
        writeFileSync(join(site, 'layouts', 'index.html'), hugoLayout)
        stubbed.length = 0
        for (const each of used) stub(each)
        kept.length = 0
        neutralised.push('all content templates of the site (they fail here)')
      }
      rmSync(out, {recursive: true, force: true})
      built = spawnSync('hugo', args, {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env})
    }
    if (built.error) throw built.error
    if (built.status !== 0) {
      throw new Error(`hugo failed (${built.status}):\n${withoutWarnings(`${built.stderr}\n${built.stdout}`).trim().slice(-3000)}`)
    }
    if (kept.length > 0) neutralised.push(`kept: ${kept.join(', ')}`)
    if (stubbed.length > 0) neutralised.push(`shortcodes stubbed (.Inner where closed, else empty): ${stubbed.join(', ')}`)
    const log = `${built.stdout}\n${built.stderr}`
    const tagErrors = []
    for (const match of log.matchAll(/REF_NOT_FOUND: Ref "([^"]*)"(?:(?: from page)? "?([^":]*)[":])?([^\n]*)/g)) {
      const file = match[2] ?? ''
      tagErrors.push({source: file ? toSource(site, file) : '', tag: match[1], error: match[0].slice(0, 300)})
    }
    const pages = {}
    for (const file of walk(out)) {
      if (!file.endsWith('.html')) continue
      const head = readFileSync(join(out, file), 'utf8').slice(0, 2000)
      const marker = /^<meta name="mdpost-source" content="([^"]*)">/.exec(head)
      pages[file] = marker?.[1] ? toSource(site, decodeHtml(marker[1])) : null
    }
    const config = hugoConfig(site, env)
    return {
      generator: 'hugo',
      version: run('hugo', ['version']).stdout.trim().split(' ').slice(0, 2).join(' '),
      root,
      work,
      out,
      origin: originOf(config.baseURL),
      base: basePath(config.baseURL),
      pages,
      tagErrors,
      errors: [],
      neutralised
    }
  } catch (error) {
    rmSync(work, {recursive: true, force: true})
    throw error
  }
}

function decodeHtml(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name) => ({amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'"})[name])
}

function toSource(site, file) {
  const rel = relative(site, file).split(sep).join('/')
  return rel.startsWith('..') ? file : rel
}

function hugoConfig(site, env) {
  try {
    const text = run('hugo', ['config', '--source', site], {env}).stdout
    const line = /^baseurl\s*[=:]\s*['"]?([^'"\s]*)/im.exec(text)
    return {baseURL: line ? line[1] : ''}
  } catch {
    return {baseURL: ''}
  }
}

function originOf(url) {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  } catch {
    // No usable site URL.
  }
  return null
}

function basePath(url) {
  try {
    return new URL(url || '/', 'http://localhost').pathname.replace(/\/+$/, '')
  } catch {
    return ''
  }
}

function decodeSafe(text) {
  try {
    return decodeURI(text)
  } catch {
    return text
  }
}

// ---------------------------------------------------------------------------------------------
// Pelican

const pelicanScript = `
import json, os, sys, logging
root, out, result, theme = sys.argv[1:5]
import pelican
from pelican import Pelican
from pelican.settings import read_settings, get_settings_from_file
conf = os.path.join(root, 'pelicanconf.py')
own = get_settings_from_file(conf) if os.path.exists(conf) else {}
override = {'OUTPUT_PATH': out, 'DELETE_OUTPUT_DIRECTORY': False, 'RELATIVE_URLS': False, 'THEME': theme,
            'PLUGINS': [], 'PLUGIN_PATHS': [], 'LOAD_CONTENT_CACHE': False, 'CACHE_CONTENT': False}
if 'PATH' not in own:
    override['PATH'] = os.path.join(root, 'content') if os.path.isdir(os.path.join(root, 'content')) else root
neutralised = [k + ': ' + repr(own[k]) for k in ('THEME', 'PLUGINS', 'PLUGIN_PATHS') if own.get(k)]
warnings = []
class Keep(logging.Handler):
    def emit(self, record):
        try:
            warnings.append(record.getMessage()[:300])
        except Exception:
            pass
logging.getLogger('pelican').addHandler(Keep(level=logging.WARNING))
os.chdir(root)
settings = read_settings(conf if os.path.exists(conf) else None, override=override)
Pelican(settings).run()
with open(result, 'w') as f:
    kinds = ('ARTICLE', 'ARTICLE_LANG', 'PAGE', 'PAGE_LANG', 'DRAFT', 'DRAFT_LANG', 'CATEGORY', 'TAG', 'AUTHOR')
    pairs = [(str(settings.get(k + '_URL') or ''), str(settings.get(k + '_SAVE_AS') or '')) for k in kinds]
    slash_html = any(url.endswith('/') and save == url[:-1] + '.html' for url, save in pairs)
    json.dump({'siteurl': settings.get('SITEURL') or '', 'slashHtml': slash_html, 'warnings': warnings, 'neutralised': neutralised, 'version': pelican.__version__}, f)
`

const pelicanTemplates = ['archives', 'author', 'authors', 'base', 'categories', 'category', 'index', 'period_archives', 'tag', 'tags']

/** Builds a Pelican site with a theme that prints each article's and page's content only. */
export function buildPelican(root) {
  const {work, site, out} = workspace(root)
  try {
    const theme = join(work, 'theme')
    mkdirSync(join(theme, 'templates'), {recursive: true})
    mkdirSync(join(theme, 'static'), {recursive: true})
    for (const name of pelicanTemplates) writeFileSync(join(theme, 'templates', `${name}.html`), '')
    const content = (name) =>
      `<meta name="mdpost-source" content="{{ ${name}.source_path }}"><meta name="mdpost-url" content="{{ ${name}.url }}">{{ ${name}.content }}\n`
    // Templates a page or article names (`Template: about`) print its content too.
    for (const file of walk(site)) {
      if (!/\.(md|markdown|mkd|mdown|rst|html?)$/i.test(file)) continue
      const named = /^\s*:?template:\s*(\S+)/im.exec(readFileSync(join(site, file), 'utf8').slice(0, 3000))?.[1]
      if (named && /^[\w-]+$/.test(named))
        writeFileSync(join(theme, 'templates', `${named}.html`), `{% set page = page or article %}${content('page')}`)
    }
    for (const name of ['article', 'page']) writeFileSync(join(theme, 'templates', `${name}.html`), content(name))
    const script = join(work, 'links.py')
    const result = join(work, 'links.json')
    writeFileSync(script, pelicanScript)
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
    run(python, [script, site, out, result, theme], {env: {...process.env, TZ: 'UTC'}})
    const data = JSON.parse(readFileSync(result, 'utf8'))
    const pages = {}
    // A `*_URL` other than its `*_SAVE_AS` (`blog/x/` saved as `blog/x.html`) is the author's server
    // rewrite (nginx `try_files`): the page is served at its URL too.
    const rewrites = {}
    for (const file of walk(out)) {
      if (!file.endsWith('.html')) continue
      const head = readFileSync(join(out, file), 'utf8').slice(0, 2000)
      const marker = /^<meta name="mdpost-source" content="([^"]*)">/.exec(head)
      pages[file] = marker?.[1] ? toSource(site, decodeHtml(marker[1])) : null
      const url = /<meta name="mdpost-url" content="([^"]*)">/.exec(head)?.[1]
      if (url && !/^[a-z][a-z0-9+.-]*:/i.test(url)) rewrites[decodeHtml(url).replace(/^\/+/, '')] = file
    }
    return {
      generator: 'pelican',
      version: `pelican ${data.version}`,
      root,
      work,
      out,
      origin: originOf(data.siteurl),
      base: basePath(data.siteurl),
      pages,
      rewrites,
      slashHtml: data.slashHtml === true,
      tagErrors: data.warnings
        .filter((line) => line.startsWith('Unable to find'))
        .map((line) => ({source: '', tag: /'([^']*)'/.exec(line)?.[1] ?? line, error: line})),
      errors: [],
      neutralised: ['theme: content-only templates', ...data.neutralised]
    }
  } catch (error) {
    rmSync(work, {recursive: true, force: true})
    throw error
  }
}

/** Builds `root` with its generator; the caller removes `result.work`. */
export function buildSite(root, generator = detectGenerator(root)) {
  if (generator === 'jekyll') return buildJekyll(root)
  if (generator === 'hugo') return buildHugo(root)
  if (generator === 'pelican') return buildPelican(root)
  throw new Error(`link-oracle: no link oracle for ${generator ?? 'an unknown generator'} (${root}); pass --generator jekyll|hugo|pelican`)
}

// ---------------------------------------------------------------------------------------------
// Crawl

function attr(node, name) {
  return node.attrs?.find((item) => item.name === name)?.value
}

/** Ids and `<a name>`s, and the `<a href>`/`<img src>` of a page. */
function scan(html) {
  const ids = new Set()
  const links = []
  const visit = (node) => {
    if (node.attrs) {
      const id = attr(node, 'id')
      if (id !== undefined && id !== '') ids.add(id)
      if (node.tagName === 'a') {
        const name = attr(node, 'name')
        if (name !== undefined && name !== '') ids.add(name)
        const href = attr(node, 'href')
        if (href !== undefined) links.push({tag: 'a', href})
      } else if (node.tagName === 'img') {
        const src = attr(node, 'src')
        if (src !== undefined) links.push({tag: 'img', href: src})
      }
    }
    for (const child of node.childNodes ?? []) visit(child)
    if (node.content) visit(node.content)
  }
  visit(parse(html))
  return {ids, links}
}

const decode = (text) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The output file's URL path under the base path: `a/index.html` → `/base/a/`. */
export function fileUrl(base, file) {
  return `${base}/${file}`.replace(/(^|\/)index\.html$/, '$1')
}

/**
 * A resolver for one built site: `resolveLink(href, pagePath)` → null (not a link into this
 * site: another scheme, host or base path, or not a URL) or `{path, file, fragment}` where
 * `path` is the percent-decoded site path and `file` the output file path under the base path.
 */
export function makeResolver({origin, base}) {
  const own = new URL(origin ?? ORIGIN_PLACEHOLDER)
  return (href, pagePath) => {
    const written = href.trim()
    if (written === '') return {skip: 'empty'}
    let url
    try {
      url = new URL(written, new URL(encodeURI(pagePath), own))
    } catch {
      return {skip: 'unparsable'}
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return {skip: 'scheme'}
    if (url.hostname !== own.hostname || (url.port !== own.port && own.port !== '')) return {skip: 'external'}
    const path = url.pathname.split('/').map(decode).join('/')
    if (base !== '' && path !== base && !path.startsWith(`${base}/`)) return {skip: 'outside-base', path}
    return {path, file: path.slice(base.length), fragment: url.hash === '' ? null : decode(url.hash.slice(1))}
  }
}

/**
 * Netlify redirects (`[[redirects]]` of netlify.toml in the site folder, `_redirects` in the
 * output): each rule whose status is not 404 serves its `from` path (`*` a splat, `:name` one
 * segment; trailing slash ignored, as Netlify normalises it). Returns a matcher, or null.
 */
export function hostRedirects(root, out) {
  const rules = []
  const add = (from, status) => {
    if (!from.startsWith('/') || String(status) === '404') return
    const pattern = from
      .replace(/\/+$/, '')
      .split('/')
      .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')
    rules.push(new RegExp(`^${pattern}/?$`))
  }
  const toml = root ? join(root, 'netlify.toml') : null
  if (toml && existsSync(toml)) {
    for (const block of readFileSync(toml, 'utf8')
      .split(/^\s*\[\[redirects\]\]\s*$/m)
      .slice(1)) {
      const from = /^\s*from\s*=\s*["']([^"']+)["']/m.exec(block)?.[1]
      const status = /^\s*status\s*=\s*(\d+)/m.exec(block)?.[1] ?? '301'
      if (from) add(from, status)
    }
  }
  // The build writes into the folder Netlify publishes (`[build] publish`): a `_redirects`
  // committed there is deployed too.
  const publish = toml && existsSync(toml) ? /^\s*publish\s*=\s*["']([^"']+)["']/m.exec(readFileSync(toml, 'utf8'))?.[1] : undefined
  const files = [join(out, '_redirects'), ...(publish && root ? [join(root, publish, '_redirects')] : [])]
  for (const file of files) {
    if (!existsSync(file)) continue
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const parts = line.trim().split(/\s+/)
      if (parts[0] === '' || parts[0].startsWith('#') || parts.length < 2) continue
      const status =
        parts
          .slice(2)
          .find((part) => /^\d{3}!?$/.test(part))
          ?.replace('!', '') ?? '301'
      add(parts[0], status)
    }
  }
  return rules.length === 0 ? null : (path) => rules.some((rule) => rule.test(path))
}

/**
 * Broken links of a built site, strict and GitHub-Pages-tolerant:
 * `{broken: [{page, source, href, kind, target, fragment, strict, tolerant, tag?}], stats}`.
 */
export function crawl(build) {
  const {out, base} = build
  const files = new Set(walk(out))
  const redirects = hostRedirects(build.root, out)
  const scans = new Map()
  const scanOf = (file) => {
    if (!scans.has(file)) scans.set(file, files.has(file) ? scan(readFileSync(join(out, file), 'utf8')) : null)
    return scans.get(file)
  }
  const isDir = (file) => {
    try {
      return statSync(join(out, file)).isDirectory()
    } catch {
      return false
    }
  }
  /** The output file a site path reaches, strict or tolerant, or null. */
  const target = (file, tolerant) => {
    const rel = file.replace(/^\/+/, '')
    if ((rel === '' || rel.endsWith('/')) && files.has(`${rel}index.html`)) return `${rel}index.html`
    if (files.has(rel)) return rel
    if (rel !== '' && !rel.endsWith('/') && isDir(rel) && files.has(`${rel}/index.html`)) return `${rel}/index.html`
    if (tolerant && rel !== '' && !rel.endsWith('/') && files.has(`${rel}.html`)) return `${rel}.html`
    if (redirects?.(`${base}/${rel}`)) return REDIRECTED
    // `x/` answered by `x.html`: a Pelican site whose `*_URL` is `x/` and `*_SAVE_AS` `x.html` says its server does so.
    if (build.slashHtml && rel.endsWith('/') && files.has(`${rel.slice(0, -1)}.html`)) return `${rel.slice(0, -1)}.html`
    const rewritten = build.rewrites?.[rel] ?? build.rewrites?.[decodeSafe(rel)]
    if (rewritten !== undefined && files.has(rewritten)) return rewritten
    return null
  }
  const resolveLink = makeResolver(build)
  const broken = []
  const stats = {pages: 0, links: 0, checked: 0, skipped: {}}
  const verdict = (file, fragment, tolerant) => {
    const found = target(file, tolerant)
    if (found === null) return {ok: false, missing: 'file'}
    if (fragment === null || fragment === '' || fragment.toLowerCase() === 'top' || !found.endsWith('.html')) return {ok: true, found}
    const ids = scanOf(found)?.ids
    return ids?.has(fragment) ? {ok: true, found} : {ok: false, missing: 'fragment', found}
  }
  for (const [file, source] of Object.entries(build.pages)) {
    if (!source || !files.has(file)) continue
    stats.pages++
    const page = fileUrl(base, file)
    for (const link of scanOf(file).links) {
      stats.links++
      if (link.href.startsWith(TAG_SENTINEL) || PELICAN_TAG.test(link.href)) {
        broken.push({
          page,
          source,
          href: link.href,
          kind: 'internal',
          target: TAG_SENTINEL,
          fragment: null,
          strict: true,
          tolerant: true,
          tag: true
        })
        continue
      }
      const resolved = resolveLink(link.href, page)
      if (resolved.skip) {
        stats.skipped[resolved.skip] = (stats.skipped[resolved.skip] ?? 0) + 1
        continue
      }
      stats.checked++
      const strict = verdict(resolved.file, resolved.fragment, false)
      if (strict.ok) continue
      const tolerant = verdict(resolved.file, resolved.fragment, true)
      const kind = link.tag === 'img' ? 'image' : strict.missing === 'fragment' || tolerant.missing === 'fragment' ? 'fragment' : 'internal'
      broken.push({
        page,
        source,
        href: link.href,
        kind,
        target: resolved.path,
        fragment: resolved.fragment,
        strict: true,
        tolerant: !tolerant.ok
      })
    }
  }
  return {broken, stats, files, scanOf, target, resolveLink}
}

// ---------------------------------------------------------------------------------------------
// Comparison with mdpost

/** The text between the first pair of backticks of a message. */
function quoted(message) {
  const match = /`([^`]*)`/.exec(message)
  return match ? match[1] : null
}

/** mdpost's link reports, each with the href as written at its position when the post has it. */
export function mdpostReports(site) {
  const byPath = new Map(site.posts.map((post) => [post.path, post]))
  const seen = new Set()
  const reports = []
  const all = [...site.diagnostics, ...site.posts.flatMap((post) => post.diagnostics.map((d) => ({...d, path: d.path ?? post.path})))]
  for (const diagnostic of all) {
    const kind = RULE_KIND[diagnostic.ruleId]
    if (!kind) continue
    const key = `${diagnostic.path}\0${diagnostic.line}\0${diagnostic.column}\0${diagnostic.ruleId}\0${diagnostic.message}`
    if (seen.has(key)) continue
    seen.add(key)
    const post = byPath.get(diagnostic.path)
    const at = (item) => item.position?.start.line === diagnostic.line && item.position?.start.column === diagnostic.column
    const link = kind === 'image' ? null : post?.links.find(at)
    // Goldmark's linkify ends a bare URL at the first character outside ASCII, without trailing punctuation.
    // An image a tag writes (Hugo's `figure`) is reported at the tag: its `src` as written.
    const tagSrc = () =>
      /(?:^|\s)src\s*=\s*(?:"([^"]*)"|`([^`]*)`|([^\s"`]+))/
        .exec(post?.templateTags?.find(at)?.args ?? '')
        ?.slice(1)
        .find(Boolean)
    const written =
      kind === 'image'
        ? (post?.images.find(at)?.src ?? tagSrc())
        : link?.source === 'literal' && site.generator === 'hugo'
          ? link.url.replace(/[^\x21-\x7e][\s\S]*$/, '').replace(/[?!.,:*_~]+$/, '')
          : link?.url
    reports.push({
      source: diagnostic.path,
      line: diagnostic.line,
      column: diagnostic.column,
      rule: diagnostic.ruleId,
      kind,
      severity: diagnostic.severity,
      href: written ?? quoted(diagnostic.message),
      message: diagnostic.message,
      page: post?.permalink ?? null,
      tag: /^Unexpected `(\{%|\{\{[<%])/.test(diagnostic.message) || PELICAN_TAG.test(written ?? quoted(diagnostic.message) ?? '')
    })
  }
  return reports
}

const TEMPLATE = /\{\{|\{%|%\}|\}\}/

/**
 * A Jekyll raw-HTML destination with the Liquid URL outputs the build renders first
 * (`{{ site.baseurl }}`, `{{ site.url }}`, `{{ 'x' | relative_url }}`, `absolute_url`), with the
 * site's config, to find the build's entry for the report (the build still judges the link);
 * anything else stays as written.
 */
function expandLiquidUrl(href, site) {
  if (site.generator !== 'jekyll' || !href.includes('{{')) return href
  const base = site.config.baseurl ?? ''
  const lead = (part) => (part === '' || part.startsWith('/') ? part : `/${part}`)
  return href.replace(/\{\{-?\s*([^{}]*?)\s*-?\}\}/g, (whole, expression) => {
    if (expression === 'site.baseurl') return base
    if (expression === 'site.url') return site.config.url ?? ''
    const match = /^(["'])([^"']*)\1\s*\|\s*(relative_url|absolute_url)$/.exec(expression)
    if (!match) return whole
    if (/^[a-z][a-z0-9+.-]*:/i.test(match[2])) return match[2]
    const relative = `${lead(base.replace(/\/$/, ''))}${lead(match[2])}`
    return match[3] === 'absolute_url' ? `${site.config.url ?? ''}${relative}` : relative
  })
}

/**
 * Matches mdpost's reports with the oracle's broken links (tolerant verdict unless `strict`):
 * first by source + resolved target (+ fragment) + kind, then by source + target ignoring the
 * rule, then by source + fragment id / tag. Returns figures and the unmatched on each side with
 * a cause when one can be told.
 */
export function compareLinks(build, crawled, site, {strict = false, root = build.root ?? null} = {}) {
  const truth = crawled.broken.filter((entry) => (strict ? entry.strict : entry.tolerant))
  const reports = mdpostReports(site)
  const postPaths = new Set(site.posts.map((post) => post.path))
  const key = (source, path, fragment) => `${source}\0${path}\0${fragment ?? ''}`
  const pageOf = new Map()
  for (const [file, source] of Object.entries(build.pages)) if (source && !pageOf.has(source)) pageOf.set(source, fileUrl(build.base, file))
  const completed = new Set()
  for (const report of reports) {
    report.resolved = null
    if (report.href !== null) report.href = expandLiquidUrl(report.href, site)
    // A report on a file that is not one of mdpost's posts (a page, a collection document) has
    // its href only as the message quotes it, cut at 60 characters: the build's entry of that
    // file whose href it begins (in order: two links may begin alike).
    if (report.href?.endsWith('…')) {
      const start = report.href.slice(0, -1)
      const at = truth.findIndex((entry, index) => !completed.has(index) && entry.source === report.source && entry.href.startsWith(start))
      if (at !== -1) {
        completed.add(at)
        report.href = truth[at].href
      }
    }
    if (report.tag || report.href === null || TEMPLATE.test(report.href)) continue
    // A markdown destination that starts with a space is rendered with it encoded (`%20http://…`).
    const href = /^\s/.test(report.href) && report.href.trim() !== '' ? report.href.replace(/\s/g, '%20') : report.href
    // A report on a file that is not one of mdpost's posts: the page the build made of it.
    const page = report.page ?? pageOf.get(report.source) ?? '/'
    const resolved = crawled.resolveLink(href, page)
    if (!resolved.skip) report.resolved = resolved
    else report.skip = resolved.skip
  }
  const open = new Set(truth.map((_, index) => index))
  const matches = []
  const take = (report, test, how) => {
    for (const index of open) {
      const entry = truth[index]
      if (entry.source === report.source && test(entry)) {
        open.delete(index)
        matches.push({report, entry, how})
        return true
      }
    }
    return false
  }
  const pending = []
  for (const report of reports) {
    const r = report.resolved
    const exact =
      r &&
      take(
        report,
        (e) => !e.tag && e.kind === report.kind && key(e.source, e.target, e.fragment) === key(report.source, r.path, r.fragment),
        'exact'
      )
    if (!exact) pending.push(report)
  }
  const falsePositives = []
  for (const report of pending) {
    const r = report.resolved
    const fragment = r?.fragment ?? (report.kind === 'fragment' ? /`#([^`]*)`/.exec(report.message)?.[1] : null)
    const ok =
      (r && take(report, (e) => !e.tag && e.target === r.path && (e.fragment ?? '') === (r.fragment ?? ''), 'rule differs')) ||
      (report.tag &&
        take(
          report,
          (e) => e.tag && (e.href === report.href || (e.href.startsWith(TAG_SENTINEL) && !PELICAN_TAG.test(report.href ?? ''))),
          'tag'
        )) ||
      (fragment &&
        take(
          report,
          (e) => !e.tag && e.kind === report.kind && e.fragment === fragment,
          // A link tag with a fragment (`{filename}x.md#id`, `{% post_url x %}#id`) is not resolved here.
          PELICAN_TAG.test(report.href ?? '') || TEMPLATE.test(report.href ?? '') ? 'tag fragment' : 'same fragment id'
        ))
    if (!ok) falsePositives.push({...report, cause: falsePositiveCause(report, crawled)})
  }
  const unmatched = [...open].map((index) => {
    const entry = truth[index]
    return {...entry, cause: falseNegativeCause(entry, postPaths, site, root)}
  })
  // Only links that come from a post's markdown source count (issue 21): those written in an
  // included template file are listed apart.
  const falseNegatives = unmatched.filter((entry) => entry.cause !== FROM_TEMPLATE_FILE)
  const fromTemplates = unmatched.filter((entry) => entry.cause === FROM_TEMPLATE_FILE)
  const matched = matches.length
  const figures = (tp, fp, fn) => ({
    matched: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn)
  })
  const inPosts = falseNegatives.filter((entry) => postPaths.has(entry.source)).length
  const matchedInPosts = matches.filter((match) => postPaths.has(match.entry.source)).length
  return {
    verdict: strict ? 'strict' : 'github-pages',
    oracle: {broken: truth.length, strictOnly: crawled.broken.filter((e) => e.strict && !e.tolerant).length},
    mdpost: {reports: reports.length},
    all: figures(matched, falsePositives.length, falseNegatives.length),
    posts: figures(matchedInPosts, falsePositives.length, inPosts),
    matches,
    falsePositives,
    falseNegatives,
    fromTemplates
  }
}

function falsePositiveCause(report, crawled) {
  if (report.tag) return 'link tag reported, the real build resolves it'
  if (report.href === null) return 'no href found at the report position'
  if (TEMPLATE.test(report.href)) return 'destination holds template code (the build expands it)'
  if (report.skip === 'external') return 'absolute URL on another host (not internal)'
  if (report.skip === 'outside-base') return 'outside the base path (another site on the host)'
  if (report.skip) return `not a link into the site (${report.skip})`
  const r = report.resolved
  const found = crawled.target(r.file, true)
  if (found === null)
    return `not a link of the built page (the generator's renderer does not make it this link: raw HTML omitted, markdown dialect, template) (${r.path})`
  if (found === REDIRECTED) return 'served by a host redirect (netlify.toml [[redirects]] / _redirects)'
  const exact = crawled.target(r.file, false)
  const via = exact === null ? ` (only as ${found}: extensionless .html)` : ` (${exact})`
  if (r.fragment && !crawled.scanOf(found)?.ids.has(r.fragment) && r.fragment.toLowerCase() !== 'top')
    return `oracle: target exists${via} but fragment #${r.fragment} is missing there too; link not in built page as resolved`
  if (r.fragment) return `target and fragment exist in the build${via}: #${r.fragment} is an id of ${found}`
  return `target exists in the build${via}`
}

const sourceTexts = new Map()

export const FROM_TEMPLATE_FILE = "from a template file (an include, partial or shortcode): not in the post's markdown source"

const templateTexts = new Map()

/** The text of every template file of a site that can write a post's content (includes, partials, shortcodes). */
function templateFilesOf(root) {
  if (!templateTexts.has(root)) {
    const texts = []
    const themes = existsSync(join(root, 'themes')) ? readdirSync(join(root, 'themes')).map((theme) => join('themes', theme)) : []
    for (const base of ['', ...themes]) {
      for (const folder of ['_includes', 'layouts']) {
        const dir = join(root, base, folder)
        for (const file of walk(dir)) if (/\.(html?|md|markdown|liquid|xml)$/i.test(file)) texts.push(readFileSync(join(dir, file), 'utf8'))
      }
    }
    templateTexts.set(root, texts)
  }
  return templateTexts.get(root)
}

function falseNegativeCause(entry, postPaths, site, root) {
  if (entry.tag) return 'link tag to nothing (Jekyll, Hugo: fails the real build; Pelican: a warning); mdpost did not report it'
  if (!postPaths.has(entry.source)) {
    const excluded =
      site.posts.length > 0 ? "not one of mdpost's posts (page, collection document or list page: not checked)" : 'no posts in mdpost'
    return excluded
  }
  if (root) {
    if (!sourceTexts.has(entry.source)) {
      let text = ''
      try {
        text = readFileSync(join(root, entry.source), 'utf8')
      } catch {}
      sourceTexts.set(entry.source, text)
    }
    const text = sourceTexts.get(entry.source)
    const plain = entry.href.replace(/&amp;/g, '&')
    if (text && !text.includes(plain) && !text.includes(decode(plain))) {
      // Written in a file the post includes (`{% include %}`, a shortcode's template): the post's
      // markdown does not hold it, so no checker of the markdown can see it.
      const path = plain.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '').replace(/^\/\/[^/]+/, '')
      const forms = [plain, path].filter((form) => form.length > 1)
      if (forms.some((form) => templateFilesOf(root).some((template) => template.includes(form)))) return FROM_TEMPLATE_FILE
      return 'href not written literally in the source (made by a template tag, Liquid, a shortcode or the renderer)'
    }
  }
  const permalinks = new Set(site.posts.map((post) => post.permalink.replace(/index\.html$/, '')))
  if (entry.kind === 'fragment' && !permalinks.has(entry.target) && !permalinks.has(`${entry.target}/`))
    return 'fragment into a page that is not a post (mdpost has no ids for it)'
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry.href) || entry.href.startsWith('//')) return "absolute URL on the site's own host"
  if (entry.kind === 'fragment') return `fragment #${entry.fragment} missing in ${entry.target}`
  if (entry.kind === 'image') return 'image missing'
  return 'target missing'
}

// ---------------------------------------------------------------------------------------------
// Report

const pct = (value) => (value === null ? 'n/a' : `${(100 * value).toFixed(1)}%`)

export function formatLinkReport(name, build, crawled, comparison, {limit = 40} = {}) {
  const lines = []
  lines.push(`${name} (${build.version}): ${crawled.stats.pages} pages with a source, ${crawled.stats.checked} internal links checked`)
  lines.push(
    `  oracle (${comparison.verdict}): ${comparison.oracle.broken} broken (strict-only, i.e. served by GitHub Pages as x.html: ${comparison.oracle.strictOnly}); tag errors ${build.tagErrors.length}; render errors ${build.errors.length}`
  )
  if (build.neutralised.length > 0) lines.push(`  neutralised: ${build.neutralised.join('; ')}`)
  if (comparison.mdpost) {
    const {all, posts} = comparison
    lines.push(`  mdpost: ${comparison.mdpost.reports} reports; matched ${all.matched}, FP ${all.falsePositives}, FN ${all.falseNegatives}`)
    lines.push(
      `  precision ${pct(all.precision)}  recall ${pct(all.recall)}  (recall over mdpost's posts only: ${pct(posts.recall)}, FN there ${posts.falseNegatives})`
    )
    const loose = comparison.matches.filter((match) => match.how !== 'exact')
    if (loose.length > 0) lines.push(`  matched loosely: ${loose.length} (${[...new Set(loose.map((m) => m.how))].join(', ')})`)
    const group = (list, title) => {
      if (list.length === 0) return
      const causes = new Map()
      for (const item of list) {
        const cause = item.cause
          .replace(/ \((?:[^()]|\([^)]*\))*\)/g, '')
          .replace(/: #\S+ is an id of \S+$/, '')
          .replace(/#\S+/g, '#…')
          .replace(/ \/\S*/g, ' …')
        if (!causes.has(cause)) causes.set(cause, [])
        causes.get(cause).push(item)
      }
      lines.push(`  ${title}: ${list.length}`)
      for (const [cause, items] of [...causes].sort((a, b) => b[1].length - a[1].length)) {
        lines.push(`    [${items.length}] ${cause}`)
        for (const item of items.slice(0, Math.max(3, Math.floor(limit / causes.size)))) {
          const where = item.line ? `${item.source}:${item.line}:${item.column}` : item.source
          lines.push(`      ${where} ${item.kind} ${JSON.stringify(item.href)}${item.cause !== cause ? ` — ${item.cause}` : ''}`)
        }
        if (items.length > Math.max(3, Math.floor(limit / causes.size))) lines.push('      …')
      }
    }
    group(comparison.falsePositives, 'false positives (mdpost only)')
    group(comparison.falseNegatives, 'false negatives (build only)')
    group(comparison.fromTemplates ?? [], 'not counted: broken links written in template files, not in the markdown source')
  }
  return lines.join('\n')
}

/** Oracle + comparison for one site folder. `loadSite` is mdpost's; the build folder is removed unless `keep`. */
export async function linkDifferential(
  root,
  {generator = detectGenerator(root), loadSite, strict = false, keep = false, options = {}} = {}
) {
  const build = buildSite(root, generator)
  try {
    const crawled = crawl(build)
    let comparison = null
    if (loadSite) {
      const site = await loadSite(root, {generator, concurrency: 1, ...options})
      comparison = compareLinks(build, crawled, site, {strict, root})
    }
    return {build, crawled, comparison}
  } finally {
    if (!keep) rmSync(build.work, {recursive: true, force: true})
  }
}

async function main(argv) {
  const args = argv.slice(2)
  const flag = (name) => args.includes(name)
  const value = (name) => {
    const at = args.indexOf(name)
    return at >= 0 ? args[at + 1] : undefined
  }
  const root = args.find((arg, at) => !arg.startsWith('--') && !['--generator', '--dist', '--save'].includes(args[at - 1]))
  if (!root) {
    console.error(
      'usage: node scripts/link-oracle.mjs <site> [--generator jekyll|hugo|pelican] [--json] [--strict] [--oracle-only] [--keep] [--dist <dist folder>]'
    )
    process.exit(2)
  }
  const generator = value('--generator') ?? detectGenerator(resolve(root))
  let loadSite = null
  if (!flag('--oracle-only')) {
    const dist = value('--dist') ?? new URL('../dist', import.meta.url).pathname
    ;({loadSite} = await import(pathToFileURL(join(resolve(dist), 'node', 'index.js')).href))
  }
  const result = await linkDifferential(resolve(root), {generator, loadSite, strict: flag('--strict'), keep: flag('--keep')})
  const {build, crawled, comparison} = result
  const {matches, ...rest} = comparison ?? {}
  const asJson = () => {
    const json = {
      site: root,
      generator,
      version: build.version,
      base: build.base,
      origin: build.origin,
      neutralised: build.neutralised,
      tagErrors: build.tagErrors,
      renderErrors: build.errors,
      stats: crawled.stats,
      broken: crawled.broken,
      comparison: comparison
        ? {
            ...rest,
            matches: matches.map((m) => ({
              how: m.how,
              source: m.entry.source,
              href: m.entry.href,
              line: m.report.line,
              rule: m.report.rule
            }))
          }
        : null,
      work: flag('--keep') ? build.work : null
    }
    return JSON.stringify(json, null, 1)
  }
  if (value('--save')) writeFileSync(value('--save'), asJson())
  if (flag('--json')) console.log(asJson())
  else {
    console.log(
      formatLinkReport(
        basename(resolve(root)),
        build,
        crawled,
        comparison ?? {
          verdict: flag('--strict') ? 'strict' : 'github-pages',
          oracle: {
            broken: crawled.broken.filter((e) => (flag('--strict') ? e.strict : e.tolerant)).length,
            strictOnly: crawled.broken.filter((e) => !e.tolerant).length
          }
        }
      )
    )
    if (!comparison)
      for (const entry of crawled.broken)
        console.log(
          `  ${entry.source} ${entry.kind}${entry.tolerant ? '' : ' (strict only)'} ${JSON.stringify(entry.href)} → ${entry.target}${entry.fragment ? `#${entry.fragment}` : ''}`
        )
    if (flag('--keep')) console.log(`  build kept in ${build.work}`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv).catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
