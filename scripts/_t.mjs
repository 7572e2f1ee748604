import {parsePost} from 'mdpost'

const kind = process.argv[2]
const n = Number(process.argv[3])
const make = {
  setext: (n) => '---\ntitle: t\n---\n\n' + 'Heading\n=======\n\nText.\n\n'.repeat(n),
  atx: (n) => '---\ntitle: t\n---\n\n' + '# Heading\n\nText.\n\n'.repeat(n),
  list: (n) => '---\ntitle: t\n---\n\n' + '- a\n'.repeat(n),
  defs: (n) => {
    let s = '---\ntitle: t\n---\n\n'
    for (let i = 0; i < n; i++) s += `[r${i}]: /u${i}\n`
    s += '\n'
    for (let i = 0; i < n; i++) s += `[x][r${i}] `
    return s + '\n'
  },
  keys: (n) => {
    let s = '---\n'
    for (let i = 0; i < n; i++) s += `k${i}: v\n`
    return s + '---\n\nx\n'
  }
}[kind]
const text = make(n)
const t = performance.now()
try {
  await parsePost(text, {maxBytes: 1e9})
} catch (e) {
  console.log(String(e).slice(0, 100))
}
console.log(kind, n, text.length, ((performance.now() - t) / 1000).toFixed(2) + 's')
