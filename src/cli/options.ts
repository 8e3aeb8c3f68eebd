/** Command-line options, for every `takedown` subcommand that reads them with node:util's parseArgs. */

/**
 * What node:util's parseArgs refused, said plainly: `unknown option "--x"`, `--port needs a value`,
 * `unexpected argument "x"`; null for any other error. (Its own messages are long, oddly quoted and
 * differ between commands that take arguments and those that do not.)
 */
export function optionProblem(err: unknown): string | null {
  const { code, message = '' } = (err ?? {}) as { code?: unknown; message?: string };
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    default:
      return null;
  }
}
