/**
 * The playground: parse what is pasted with mdpost's core (./mdpost.js, built by
 * `npm run playground`) and show the metadata, the sections tree, links, images, diagnostics and
 * the HTML side by side. The HTML is mdpost's sanitized output.
 */
import {PostParseError, parsePost} from './mdpost.js'

const source = document.querySelector('#source')
const path = document.querySelector('#path')

function cell(row, text, className) {
  const td = row.insertCell()
  td.textContent = text
  if (className) td.className = className
}

function fill(table, items, columns) {
  const body = document.querySelector(`#${table} tbody`)
  body.replaceChildren()
  for (const item of items) {
    const row = body.insertRow()
    for (const column of columns) cell(row, ...column(item))
  }
  document.querySelector(`#${table}-count`).textContent = `(${items.length})`
}

function sectionsTree(sections) {
  return sections.map((section) => {
    const item = document.createElement('li')
    item.textContent = `${section.title ?? '(preamble)'} — ${section.words} words${section.id ? ` #${section.id}` : ''}`
    if (section.children.length > 0) {
      const list = document.createElement('ul')
      list.append(...sectionsTree(section.children))
      item.append(list)
    }
    return item
  })
}

async function update() {
  let post
  try {
    post = await parsePost(source.value, {path: path.value || null, strict: false})
  } catch (error) {
    document.querySelector('#html').textContent = error instanceof PostParseError ? error.message : String(error)
    return
  }
  const metadata = document.querySelector('#metadata')
  metadata.replaceChildren()
  const fields = {
    title: post.title,
    slug: post.slug,
    date: post.date?.iso,
    updated: post.updated?.iso,
    tags: post.tags.join(', '),
    categories: post.categories.join(', '),
    words: post.stats.words,
    'reading minutes': post.stats.readingMinutes,
    excerpt: post.excerpt?.text
  }
  for (const [name, value] of Object.entries(fields)) {
    const term = document.createElement('dt')
    term.textContent = name
    const description = document.createElement('dd')
    description.textContent = value ?? '—'
    metadata.append(term, description)
  }
  document.querySelector('#sections').replaceChildren(...sectionsTree(post.sections))
  const line = (item) => [String(item.position?.start.line ?? '—')]
  fill('links', post.links, [line, (link) => [link.kind], (link) => [link.text], (link) => [link.url]])
  fill('images', post.images, [line, (image) => [image.alt], (image) => [image.src]])
  fill('diagnostics', post.diagnostics, [
    (d) => [`${d.line}:${d.column}`],
    (d) => [d.severity, d.severity],
    (d) => [d.message],
    (d) => [d.ruleId]
  ])
  // mdpost's HTML is sanitized (the default policy): it is safe to show as it is.
  document.querySelector('#html').innerHTML = post.html
  document.body.dataset.parsed = String(Date.now())
}

source.addEventListener('input', update)
path.addEventListener('input', update)
window.mdpostPlayground = {update}
