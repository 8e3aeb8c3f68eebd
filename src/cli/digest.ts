/**
 * `takedown digest --print [--chart FILE]`: the digest as it would be posted now to DIGEST_CHANNEL
 * (since the last one posted there), printed in the terminal; nothing is posted or recorded.
 * --chart also writes the removals chart as PNG. In Slack, `/takedown digest` posts one.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { TakedownError } from '../core/errors.ts';
import { openDb } from '../db/connection.ts';
import { digestAsText } from '../reports/digest-text.ts';
import { previewDigest } from '../scheduler/tasks.ts';
import { requireOutputFolder } from './options.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

const USAGE = `Usage: takedown digest --print [--chart FILE.png]
  Prints the digest as it would be posted now to DIGEST_CHANNEL (covering the time since the last
  digest posted there), without posting it. --chart writes the removals chart (PNG) to FILE.
  To post one in Slack, type /takedown digest in a channel.
`;

/** The app's database, which must already exist: a report never creates an empty one. */
export function openExistingDb(env: NodeJS.ProcessEnv) {
  const { dbPath } = loadConfig(env);
  if (!existsSync(dbPath)) {
    throw new TakedownError('not_found', `There is no takedown database at ${dbPath}.`, {
      hint: 'Set DB_PATH to the database the app uses (default ./data/takedown.db); the app creates it when it first runs.',
    });
  }
  return openDb(dbPath);
}

export function runDigestCli(args: string[], io: CliIo): number {
  let print = false;
  let chart: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--print') print = true;
    else if (arg === '--chart' && args[i + 1] && !args[i + 1]?.startsWith('-')) chart = args[++i];
    else if (arg === '--help' || arg === '-h') {
      io.stdout.write(USAGE);
      return 0;
    } else {
      io.stderr.write(
        `takedown digest: ${arg === '--chart' ? '--chart needs a file name' : `unknown option "${arg}"`}.\n\n${USAGE}`,
      );
      return 2;
    }
  }
  if (!print) {
    io.stderr.write(`takedown digest: say --print to print it here.\n\n${USAGE}`);
    return 2;
  }
  if (chart) requireOutputFolder(chart, '--chart');
  const config = loadConfig(io.env);
  const db = openExistingDb(io.env);
  try {
    const preview = previewDigest({
      db,
      channel: config.digest.channel ?? '',
      now: (io.now ?? (() => new Date()))(),
      tz: config.digest.tz,
      holidays: config.digest.holidays,
    });
    io.stdout.write(digestAsText(preview.blocks));
    if (chart) {
      writeFileSync(chart, preview.chart);
      io.stderr.write(`takedown digest: the removals chart is in ${chart}\n`);
    }
    return 0;
  } finally {
    db.sqlite.close();
  }
}
