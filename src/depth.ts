/**
 * A cheap linear pre-scan for nesting that unified cannot take: deep block containers
 * (`>` and list markers), deep brackets and emphasis openers in a paragraph, and deep raw
 * HTML elements. micromark, mdast-util-to-hast and hast-util-to-html recurse per level, so
 * such input ends in a stack overflow after seconds of work; this rejects it first.
 */

import type {Reporter} from './diagnostics.js'

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'p',
  'li'
])

export function checkDepth(text: string, from: number, max: number, report: Reporter): void {
  checkUnclosedComments(text, from, report)
  let inline = 0
  let html = 0
  let fence: string | null = null
  let lineStart = from
  while (lineStart < text.length) {
    let lineEnd = lineStart
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++
    const line = text.slice(lineStart, lineEnd)
    const fenceMatch = /^[ \t>]*(`{3,}|~{3,})/.exec(line)
    if (fence !== null) {
      if (fenceMatch && (fenceMatch[1] as string)[0] === fence[0] && (fenceMatch[1] as string).length >= fence.length) fence = null
    } else if (fenceMatch) {
      fence = fenceMatch[1] as string
    } else {
      const block = blockDepth(line)
      if (block > max) fail(lineStart, `block nesting of ${block} levels`)
      if (line.trim() === '') inline = 0
      for (let index = 0; index < line.length; index++) {
        const char = line[index]
        if (char === '\\') {
          index++
        } else if (char === '[') {
          if (++inline > max) fail(lineStart + index, `more than ${max} nested brackets or emphasis openers`)
        } else if (char === ']') {
          if (inline > 0) inline--
        } else if ((char === '*' || char === '_') && line[index - 1] !== char) {
          // One delimiter run: an opener (left-flanking) nests, a closer (right-flanking) unnests.
          let end = index
          while (line[end + 1] === char) end++
          const before = line[index - 1] ?? ' '
          const after = line[end + 1] ?? ' '
          const opens = /\S/.test(after) && /[\s\p{P}]/u.test(before)
          const closes = /\S/.test(before) && /[\s\p{P}]/u.test(after)
          if (opens && !closes) {
            if (++inline > max) fail(lineStart + index, `more than ${max} nested brackets or emphasis openers`)
          } else if (closes && inline > 0) {
            inline--
          }
          index = end
        } else if (char === '<') {
          const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/.exec(line.slice(index, index + 256))
          if (!tag) continue
          if (voidElements.has((tag[2] as string).toLowerCase()) || tag[3] === '/') continue
          if (tag[1] === '/') {
            if (html > 0) html--
          } else if (++html > max) {
            fail(lineStart + index, `raw HTML nested more than ${max} elements deep`)
          }
        }
      }
    }
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1)
  }

  function fail(offset: number, what: string): never {
    return report.limit('input-too-deep', `Unexpected ${what}, expected at most ${max} (option \`maxDepth\`)`, {start: offset, end: offset})
  }
}

/** Container markers at the start of a line: `>` and list bullets, counted by depth. */
function blockDepth(line: string): number {
  let depth = 0
  let index = 0
  let indent = 0
  while (index < line.length) {
    const char = line[index] as string
    if (char === ' ') {
      indent++
      index++
    } else if (char === '\t') {
      indent += 4
      index++
    } else if (char === '>') {
      depth++
      index++
    } else if ((char === '-' || char === '*' || char === '+') && /[ \t]/.test(line[index + 1] ?? '')) {
      depth++
      index += 2
    } else {
      const ordered = /^\d{1,9}[.)][ \t]/.exec(line.slice(index, index + 12))
      if (!ordered) break
      depth++
      index += ordered[0].length
    }
  }
  // Nested lists are also written by indentation alone: two columns a level at the least.
  return depth > 0 ? Math.max(depth, depth + Math.floor(indent / 4)) : depth
}

/** micromark scans to the end of the input for every `<!--` that never closes: O(n²). */
const maxUnclosedComments = 100

function checkUnclosedComments(text: string, from: number, report: Reporter): void {
  const lastClose = text.lastIndexOf('-->')
  let count = 0
  let at = text.indexOf('<!--', Math.max(from, lastClose))
  const first = at
  while (at !== -1) {
    if (++count > maxUnclosedComments) {
      report.limit(
        'input-too-complex',
        `Unexpected ${maxUnclosedComments}+ HTML comments \`<!--\` that never close, expected \`-->\` after each`,
        {start: first, end: first}
      )
    }
    at = text.indexOf('<!--', at + 4)
  }
}
