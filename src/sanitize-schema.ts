/**
 * The sanitizer's schemas: mdpost's own, and a `sanitize` option's made ready to run. Kept apart
 * from the HTML pipeline (html.ts) so that options can be checked without loading it.
 */
import {defaultSchema, type Schema} from 'hast-util-sanitize'
import {allowedProtocols} from './urls.js'

/** Elements removed together with their content: their text is never meant to be read. */
const stripped = [
  'script',
  'style',
  'template',
  'title',
  'textarea',
  'xmp',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select'
]

/**
 * mdpost's schema: GitHub-like, with `target=_blank` and `rel` kept on links. Ids from raw HTML
 * are prefixed by mdpost before sanitizing (so `clobber` is empty), and heading ids stay plain.
 */
export const mdpostSchema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), ['target', '_blank'], 'rel']
  },
  clobber: [],
  clobberPrefix: '',
  protocols: allowedProtocols,
  strip: stripped
}

/**
 * A `sanitize` option's schema as the sanitizer will run it: completed from hast-util-sanitize's
 * `defaultSchema` as hast-util-sanitize completes it (so that mdpost's checks read the same
 * `protocols` and `tagNames`), with clobbering left to mdpost. A schema built from
 * `defaultSchema` carries its `clobber` list and `user-content-` prefix, which would prefix
 * heading ids (apart from `headings[].id` and every `#id` link) and prefix again the ids that
 * mdpost (raw HTML) and remark-rehype (footnotes) have already prefixed, breaking their links.
 */
export function runnableSchema(schema: Schema): Schema {
  return {...defaultSchema, ...schema, clobber: [], clobberPrefix: ''}
}
