/** Text nodes: the text of raw `<a>` still open, Liquid tags and references with no definition. */
import type {Parents, Text} from 'mdast'
import {quote} from '../diagnostics.js'
import {type CollectState, positionOf} from './state.js'

export function visitText(state: CollectState, node: Text, parent: Parents | null): void {
  const {value} = node
  for (const link of state.openRawLinks) link.text += value
  // Text split by a GFM transform has no position of its own: its parent's start stands in.
  const position = positionOf(node) ?? (parent ? positionOf(parent) : null)
  if (!position) return
  const base = position.start.offset
  if (!state.liquidSeen && (value.includes('{%') || value.includes('{{'))) {
    const first = firstOf(value, '{%', '{{')
    state.liquidSeen = true
    state.report.report(
      'liquid-tag',
      'warning',
      'Unexpected Liquid tag outside code, expected it to be rendered by Jekyll first: mdpost outputs it literally',
      {start: Math.min(base + first, position.end.offset), end: Math.min(base + first + 2, position.end.offset)}
    )
  }
  if (parent && parent.type !== 'link' && value.includes('][')) {
    const pattern = /\[([^[\]]+)\]\[([^[\]]*)\]/g
    for (const match of value.matchAll(pattern)) {
      const label = match[2] || match[1] || ''
      const start = Math.min(base + match.index, position.end.offset)
      state.report.report(
        'link-reference-missing',
        'warning',
        `Unexpected reference ${quote(label)} with no definition, expected a ${quote(`[${label}]: url`, 60)} line: it is shown as literal text`,
        {start, end: Math.max(start, Math.min(start + match[0].length, position.end.offset))}
      )
    }
  }
}

function firstOf(value: string, a: string, b: string): number {
  const at = value.indexOf(a)
  const bt = value.indexOf(b)
  return at === -1 ? bt : bt === -1 ? at : Math.min(at, bt)
}
