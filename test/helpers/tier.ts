/**
 * The test tiers. `npm test` runs everything. `npm run test:fast` (vitest.fast.config.ts) sets
 * `MDPOST_TIER=fast` and leaves out, besides the files that config excludes (browser, packed
 * tarball, real generators, the corpus-only files), the sweeps inside other files: every corpus
 * post (`corpusPresent()` is false), generated inputs at scale, and the 20,000-post CLI stream.
 */
export const fastTier = process.env.MDPOST_TIER === 'fast'
