import {readdirSync, readFileSync} from 'node:fs'
import {PostParseError, parsePost} from 'mdpost'
import {families} from '../../shared/adversarial/generate.mjs'

const dir = '../shared/adversarial/'
for (const name of readdirSync(dir)
  .filter((n) => /\.(md|bin)$/.test(n) && n !== 'README.md' && n !== 'EXPECTED.md')
  .sort()) {
  const out = []
  for (const strict of [true, false]) {
    try {
      const post = await parsePost(readFileSync(dir + name), {path: name, strict})
      out.push(`ok:${[...new Set(post.diagnostics.map((d) => d.ruleId))].join(',')}`)
    } catch (e) {
      out.push(e instanceof PostParseError ? `throw:${e.ruleId}@${e.line}` : `CRASH:${e}`)
    }
  }
  console.log(name.padEnd(42), out.join('  |  '))
}
const scale = Number(process.argv[2] ?? 0.1)
for (const [name, fam] of Object.entries(families)) {
  const n = Math.max(1, Math.round(fam.n * scale))
  const text = fam.make(n)
  const t = performance.now()
  let out
  try {
    await parsePost(text)
    out = 'ok'
  } catch (e) {
    out = e instanceof PostParseError ? `throw:${e.ruleId}` : `CRASH:${String(e).slice(0, 80)}`
  }
  console.log(
    name.padEnd(36),
    String(n).padStart(7),
    String(text.length).padStart(9),
    `${((performance.now() - t) / 1000).toFixed(2)}s`,
    out
  )
}
