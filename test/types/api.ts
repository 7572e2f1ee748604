/**
 * Type tests, checked by `tsc -p test/types` in `npm test` (nothing here runs): what a
 * TypeScript user of mdpost's published types can rely on.
 */
import type {StandardSchemaV1} from '@standard-schema/spec'
import {type Heading, type ParsedPost, type ParsedSection, parseFrontmatter, parsePost, parsePostSync, type RuleId} from 'mdpost'
import {type FileResult, parseFiles} from 'mdpost/node'
import * as v from 'valibot'
import {expectTypeOf} from 'vitest'
import {z} from 'zod'

const zodSchema = z.object({title: z.string(), tags: z.array(z.string()).default([]), draft: z.boolean().optional()})
const valibotSchema = v.object({title: v.string(), weight: v.number()})

// A schema gives `metadata` its output type, through every entry point.
const withZod = await parsePost('---\ntitle: T\n---\n', {schema: zodSchema})
expectTypeOf(withZod.metadata).toEqualTypeOf<{title: string; tags: string[]; draft?: boolean | undefined}>()
expectTypeOf(parsePostSync('x', {schema: valibotSchema, strict: false}).metadata).toEqualTypeOf<{title: string; weight: number}>()
expectTypeOf(parseFrontmatter('x', {schema: valibotSchema}).metadata).toEqualTypeOf<{title: string; weight: number}>()
expectTypeOf(valibotSchema).toExtend<StandardSchemaV1>()

// Without one, plain records.
const plain = await parsePost('x')
expectTypeOf(plain).toEqualTypeOf<ParsedPost>()
expectTypeOf(plain.metadata).toEqualTypeOf<Record<string, unknown>>()
expectTypeOf(parsePostSync('x', {strict: false}).metadata).toEqualTypeOf<Record<string, unknown>>()

// Narrowable results.
expectTypeOf<Heading['depth']>().toEqualTypeOf<1 | 2 | 3 | 4 | 5 | 6>()
expectTypeOf(plain.sections[0]?.children[0]?.html).toEqualTypeOf<string | undefined>()
expectTypeOf<ParsedSection['children']>().toEqualTypeOf<ParsedSection[]>()
expectTypeOf<'metadata-invalid'>().toExtend<RuleId>()
const [result] = await parseFiles(['a.md'])
if (result) {
  if (result.error === null) expectTypeOf(result.post).toEqualTypeOf<ParsedPost>()
  else expectTypeOf(result.post).toEqualTypeOf<null>()
  expectTypeOf(result).toEqualTypeOf<FileResult>()
}

// mdpost's own state stays out of vfile's DataMap.
import type {DataMap} from 'vfile'

expectTypeOf<keyof DataMap>().not.toEqualTypeOf<'mdpost' | 'post'>()
expectTypeOf<'mdpost'>().not.toExtend<keyof DataMap>()
