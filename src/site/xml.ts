/**
 * Text and attribute values for the XML documents of a site (Atom, RSS, sitemaps), valid XML 1.0
 * for any string. No CDATA sections: everything is escaped, so `]]>` is plain text (`]]&#62;`).
 */

/**
 * Characters XML 1.0 cannot hold (its `Char` production): C0 controls other than tab, LF and
 * CR, lone surrogates, U+FFFE and U+FFFF; and DEL and the C1 controls, which it allows but
 * discourages (§2.2) and which feed readers take for Windows-1252 (feedparser reads U+009F as
 * `Ÿ`). They become U+FFFD, as the HTML side does with control characters (`replaceControls`)
 * and as an UTF-8 encoder does with a lone surrogate, so that a reader sees that something was
 * there. Bidi controls and astral characters are allowed and pass through.
 */
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what XML 1.0 cannot hold.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Any string as text an XML 1.0 document can hold (see `forbidden`), before escaping. */
export function xmlChars(value: string): string {
  return value.replace(forbidden, '\ufffd')
}

/**
 * Element content: characters XML cannot hold replaced, markup characters escaped, and CR as
 * `&#13;` (a parser turns a raw CR or CRLF into LF; a reference survives).
 */
export function xmlText(value: string): string {
  return xmlChars(value).replace(/[&<>"'\r]/g, reference)
}

/**
 * A double-quoted attribute value: as text, and tab and LF as references too (a parser's
 * attribute value normalization turns raw ones into spaces).
 */
export function xmlAttribute(value: string): string {
  return xmlChars(value).replace(/[&<>"'\r\n\t]/g, reference)
}

function reference(char: string): string {
  return `&#${char.charCodeAt(0)};`
}
