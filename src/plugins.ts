/**
 * The user's plugins, wrapped so that an error they throw is known to be theirs: mdpost turns a
 * `RangeError` from its own parse into `input-too-deep`, and lets a plugin's errors through as
 * they were thrown. Presets pass through unwrapped.
 */
import type {Pluggable, PluggableList} from 'unified'

const fromPlugins = new WeakSet<object>()

/** Whether `error` was thrown by a user's plugin (its attacher or its transformer). */
export function isPluginError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && fromPlugins.has(error)
}

export function markPluginErrors(list: PluggableList): PluggableList {
  return list.map((entry): Pluggable => {
    if (typeof entry === 'function') return wrapPlugin(entry as unknown as AnyFunction) as unknown as Pluggable
    if (Array.isArray(entry) && typeof entry[0] === 'function') {
      return [wrapPlugin(entry[0] as unknown as AnyFunction), ...entry.slice(1)] as unknown as Pluggable
    }
    return entry
  })
}

type AnyFunction = (this: unknown, ...parameters: unknown[]) => unknown

function mark(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) fromPlugins.add(error)
  return error
}

function wrapPlugin(plugin: AnyFunction): AnyFunction {
  return function (this: unknown, ...options: unknown[]) {
    let transformer: unknown
    try {
      transformer = plugin.apply(this, options)
    } catch (error) {
      throw mark(error)
    }
    return typeof transformer === 'function' ? wrapTransformer(transformer as AnyFunction) : transformer
  }
}

/** Same arity as the transformer: unified reads it to tell callback transformers apart. */
function wrapTransformer(transformer: AnyFunction): AnyFunction {
  const call = (self: unknown, parameters: unknown[]): unknown => {
    let result: unknown
    try {
      result = transformer.apply(self, parameters)
    } catch (error) {
      throw mark(error)
    }
    if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(mark(error)))
    return result
  }
  if (transformer.length >= 3) {
    return function (this: unknown, tree: unknown, file: unknown, next: unknown) {
      const done = (error: unknown, ...rest: unknown[]) => (next as AnyFunction)(error ? mark(error) : error, ...rest)
      return call(this, [tree, file, done])
    }
  }
  return function (this: unknown, tree: unknown, file: unknown) {
    return call(this, [tree, file])
  }
}
