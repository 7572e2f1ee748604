/**
 * `mdpost/site`: sites from parsed posts, with no file system (browsers and edge runtimes too):
 * `createSite`, `toFeed`, `toSitemap`, `toSitemaps`. `mdpost/node`'s `loadSite` reads a site's folder into one.
 */

export type {Generator} from '../generators/types.js'
export {createSite, createSiteMemo, type SiteMemo} from './create.js'
export {type FeedOptions, toFeed} from './feed.js'
export {type SerializeSiteOptions, serializeSite} from './json.js'
export {type SitemapFile, type SitemapOptions, type Sitemaps, toSitemap, toSitemaps} from './sitemap.js'
export type {
  Backlink,
  CreateSiteOptions,
  LeanSite,
  LeanSitePost,
  Site,
  SiteConfig,
  SiteDiagnostic,
  SiteInput,
  SiteOf,
  SitePost
} from './types.js'
