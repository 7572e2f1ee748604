/**
 * The lean form of a site's posts (`createSite`'s and `loadSite`'s `lean`): what cross-post work
 * and diagnostics read (URL, dates, title, tags, links and images with their positions, headings
 * with their ids, diagnostics…), without the rendered HTML and the sections. Held whole, a site
 * keeps each post's HTML twice (the page's, and again cut into its sections) and its text once
 * more in the sections: about three quarters of its memory (bench/NOTES.md).
 */
import type {Excerpt, Post, Section} from '../types.js'
import {packFrontmatter, packHeadings, packImages, packLinks, packTemplateTags} from './packed.js'

/** An excerpt without its `html`; the same object when it has none. */
export function leanExcerpt(excerpt: Excerpt | null): Omit<Excerpt, 'html'> | null {
  return excerpt?.html === undefined ? excerpt : {text: excerpt.text, source: excerpt.source}
}

/**
 * A Post as a lean load keeps it while the site is computed, in place (the Post is the loader's
 * own, from a worker or the cache): no sections, no excerpt HTML, positions packed (`packPositions`).
 * Its `html` stays until the site is computed: the ids a fragment can reach are read from it.
 */
export function makeLean(post: Post): void {
  post.sections = []
  post.excerpt = leanExcerpt(post.excerpt)
  Object.assign(post, packPositions(post))
}

/**
 * A post's fields that hold positions, packed (src/site/packed.ts): the same arrays and objects
 * when they are packed already, else new ones (the post's are left as they are).
 */
export function packPositions(post: Pick<Post, 'links' | 'images' | 'headings' | 'templateTags' | 'frontmatter'>) {
  return {
    links: packLinks(post.links),
    images: packImages(post.images),
    headings: packHeadings(post.headings),
    templateTags: packTemplateTags(post.templateTags),
    frontmatter: packFrontmatter(post.frontmatter)
  }
}

/**
 * The same string objects for the same values within a post: a link's `section` and a section's
 * `id` are a heading's id, a section's `title` its text, a URL linked twice (or an autolink's
 * text) the same URL, each parsed from JSON as a copy of its own. Values do not change.
 */
export function shareStrings(post: Post): void {
  if (post.links.length > 1) {
    const urls = new Map<string, string>()
    for (const link of post.links) {
      const url = urls.get(link.url)
      if (url === undefined) urls.set(link.url, link.url)
      else link.url = url
      if (link.text === link.url) link.text = link.url
    }
  }
  if (post.headings.length === 0) return
  const ids = new Map<string, string>()
  const texts = new Map<string, string>()
  for (const heading of post.headings) {
    ids.set(heading.id, heading.id)
    texts.set(heading.text, heading.text)
  }
  for (const item of post.links) if (item.section !== null) item.section = ids.get(item.section) ?? item.section
  for (const item of post.images) if (item.section !== null) item.section = ids.get(item.section) ?? item.section
  const visit = (sections: Section[]): void => {
    for (const section of sections) {
      if (section.id !== null) section.id = ids.get(section.id) ?? section.id
      if (section.title !== null) section.title = texts.get(section.title) ?? section.title
      visit(section.children)
    }
  }
  visit(post.sections)
}

/**
 * A section's and the excerpt's HTML as slices of the post's `html`, which holds them in order:
 * V8 keeps a slice as a reference into its parent string instead of a second copy of the text
 * (the copies came from JSON). Each piece is looked for in a bounded window after the last one
 * (linear in the post), and one not found there stays as it is.
 */
export function sliceHtml(post: Post): void {
  const html = post.html
  if (html === undefined) return
  /** The piece as a slice of `html`, looked for from `from` up to `gap` characters further; and where it ends. */
  const slice = (piece: string, from: number, gap: number): {text: string; end: number} | null => {
    if (piece.length < minSlice) return null
    const at = html.slice(from, from + piece.length + gap).indexOf(piece)
    return at === -1 ? null : {text: html.slice(from + at, from + at + piece.length), end: from + at + piece.length}
  }
  let from = 0
  const visit = (sections: Section[]): void => {
    for (const section of sections) {
      const found = section.html === undefined ? null : slice(section.html, from, 256)
      if (found) {
        section.html = found.text
        from = found.end
      }
      visit(section.children)
    }
  }
  visit(post.sections)
  if (post.excerpt?.html !== undefined) post.excerpt.html = slice(post.excerpt.html, 0, 4096)?.text ?? post.excerpt.html
}

/** V8 copies substrings shorter than this (13 characters) rather than slicing them. */
const minSlice = 13
