/**
 * The template tag grammar (src/template-tags.ts): Liquid tags and outputs, Hugo shortcodes,
 * as the generators lex them; `Post.templateTags` and the `liquid-tag` warning made from it.
 */
import fc from 'fast-check'
import {parsePostSync} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {scanTemplateTags} from '../src/template-tags.js'

const brief = (text: string, from = 0) =>
  scanTemplateTags(text, from).map(({syntax, name, args, start, end}) => [syntax, name, args, text.slice(start, end)])

describe('scanTemplateTags', () => {
  test.each([
    ['{% post_url 2020-01-01-a %}', [['liquid', 'post_url', '2020-01-01-a', '{% post_url 2020-01-01-a %}']]],
    ['{%- link _posts/a.md -%}', [['liquid', 'link', '_posts/a.md', '{%- link _posts/a.md -%}']]],
    ['{{ site.url }}', [['liquid', 'site.url', '', '{{ site.url }}']]],
    ['{{page.title|upcase}}', [['liquid', 'page.title', '|upcase', '{{page.title|upcase}}']]],
    ['{{< ref "a.md" >}}', [['shortcode', 'ref', '"a.md"', '{{< ref "a.md" >}}']]],
    [
      '{{% notice info %}}x{{% /notice %}}',
      [
        ['shortcode', 'notice', 'info', '{{% notice info %}}'],
        ['shortcode', '/notice', '', '{{% /notice %}}']
      ]
    ],
    // Hugo's way to show a shortcode: commented out inside its delimiters.
    ['{{</* ref "a.md" */>}}', []],
    // Liquid's lexer: a tag ends at the first closing delimiter.
    ['{% a {% b %} c %}', [['liquid', 'a', '{% b', '{% a {% b %}']]],
    // Text inside raw and comment blocks is not tags.
    [
      '{% raw %}{{ x }}{% endraw %}{{ y }}',
      [
        ['liquid', 'raw', '', '{% raw %}'],
        ['liquid', 'endraw', '', '{% endraw %}'],
        ['liquid', 'y', '', '{{ y }}']
      ]
    ],
    [
      '{% comment %}{% post_url a %}{% endcomment %}',
      [
        ['liquid', 'comment', '', '{% comment %}'],
        ['liquid', 'endcomment', '', '{% endcomment %}']
      ]
    ],
    ['{% raw %}{{ x }} never closed', [['liquid', 'raw', '', '{% raw %}']]],
    // Unclosed openers are text; a shortcode opener without its closer can still close as output.
    ['{% no end {{ and none', []],
    ['{{< x }}', [['liquid', '<', 'x', '{{< x }}']]],
    ['a { b } {{ c', []],
    ['{{\n  site.baseurl\n}}', [['liquid', 'site.baseurl', '', '{{\n  site.baseurl\n}}']]]
  ])('%j', (text, expected) => {
    expect(brief(text)).toEqual(expected)
  })

  test('from an offset on (the body after front matter)', () => {
    expect(brief('{{ a }} {{ b }}', 3)).toEqual([['liquid', 'b', '', '{{ b }}']])
  })

  test('as one left-to-right regular expression reads them, on generated texts', () => {
    // The reference: each opener at the first place it matches, to the first closer after it.
    const reference = /\{\{<([\s\S]*?)>\}\}|\{\{%([\s\S]*?)%\}\}|\{%([\s\S]*?)%\}|\{\{([\s\S]*?)\}\}/g
    const piece = fc.constantFrom(
      '{',
      '}',
      '{{',
      '}}',
      '{%',
      '%}',
      '{{<',
      '>}}',
      '{{%',
      '%}}',
      ' ',
      'a',
      '<',
      '>',
      '%',
      '-',
      '\n',
      'x.y',
      '"q"'
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 30}), (pieces) => {
        const text = pieces.join('')
        const expected = [...text.matchAll(reference)]
          // Commented-out shortcodes are text; raw and comment blocks are tested above.
          .filter((match) => !/^\{\{[<%]\s*\/\*/.test(match[0]) && !/^\{%-?\s*(?:raw|comment)\b/.test(match[0]))
          .map((match) => [match.index, match.index + match[0].length])
        const found = scanTemplateTags(text)
          .filter((tag) => tag.name !== 'raw' && tag.name !== 'comment')
          .map((tag) => [tag.start, tag.end])
        if (!/\{%-?\s*(?:raw|comment)\b/.test(text)) expect(found).toEqual(expected)
      }),
      {numRuns: 2000}
    )
  })

  test('openers without closers, and a closer at the very end, are read once each', () => {
    const text = `${'{% '.repeat(50_000)}${'{{ '.repeat(50_000)}%}`
    const tags = scanTemplateTags(text)
    expect(tags).toHaveLength(1)
    expect(tags[0]?.start).toBe(0)
  })
})

describe('Post.templateTags and `liquid-tag`', () => {
  test('every tag of the body, marked in code; front matter is not the body', () => {
    const post = parsePostSync(
      '---\ntitle: "{{ t }}"\n---\nA {% post_url 2020-01-01-a %} and `{{ site.url }}`.\n\n```\n{{< ref "x.md" >}}\n```\n\n<a href="{{ site.baseurl }}/x">l</a> [a]({{site.url}}/b)\n'
    )
    expect(post.templateTags.map((tag) => [tag.text, tag.inCode, tag.position.start.line, tag.position.start.column])).toEqual([
      ['{% post_url 2020-01-01-a %}', false, 4, 3],
      ['{{ site.url }}', true, 4, 36],
      ['{{< ref "x.md" >}}', true, 7, 1],
      ['{{ site.baseurl }}', false, 10, 10],
      ['{{site.url}}', false, 10, 42]
    ])
    const warnings = post.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'liquid-tag')
    expect(warnings.map((diagnostic) => `${diagnostic.line}:${diagnostic.column}`)).toEqual(['4:3'])
  })

  test('a shortcode is said to be Hugo’s; tags only in code are no warning', () => {
    const hugo = parsePostSync('Read {{< relref "a.md" >}}.\n')
    expect(hugo.diagnostics.find((diagnostic) => diagnostic.ruleId === 'liquid-tag')?.message).toMatch(/Hugo shortcode/)
    const code = parsePostSync('Use `{% endif %}` and\n\n    {{ site.url }}\n')
    expect(code.templateTags).toHaveLength(2)
    expect(code.diagnostics.some((diagnostic) => diagnostic.ruleId === 'liquid-tag')).toBe(false)
  })

  test('a tag expanded before parsing (`expand`, as loadSite does) is rendered: no warning; another still warns', () => {
    const text = 'See [it]({{< ref "a.md" >}}).\n'
    expect(parsePostSync(text, {expand: {'{{< ref "a.md" >}}': '/a/'}}).diagnostics.some((d) => d.ruleId === 'liquid-tag')).toBe(false)
    expect(parsePostSync(text).diagnostics.some((d) => d.ruleId === 'liquid-tag')).toBe(true)
    const other = parsePostSync(`${text}And {{< youtube x >}}.\n`, {expand: {'{{< ref "a.md" >}}': '/a/'}})
    expect(other.diagnostics.filter((d) => d.ruleId === 'liquid-tag').map((d) => d.line)).toEqual([2])
  })

  test('braces that make no tag are no tag and no warning', () => {
    const post = parsePostSync('A set {1, 2} and {{ unclosed and {% also.\n')
    expect(post.templateTags).toEqual([])
    expect(post.diagnostics.some((diagnostic) => diagnostic.ruleId === 'liquid-tag')).toBe(false)
  })
})

describe('expansion placeholders', () => {
  test('a private-use character of the post (an icon font glyph) leaves expansion on, and stays', () => {
    const glyph = '\ue000\ue001'
    const post = parsePostSync(`${glyph} See [it]({% post_url 2020-01-01-a %}) and ${glyph}.\n`, {
      expand: {'{% post_url 2020-01-01-a %}': '/2020/01/01/a/'}
    })
    expect(post.links.map((link) => link.url)).toEqual(['/2020/01/01/a/'])
    expect(post.html).toContain(`${glyph} See`)
    expect(post.html).toContain(`and ${glyph}.`)
    expect(post.templateTags.map((tag) => tag.name)).toEqual(['post_url'])
  })
})
