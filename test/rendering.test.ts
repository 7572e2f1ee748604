/**
 * Rendering people can extend: a `sanitize` schema that lets a highlighter's classes or styles
 * through while raw HTML in the post keeps mdpost's rules, and reports what is still removed.
 */
import rehypeShiki from '@shikijs/rehype'
import type {Element, Root} from 'hast'
import type {Schema} from 'hast-util-sanitize'
import {parsePost} from 'mdpost'
import rehypeHighlight from 'rehype-highlight'
import {describe, expect, test} from 'vitest'
import {unsafeParts} from './helpers/safety.js'
import {fastTier} from './helpers/tier.js'

const post = [
  '# Code',
  '',
  '```js',
  'const a = 1 // <img src=x onerror=alert(1)>',
  '```',
  '',
  '<span class="hljs-keyword" style="position:fixed" onclick="evil()">raw</span> <pre style="color:red">x</pre>',
  ''
].join('\n')

/** README's recipe for rehype-highlight: its classes on `code` and `span`. */
const highlightSchema = (schema: Schema): Schema => ({
  ...schema,
  attributes: {...schema.attributes, code: [['className', /^language-./, 'hljs']], span: [['className', /^hljs-./]]}
})

/** README's recipe for Shiki: its inline styles and classes on `pre` and `span`. */
const shikiSchema = (schema: Schema): Schema => ({
  ...schema,
  attributes: {
    ...schema.attributes,
    pre: [...(schema.attributes?.pre ?? []), 'style', 'tabIndex', ['className', 'shiki', /^github-/]],
    span: ['style', ['className', 'line']]
  }
})

const rules = (diagnostics: Array<{ruleId: string; message: string}>) => diagnostics.map((diagnostic) => diagnostic.message)

describe('syntax highlighting', () => {
  test('without a schema, a highlighter’s classes are removed, and that is reported', async () => {
    const result = await parsePost(post, {rehypePlugins: [rehypeHighlight]})
    expect(result.html).toContain('<span>const</span>')
    expect(rules(result.diagnostics)).toContain('Changed `class` of `<span>` in HTML a plugin made, as the sanitizer requires (3 times)')
  })

  test('rehype-highlight: classes survive, raw HTML is still held to mdpost’s rules', async () => {
    const result = await parsePost(post, {rehypePlugins: [rehypeHighlight], sanitize: highlightSchema})
    expect(result.html).toContain('<code class="hljs language-js"><span class="hljs-keyword">const</span>')
    expect(result.html).toContain('<p><span>raw</span> </p><pre>x</pre>')
    expect(unsafeParts(result.html)).toEqual([])
    const messages = rules(result.diagnostics)
    expect(messages).toContain('Removed `class` attribute from raw HTML')
    expect(messages).toContain('Removed `onclick` attribute from raw HTML')
    expect(messages.filter((message) => message.includes('a plugin made'))).toEqual([])
  })

  // Shiki loads every grammar and theme: left out of `npm run test:fast`.
  test.skipIf(fastTier)('Shiki: inline styles survive on its elements, not on raw HTML', async () => {
    // `tokenizeTimeLimit: 0`: no time limit per line (Shiki's default, 500 ms, stops a line
    // unhighlighted on a loaded machine, and the test would depend on the machine's speed).
    const result = await parsePost(post, {
      rehypePlugins: [[rehypeShiki, {theme: 'github-light', tokenizeTimeLimit: 0}]],
      sanitize: shikiSchema
    })
    expect(result.html).toMatch(
      /<pre style="background-color:#fff;color:#24292e" class="shiki github-light" tabindex="0"><code><span class="line"><span style="color:#D73A49">const<\/span>/
    )
    expect(result.html).toContain('<p><span>raw</span> </p><pre>x</pre>')
    expect(rules(result.diagnostics)).toContain('Removed `style` attribute from raw HTML (2 times)')
    expect(result.sections[0]?.html).toContain('class="shiki github-light"')
  })

  test('a hostile attribute a plugin puts in highlighted code is still removed, and reported', async () => {
    const hostile = () => (tree: Root) => {
      const visit = (node: Root | Element): void => {
        for (const child of node.children) {
          if (child.type !== 'element') continue
          if (child.tagName === 'span') {
            child.properties.onMouseOver = 'alert(1)'
            child.properties.className = ['hljs-keyword', 'evil']
          }
          visit(child)
        }
      }
      visit(tree)
    }
    const result = await parsePost(post, {rehypePlugins: [rehypeHighlight, hostile], sanitize: highlightSchema})
    expect(result.html).not.toContain('onmouseover')
    expect(result.html).not.toContain('evil"')
    expect(unsafeParts(result.html)).toEqual([])
    expect(rules(result.diagnostics).some((message) => /Changed .*`onmouseover`.* of `<span>` in HTML a plugin made/.test(message))).toBe(
      true
    )
  })

  test('a schema that is not one is a TypeError', async () => {
    // @ts-expect-error: check how invalid input is handled.
    await expect(parsePost('x', {sanitize: 'strict'})).rejects.toThrow(TypeError)
    await expect(parsePost('x', {sanitize: () => null as unknown as Schema})).rejects.toThrow(TypeError)
  })

  test('a wider schema keeps schemes it allows, in the HTML and in `links` alike', async () => {
    const ftp = (schema: Schema): Schema => ({
      ...schema,
      protocols: {...schema.protocols, href: [...(schema.protocols?.href ?? []), 'ftp']}
    })
    const result = await parsePost('[f](ftp://files.example/a)', {sanitize: ftp})
    expect(result.html).toContain('href="ftp://files.example/a"')
    expect(result.diagnostics.map((diagnostic) => diagnostic.ruleId)).not.toContain('link-unsafe')
    expect((await parsePost('[f](ftp://files.example/a)')).diagnostics.map((diagnostic) => diagnostic.ruleId)).toContain('link-unsafe')
  })
})
