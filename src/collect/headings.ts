/**
 * Heading ids as GitHub makes them: github-slugger over the heading's text (character
 * references included, nothing trimmed), a trailing `{#custom-id}` taken as written, and
 * `section` only where the slug is empty.
 */
import {slug} from 'github-slugger'
import type {Heading as MdastHeading} from 'mdast'
import type {Heading} from '../types.js'
import {plainText} from './plain-text.js'
import {type CollectState, positionOf} from './state.js'

/** Give `node` its id (set on the node for the HTML too) and list it in `headings`. */
export function addHeading(state: CollectState, node: MdastHeading): Heading {
  const {id, text} = headingId(state, node)
  const heading: Heading = {depth: node.depth, text, id, position: positionOf(node)}
  state.headings.push(heading)
  return heading
}

function headingId(state: CollectState, node: MdastHeading): {id: string; text: string} {
  const last = node.children[node.children.length - 1]
  let custom: string | null = null
  if (last && last.type === 'text') {
    const found = customId(last.value)
    if (found) {
      custom = found.id
      last.value = found.rest
      if (last.value === '') node.children.pop()
    }
  }
  // Untrimmed: `# &#x20;a` is ` a` on GitHub, whose id is `-a`.
  const content = plainText(node)
  const [value, maintainCase] = custom === null ? [content, false] : [custom, true]
  // An empty id cannot be linked to (GitHub leaves such headings without one): `section` instead.
  const id =
    state.options.idPrefix + (slug(value, maintainCase) === '' ? state.slugger.slug('section') : state.slugger.slug(value, maintainCase))
  node.data = {...node.data, hProperties: {...node.data?.hProperties, id}}
  return {id, text: content.trim()}
}

/** A trailing `{#custom-id}` (no whitespace inside), found without a regex that backtracks. */
function customId(value: string): {id: string; rest: string} | null {
  const trimmed = value.trimEnd()
  if (!trimmed.endsWith('}')) return null
  const open = trimmed.lastIndexOf('{#')
  if (open === -1) return null
  const id = trimmed.slice(open + 2, -1)
  if (id === '' || /[\s}]/.test(id)) return null
  return {id, rest: trimmed.slice(0, open).trimEnd()}
}
