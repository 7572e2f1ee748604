/**
 * `mdpost/site`: sites from parsed posts, with no file system (browsers and edge runtimes too):
 * `createSite`, `toFeed`, `toSitemap`. `mdpost/node`'s `loadSite` reads a site's folder into one.
 */

export type {Generator} from '../generators/types.js'
export {createSite, createSiteMemo, type SiteMemo} from './create.js'
export {type FeedOptions, toFeed, toSitemap} from './feed.js'
export type {Backlink, CreateSiteOptions, Site, SiteConfig, SiteDiagnostic, SiteInput, SitePost} from './types.js'
