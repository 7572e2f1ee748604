/** The front matter block as found at the start of a file, whichever reader found it (fences or header lines). */
export interface FrontmatterBlock {
  format: 'yaml' | 'toml' | 'headers'
  /** Text between the fences. */
  raw: string
  /** Offset of the opening fence: 0, or past leading whitespace with `frontmatterAfterWhitespace`. */
  start: number
  /** Offset of the first character of `raw`. */
  contentStart: number
  /** Offset just after the closing fence (its line ending excluded). */
  end: number
  /** Offset of the closing fence, and what it was: Jekyll also closes YAML with `...`. */
  closeAt: number
  closer: '---' | '...' | '+++' | ''
}
