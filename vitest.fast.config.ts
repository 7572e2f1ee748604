/**
 * `npm run test:fast`: the developer's tier, under a minute. Leaves out the browser, the packed
 * tarball (npm registry), the real site generators (generators and link differential tests), the corpus-only files, README's examples and the end-to-end CLI and site files; `MDPOST_TIER=fast`
 * makes the other files leave out their sweeps (test/helpers/tier.ts). `npm test` runs it all.
 */
import {defineConfig, mergeConfig} from 'vitest/config'
import base from './vitest.config.js'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        '**/node_modules/**',
        'test/browser.test.ts',
        'test/package.test.ts',
        'test/generators*.test.ts',
        'test/links.test.ts',
        'test/corpus.test.ts',
        'test/agreement.test.ts',
        // README's examples start a Node process each (Shiki's among them), the CLI's tests run it
        // in child processes, the site tests load sites on worker pools: `npm test` runs them.
        'test/readme.test.ts',
        'test/cli.test.ts',
        'test/cli-{commands,config,progress,report}.test.ts',
        'test/site.test.ts'
      ],
      env: {MDPOST_TIER: 'fast'},
      // Both cores (vitest's default in a run is one fewer than the machine has).
      maxWorkers: 2
    }
  })
)
