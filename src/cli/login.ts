/** `takedown login [--headless] [--wait-minutes N]`: sign in to the portal by hand; waiting batches resume. */
import { parseArgs } from 'node:util';
import { interactiveLogin, resumeWaitingBatches } from '../automation/login.ts';
import { findChromium, loadConfig } from '../config.ts';
import { TakedownError } from '../core/errors.ts';
import { openDb } from '../db/connection.ts';
import { optionProblem } from './options.ts';

const USAGE = 'Usage: takedown login [--headless] [--wait-minutes N]';

export async function runLogin(
  args: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv },
): Promise<number> {
  let values: { headless?: boolean | undefined; 'wait-minutes'?: string | undefined; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        headless: { type: 'boolean' },
        'wait-minutes': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    const problem = optionProblem(err);
    if (problem === null) throw err;
    io.stderr.write(`takedown login: ${problem}.\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const minutes = values['wait-minutes'] === undefined ? 10 : Number(values['wait-minutes']);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 120) {
    throw new TakedownError(
      'bad_input',
      `--wait-minutes must be a number of minutes from 1 to 120; got "${values['wait-minutes']}".`,
      { hint: USAGE },
    );
  }
  const config = loadConfig(io.env);
  const { portal } = config;
  if (!portal.user) {
    throw new TakedownError('config', 'PORTAL_USER is not set.', {
      hint: 'Set it to the portal account the app files complaints with.',
    });
  }
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const file = await interactiveLogin({
    baseUrl: portal.url,
    user: portal.user,
    password: portal.password,
    chromiumPath: findChromium(portal.chromiumPath),
    headless: values.headless ?? false,
    sessionDir: portal.sessionDir,
    artifactDir: portal.artifactDir,
    waitMs: minutes * 60_000,
    say,
  });
  const db = openDb(config.dbPath);
  try {
    const resumed = resumeWaitingBatches(db);
    say(`Signed in to ${portal.url} as ${portal.user}; the session is saved in ${file}.`);
    say(
      resumed
        ? `${resumed} batch(es) waiting for a sign-in go back to the filing queue.`
        : 'No batch was waiting for a sign-in.',
    );
  } finally {
    db.sqlite.close();
  }
  return 0;
}
