/**
 * The CPU time of one thread, where the OS reports it (Linux `/proc`). A parse's time limit counts
 * the worker thread's CPU time rather than the wall clock: on a machine shared with other work a
 * thread may wait for a core far longer than it computes, and a post must not be dropped as a
 * timeout because the machine was busy.
 */
import {readFileSync, readlinkSync} from 'node:fs'

/** The OS id of the calling thread (Linux), or `null` where the OS does not say. */
export function currentThreadId(): number | null {
  try {
    // `<pid>/task/<tid>`
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    return Number.isSafeInteger(tid) && tid > 0 ? tid : null
  } catch {
    return null
  }
}

/**
 * Milliseconds of CPU the thread `tid` of this process has run, or `null` where it cannot be
 * read. `schedstat` counts nanoseconds; `stat` counts clock ticks (`USER_HZ`, 100 a second on
 * Linux) where `schedstat` is missing.
 */
export function threadCpuMs(tid: number): number | null {
  try {
    const nanoseconds = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').split(' ')[0])
    if (Number.isFinite(nanoseconds) && nanoseconds > 0) return nanoseconds / 1e6
  } catch {}
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1')
    // Fields after the command name (which may hold spaces and parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? ticks * 10 : null
  } catch {
    return null
  }
}

/**
 * What a parse's limit decides when its timer fires: `stop`, or wait `ms` more. With a CPU
 * clock, the parse is stopped once its thread has run `timeoutMs` of CPU, or once the wall
 * clock passes `wallFactor` times `timeoutMs` (a thread that waits without computing, such
 * as a plugin whose promise never settles); without one, at `timeoutMs` of wall clock.
 */
export function limitDecision(timeoutMs: number, spent: {cpuMs: number | null; wallMs: number}): {stop: true} | {stop: false; ms: number} {
  if (spent.cpuMs === null) return spent.wallMs >= timeoutMs ? {stop: true} : {stop: false, ms: timeoutMs - spent.wallMs}
  const wallLimit = timeoutMs * wallFactor
  if (spent.cpuMs >= timeoutMs || spent.wallMs >= wallLimit) return {stop: true}
  // CPU time grows no faster than the wall clock: look again when it could have reached the limit.
  return {stop: false, ms: Math.max(minWaitMs, Math.min(timeoutMs - spent.cpuMs, wallLimit - spent.wallMs))}
}

/** How many times `timeoutMs` of wall clock a parse may take while its thread waits for a core. */
export const wallFactor = 20

/** The shortest wait between two looks at a thread's CPU clock. */
const minWaitMs = 10
