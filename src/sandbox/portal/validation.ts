/** What was wrong with a JSON value the simulator was given, said per field, for the admin API and the faults. */
import type { z } from 'zod';

/**
 * The issues of a failed zod parse as one text naming each field and what it got:
 * `days must be a number of days, 0 or more (got "2")`, `unknown field "dayz" (the fields are: days)`.
 * Schema messages are written without the field's name ("must be …"); `noun` names the keys ("field", "fault").
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  opts: { known: readonly string[]; noun?: string },
): string {
  const noun = opts.noun ?? 'field';
  return issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const names = issue.keys.map((k) => JSON.stringify(k)).join(', ');
        const where = issue.path.length ? ` in ${issue.path.join('.')}` : '';
        const known = issue.path.length ? '' : ` (the ${noun}s are: ${opts.known.join(', ')})`;
        return `unknown ${noun}${issue.keys.length === 1 ? '' : 's'} ${names}${where}${known}`;
      }
      const name = issue.path.map(String).join('.');
      const value = valueAt(input, issue.path);
      const got = value === undefined ? 'it is missing' : `got ${JSON.stringify(value)}`;
      return `${name ? `${name} ` : ''}${issue.message} (${got})`;
    })
    .join('; ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
