/**
 * Loaded into `mdpost check` by bench/site.js (`node --import`): when the process exits, its
 * peak RSS (threads included) goes to the file named by MDPOST_BENCH_RSS, as JSON.
 */
import {writeFileSync} from 'node:fs'

const file = process.env.MDPOST_BENCH_RSS
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20}))
  })
}
