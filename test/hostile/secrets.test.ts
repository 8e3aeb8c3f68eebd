/**
 * Secrets stay secret: the Slack tokens and signing secret, the portal password and the portal session never
 * appear in logs (at the most verbose level), in Slack messages, or in the Playwright trace and screenshot
 * kept when the portal changed; the session, trace and database files are readable by their owner only.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { PlaywrightPortalDriver } from '../../src/automation/portal-driver.ts';
import { TakedownError } from '../../src/core/errors.ts';
import { openDb } from '../../src/db/connection.ts';
import { createLogger } from '../../src/logger.ts';
import { DEFAULT_PORTAL_ACCOUNT, startPortalSimulator } from '../../src/sandbox/portal/index.ts';
import { ANALYST, APPROVER, CHANNEL, startBot } from '../helpers/bot.ts';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** A logger at the most verbose level whose every line is kept. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  return { logger, text: () => lines.join('') };
}

describe('secrets', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('a trace and screenshot kept when the portal changed hold neither the password nor the session cookie, and all files are 0600 in 0700 folders', async () => {
    const sim = await startPortalSimulator({
      ipVerificationDelayMs: 0,
      iprs: [{ regNo: '2485097', name: 'RIVERSTONE', owner: 'Riverstone Knives Inc.' }],
      onError: () => undefined,
      faults: { renamedButtons: { Match: 'Submit Complaint' } },
    });
    cleanups.push(() => sim.close());
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    const { logger, text: logs } = capturedLogger();
    const driver = new PlaywrightPortalDriver({
      baseUrl: sim.url,
      ...DEFAULT_PORTAL_ACCOUNT,
      sessionDir: join(dir, 'data', 'sessions'),
      artifactDir: join(dir, 'data', 'artifacts'),
      timeoutMs: 3_000,
      logger,
    });
    cleanups.push(() => driver.close());
    const url = 'https://www.aliexpress.com/item/1005007400000001.html';
    await driver.pasteListings([url]);
    // The next step signs in again, then finds the Match button gone: the worst case for its trace.
    sim.admin.expireSessions();
    const err = await driver.matchPending([url], '2485097', 'Counterfeit Listing').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TakedownError);
    const message = (err as TakedownError).userMessage;
    const trace = /Trace: (\S+\.trace\.zip)/.exec(message)?.[1];
    const shot = /Screenshot: (\S+\.png)/.exec(message)?.[1];
    if (!trace || !shot) throw new Error(`no trace or screenshot named in: ${message}`);

    const sessionDir = join(dir, 'data', 'sessions');
    const [sessionFile] = readdirSync(sessionDir);
    if (!sessionFile) throw new Error('no session was saved');
    const cookies = (
      JSON.parse(readFileSync(join(sessionDir, sessionFile), 'utf8')) as { cookies: { value: string }[] }
    ).cookies;
    expect(cookies.length).toBeGreaterThan(0);

    const zip = await JSZip.loadAsync(readFileSync(trace));
    const names = Object.keys(zip.files);
    expect(names).toContain('trace.network');
    const contents = (await Promise.all(names.map((n) => zip.file(n)?.async('string') ?? ''))).join('\n');
    expect(contents).toContain('Submit Complaint'); // the trace still shows what changed
    expect(contents).not.toContain(DEFAULT_PORTAL_ACCOUNT.password);
    for (const c of cookies) expect(contents).not.toContain(c.value);
    expect(message).not.toContain(DEFAULT_PORTAL_ACCOUNT.password);
    expect(logs()).not.toContain(DEFAULT_PORTAL_ACCOUNT.password);
    for (const c of cookies) expect(logs()).not.toContain(c.value);

    expect([mode(sessionDir), mode(join(sessionDir, sessionFile))]).toEqual(['700', '600']);
    expect([mode(join(dir, 'data', 'artifacts')), mode(trace), mode(shot)]).toEqual(['700', '600', '600']);
  });

  it('the SQLite file and its -wal and -shm files are 0600 in a 0700 folder', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'secrets-db-')), 'data', 'takedown.db');
    const db = openDb(path);
    db.sqlite.exec('create table t (x); insert into t values (1);');
    expect(mode(join(path, '..'))).toBe('700');
    expect([path, `${path}-wal`, `${path}-shm`].map(mode)).toEqual(['600', '600', '600']);
    db.sqlite.close();
  });

  it('the bot token and signing secret never reach the logs at trace level or any Slack message', async () => {
    const { logger, text: logs } = capturedLogger();
    const bot = await startBot({}, { logger });
    cleanups.push(() => bot.stop());
    const { botToken, signingSecret } = bot.deps.config.slack;
    if (!botToken || !signingSecret) throw new Error('the harness has no token or secret');
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005007400000002.html',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const msg = await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #1'));
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'approve_batch',
      userId: APPROVER,
    });
    await bot.slack.waitFor((r) => r.kind === 'post' && r.text.includes('Filing starts now'));
    // A shared file is downloaded with the token; a broken file and a forged request are logged as failures.
    await bot.driver.shareFile({
      channelId: CHANNEL,
      userId: ANALYST,
      filename: 'broken.xlsx',
      content: Buffer.from('no'),
    });
    await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.text.includes('broken.xlsx'));
    const body = 'command=%2Ftakedown&text=x';
    await bot.driver.sendRaw({
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...bot.driver.sign(`${body}!`) },
    });
    await bot.deps.notifier
      .post({ channel: 'C0NOWHERE0', text: 'to a channel that does not exist' })
      .catch(() => undefined);

    const everything = logs();
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything).not.toContain(botToken);
    expect(everything).not.toContain(signingSecret);
    const slackText = JSON.stringify(bot.slack.records);
    expect(slackText).not.toContain(botToken);
    expect(slackText).not.toContain(signingSecret);
  });
});
