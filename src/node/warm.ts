/**
 * A post with the constructs most posts have, parsed a few times in each thread of a kept pool
 * so that the first real parse after start-up runs with compiled code, not in the interpreter.
 */
export const warmPost = `---
title: Warming up
date: 2020-01-02 10:00:00 +0100
tags: [a, b]
categories: notes
---

# A heading

Some *emphasis*, **strong**, \`code\`, a [link](https://example.org/a "title"), a
[reference][ref], an autolink <https://example.org>, www.example.org and me@example.org.

## A list

- one
- two with [a link](/b/)
  1. nested
  2. items

> A quote with ~~strike~~ and a footnote[^1].

| a | b |
|---|--:|
| 1 | 2 |

![An image](/c.png)

\`\`\`js
const x = 1
\`\`\`

<div class="note">Raw <em>HTML</em></div>

Setext heading
==============

Text {% include x.html %} and more text.

[ref]: https://example.org/ref
[^1]: The footnote.
`
