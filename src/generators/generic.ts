/** No generator: every markdown file but a README is a post at `/<slug>/` (front matter `permalink` or `url` wins); other files are served where they are. */
import {ownDate, ownExclusion, ownInstant} from './common.js'
import {hidden, markdownFile, squeeze} from './shared.js'
import type {GeneratorModule} from './types.js'

export const generic: GeneratorModule = {
  name: 'generic',
  configFiles: [],
  detect: () => true,
  readConfig: () => ({}),
  postOptions: () => ({}),
  classify(file) {
    if (hidden(file)) return {kind: 'none'}
    if (markdownFile.test(file)) return /^readme\.md$/i.test(file) ? {kind: 'none'} : {kind: 'post'}
    return {kind: 'static', urls: [`/${file}`]}
  },
  pageUrls: () => [],
  date: ownDate,
  instant: ownInstant,
  exclusion: ownExclusion,
  categories: ({post}) => post.categories,
  permalink: ({post}) => squeeze(post.permalink ?? `/${post.slug}/`),
  aliases: () => [],
  extraUrls: () => [],
  linkTags: () => []
}
