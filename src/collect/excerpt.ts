/** Where the excerpt ends, decided on mdast and cut later on the hast tree (html.ts). */
import type {Nodes, Root, RootContent} from 'mdast'
import {isContent, plainText} from './plain-text.js'
import type {CollectOptions} from './state.js'

export type ExcerptPlan =
  | {kind: 'separator'; before: number; nodes: RootContent[]}
  | {kind: 'paragraph'; start: number; end: number; nodes: RootContent[]}
  | null

export function findExcerpt(tree: Root, options: CollectOptions): ExcerptPlan {
  if (options.hasFrontmatterExcerpt) return null
  const separators = options.separators.map((separator) => separator.trim())
  const before: RootContent[] = []
  for (const node of tree.children) {
    const value = node.type === 'html' ? node.value.trim() : node.type === 'paragraph' ? plainText(node).trim() : null
    if (value !== null && separators.includes(value)) {
      return {kind: 'separator', before: node.position?.start?.offset ?? 0, nodes: before.filter(isContent)}
    }
    before.push(node)
  }
  // The first paragraph with text of its own (an image-only one is a logo, not an excerpt); a
  // post without one gives the first other block with text (a list, a quote), headings aside.
  const block =
    tree.children.find((node) => node.type === 'paragraph' && hasOwnText(node)) ??
    tree.children.find((node) => node.type !== 'heading' && node.type !== 'paragraph' && isContent(node) && plainText(node).trim() !== '')
  const start = block?.position?.start?.offset
  const end = block?.position?.end?.offset
  if (!block || start === undefined || end === undefined) return null
  return {kind: 'paragraph', start, end, nodes: [block]}
}

/** Text that is not an image's alt text. */
function hasOwnText(node: Nodes): boolean {
  if (node.type === 'image' || node.type === 'imageReference') return false
  if (node.type === 'text' || node.type === 'inlineCode') return node.value.trim() !== ''
  if (node.type === 'html') return plainText(node) !== ''
  return 'children' in node && (node.children as Nodes[]).some(hasOwnText)
}
