/**
 * The heap in use after full collections (run node with --expose-gc), for bench/site-run.js and
 * bench/site-fields.js. Two things make one `gc()` read too high, measured on a lean 5,000-post
 * Site (8.8 KiB a post, or 16.7 from run to run, the second holding every post's deleted HTML):
 * - what the load made and dropped is kept until the current job ends (a heap snapshot does not
 *   find it; after a timer it is gone): `settle()` first, once the load has returned;
 * - a forced collection that finds a concurrent marking under way keeps what that marking had
 *   reached, and what a collection frees counts as used until it is swept: `heapUsed()`
 *   collects three times, then until the heap stops shrinking by more than 1 MiB (at most 8).
 */
export function heapUsed() {
  let used = Number.POSITIVE_INFINITY
  for (let round = 0; round < 8; round++) {
    globalThis.gc()
    const now = process.memoryUsage().heapUsed
    if (round >= 2 && now > used - 2 ** 20) return Math.min(now, used)
    used = now
  }
  return used
}

/** Waits 200 ms: the job that made the value has ended (10 ms was not always enough for a whole Site). */
export function settle() {
  return new Promise((resolve) => {
    setTimeout(resolve, 200)
  })
}
