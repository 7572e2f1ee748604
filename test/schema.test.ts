/** Typed front matter through Standard Schema v1: zod and valibot, as a user would pass them. */
import {PostParseError, parseFrontmatter, parsePost, parsePostSync} from 'mdpost'
import {PostWorker} from 'mdpost/node'
import * as v from 'valibot'
import {describe, expect, test} from 'vitest'
import {z} from 'zod'

const post = '---\ntitle: Hello\ntags: [a, 2]\nauthor:\n  name: Ana\n  age: old\n---\n\nBody.\n'
const zodSchema = z.object({title: z.string(), tags: z.array(z.string()), author: z.object({name: z.string(), age: z.number()})})
const valibotSchema = v.object({title: v.string(), tags: v.array(v.string()), author: v.object({name: v.string(), age: v.number()})})

describe('schema option', () => {
  test.each([
    ['zod', zodSchema],
    ['valibot', valibotSchema]
  ])('%s: each issue is metadata-invalid at the offending key, with the validator’s message', async (_, schema) => {
    const result = await parsePost(post, {schema, strict: false})
    const issues = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'metadata-invalid')
    expect(issues.map((issue) => [issue.line, issue.severity])).toEqual([
      [3, 'error'],
      [6, 'error']
    ])
    expect(issues[0]?.message).toMatch(/^Unexpected front matter `tags\.1`: /)
    expect(issues[1]?.message).toMatch(/^Unexpected front matter `author\.age`: /)
    // Not valid: the data stays as read.
    expect(result.metadata.author).toEqual({name: 'Ana', age: 'old'})
  })

  test('strict: the first issue throws a located PostParseError', async () => {
    const error = await parsePost(post, {schema: zodSchema, path: 'p.md'}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PostParseError)
    expect(error).toMatchObject({ruleId: 'metadata-invalid', line: 3, path: 'p.md'})
  })

  test('valid: metadata is the validator’s output (defaults and transforms applied)', async () => {
    const schema = z.object({title: z.string().transform((title) => title.toUpperCase()), draft: z.boolean().default(false)})
    const result = await parsePost('---\ntitle: Hello\n---\n', {schema})
    expect(result.metadata).toEqual({title: 'HELLO', draft: false})
    expect(result.title).toBe('Hello')
    expect(parseFrontmatter('---\ntitle: Hi\n---\n', {schema}).metadata).toEqual({title: 'HI', draft: false})
    expect(parsePostSync('---\ntitle: Hi\n---\n', {schema: v.object({title: v.string()})}).metadata).toEqual({title: 'Hi'})
  })

  test('a missing required key is reported at the front matter’s start', () => {
    const result = parsePostSync('---\nother: 1\n---\n', {schema: z.object({title: z.string()}), strict: false})
    expect(result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'metadata-invalid')).toMatchObject({line: 1, column: 1})
  })

  test('an asynchronous validator works in parsePost, and is a TypeError in the synchronous entry points', async () => {
    const schema = z.object({title: z.string().refine(async (title) => title.length > 2, 'too short')})
    expect((await parsePost('---\ntitle: Long enough\n---\n', {schema})).metadata).toEqual({title: 'Long enough'})
    await expect(parsePost('---\ntitle: No\n---\n', {schema})).rejects.toMatchObject({ruleId: 'metadata-invalid', line: 2})
    expect(() => parsePostSync('---\ntitle: x\n---\n', {schema})).toThrow(TypeError)
    expect(() => parseFrontmatter('---\ntitle: x\n---\n', {schema})).toThrow(TypeError)
  })

  test('misuse: not a Standard Schema, or in a worker', () => {
    // @ts-expect-error: check how invalid input is handled.
    expect(() => parsePostSync('x', {schema: {parse: () => ({})}})).toThrow(/Standard Schema v1/)
    // @ts-expect-error: a schema does not cross to a worker.
    expect(() => new PostWorker().parse('x', {schema: zodSchema})).toThrow(TypeError)
  })
})
