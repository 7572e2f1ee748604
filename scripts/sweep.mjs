import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {PostParseError, parsePost} from 'mdpost'

const root = process.argv[2] ?? '../shared/corpus'
const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p)
    else if (!name.endsWith('.tsv')) files.push(p)
  }
}
walk(root)
const rules = {}
const failures = {}
let bytes = 0
const t0 = performance.now()
for (const file of files) {
  const buf = readFileSync(file)
  bytes += buf.length
  try {
    const post = await parsePost(buf, {path: file})
    for (const d of post.diagnostics) rules[d.ruleId] = (rules[d.ruleId] ?? 0) + 1
  } catch (e) {
    if (e instanceof PostParseError) failures[file] = `${e.ruleId} ${e.message.slice(0, 150)}`
    else {
      console.log('CRASH', file, e)
    }
  }
}
console.log(files.length, 'files', (bytes / 1e6).toFixed(2), 'MB', ((performance.now() - t0) / 1000).toFixed(2), 's')
console.log(rules)
console.log(failures)
