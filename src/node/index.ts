/**
 * `mdpost/node`: what needs Node.js. `PostWorker` parses untrusted posts in a worker thread
 * under a time and a heap limit; `parseFiles` parses collections on a pool of them, with an
 * optional content cache; a `PostPool` keeps such a pool for many calls.
 */
export {type FileResult, type ParseFilesOptions, PostPool, type PostPoolOptions, parseFiles, readPostFile} from './files.js'
export type {PluginSpecifier} from './plugins.js'
export {PostWorker, type PostWorkerOptions, parsePostInWorker, type WorkerPostOptions, WorkerStartError} from './post-worker.js'
export {type LoadSiteOptions, loadSite, openSite, type SiteSession} from './site.js'
