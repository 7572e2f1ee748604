/** Rules shared by the generators that have few of their own (Docusaurus, Gatsby, generic). */

import {instantOf} from '../site/time.js'
import type {PostDate} from '../types.js'
import type {Exclusion, PostContext} from './types.js'

/** The post's own date (mdpost's reading of front matter and file name). */
export function ownDate({post}: PostContext): PostDate | null {
  return post.date
}

/** A written offset as written; a floating date in the site's zone (UTC without one). */
export function ownInstant(date: PostDate | null, {config}: PostContext): number | null {
  if (!date) return null
  return instantOf(date, config.timezone)
}

/** Unpublished (`published: false`), drafts, then future posts. */
export function ownExclusion({post, data, config}: PostContext, instant: number | null, now: number): Exclusion {
  if (data.published === false) return 'unpublished'
  if (post.draft && !config.drafts) return 'drafts'
  if (instant !== null && instant > now && !config.future) return 'future'
  return null
}
