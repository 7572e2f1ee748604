/** The stock pipeline mdpost's replacements must match, and the check that they do. */
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {type Processor, unified} from 'unified'
import {expect} from 'vitest'
import {taskListItemFromMarkdown} from '../../src/gfm-task-check.js'

/**
 * remark-parse, remark-frontmatter, remark-gfm and remark-rehype, as published, with one repair:
 * a task list check outside a list item stays text (src/gfm-task-check.ts; published, it loses the
 * `[x]` or throws under the `development` condition). test/gfm.test.ts checks the repair itself.
 */
export const original = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkGfm)
  .use(function taskCheckRepair(this: Processor) {
    this.data().fromMarkdownExtensions?.push([taskListItemFromMarkdown()])
  })
  .use(remarkRehype)
  .freeze()

/** `processor` gives the original's mdast for `text`, and the same hast from it. */
export function expectSameTrees(processor: Processor, text: string): void {
  const before = original.parse(text)
  const after = processor.parse(text)
  expect(after).toEqual(before)
  expect(processor.runSync(after)).toEqual(original.runSync(before))
}
