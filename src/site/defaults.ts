/**
 * Jekyll 4.3's front matter defaults (`frontmatter_defaults.rb`): which `defaults:` entries apply
 * to a file, and the values they give it, under its own front matter. One copy, for posts,
 * collection documents and pages alike.
 */
import {globToRegExp} from '../generators/shared.js'

export type DefaultsList = ReadonlyArray<{
  scope?: {path?: string; type?: string} | null
  values: Readonly<Record<string, unknown>>
}>

/** `update_deprecated_types`: `page`, `post`, `draft` are the plural types. */
const deprecated: Record<string, string> = {page: 'pages', post: 'posts', draft: 'drafts'}

/**
 * The values `defaults` gives the file at `path` (relative to the source, or to `collections_dir`
 * for a collection document) of `type` (`posts`, `pages` or the collection's label; Jekyll 4
 * reads a draft as a `posts` document), or null when none applies. `FrontmatterDefaults#all`:
 * the matching entries in order, each over those before it when its path is at least as long
 * (at equal length, when it has a `type` or the one before has none), else under them.
 * `collectionsDir` is stripped from a scope path that starts with it.
 */
export function defaultsFor(
  path: string,
  type: string,
  defaults: DefaultsList | null | undefined,
  collectionsDir = ''
): Record<string, unknown> | null {
  if (!defaults || defaults.length === 0) return null
  let result: Record<string, unknown> | null = null
  let old: {path: string; typed: boolean} | null = null
  for (const entry of defaults) {
    if (!entry || typeof entry !== 'object' || !entry.values || typeof entry.values !== 'object') continue
    const scope = entry.scope && typeof entry.scope === 'object' ? entry.scope : null
    const written = typeof scope?.type === 'string' ? scope.type : scope && 'type' in scope ? String(scope.type) : null
    if (written !== null && (deprecated[written] ?? written) !== type) continue
    const scopePath = typeof scope?.path === 'string' ? scope.path : ''
    if (!appliesPath(scopePath, path, collectionsDir)) continue
    const current = {path: sanitize(scopePath), typed: written !== null}
    const wins =
      old === null || (current.path.length !== old.path.length ? current.path.length >= old.path.length : current.typed || !old.typed)
    result = wins ? deepMerge(result ?? {}, entry.values) : deepMerge(entry.values, result ?? {})
    if (wins) old = current
  }
  return result
}

/**
 * `Utils.deep_merge_hashes`: `over`'s values on `under`'s, a mapping in both merged key by key,
 * and a null in `over` keeping `under`'s value (Jekyll's merge of defaults, and of a document's
 * front matter over its defaults).
 */
export function deepMerge(under: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = Object.assign(Object.create(null), under)
  for (const [key, value] of Object.entries(over)) {
    if (value === null || value === undefined) {
      if (!(key in result)) result[key] = value
      continue
    }
    const old = result[key]
    result[key] = mapping(old) && mapping(value) ? deepMerge(old, value) : value
  }
  return result
}

function mapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/**
 * `applies_path?`: an empty scope path is everything; a glob is expanded (here: matched against
 * the path's leading folders and the path itself); else the path starts with the scope, as
 * text (`path_is_subpath?`: `about` is a scope of `about-us.md`; asked of Jekyll 4.3.1), the
 * scope without one leading `/` and without the collections folder.
 */
function appliesPath(scopePath: string, path: string, collectionsDir: string): boolean {
  if (scopePath === '') return true
  const file = sanitize(path)
  const strip = (text: string) =>
    collectionsDir !== '' && text.startsWith(`${collectionsDir}/`) ? text.slice(collectionsDir.length + 1) : text
  if (scopePath.includes('*')) {
    const glob = globToRegExp(strip(sanitize(scopePath).replace(/\/+$/, '')))
    const parts = file.split('/')
    for (let at = 1; at <= parts.length; at++) if (glob.test(parts.slice(0, at).join('/'))) return true
    return false
  }
  return file.startsWith(strip(sanitize(scopePath)))
}

/** `sanitize_path`: without a leading `/`. */
function sanitize(path: string): string {
  return path.startsWith('/') ? path.slice(1) : path
}
