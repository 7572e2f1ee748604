/**
 * An independent parser, markdown-it (with linkify limited to URLs with a scheme or `www.`, as
 * GFM does), reads the body of every corpus post; every link and image it finds must be in
 * `post.links`/`post.images`, compared as markdown-it normalizes URLs. Misses are pinned below,
 * each with the reason. `MDPOST_REPORT=1` prints the counts.
 */
import {readFileSync} from 'node:fs'
import MarkdownIt from 'markdown-it'
import {type ParsedPost, PostParseError, parsePost} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {corpusFiles, corpusPresent, corpusRoot, decodeText} from './helpers/corpus.js'

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number]

/** What markdown-it finds that mdpost does not, by design, as `file\tkind\turl`. */
const expectedMisses: Record<string, string> = {
  // linkify-it links a URL right after `"`; GFM needs whitespace or one of `*_~(` before a
  // literal autolink. Here the URL is in the `src` of an `<audio>` tag with a JSX attribute,
  // which is not valid HTML, so both parsers see text.
  'react-native-blog/2019-05-01-react-native-at-f8-and-podcast.md\tlink\thttps://media.devchat.tv/reactnativeradio/React_Native_Radio_Episode_121.mp3':
    'GFM literal autolinks need a space or `*_~(` before them'
}

const present = corpusPresent()

describe.skipIf(!present)('agreement with markdown-it', () => {
  test('every link and image markdown-it finds in a corpus post is in post.links or post.images', async () => {
    const md = new MarkdownIt({html: true, linkify: true})
    md.linkify.set({fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false})
    let found = 0
    let matched = 0
    let ours = 0
    const misses: string[] = []
    for (const file of corpusFiles()) {
      const name = file.slice(corpusRoot.length)
      const bytes = readFileSync(file)
      let post: ParsedPost
      try {
        post = await parsePost(bytes, {path: name})
      } catch (error) {
        if (error instanceof PostParseError) continue // The corpus test pins these.
        throw error
      }
      const body = decodeText(bytes).slice(post.frontmatter.position?.end.offset ?? 0)
      const remaining = new Map<string, number>()
      for (const url of [...post.links.map((link) => link.url), ...post.images.map((image) => image.src)]) {
        const key = md.normalizeLink(url)
        remaining.set(key, (remaining.get(key) ?? 0) + 1)
        ours++
      }
      for (const [kind, url] of linksOf(md.parse(body, {}))) {
        found++
        const left = remaining.get(url) ?? 0
        if (left > 0) {
          remaining.set(url, left - 1)
          matched++
        } else misses.push(`${name}\t${kind}\t${url}`)
      }
    }
    if (process.env.MDPOST_REPORT) console.log({found, matched, missed: misses.length, mdpostTotal: ours})
    expect(found).toBeGreaterThan(5000)
    expect(misses.sort()).toEqual(Object.keys(expectedMisses).sort())
  })
})

function linksOf(tokens: Token[], out: Array<[string, string]> = []): Array<[string, string]> {
  for (const token of tokens) {
    if (token.type === 'link_open') out.push(['link', String(token.attrGet('href') ?? '')])
    else if (token.type === 'image') out.push(['image', String(token.attrGet('src') ?? '')])
    if (token.children) linksOf(token.children, out)
  }
  return out
}
