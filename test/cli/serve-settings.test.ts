/** `takedown serve` checks every setting before it starts anything, and names every bad one in one report. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takedown } from '../helpers/takedown-cli.ts';

/** Long enough for the command to start through tsx on a loaded machine; a serve that runs is stopped then. */
const GIVE_UP_MS = 25_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'takedown-serve-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A port nothing listens on (free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Everything serve needs, valid; the data files go to the test's own folder. */
async function validEnv(): Promise<Record<string, string>> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'signing-secret',
    SLACK_BOT_ID: 'B0TAKEDOWN',
    SLACK_BOT_USER_ID: 'U0TAKEDOWN',
    PORTAL_USER: 'brand@example.com',
    PORTAL_PASSWORD: 'secret',
    PORT: String(await freePort()),
    DB_PATH: join(dir, 'data', 'takedown.db'),
    SESSION_DIR: join(dir, 'data', 'sessions'),
    ARTIFACT_DIR: join(dir, 'data', 'artifacts'),
    LOG_LEVEL: 'info',
  };
}

/** Runs `takedown serve` with only the environment given; one still running after GIVE_UP_MS is stopped (code null). */
function serve(env: Record<string, string>) {
  return takedown(['serve'], env, { giveUpMs: GIVE_UP_MS });
}

describe('takedown serve with settings that are not valid', () => {
  it('names a bad DIGEST_CRON, SYNC_CRON, TZ, HOLIDAYS and PORT in one report, exits 2 and writes nothing', async () => {
    const { code, out, err } = await serve({
      ...(await validEnv()),
      DIGEST_CRON: '99 * * *',
      SYNC_CRON: 'every two hours',
      TZ: 'Mars/Olympus_Mons',
      HOLIDAYS: '2025-12-25,2025-13-01,25.12.2025',
      PORT: 'abc',
    });
    expect(err).toBe(
      [
        'takedown serve cannot start: set or fix the environment variables below (README, Configuration) and run it again.',
        '  PORT: not a whole number from 1 to 65535 (got "abc"); use a port like "3000"',
        '  DIGEST_CRON: not a cron expression (got "99 * * *"); use five fields like "0 9 * * 1-5" (minute hour day-of-month month day-of-week)',
        '  SYNC_CRON: not a cron expression (got "every two hours"); use five fields like "0 */2 * * *" (minute hour day-of-month month day-of-week)',
        '  TZ: not a time zone Node knows (got "Mars/Olympus_Mons"); use an IANA zone name like "Europe/Berlin", "America/New_York" or "UTC"',
        '  HOLIDAYS: "2025-13-01" and "25.12.2025" are not dates (got "2025-12-25,2025-13-01,25.12.2025"); write each holiday as YYYY-MM-DD, separated by commas, like "2025-12-25,2026-01-01"',
        '',
      ].join('\n'),
    );
    expect(out).toBe('');
    expect(code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('refuses a bad DIGEST_CRON before the Slack app starts, instead of running without a schedule', async () => {
    const env = await validEnv();
    const { code, out, err } = await serve({ ...env, DIGEST_CRON: '0 9 * *' });
    expect(code).toBe(2); // not null: it did not keep running
    expect(err).toContain(
      '  DIGEST_CRON: not a cron expression (got "0 9 * *"); use five fields like "0 9 * * 1-5"',
    );
    expect(out).not.toContain('takedown is running');
    expect(existsSync(env.DB_PATH as string)).toBe(false);
  }, 60_000);

  it('refuses a HOLIDAYS entry that is not a date at start, not when the first digest runs', async () => {
    const env = await validEnv();
    const { code, out, err } = await serve({ ...env, HOLIDAYS: '2025-12-25, 2026-02-30' });
    expect(code).toBe(2); // not null: it did not keep running
    expect(err).toContain(
      '  HOLIDAYS: "2026-02-30" is not a date (got "2025-12-25, 2026-02-30"); write each holiday as YYYY-MM-DD',
    );
    expect(out).not.toContain('takedown is running');
    expect(existsSync(env.DB_PATH as string)).toBe(false);
  }, 60_000);

  it('names missing and invalid settings together, in the order of the README, without quoting a secret', async () => {
    const { code, err } = await serve({
      SLACK_APP_TOKEN: 'xoxp-do-not-print-me',
      PORT: '0',
      TZ: 'Europe/Atlantis',
      DB_PATH: join(dir, 'takedown.db'),
    });
    expect(err.split('\n')).toEqual([
      'takedown serve cannot start: set or fix the environment variables below (README, Configuration) and run it again.',
      '  SLACK_BOT_TOKEN: not set; set it to the Bot User OAuth Token (xoxb-…)',
      '  SLACK_APP_TOKEN: does not start with xapp- (not shown: it is a secret); use an app-level token with connections:write',
      '  PORT: not a whole number from 1 to 65535 (got "0"); use a port like "3000"',
      '  PORTAL_USER: not set; set it to the portal account that files complaints',
      '  PORTAL_PASSWORD: not set; set it to the password of PORTAL_USER',
      '  TZ: not a time zone Node knows (got "Europe/Atlantis"); use an IANA zone name like "Europe/Berlin", "America/New_York" or "UTC"',
      '',
    ]);
    expect(err).not.toContain('do-not-print-me');
    expect(code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
