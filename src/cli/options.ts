/** Command-line options, for every `takedown` subcommand that reads them with node:util's parseArgs. */
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { TakedownError } from '../core/errors.ts';

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

/**
 * Refuses an output file (given with `option`) whose folder does not exist, naming the folder: Node's own
 * error names only the file, and the folder is what the person has to create or correct.
 */
export function requireOutputFolder(file: string, option: string): void {
  const folder = dirname(file);
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return;
  throw new TakedownError(
    'bad_input',
    stat
      ? `${folder} is a file, not a folder, so ${basename(file)} cannot be written in it.`
      : `There is no folder ${folder} to write ${basename(file)} in.`,
    { hint: `${stat ? 'Give' : 'Create it, or give'} ${option} a file in a folder that exists.` },
  );
}
