/**
 * Gatsby's blog starter (gatsby-starter-blog): posts are `content/blog/<name>/index.md`, each at
 * `/<name>/` (`createFilePath`), files beside them served under the same folder, `static/` from
 * the root. `gatsby-config.js` is code and never read.
 */
import {ownDate, ownExclusion, ownInstant} from './common.js'
import {hidden, markdownFile, servedFrom, squeeze} from './shared.js'
import type {GeneratorModule} from './types.js'

export const gatsby: GeneratorModule = {
  name: 'gatsby',
  configFiles: [],
  detect: (files) => files.some((file) => /^gatsby-config\.[cm]?[jt]s$/.test(file)),
  readConfig: () => ({}),
  postOptions: () => ({}),
  classify(file) {
    if (hidden(file)) return {kind: 'none'}
    if (/^content\/blog\/.+\/index\.mdx?$/i.test(file)) return {kind: 'post'}
    const served =
      servedFrom(file, ['static']) ??
      (/^content\/blog\//.test(file) && !markdownFile.test(file) ? `/${file.slice('content/blog/'.length)}` : null)
    return served === null ? {kind: 'none'} : {kind: 'static', urls: [served]}
  },
  pageUrls: () => [],
  date: ownDate,
  instant: ownInstant,
  exclusion: ownExclusion,
  categories: ({post}) => post.categories,
  permalink({post, path}) {
    const parts = path.split('/')
    return squeeze(`/${parts.length >= 2 ? parts[parts.length - 2] : post.slug}/`)
  },
  aliases: () => [],
  extraUrls: () => ['/', '/rss.xml'],
  linkTags: () => []
}
