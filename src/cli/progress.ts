/**
 * The progress line of long runs, on stderr when it is a terminal: files parsed of the total and
 * the problems so far, redrawn at most ten times a second, cleared at the end. Nothing is written
 * when stderr is a pipe or a file, or with `--no-progress`.
 */
import {plural} from './report/problems.js'

export interface Progress {
  update(progress: {done: number; total: number; problems: number}): void
  stop(): void
}

const quiet: Progress = {update() {}, stop() {}}

export function progressLine(stream: NodeJS.WriteStream, enabled: boolean, label: string): Progress {
  if (!enabled || !stream.isTTY) return quiet
  let last = 0
  let drawn = false
  const draw = (text: string) => {
    stream.write(`\r\x1b[2K${text}`)
    drawn = true
  }
  draw(`mdpost: ${label}…`)
  return {
    update({done, total, problems}) {
      const now = Date.now()
      if (done !== 0 && done !== total && now - last < 100) return
      last = now
      draw(`mdpost: ${label}: ${done}/${total} files parsed, ${plural(problems, 'problem')} so far`)
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K')
      drawn = false
    }
  }
}
