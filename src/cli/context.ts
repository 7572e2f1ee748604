/** What a command runs in: the working folder, the streams, the environment. Tests of the CLI run the binary; nothing here is global state. */
export interface Context {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

/** A library message for the terminal: control characters escaped, its own line breaks kept. */
export function terminalText(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters other than the line feed are what is escaped.
  return message.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
