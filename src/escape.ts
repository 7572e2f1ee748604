/** Control characters never reach a terminal or a page raw: in messages, `\u001b` instead. */
export function escapeControls(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped.
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * In HTML: C0 controls other than whitespace, and DEL, are parse errors and can carry terminal
 * escape sequences, so they become U+FFFD (as NUL already is). They cannot be part of markup,
 * so replacing them in serialized HTML is the same as in every text node and attribute.
 */
export function replaceControls(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is replaced.
  return value.replace(/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/g, '\ufffd')
}

/** Text in HTML, in content or in a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
