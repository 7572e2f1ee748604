#!/usr/bin/env node
/**
 * Profile parsePost over the corpus: `node --cpu-prof --cpu-prof-dir=<dir> scripts/profile.mjs`,
 * then `python3`-free summary with `node scripts/profile.mjs --summary <file.cpuprofile>`: self
 * time grouped by package (micromark, mdast-util-*, hast-util-*, yaml, mdpost…). Findings go
 * to bench/NOTES.md.
 */
import {readFileSync} from 'node:fs'
import {parsePost} from 'mdpost'
import {loadPosts} from '../bench/posts.js'

const summaryAt = process.argv.indexOf('--summary')
if (summaryAt !== -1) {
  const profile = JSON.parse(readFileSync(process.argv[summaryAt + 1], 'utf8'))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const groups = new Map()
  const functions = new Map()
  let total = 0
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0
    const {url, functionName, lineNumber} = byId.get(id).callFrame
    const pkg = url.includes('/node_modules/')
      ? url
          .split('/node_modules/')
          .pop()
          .split('/')
          .slice(0, url.split('/node_modules/').pop().startsWith('@') ? 2 : 1)
          .join('/')
      : url.includes('/dist/')
        ? 'mdpost'
        : url.startsWith('node:')
          ? 'node internals'
          : functionName === '(garbage collector)'
            ? 'garbage collector'
            : '(other)'
    groups.set(pkg, (groups.get(pkg) ?? 0) + delta)
    const name = `${functionName || '(anonymous)'} ${url.split('/node_modules/').pop().split('/dist/').pop()}:${lineNumber + 1}`
    functions.set(name, (functions.get(name) ?? 0) + delta)
    total += delta
  })
  const show = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => `| ${name} | ${((time / total) * 100).toFixed(1)}% |`)
      .join('\n')
  console.log(`| package | self time |\n|---|--:|\n${show(groups, 25)}\n\n| function | self time |\n|---|--:|\n${show(functions, 25)}`)
} else {
  const {files} = loadPosts()
  for (let round = 0; round < 3; round++) {
    for (const file of files) {
      try {
        await parsePost(file.bytes, {path: file.path})
      } catch {}
    }
  }
}
