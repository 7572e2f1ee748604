#!/usr/bin/env node
/**
 * `mdpost`: one command line. The first argument names the command (`check`, `site`, `feed`,
 * `sitemap`; `parse` is the default), one flag table reads the rest (`args.ts`), and each
 * command is a module of `commands/`; problems are reported by `report/`.
 *
 *   args.ts        the flag table, parseArgs, validation, usage texts, "did you mean"
 *   commands/      parse, check, site, feed, sitemap
 *   report/        the one reporter: stylish, compact, json, github, sarif, junit
 *   config.ts      .mdpostrc.json/.yaml/.yml, package.json "mdpost", extends
 *   ignore.ts      ignorePaths and .gitignore;  inline.ts: <!-- mdpost-disable … -->
 *   apply.ts       the library's findings → a Report (re-based paths, configuration applied)
 *   progress.ts    the progress line on a terminal;  watch.ts: --watch
 *
 * Exit codes: 0 ok, 1 problems, 2 usage error.
 */
import {type CommandName, type Options, parseCommandLine, UsageError, usageOf} from './args.js'
import {type Context, terminalText} from './context.js'
import {exists} from './load.js'

type Command = (options: Options, context: Context) => Promise<number>

/**
 * Each command's module is loaded once it is known: the parser and the site code take most of
 * a second to load on a busy machine, and `check` draws its progress line before they do.
 */
const commands: Record<CommandName, () => Promise<Command>> = {
  parse: async () => (await import('./commands/parse.js')).parse,
  check: async () => (await import('./commands/check.js')).check,
  site: async () => (await import('./commands/site.js')).site,
  feed: async () => (await import('./commands/feed.js')).feed,
  sitemap: async () => (await import('./commands/sitemap.js')).sitemap
}

async function main(argv: string[], context: Context): Promise<number> {
  let command: CommandName | null = null
  try {
    const options = parseCommandLine(argv, exists)
    command = options.command
    if (options.help) {
      context.stdout.write(usageOf(options.command))
      return 0
    }
    if (options.version) {
      const {mdpostVersion} = await import('../node/files.js')
      context.stdout.write(`${await mdpostVersion()}\n`)
      return 0
    }
    return await (await commands[options.command]())(options, context)
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message, error.command ?? command, context)
    // Options the library refuses (a TypeError) are usage errors too, in its words.
    if (error instanceof TypeError) return usageError(error.message, command, context)
    throw error
  }
}

function usageError(message: string, command: CommandName | null, context: Context): number {
  const name = command === null || command === 'parse' ? 'mdpost' : `mdpost ${command}`
  context.stderr.write(`${name}: ${terminalText(message)}\nRun \`${name} --help\` for the options.\n`)
  return 2
}

// A reader that goes away (`mdpost … | head`) ends the run quietly, as `cat` does.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await main(process.argv.slice(2), {cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr})
