/** Options, checked and given their defaults once, at the top of each entry point. */
import type {StandardSchemaV1} from '@standard-schema/spec'
import type {Schema} from 'hast-util-sanitize'
import type {PluggableList} from 'unified'
import {mdpostSchema, runnableSchema} from './sanitize-schema.js'
import {checkSchema} from './schema.js'
import type {FrontmatterOptions, HtmlPolicy, PostOptions} from './types.js'
import {parseBaseUrl} from './urls.js'
import {boolean, checkObject, optional, positiveNumber, string} from './validate.js'

export const defaultSeparators = ['<!--more-->', '<!-- more -->', '<!-- truncate -->'] as const

export interface FrontmatterSettings {
  path: string | null
  strict: boolean
  maxBytes: number
  maxFrontmatterBytes: number
  maxFrontmatterDepth: number
  metadataHeaders: boolean | 'python-markdown'
  frontmatterAfterWhitespace: boolean
  dates: 'iso' | 'dateutil'
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

function datesMode(value: unknown, name: string): 'iso' | 'dateutil' {
  if (value === 'iso' || value === 'dateutil') return value
  throw new TypeError(`Expected \`${name}\` to be \`'iso'\` or \`'dateutil'\`, not \`${String(value)}\``)
}

function headersMode(value: unknown, name: string): boolean | 'python-markdown' {
  return value === 'python-markdown' ? value : boolean(value, name)
}

export function frontmatterSettings(options: Readonly<FrontmatterOptions> | null | undefined): FrontmatterSettings {
  const given = checkObject(options)
  const path = optional(given.path, 'options.path', string) ?? null
  if (path === '') throw new TypeError('Expected `options.path` to be a non-empty string, not ``')
  return {
    path,
    strict: optional(given.strict, 'options.strict', boolean) ?? true,
    maxBytes: optional(given.maxBytes, 'options.maxBytes', positiveNumber) ?? 5 * 1024 * 1024,
    maxFrontmatterBytes: optional(given.maxFrontmatterBytes, 'options.maxFrontmatterBytes', positiveNumber) ?? 1024 * 1024,
    maxFrontmatterDepth: optional(given.maxFrontmatterDepth, 'options.maxFrontmatterDepth', positiveNumber) ?? 64,
    metadataHeaders: optional(given.metadataHeaders, 'options.metadataHeaders', headersMode) ?? false,
    frontmatterAfterWhitespace: optional(given.frontmatterAfterWhitespace, 'options.frontmatterAfterWhitespace', boolean) ?? false,
    dates: optional(given.dates, 'options.dates', datesMode) ?? 'iso',
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
    site: parseBaseUrl(optional(given.baseUrl, 'options.baseUrl', string)),
    gfm: optional(given.gfm, 'options.gfm', boolean) ?? true,
    html,
    idPrefix: optional(given.idPrefix, 'options.idPrefix', string) ?? '',
    excerptSeparators: separators,
    wordsPerMinute: optional(given.wordsPerMinute, 'options.wordsPerMinute', positiveNumber) ?? 200,
    maxDepth: optional(given.maxDepth, 'options.maxDepth', positiveNumber) ?? 100,
    trees: optional(given.trees, 'options.trees', boolean) ?? false,
    remarkPlugins: plugins(given.remarkPlugins, 'remarkPlugins'),
    rehypePlugins: plugins(given.rehypePlugins, 'rehypePlugins'),
    expand: expansions(given.expand),
    sanitizeSchema: sanitizeSchema(given.sanitize),
    customSchema: given.sanitize !== null && given.sanitize !== undefined
  }
}

function plugins(value: unknown, name: string): PluggableList {
  if (value === null || value === undefined) return []
  if (!Array.isArray(value)) throw new TypeError(`Expected \`options.${name}\` to be a list of plugins`)
  return value as PluggableList
}

function sanitizeSchema(value: unknown): Schema {
  if (value === null || value === undefined) return mdpostSchema
  const schema = typeof value === 'function' ? (value as (schema: Schema) => unknown)(structuredClone(mdpostSchema)) : value
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new TypeError(
      `Expected \`options.sanitize\` to be a rehype-sanitize schema or a function returning one, not \`${typeof schema === 'object' ? 'an array or null' : String(schema)}\``
    )
  }
  return runnableSchema(schema as Schema)
}

function expansions(value: unknown): Readonly<Record<string, string>> | null {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw new TypeError('Expected `options.expand` to map tags as written to strings')
  }
  return Object.keys(value).length === 0 ? null : (value as Record<string, string>)
}
