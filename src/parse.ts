/**
 * parsePost / parsePostSync / parseFrontmatter / remarkPost. One markdown parse per post
 * serves every field; the processor runs, in this order:
 *
 * 1. remark-parse + remark-frontmatter (+ GFM, only the parts the document can use: gfm.ts):
 *    markdown → mdast, fences skipped, with mdpost's linear setext resolver and definition
 *    lookup (linear.ts);
 * 2. the user's remark plugins, so that mdpost reads the tree they leave;
 * 3. mdpost's collector: headings and ids, sections, links, images, excerpt plan, counts;
 * 4. remark-rehype (with a linear `listItem` handler), then raw HTML re-parsed only if the
 *    post has some;
 * 5. the user's rehype plugins;
 * 6. mdpost's guard (ids from raw HTML prefixed, removals reported), then rehype-sanitize,
 *    last of all, because remark-rehype lets `javascript:` links through.
 * 7. rehype-stringify, the compiler, which serializes the final tree one top-level node at a
 *    time (html.ts), so that sections and the excerpt are cut from the same pieces.
 */

import type {StandardSchemaV1} from '@standard-schema/spec'
import type {Root as HastRoot} from 'hast'
import type {Root as MdastRoot, RootContent} from 'mdast'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {type Processor, type Transformer, unified} from 'unified'
import {VFile} from 'vfile'
import {type Collected, collect, plainText} from './collect/index.js'
import {decode, decodePrefix, exceedsBytes} from './decode.js'
import {checkDepth} from './depth.js'
import {LineIndex, Reporter} from './diagnostics.js'
import {inputTooLarge, PostParseError} from './errors.js'
import {escapeHtml} from './escape.js'
import {restoreTags, withPlaceholders} from './expand.js'
import {findFrontmatter, frontmatterExtent, parseFrontmatterData} from './frontmatter.js'
import type {FrontmatterBlock} from './frontmatter-block.js'
import {GfmPart, gfmParts, remarkGfmParts} from './gfm.js'
import {auditSanitized, type Expected, excerptHtml, guardHtml, reparseRawHtml, serializeWithSections} from './html.js'
import {readInput} from './input.js'
import {linearHandlers, remarkLinear} from './linear.js'
import {readMetadata} from './metadata.js'
import {type FrontmatterSettings, frontmatterSettings, type PostSettings, postSettings} from './options.js'
import {isPluginError, markPluginErrors} from './plugins.js'
import {mdpostSchema} from './sanitize-schema.js'
import {validateMetadata} from './schema.js'
import {readingMinutes} from './stats.js'
import type {Excerpt, FrontmatterOptions, MetadataOf, ParsedPost, Post, PostFrontmatter, PostInput, PostOptions} from './types.js'

interface Prepared {
  text: string
  index: () => LineIndex
  report: Reporter
  block: FrontmatterBlock | null
  front: PostFrontmatter
}

/** Per-file state shared by mdpost's own plugins, kept beside the file (not in its public `data`). */
interface Context {
  prepared: Prepared
  settings: PostSettings
  collected?: Collected
  /** What the guard expects the sanitizer to leave of raw HTML elements. */
  expected?: Expected[]
}

const contexts = new WeakMap<VFile, Context>()

declare module 'vfile' {
  interface DataMap {
    /** The Post `remarkPost` attaches. */
    post: Post
  }
}

/** Parse a post file into a Post, with HTML. With a `schema`, `metadata` has its output type. */
export async function parsePost<const Options extends Readonly<PostOptions> | null | undefined = undefined>(
  input: PostInput,
  options?: Options
): Promise<ParsedPost<MetadataOf<Options>>> {
  const settings = postSettings(options)
  const {file, prepared, tree, processor} = begin(input, settings)
  await validateMetadata(prepared.front, prepared.block, settings.schema, prepared.report)
  const hast = await guardDepth(prepared, () => processor.run(tree, file) as Promise<HastRoot>)
  return finish(tree, hast, file, settings, processor) as ParsedPost<MetadataOf<Options>>
}

/** Parse a post file into a Post, synchronously. Throws a TypeError if a configured plugin or the schema is async. */
export function parsePostSync<const Options extends Readonly<PostOptions> | null | undefined = undefined>(
  input: PostInput,
  options?: Options
): ParsedPost<MetadataOf<Options>> {
  const settings = postSettings(options)
  const {file, prepared, tree, processor} = begin(input, settings)
  validateSync(prepared, settings.schema, 'parsePostSync')
  const hast = guardDepthSync(prepared, () => {
    try {
      return processor.runSync(tree, file) as HastRoot
    } catch (error) {
      if (error instanceof Error && /finished async/.test(error.message)) {
        throw new TypeError('Expected only synchronous plugins in `parsePostSync`, use `parsePost` for async plugins')
      }
      throw error
    }
  })
  return finish(tree, hast, file, settings, processor) as ParsedPost<MetadataOf<Options>>
}

/** Front matter, title, dates, tags… without parsing the markdown body (the fast path for listings). */
export function parseFrontmatter<const Options extends Readonly<FrontmatterOptions> | null | undefined = undefined>(
  input: PostInput,
  options?: Options
): PostFrontmatter<MetadataOf<Options>> {
  const settings = frontmatterSettings(options)
  const prepared = prepare(input, settings, true)
  validateSync(prepared, settings.schema, 'parseFrontmatter')
  prepared.front.diagnostics = prepared.report.sorted()
  return prepared.front as PostFrontmatter<MetadataOf<Options>>
}

function validateSync(prepared: Prepared, schema: StandardSchemaV1 | null, name: string): void {
  const pending = validateMetadata(prepared.front, prepared.block, schema, prepared.report)
  if (pending) {
    // Its answer is not awaited: what it settles with is not this call's error.
    pending.catch(() => undefined)
    throw new TypeError(`Expected a synchronous \`schema\` in \`${name}\`, use \`parsePost\` for asynchronous validation`)
  }
}

/**
 * unified plugin: attaches the Post (every field that exists before HTML) to `file.data.post`.
 * Use it after remark-parse and remark-frontmatter in your own pipeline. Typed as a unified
 * plugin from mdast to mdast, so that `.use(remarkRehype)` and the rest type-check after it.
 */
export function remarkPost(options?: Readonly<PostOptions> | null): Transformer<MdastRoot, MdastRoot> {
  const settings = postSettings(options)
  return (tree: MdastRoot, file: VFile): Promise<undefined> | undefined => {
    const path = settings.path ?? file.path ?? null
    // Bytes are decoded as parsePost decodes them (BOM, UTF-16), not stringified.
    const prepared = prepare(file.value ?? '', {...settings, path})
    const collected = collect(tree, prepared.text, collectOptions(prepared, settings), prepared.report)
    const done = (): undefined => {
      file.data.post = assemble(prepared, collected, settings)
    }
    const pending = validateMetadata(prepared.front, prepared.block, settings.schema, prepared.report)
    return pending ? pending.then(done) : done()
  }
}

function begin(input: PostInput, settings: PostSettings) {
  const prepared = prepare(input, settings)
  let value = markdownSource(prepared)
  const expanded = settings.expand ? withPlaceholders(value, prepared.block?.end ?? 0, settings.expand) : null
  if (expanded) value = expanded.text
  const gfm = settings.gfm ? gfmParts(value) : 0
  checkDepth(prepared.text, prepared.block?.end ?? 0, settings.maxDepth, prepared.report, {tables: (gfm & GfmPart.table) !== 0})
  const file = new VFile({value, path: settings.path ?? undefined})
  contexts.set(file, {prepared, settings})
  const processor = processorFor(settings, gfm)
  const tree = guardDepthSync(prepared, () => processor.parse(file) as MdastRoot)
  if (expanded) restoreTags(tree, expanded.expansions)
  return {file, prepared, tree, processor}
}

/**
 * Decode, check limits, find and read front matter. With `headOnly`, only as much of the file
 * is decoded as decides the front matter (the rest is never read, nor checked for encoding).
 */
function prepare(input: PostInput, settings: FrontmatterSettings, headOnly = false): Prepared {
  const {value, path} = readInput(input)
  const filePath = settings.path ?? path
  // The size is checked before anything is decoded: 100 MiB of bytes are refused at once.
  const bytes = exceedsBytes(value, settings.maxBytes)
  // A string's bytes are counted only until the limit is passed.
  if (bytes !== null) throw inputTooLarge({bytes, orMore: typeof value === 'string'}, settings.maxBytes, filePath)
  const decoded = headOnly ? decodePrefix(value, (head) => decidesFrontmatter(head, settings.frontmatterAfterWhitespace)) : decode(value)
  let index: LineIndex | undefined
  const lazyIndex = () => {
    index ??= new LineIndex(decoded.text)
    return index
  }
  const report = new Reporter(lazyIndex, settings.strict, filePath)
  if (decoded.problem) {
    report.fatal('encoding-invalid', decoded.problem.message, {start: decoded.problem.offset, end: decoded.problem.offset})
  }
  const text = decoded.text
  const found = findFrontmatter(text, report, settings.metadataHeaders, settings.frontmatterAfterWhitespace)
  const block = found === 'unclosed' ? null : found
  const data = (block && parseFrontmatterData(block, settings, report)) ?? (Object.create(null) as Record<string, unknown>)
  const fields = readMetadata(data, block, filePath, report, settings.dates)
  // Written out, not spread: a spread of the fields cost a fifth of parseFrontmatter's time.
  const front: PostFrontmatter = {
    title: fields.title,
    slug: fields.slug,
    date: fields.date,
    updated: fields.updated,
    permalink: fields.permalink,
    image: fields.image,
    canonical: fields.canonical,
    draft: fields.draft,
    lang: fields.lang,
    tags: fields.tags,
    categories: fields.categories,
    metadata: data,
    frontmatter: {
      format: block?.format ?? null,
      raw: block?.raw ?? '',
      position: block ? lazyIndex().position(block.start, block.end) : null
    },
    diagnostics: []
  }
  return {text, index: lazyIndex, report, block, front}
}

function decidesFrontmatter(text: string, afterWhitespace: boolean): boolean {
  const extent = frontmatterExtent(text, afterWhitespace)
  return extent !== -1 && extent < text.length
}

/**
 * Jekyll closes YAML with `...` too; micromark only knows `---`, and the swap keeps every offset.
 * Header lines (Pelican), and a block after leading whitespace (`frontmatterAfterWhitespace`),
 * become spaces, so that micromark sees blank lines where they stood.
 */
function markdownSource({text, block}: Prepared): string {
  if (block?.format === 'headers' || (block && block.start > 0))
    return text.slice(0, block.end).replace(/[^\r\n]/g, ' ') + text.slice(block.end)
  if (block?.closer !== '...') return text
  return `${text.slice(0, block.closeAt)}---${text.slice(block.closeAt + 3)}`
}

const processors = new Map<string, Processor>()

/** The processor for a document: `gfm` is the GFM parts it can use (none without the `gfm` option). */
function processorFor(settings: PostSettings, gfm: number): Processor {
  const shared = settings.remarkPlugins.length === 0 && settings.rehypePlugins.length === 0 && !settings.customSchema
  const key = `${gfm}:${settings.html}`
  const cached = shared ? processors.get(key) : undefined
  if (cached) return cached
  const allowRaw = settings.html === 'sanitize' || settings.html === 'trust'
  const processor = unified()
    .use(remarkParse)
    .use(remarkLinear)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(gfm === 0 ? [] : [[remarkGfmParts, gfm]])
    .use(markPluginErrors(settings.remarkPlugins))
    .use(remarkCollect)
    .use(remarkRehype, {allowDangerousHtml: allowRaw, handlers: linearHandlers})
    .use(allowRaw ? [rehypeReparse] : [])
    .use(markPluginErrors(settings.rehypePlugins))
    .use(settings.html === 'trust' ? [] : [rehypeGuard, [rehypeSanitize, settings.sanitizeSchema]])
    .use(rehypeStringify)
    .freeze() as unknown as Processor
  if (shared) processors.set(key, processor)
  return processor
}

function remarkCollect() {
  return (tree: MdastRoot, file: VFile): undefined => {
    const context = contexts.get(file)
    if (!context) return
    const {prepared, settings} = context
    context.collected = collect(tree, prepared.text, collectOptions(prepared, settings), prepared.report)
    if (settings.html === 'escape') escapeRawHtml(tree)
    else if (settings.html === 'drop' && context.collected.rawRanges.length > 0) {
      prepared.report.report(
        'html-stripped',
        'info',
        `Dropped raw HTML (${context.collected.rawRanges.length} times), as \`html: 'drop'\` asks`,
        {start: context.collected.rawRanges[0]?.[0] ?? 0, end: context.collected.rawRanges[0]?.[1] ?? 0}
      )
    }
  }
}

function rehypeReparse() {
  return (tree: HastRoot, file: VFile) => {
    const context = contexts.get(file)
    const point = (offset: number) => (context ? context.prepared.index().point(offset) : {line: 1, column: 1, offset: 0})
    return reparseRawHtml(tree, file, context?.collected?.rawTextEscapes ?? [], point)
  }
}

function rehypeGuard() {
  return (tree: HastRoot, file: VFile): undefined => {
    const context = contexts.get(file)
    if (context?.collected)
      context.expected = guardHtml(tree, {
        report: context.prepared.report,
        rawRanges: context.collected.rawRanges,
        rawTableParts: context.collected.rawTableParts,
        schema: context.settings.sanitizeSchema,
        rawSchema: mdpostSchema,
        auditAll: context.settings.rehypePlugins.length > 0 || context.settings.customSchema
      })
  }
}

/** `html: 'escape'`: raw HTML becomes text, shown as written. */
function escapeRawHtml(node: MdastRoot | RootContent): void {
  if (!('children' in node)) return
  const children = node.children as RootContent[]
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as RootContent
    if (child.type === 'html') {
      const text = {type: 'text' as const, value: child.value, position: child.position}
      children[index] = (
        node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem'
          ? {type: 'paragraph', children: [text], position: child.position}
          : text
      ) as RootContent
    } else {
      escapeRawHtml(child)
    }
  }
}

function collectOptions(prepared: Prepared, settings: PostSettings) {
  const metadata = prepared.front.metadata
  const ownSeparator = typeof metadata.excerpt_separator === 'string' ? [metadata.excerpt_separator] : null
  return {
    site: settings.site,
    permalink: prepared.front.permalink,
    idPrefix: settings.idPrefix,
    separators: ownSeparator ?? settings.excerptSeparators,
    html: settings.html,
    protocols: (settings.html === 'trust' ? {} : (settings.sanitizeSchema.protocols ?? {})) as Record<
      string,
      readonly string[] | undefined
    >,
    hasFrontmatterExcerpt: frontmatterExcerpt(metadata) !== null,
    point: (offset: number) => prepared.index().point(offset),
    bodyStart: prepared.block?.end ?? 0,
    expand: settings.expand
  }
}

function frontmatterExcerpt(metadata: Record<string, unknown>): string | null {
  for (const key of ['excerpt', 'description', 'summary']) {
    const value = metadata[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return null
}

/** The Post from front matter and the collected body, before HTML. */
function assemble(prepared: Prepared, collected: Collected, settings: PostSettings): Post {
  const {front, report} = prepared
  const title = front.title ?? collected.firstH1
  if (title === null) {
    report.report('title-missing', 'warning', 'Unexpected post without a title, expected a `title` in front matter or a `# heading`', null)
  }
  const written = frontmatterExcerpt(front.metadata)
  let excerpt: Excerpt | null = null
  if (written !== null) excerpt = {text: written, source: 'frontmatter'}
  else if (collected.excerpt) {
    const text = collected.excerpt.nodes
      .map((node) => plainText(node))
      .filter(Boolean)
      .join('\n\n')
      .trim()
    excerpt = {text, source: collected.excerpt.kind}
  }
  const {count} = collected
  return {
    title,
    slug: front.slug,
    date: front.date,
    updated: front.updated,
    permalink: front.permalink,
    image: front.image,
    canonical: front.canonical,
    draft: front.draft,
    lang: front.lang,
    tags: front.tags,
    categories: front.categories,
    excerpt,
    stats: {
      words: count.words + count.cjk,
      characters: count.characters,
      readingMinutes: readingMinutes(count, settings.wordsPerMinute)
    },
    headings: collected.headings,
    sections: collected.sections,
    links: collected.links,
    images: collected.images,
    templateTags: collected.templateTags,
    diagnostics: report.sorted(),
    metadata: front.metadata,
    frontmatter: front.frontmatter
  }
}

function finish(tree: MdastRoot, hast: HastRoot, file: VFile, settings: PostSettings, processor: Processor): ParsedPost {
  // rehype-stringify is the compiler; it serializes one top-level node at a time, so that each
  // section's HTML is cut from the same pieces as the body's.
  const stringify = (node: HastRoot | HastRoot['children'][number]) => processor.stringify(node as HastRoot, file) as string
  const context = contexts.get(file) as Context
  const collected = context.collected as Collected
  if (context.expected) auditSanitized(hast, context.expected, context.prepared.report)
  const post = assemble(context.prepared, collected, settings) as ParsedPost
  const html = guardDepthSync(context.prepared, () => serializeWithSections(hast, collected.flatSections, stringify))
  if (post.excerpt) {
    post.excerpt.html =
      post.excerpt.source === 'frontmatter' || !collected.excerpt
        ? `<p>${escapeHtml(post.excerpt.text)}</p>`
        : excerptHtml(hast, collected.excerpt, stringify)
  }
  const ordered = {...post, html: String(html), diagnostics: post.diagnostics} as ParsedPost
  // `html` sits before diagnostics and metadata in JSON, where a reader looks for it.
  const {diagnostics, metadata, frontmatter, ...rest} = ordered
  const result = {...rest, diagnostics, metadata, frontmatter} as ParsedPost
  if (settings.trees) {
    Object.defineProperty(result, 'tree', {value: tree, enumerable: false})
    Object.defineProperty(result, 'hast', {value: hast, enumerable: false})
  }
  return result
}

/** Deep input can still overflow the stack somewhere in unified: answer with a typed error. */
function guardDepthSync<T>(prepared: Prepared, run: () => T): T {
  try {
    return run()
  } catch (error) {
    throw asDepthError(error, prepared)
  }
}

async function guardDepth<T>(prepared: Prepared, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw asDepthError(error, prepared)
  }
}

function asDepthError(error: unknown, prepared: Prepared): unknown {
  // A plugin's own errors, RangeError included, are the plugin's to explain.
  if (!(error instanceof RangeError) || isPluginError(error)) return error
  return new PostParseError('Unexpected nesting too deep to process, expected less deeply nested markdown or HTML', {
    ruleId: 'input-too-deep',
    line: 1,
    column: 1,
    offset: 0,
    path: prepared.report.path
  })
}
