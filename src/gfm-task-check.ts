/**
 * remark-gfm's task list checks, kept where they belong. micromark marks the first content
 * after a list item's marker as the item's first content even when the item is empty and that
 * content is a later block outside it (`*\n[x] a`): mdast-util-gfm-task-list-item then sets
 * `checked` on whatever holds the paragraph (the root) and the `[x]` of the text is lost, or,
 * under the `development` export condition, asserts and throws. Here a check only counts in the
 * first child of a list item; anywhere else it stays text, as GitHub shows it.
 */

import type {Paragraph} from 'mdast'
import type {CompileContext, Extension, Token} from 'mdast-util-from-markdown'
import {gfmTaskListItemFromMarkdown} from 'mdast-util-gfm-task-list-item'

/** mdast-util-gfm-task-list-item's from-markdown extension, with the check kept to list items. */
export function taskListItemFromMarkdown(): Extension {
  const base = gfmTaskListItemFromMarkdown()
  return {
    exit: {
      ...base.exit,
      taskListCheck: exitTaskListCheck,
      taskListCheckValueChecked: exitCheckValue,
      taskListCheckValueUnchecked: exitCheckValue
    }
  }
}

/** The list item whose first child is the open paragraph, if there is one. */
function itemOf(context: CompileContext) {
  const paragraph = context.stack[context.stack.length - 1]
  const item = context.stack[context.stack.length - 2]
  return item?.type === 'listItem' && item.children[0] === paragraph ? item : undefined
}

function exitCheckValue(this: CompileContext, token: Token): undefined {
  const item = itemOf(this)
  if (item) item.checked = token.type === 'taskListCheckValueChecked'
}

/** A check outside a list item's first paragraph: its source as text (later text joins it). */
function exitTaskListCheck(this: CompileContext, token: Token): undefined {
  if (itemOf(this)) return
  const paragraph = this.stack[this.stack.length - 1] as Paragraph
  paragraph.children.push({
    type: 'text',
    value: this.sliceSerialize(token),
    position: {
      start: {line: token.start.line, column: token.start.column, offset: token.start.offset},
      end: {line: token.end.line, column: token.end.column, offset: token.end.offset}
    }
  })
}
