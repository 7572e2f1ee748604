/** Where the excerpt ends, decided on mdast and cut later on the hast tree (html.ts). */
import type {Root, RootContent} from 'mdast'
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
  const paragraph = tree.children.find((node) => node.type === 'paragraph' && node.position?.start?.offset !== undefined)
  const start = paragraph?.position?.start?.offset
  const end = paragraph?.position?.end?.offset
  if (!paragraph || start === undefined || end === undefined) return null
  return {kind: 'paragraph', start, end, nodes: [paragraph]}
}
