/** Options, checked and given their defaults once, at the top of each entry point. */
import type {StandardSchemaV1} from '@standard-schema/spec'
import type {Schema} from 'hast-util-sanitize'
import type {PluggableList} from 'unified'
import {schema as defaultSchema} from './html.js'
import {checkSchema} from './schema.js'
import type {FrontmatterOptions, HtmlPolicy, PostOptions} from './types.js'
import {parseBaseUrl} from './urls.js'

export const defaultSeparators = ['<!--more-->', '<!-- more -->', '<!-- truncate -->'] as const

export interface FrontmatterSettings {
  path: string | null
  strict: boolean
  maxBytes: number
  maxFrontmatterBytes: number
  maxFrontmatterDepth: number
  metadataHeaders: boolean
  schema: StandardSchemaV1 | null
}

export interface PostSettings extends FrontmatterSettings {
  site: URL | null
  gfm: boolean
  html: HtmlPolicy
  idPrefix: string
  excerptSeparators: readonly string[]
  wordsPerMinute: number
  maxDepth: number
  trees: boolean
  remarkPlugins: PluggableList
  rehypePlugins: PluggableList
  expand: Readonly<Record<string, string>> | null
  /** The sanitizer's schema; `customSchema` when the `sanitize` option set it. */
  sanitizeSchema: Schema
  customSchema: boolean
}

const policies: readonly HtmlPolicy[] = ['sanitize', 'escape', 'drop', 'trust']

export function frontmatterSettings(options: Readonly<FrontmatterOptions> | null | undefined): FrontmatterSettings {
  const given = checkObject(options)
  const path = optional(given.path, 'path', 'string') ?? null
  if (path === '') throw new TypeError('Expected `options.path` to be a non-empty string, not ``')
  return {
    path,
    strict: optional(given.strict, 'strict', 'boolean') ?? true,
    maxBytes: positive(given.maxBytes, 'maxBytes') ?? 5 * 1024 * 1024,
    maxFrontmatterBytes: positive(given.maxFrontmatterBytes, 'maxFrontmatterBytes') ?? 1024 * 1024,
    maxFrontmatterDepth: positive(given.maxFrontmatterDepth, 'maxFrontmatterDepth') ?? 64,
    metadataHeaders: optional(given.metadataHeaders, 'metadataHeaders', 'boolean') ?? false,
    schema: checkSchema(given.schema)
  }
}

export function postSettings(options: Readonly<PostOptions> | null | undefined): PostSettings {
  const given = checkObject(options) as Readonly<PostOptions>
  const html = given.html ?? 'sanitize'
  if (!policies.includes(html)) {
    throw new TypeError(`Expected \`options.html\` to be one of ${policies.map((p) => `\`${p}\``).join(', ')}, not \`${String(html)}\``)
  }
  const separators = given.excerptSeparators ?? defaultSeparators
  if (!Array.isArray(separators) || separators.some((item) => typeof item !== 'string')) {
    throw new TypeError('Expected `options.excerptSeparators` to be a list of strings')
  }
  return {
    ...frontmatterSettings(given),
    site: parseBaseUrl(optional(given.baseUrl, 'baseUrl', 'string')),
    gfm: optional(given.gfm, 'gfm', 'boolean') ?? true,
    html,
    idPrefix: optional(given.idPrefix, 'idPrefix', 'string') ?? '',
    excerptSeparators: separators,
    wordsPerMinute: positive(given.wordsPerMinute, 'wordsPerMinute') ?? 200,
    maxDepth: positive(given.maxDepth, 'maxDepth') ?? 100,
    trees: optional(given.trees, 'trees', 'boolean') ?? false,
    remarkPlugins: plugins(given.remarkPlugins, 'remarkPlugins'),
    rehypePlugins: plugins(given.rehypePlugins, 'rehypePlugins'),
    expand: expansions(given.expand),
    sanitizeSchema: sanitizeSchema(given.sanitize),
    customSchema: given.sanitize !== null && given.sanitize !== undefined
  }
}

export function checkObject<T>(options: T | null | undefined): Partial<NonNullable<T>> {
  if (options === null || options === undefined) return {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`Expected \`options\` to be an object, not \`${String(options)}\``)
  }
  return options as Partial<NonNullable<T>>
}

function optional<K extends 'string' | 'boolean'>(
  value: unknown,
  name: string,
  type: K
): (K extends 'string' ? string : boolean) | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value !== type) throw new TypeError(`Expected \`options.${name}\` to be a ${type}, not \`${String(value)}\``)
  return value as K extends 'string' ? string : boolean
}

function positive(value: unknown, name: string): number | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value !== 'number' || !(value > 0)) {
    throw new TypeError(`Expected \`options.${name}\` to be a positive number, not \`${String(value)}\``)
  }
  return value
}

function plugins(value: unknown, name: string): PluggableList {
  if (value === null || value === undefined) return []
  if (!Array.isArray(value)) throw new TypeError(`Expected \`options.${name}\` to be a list of plugins`)
  return value as PluggableList
}

function sanitizeSchema(value: unknown): Schema {
  if (value === null || value === undefined) return defaultSchema
  const schema = typeof value === 'function' ? (value as (schema: Schema) => unknown)(structuredClone(defaultSchema)) : value
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new TypeError(
      `Expected \`options.sanitize\` to be a rehype-sanitize schema or a function returning one, not \`${typeof schema === 'object' ? 'an array or null' : String(schema)}\``
    )
  }
  return schema as Schema
}

function expansions(value: unknown): Readonly<Record<string, string>> | null {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw new TypeError('Expected `options.expand` to map tags as written to strings')
  }
  return Object.keys(value).length === 0 ? null : (value as Record<string, string>)
}
