/** The worker side of `mdpost/node`: parse each request and answer with the Post or the error. */
import {parentPort} from 'node:worker_threads'
import {PostParseError, type PostParseErrorData} from '../errors.js'
import {parsePost} from '../parse.js'
import type {PostOptions} from '../types.js'
import {importPlugins, type ResolvedPlugin} from './plugins.js'
import {currentThreadId} from './thread-clock.js'

export interface Request {
  id: number
  input: string | Uint8Array
  /** Options without plugins, which come resolved beside them. */
  options: PostOptions
  plugins: {remark: ResolvedPlugin[]; rehype: ResolvedPlugin[]}
}

export type Answer =
  /** The thread has loaded mdpost; `tid` is its OS thread id, whose CPU clock times a parse (`null` where the OS does not say). */
  | {ready: true; tid: number | null}
  | {id: number; json: string}
  | {id: number; error: {kind: 'PostParseError'; data: PostParseErrorData}}
  | {id: number; error: {kind: 'TypeError' | 'Error'; message: string}}

// Requests are answered one at a time, in order: the next may arrive while one is parsed.
let chain: Promise<void> = Promise.resolve()
parentPort?.on('message', (request: Request) => {
  chain = chain.then(() => answer(request))
})

async function answer({id, input, options, plugins}: Request): Promise<void> {
  let answer: Answer
  try {
    const remarkPlugins = await importPlugins(plugins.remark)
    const rehypePlugins = await importPlugins(plugins.rehype)
    answer = {id, json: JSON.stringify(await parsePost(input, {...options, remarkPlugins, rehypePlugins}))}
  } catch (error) {
    if (error instanceof PostParseError) {
      answer = {id, error: {kind: 'PostParseError', data: error.toJSON()}}
    } else {
      answer = {id, error: {kind: error instanceof TypeError ? 'TypeError' : 'Error', message: String((error as Error)?.message ?? error)}}
    }
  }
  parentPort?.postMessage(answer)
}

// mdpost is loaded: a worker that fails before this could not start at all.
parentPort?.postMessage({ready: true, tid: currentThreadId()} satisfies Answer)
