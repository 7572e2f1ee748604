/** The post files of the paths given on the command line: a file as itself, a folder's markdown files recursively, sorted. */
import type {Dirent} from 'node:fs'
import {lstat, readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

export const postExtensions = /\.(?:md|markdown|mdown|mkdn|mkd|mkdown|mdx)$/i

/** Files and folders' post files; `onMissing` hears of a path that is missing or a folder that cannot be read, and the others go on. */
export async function postPaths(given: readonly string[], onMissing?: (path: string, reason: string) => void): Promise<string[]> {
  const found: string[] = []
  for (const path of given) await expand(path, found, onMissing ?? (() => undefined))
  return found
}

async function expand(path: string, found: string[], onMissing: (path: string, reason: string) => void): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error)
  if (info instanceof Error) {
    // A dangling link is read (and refused, `file-unreadable`) like any other post file.
    if (info.code === 'ENOENT' && postExtensions.test(path) && (await isLink(path))) found.push(path)
    else onMissing(path, info.code === 'ENOENT' ? 'no such file or folder' : info.message)
    return
  }
  if (!info.isDirectory()) {
    found.push(path)
    return
  }
  let entries: Dirent[]
  try {
    entries = await readdir(path, {withFileTypes: true})
  } catch (error) {
    onMissing(path, `cannot read the folder (${(error as Error).message})`)
    return
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = join(path, entry.name)
    // A folder named like a post is a post file that cannot be read (`file-unreadable`), not a folder to walk.
    if (entry.isDirectory() && !postExtensions.test(entry.name)) await expand(child, found, onMissing)
    // Special files and dangling links with a post's name are listed too: reading refuses them, path by path.
    else if (postExtensions.test(entry.name)) found.push(child)
  }
}

async function isLink(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null))?.isSymbolicLink() ?? false
}
