/** The stock pipeline mdpost's replacements must match, and the check that they do. */
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {type Processor, unified} from 'unified'
import {expect} from 'vitest'

/** remark-parse, remark-frontmatter, remark-gfm and remark-rehype, as published. */
export const original = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkRehype).freeze()

/** `processor` gives the original's mdast for `text`, and the same hast from it. */
export function expectSameTrees(processor: Processor, text: string): void {
  const before = original.parse(text)
  const after = processor.parse(text)
  expect(after).toEqual(before)
  expect(processor.runSync(after)).toEqual(original.runSync(before))
}
