import {readFileSync} from 'node:fs'
import {createMarkdownProcessor} from '@astrojs/markdown-remark'
import {parseMarkdown} from '@nuxtjs/mdc/runtime'

const text = readFileSync('fixtures/pycon-2018.md', 'utf8')
const astro = await createMarkdownProcessor()
const r = await astro.render(text)
console.log(Object.keys(r), Object.keys(r.metadata), r.code.slice(0, 100))
const m = await parseMarkdown(text)
console.log(Object.keys(m), m.data?.title, JSON.stringify(m.toc).slice(0, 100))
