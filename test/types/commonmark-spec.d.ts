/** The untyped `commonmark-spec` package (CommonJS), as test/commonmark.test.ts reads it. */
declare module 'commonmark-spec' {
  export interface Example {
    markdown: string
    html: string
    number: number
    section: string
  }
  export const text: string
  export const tests: Example[]
}
