/**
 * `takedown export [--since DATE] [--out FILE]`: every case as CSV (filed on or after DATE, a
 * YYYY-MM-DD day in TZ, when given), to FILE or standard output; safe to open in a spreadsheet.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { loadConfig } from '../config.ts';
import { localDay, startOfLocalDay } from '../core/business-days.ts';
import { TakedownError } from '../core/errors.ts';
import { writeCasesCsv } from '../reports/cases-csv.ts';
import { type CliIo, openExistingDb } from './digest.ts';
import { requireOutputFolder } from './options.ts';

const USAGE = `Usage: takedown export [--since YYYY-MM-DD] [--out FILE.csv]
  Writes every case (filed on or after the day given, in TZ) as CSV to FILE, or to standard output.
`;

/** A YYYY-MM-DD day in `tz` as the instant it starts; anything else is refused with a clear message. */
export function parseSince(text: string, tz: string): Date {
  const day = text.trim();
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(day) &&
    !Number.isNaN(Date.parse(`${day}T12:00:00Z`)) &&
    new Date(`${day}T12:00:00Z`).toISOString().startsWith(day);
  if (!valid) {
    throw new TakedownError('bad_input', `--since "${text}" is not a date.`, {
      hint: 'Write the day as YYYY-MM-DD, e.g. --since 2025-03-01.',
    });
  }
  const start = startOfLocalDay(day, tz);
  if (localDay(start, tz) !== day)
    throw new TakedownError('bad_input', `--since "${text}" is not a day in ${tz}.`);
  return start;
}

export async function runExportCli(args: string[], io: CliIo): Promise<number> {
  let since: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if ((arg === '--since' || arg === '--out') && value && !value.startsWith('--')) {
      if (arg === '--since') since = value;
      else out = value;
      i++;
    } else if (arg === '--help' || arg === '-h') {
      io.stdout.write(USAGE);
      return 0;
    } else {
      const why = arg === '--since' || arg === '--out' ? `${arg} needs a value` : `unknown option "${arg}"`;
      io.stderr.write(`takedown export: ${why}.\n\n${USAGE}`);
      return 2;
    }
  }
  const config = loadConfig(io.env);
  const sinceDate = since === undefined ? undefined : parseSince(since, config.digest.tz);
  if (out && out !== '-') requireOutputFolder(out, '--out');
  const db = openExistingDb(io.env);
  try {
    const target = out && out !== '-' ? createWriteStream(out) : io.stdout;
    const rows = await writeCasesCsv(db, target, { since: sinceDate });
    if (target !== io.stdout) {
      const file = target as ReturnType<typeof createWriteStream>;
      file.end();
      await once(file, 'close');
      io.stderr.write(`takedown export: ${rows} case${rows === 1 ? '' : 's'} written to ${out}\n`);
    }
    return 0;
  } finally {
    db.sqlite.close();
  }
}
