/**
 * Checks of argument and option values, shared by every entry point (core, `mdpost/node`, the
 * CLI). Each check returns the value, typed, or throws a TypeError naming it as `name` says
 * (`options.maxBytes`); `optional` lets a value be left out (null or undefined).
 */

export type Check<T> = (value: unknown, name: string) => T

/** `undefined` for a value not given, else what `check` makes of it. */
export function optional<T>(value: unknown, name: string, check: Check<T>): T | undefined {
  return value === null || value === undefined ? undefined : check(value, name)
}

export function checkObject<T>(options: T | null | undefined): Partial<NonNullable<T>> {
  if (options === null || options === undefined) return {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`Expected \`options\` to be an object, not \`${String(options)}\``)
  }
  return options as Partial<NonNullable<T>>
}

export function string(value: unknown, name: string): string {
  if (typeof value !== 'string') throw expected(value, name, 'a string')
  return value
}

export function boolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw expected(value, name, 'a boolean')
  return value
}

/** A number above zero; `Infinity` too, which lifts a limit. */
export function positiveNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0)) throw expected(value, name, 'a positive number')
  return value
}

/** A finite number above zero: for a timer or a heap size, where `Infinity` cannot stand. */
export function finitePositiveNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw expected(value, name, 'a positive number')
  return value
}

/** An integer from 1: a count. */
export function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw expected(value, name, 'a positive integer')
  return value
}

function expected(value: unknown, name: string, what: string): TypeError {
  return new TypeError(`Expected \`${name}\` to be ${what}, not \`${String(value)}\``)
}
