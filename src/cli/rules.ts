/** Every rule id, at run time: the configuration's `rules` keys and inline comments are checked against it. */
import type {RuleId} from '../types.js'

export const ruleIds = [
  'encoding-invalid',
  'file-unreadable',
  'input-too-large',
  'input-too-deep',
  'input-too-complex',
  'parse-timeout',
  'parse-out-of-memory',
  'frontmatter-yaml',
  'frontmatter-toml',
  'frontmatter-unclosed',
  'frontmatter-not-mapping',
  'frontmatter-too-complex',
  'frontmatter-suspicious',
  'date-invalid',
  'date-filename-mismatch',
  'permalink-date-mismatch',
  'title-missing',
  'section-empty',
  'image-alt-missing',
  'link-reference-missing',
  'link-empty',
  'link-unsafe',
  'metadata-url-unsafe',
  'metadata-invalid',
  'html-stripped',
  'html-comment-unclosed',
  'html-raw-text-unclosed',
  'liquid-tag',
  'link-internal-broken',
  'link-fragment-broken',
  'image-local-missing',
  'permalink-duplicate',
  'slug-duplicate',
  'config-invalid',
  'path-outside-root',
  'permalink-unsafe',
  'sitemap-url-too-long'
] as const satisfies readonly RuleId[]

/** Fails to compile when a rule id is added to `RuleId` and not here. */
type Missing = Exclude<RuleId, (typeof ruleIds)[number]>
export const allListed: Missing extends never ? true : Missing = true

export function isRuleId(value: string): value is RuleId {
  return (ruleIds as readonly string[]).includes(value)
}
