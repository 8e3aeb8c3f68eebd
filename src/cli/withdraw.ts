/** `takedown withdraw <case number> [--listing URL]…`: History → Withdraw on the portal, then record what History shows. */
import { parseArgs } from 'node:util';
import { PlaywrightPortalDriver } from '../automation/portal-driver.ts';
import { findChromium, loadConfig } from '../config.ts';
import { TakedownError } from '../core/errors.ts';
import { openDb } from '../db/connection.ts';
import { recordHistory } from '../db/repositories/cases.ts';
import { createLogger } from '../logger.ts';
import { optionProblem } from './options.ts';

const USAGE = 'Usage: takedown withdraw <case number> [--listing URL]…';

export async function runWithdraw(
  args: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv },
): Promise<number> {
  let parsed: {
    values: { listing?: string[] | undefined; help?: boolean | undefined };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { listing: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    const problem = optionProblem(err);
    if (problem === null) throw err;
    io.stderr.write(`takedown withdraw: ${problem}.\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [caseNumber, ...extra] = parsed.positionals;
  if (!caseNumber || extra.length > 0) {
    throw new TakedownError('bad_input', 'takedown withdraw takes exactly one case number.', { hint: USAGE });
  }
  if (!/^\d{8,30}$/.test(caseNumber)) {
    throw new TakedownError('bad_input', `"${caseNumber}" is not a case number.`, {
      hint: 'Case numbers are the long numbers in the portal’s History (e.g. 201303080211081192) and in the request’s thread.',
    });
  }
  const config = loadConfig(io.env);
  const { portal } = config;
  const driver = await PlaywrightPortalDriver.open({
    baseUrl: portal.url,
    user: portal.user ?? '',
    password: portal.password ?? '',
    chromiumPath: findChromium(portal.chromiumPath),
    headless: portal.headless,
    sessionDir: portal.sessionDir,
    artifactDir: portal.artifactDir,
    // The person reads the outcome or the refusal; the driver's log lines (JSON, with browser errors) only
    // when asked for with LOG_LEVEL, and on standard error, apart from the outcome.
    logger: createLogger(io.env.LOG_LEVEL ? config.logLevel : 'silent', io.stderr),
  });
  try {
    await driver.withdraw(caseNumber, parsed.values.listing);
    const rows = await driver.history({ caseNumber });
    const db = openDb(config.dbPath);
    try {
      recordHistory(db, rows, new Date());
    } finally {
      db.sqlite.close();
    }
    const withdrawn = rows.filter((r) => r.status === 'withdrawn').length;
    io.stdout.write(
      `Case ${caseNumber}: ${withdrawn} of ${rows.length} listing(s) now show "Withdrawn" in History.\n`,
    );
  } finally {
    await driver.close();
  }
  return 0;
}
