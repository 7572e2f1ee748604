/** The real posts of ../shared/corpus, read in place (never copied into the repo). */
import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fastTier} from './tier.js'

export const corpusRoot = new URL('../../../shared/corpus/', import.meta.url).pathname

/** Whether the corpus is there. CI must have it: a missing corpus fails there instead of skipping. */
export function corpusPresent(): boolean {
  // `npm run test:fast` leaves the corpus sweeps out (test/helpers/tier.ts).
  if (fastTier) return false
  const present = existsSync(corpusRoot)
  if (!present && process.env.CI) throw new Error(`Missing corpus at ${corpusRoot}: CI must have ../shared/corpus`)
  return present
}

/** Every post file, sorted, as absolute paths. */
export function corpusFiles(): string[] {
  const files: string[] = []
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name !== 'SOURCES.tsv') files.push(path)
    }
  }
  walk(corpusRoot)
  return files
}

/** Decode as mdpost does for well-formed files: UTF-16 by its BOM, else UTF-8, the BOM dropped. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}
