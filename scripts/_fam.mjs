import {parsePost} from 'mdpost'
import {families} from '../../shared/adversarial/generate.mjs'

for (const [name, f] of Object.entries(families)) {
  const text = f.make(Math.round(f.n * Number(process.argv[2] ?? 1)))
  if (text.length > 5 * 1024 * 1024) {
    console.log(name.padEnd(34), 'over 5 MiB')
    continue
  }
  const t = performance.now()
  let out = 'ok'
  try {
    await parsePost(text)
  } catch (e) {
    out = e.ruleId ?? String(e).slice(0, 60)
  }
  console.log(name.padEnd(34), String(text.length).padStart(9), ((performance.now() - t) / 1000).toFixed(2).padStart(7), out)
}
