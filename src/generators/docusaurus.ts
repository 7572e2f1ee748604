/**
 * Docusaurus' blog plugin (docusaurus-plugin-content-blog): posts under `blog/`, the date from
 * front matter or the file or folder name, `/blog/YYYY/MM/DD/slug/` (front matter `slug` wins;
 * one starting with `/` is under `/blog`), the authors file, `static/` served from the root.
 * `docusaurus.config.js` is code and never read.
 */
import {dateFromFileName} from '../dates.js'
import {ownExclusion, ownInstant} from './common.js'
import {baseName, hidden, markdownFile, pad, servedFrom, squeeze} from './shared.js'
import type {GeneratorModule} from './types.js'

export const docusaurus: GeneratorModule = {
  name: 'docusaurus',
  authorsFile: 'blog/authors.yml',
  configFiles: [],
  detect: (files) => files.some((file) => /^docusaurus\.config\.[cm]?[jt]s$/.test(file)),
  readConfig: () => ({}),
  postOptions: () => ({}),
  classify(file) {
    if (hidden(file)) return {kind: 'none'}
    if (/^blog\//.test(file) && markdownFile.test(file)) return {kind: 'post'}
    const served = servedFrom(file, ['static'])
    return served === null ? {kind: 'none'} : {kind: 'static', urls: [served]}
  },
  pageUrls: () => [],
  date({post, path}) {
    if (post.date) return post.date
    const folder = path.split('/').slice(-2, -1)[0] ?? ''
    return dateFromFileName(/^index$/.test(baseName(path)) ? folder : baseName(path))?.date ?? null
  },
  instant: ownInstant,
  exclusion: ownExclusion,
  categories: ({post}) => post.categories,
  permalink({post, data, path}, date) {
    const written = typeof data.slug === 'string' ? data.slug.trim() : ''
    if (written.startsWith('/')) return squeeze(`/blog${written}/`)
    const slug = written || post.slug || baseName(path)
    if (!date) return squeeze(`/blog/${slug}/`)
    return squeeze(`/blog/${date.year}/${pad(date.month)}/${pad(date.day)}/${slug}/`)
  },
  aliases: () => [],
  extraUrls: () => ['/blog/', '/blog/tags/', '/blog/archive/', '/blog/rss.xml', '/blog/atom.xml'],
  linkTags: () => []
}
