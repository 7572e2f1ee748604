/** Lines of a text as offsets, for the readers that go through front matter line by line. */

/** Iterate over lines: [start, end-of-content, start-of-next-line]; CRLF, LF and CR all end lines. */
export function* lines(text: string, from: number): Generator<[number, number, number]> {
  let start = from
  while (start < text.length) {
    let end = start
    while (end < text.length) {
      const code = text.charCodeAt(end)
      if (code === 10 || code === 13) break
      end++
    }
    let next = text.length + 1
    if (text.charCodeAt(end) === 13) next = text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1
    else if (text.charCodeAt(end) === 10) next = end + 1
    yield [start, end, next]
    start = next
  }
}
