/** EXPECTED.md's rule I2, checked as a browser would see the HTML: parsed with parse5, then re-parsed. */
import {parseFragment, serialize} from 'parse5'

const forbiddenElements = new Set([
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'style',
  'form',
  'portal',
  'svg',
  'math',
  'template'
])
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'cite', 'srcset', 'ping'])

type Node = {nodeName: string; tagName?: string; attrs?: Array<{name: string; value: string}>; childNodes?: Node[]; content?: Node}

export function unsafeParts(html: string): string[] {
  const problems: string[] = []
  const walk = (node: Node) => {
    if (node.tagName) {
      if (forbiddenElements.has(node.tagName)) problems.push(`<${node.tagName}>`)
      for (const {name, value} of node.attrs ?? []) {
        const lower = name.toLowerCase()
        if (lower.startsWith('on') || lower === 'srcdoc' || lower === 'style') problems.push(`${node.tagName}[${name}]`)
        if (urlAttributes.has(lower)) {
          // biome-ignore lint/suspicious/noControlCharactersInRegex: WHATWG URL normalisation.
          const trimmed = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
          const normalized = trimmed.replace(/[\t\n\r]/g, '').toLowerCase()
          if (/^(javascript|vbscript|data):/.test(normalized)) problems.push(`${node.tagName}[${name}=${value.slice(0, 30)}]`)
        }
      }
    }
    for (const child of node.childNodes ?? []) walk(child)
    if (node.content) walk(node.content)
  }
  const first = parseFragment(html) as unknown as Node
  walk(first)
  // Mutation XSS: what a browser makes of the serialized DOM must be safe too.
  walk(parseFragment(serialize(first as never)) as unknown as Node)
  return problems
}
