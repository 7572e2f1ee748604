#!/usr/bin/env node
// The main job on one post: a readable summary of the parsed Post, and its HTML page beside it.
import {readFileSync, writeFileSync} from 'node:fs'
import {PostParseError, parsePost, renderDocument} from 'mdpost'

const path = process.argv[2] ?? 'fixtures/pycon-2018.md'
const baseUrl = 'https://example.org'
try {
  const post = await parsePost(readFileSync(path), {path, baseUrl})
  const out = `${path.replace(/\.[^.]+$/, '')}.html`
  const lines = [
    `${post.title}  (${post.slug})`,
    `date ${post.date?.iso ?? '-'}  updated ${post.updated?.iso ?? '-'}  permalink ${post.permalink ?? '-'}  draft ${post.draft}`,
    `tags: ${post.tags.join(', ') || '-'}   categories: ${post.categories.join(', ') || '-'}`,
    `${post.stats.words} words, ${post.stats.characters} characters, ${post.stats.readingMinutes} min read`,
    '',
    'sections:'
  ]
  const walk = (sections, indent) => {
    for (const section of sections) {
      lines.push(
        `${indent}${section.id ? `#${section.id}` : '(preamble)'}  ${section.words} words, lines ${section.position.start.line}-${section.position.end.line}`
      )
      walk(section.children, `${indent}  `)
    }
  }
  walk(post.sections, '  ')
  lines.push('', `links (${post.links.length}):`)
  for (const link of post.links)
    lines.push(
      `  ${link.position.start.line}:${link.position.start.column} [${link.kind}/${link.source}] ${link.text} -> ${link.resolved ?? link.url}`
    )
  lines.push('', `images (${post.images.length}):`)
  for (const image of post.images)
    lines.push(`  ${image.position.start.line}:${image.position.start.column} ${image.alt || '(no alt)'} -> ${image.resolved ?? image.src}`)
  lines.push('', `excerpt (${post.excerpt?.source ?? 'none'}): ${(post.excerpt?.text ?? '').replace(/\s+/g, ' ').slice(0, 160)}…`)
  lines.push('', `diagnostics (${post.diagnostics.length}):`)
  for (const d of post.diagnostics) lines.push(`  ${path}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.ruleId}]`)
  writeFileSync(out, renderDocument(post, {baseUrl}))
  lines.push('', `HTML page written to ${out}`)
  console.log(lines.join('\n'))
} catch (error) {
  if (error instanceof PostParseError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
