/**
 * What every Post must hold, whatever the input: positions ordered and inside the text, every
 * link's and image's position covering its URL as written, no raw control character in a message.
 */
import type {ParsedPost, Position} from 'mdpost'
import {expect} from 'vitest'

// biome-ignore lint/suspicious/noControlCharactersInRegex: what must never reach a message.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/

export function checkInvariants(input: string, post: ParsedPost): void {
  const length = input.length
  const inside = (position: Position | null) => {
    if (position === null) return
    expect(position.start.offset).toBeGreaterThanOrEqual(0)
    expect(position.end.offset).toBeLessThanOrEqual(length)
    expect(position.start.offset).toBeLessThanOrEqual(position.end.offset)
  }
  let previousEnd = -1
  for (const section of post.sections) {
    inside(section.position)
    expect(section.position.start.offset).toBeGreaterThanOrEqual(previousEnd)
    previousEnd = section.position.end.offset
  }
  // A BOM is not part of the text that offsets count in.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const covers = (position: Position | null, url: string, source: string) => {
    if (position === null || source === 'reference' || source === 'generated') return
    const written = text.slice(position.start.offset, position.end.offset).replaceAll('\0', '\uFFFD')
    // Escapes and character references are decoded in the URL: only plain spellings compare.
    if (/[\\&%]/.test(written)) return
    // GFM and autolinks add `mailto:` or `http://` that the source does not have.
    const bare = written.includes(url) ? url : url.replace(/^mailto:/i, '').replace(/^http:\/\//, '')
    expect(written, `${url} at ${position.start.offset}`).toContain(bare)
  }
  for (const link of post.links) {
    inside(link.position)
    covers(link.position, link.url, link.source)
  }
  for (const image of post.images) {
    inside(image.position)
    covers(image.position, image.src, image.source)
  }
  for (const heading of post.headings) inside(heading.position)
  // CRLF, LF and lone CR end a line; the last line runs to the end of the text.
  const lines = text.split(/\r\n|\r|\n/)
  const end = {line: lines.length, column: (lines.at(-1) as string).length + 1}
  for (const diagnostic of post.diagnostics) {
    expect(diagnostic.endLine * 1e9 + diagnostic.endColumn, `${diagnostic.ruleId} ends past the text`).toBeLessThanOrEqual(
      end.line * 1e9 + end.column
    )
    expect(diagnostic.line).toBeGreaterThanOrEqual(1)
    expect(diagnostic.column).toBeGreaterThanOrEqual(1)
    expect(diagnostic.endLine * 1e9 + diagnostic.endColumn).toBeGreaterThanOrEqual(diagnostic.line * 1e9 + diagnostic.column)
    expect(diagnostic.message).not.toMatch(controls)
  }
}
