/**
 * The posts the benchmark reads: ../shared/corpus when it is there, else posts generated from
 * the project's own fixtures (so the harness runs anywhere, with a note saying which).
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'

const corpus = new URL('../../shared/corpus/', import.meta.url).pathname
const fixtures = new URL('../fixtures/', import.meta.url).pathname

function walk(folder, keep, out = []) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) walk(path, keep, out)
    else if (keep(name)) out.push(path)
  }
  return out
}

/** `{source, files: [{path, bytes}]}`; `every` keeps one file in that many (for `--quick`). */
export function loadPosts(every = 1) {
  if (existsSync(corpus)) {
    const paths = walk(corpus, (name) => name !== 'SOURCES.tsv').filter((_, index) => index % every === 0)
    return {
      source: `../shared/corpus (${every === 1 ? 'every post' : `one post in ${every}`})`,
      files: paths.map((path) => ({path, bytes: readFileSync(path)}))
    }
  }
  const inputs = [join(fixtures, 'pycon-2018.md'), ...walk(fixtures, (name) => name === 'input.md')].map((path) =>
    readFileSync(path, 'utf8')
  )
  const files = []
  for (let index = 0; index < Math.ceil(600 / every); index++) {
    const base = inputs[index % inputs.length]
    // Vary the size as real posts do: one to four copies of the body.
    const body = base.slice(base.indexOf('\n---', 3) + 4)
    files.push({path: `generated/post-${index}.md`, bytes: Buffer.from(base + body.repeat(index % 4))})
  }
  return {source: `generated from fixtures/ (no ../shared/corpus): ${files.length} posts`, files}
}

/** A post of about `bytes` (5 MB: under the 5 MiB default limit) of real text: the sample's body repeated. */
export function largePost(bytes = 5_000_000) {
  const sample = readFileSync(join(fixtures, 'pycon-2018.md'), 'utf8')
  const body = sample.slice(sample.indexOf('\n---', 3) + 4)
  return sample + body.repeat(Math.floor((bytes - sample.length) / Buffer.byteLength(body)))
}
