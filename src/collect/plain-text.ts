/** The text a reader sees of a node, and which top-level nodes are content at all. */
import type {Nodes, RootContent} from 'mdast'
import {commentEnd} from '../html-scan.js'

const blockTypes = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'table',
  'tableRow',
  'code',
  'footnoteDefinition',
  'root',
  'html'
])

/** The text a reader sees: blocks joined by blank lines, table cells by spaces, no footnote marks. */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      // Text fields use `\n` whatever the file's line endings.
      return node.value.includes('\r') ? node.value.replace(/\r\n?/g, '\n') : node.value
    case 'html':
      return withoutTags(node.value).replace(/\s+/g, ' ').trim()
    case 'break':
      return '\n'
    case 'image':
    case 'imageReference':
      return node.alt ?? ''
    case 'footnoteReference':
    case 'definition':
    case 'yaml':
    case 'thematicBreak':
      return ''
  }
  if (!('children' in node)) return ''
  const parts: string[] = []
  for (const child of node.children as Nodes[]) {
    const part = plainText(child)
    if (part) parts.push(part)
  }
  if (node.type === 'tableRow') return parts.join(' ')
  const children = node.children as Nodes[]
  const isBlockContainer = children.length > 0 && blockTypes.has((children[0] as Nodes).type)
  return parts.join(isBlockContainer ? '\n\n' : '')
}

/** Definitions, front matter and lone comments are not content a reader sees. */
export function isContent(node: RootContent): boolean {
  if (node.type === 'yaml' || node.type === 'definition' || (node as {type: string}).type === 'toml') return false
  if (node.type === 'html') return !onlyComments(node.value)
  return true
}

/** Whether raw HTML is nothing but comments and whitespace (one pass, no backtracking). */
function onlyComments(value: string): boolean {
  let index = 0
  let comments = 0
  for (;;) {
    while (index < value.length && /\s/.test(value[index] as string)) index++
    if (index === value.length) return comments > 0
    if (!value.startsWith('<!--', index)) return false
    const end = commentEnd(value, index)
    if (end === -1) return false
    index = end
    comments++
  }
}

/** Tags and comments replaced by a space, as `/<!--[\s\S]*?-->|<[^>]*>/g` would, in linear time. */
function withoutTags(value: string): string {
  let out = ''
  let index = 0
  for (;;) {
    const open = value.indexOf('<', index)
    if (open === -1) return out + value.slice(index)
    const after = value.startsWith('<!--', open) ? commentEnd(value, open) : -1
    const end = after === -1 ? value.indexOf('>', open) + 1 : after
    // No `>` after this `<` means none after any later one either.
    if (end === 0) return out + value.slice(index)
    out += `${value.slice(index, open)} `
    index = end
  }
}
