import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Only against a hang: a corpus sweep of 25 s here took 220 s on a loaded machine, and no test
    // may fail for being slow. Teardowns never wait on a set-up that did not run.
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000
  }
})
