/**
 * The portal's fault matrix across a multi-batch job, with the app killed and restarted mid-job. Four
 * requests are made and approved in Slack (the real Bolt app, the stand-in, a real SQLite file); the filing
 * side runs as its own process (app-worker.child.ts: the worker in Chromium, progress posted in each
 * request's thread) against the portal simulator, whose faults change between the runs:
 *
 * 1. slow pages, HTTP 500s and sessions that expire after a few seconds; the process is SIGKILLed right
 *    after request 1 was pasted, then started again and finishes request 1;
 * 2. a slider check at sign-in: request 2 waits for `takedown login`, which a person passes; it then resumes;
 * 3. a maintenance page: request 3 stops, and its thread says to press Retry;
 * 4. a renamed Match button: request 4 stops, and its thread names a screenshot and a Playwright trace.
 *
 * Afterwards no listing is lost (each is filed with the portal's case number, or pending in a stopped
 * request whose thread and message say why), none is filed twice, and the database agrees with the portal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactiveLogin, resumeWaitingBatches } from '../../src/automation/login.ts';
import { getBatch } from '../../src/db/repositories/batches.ts';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type PortalSimulator,
  startPortalSimulator,
} from '../../src/sandbox/portal/index.ts';
import { ANALYST, APPROVER, type BotHarness, blockText, CHANNEL, startBot } from '../helpers/bot.ts';

const CHILD = fileURLToPath(new URL('./app-worker.child.ts', import.meta.url));
const IPR = '2485097';
const { user: USER, password: PASSWORD } = DEFAULT_PORTAL_ACCOUNT;
const SIZES = [45, 30, 20, 15];

const link = (batch: number, i: number) =>
  `https://www.aliexpress.com/item/${1005007300000000 + batch * 1000 + i}.html`;

describe('the fault matrix across a four-request job, with the app killed and restarted', () => {
  let bot: BotHarness;
  let sim: PortalSimulator;
  let dir: string;
  const children: ChildProcess[] = [];
  const confirmations: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fault-matrix-'));
    sim = await startPortalSimulator({
      ipVerificationDelayMs: 0,
      iprs: [{ regNo: IPR, name: 'RIVERSTONE word mark', owner: 'Riverstone Knives Inc.' }],
      onError: () => undefined,
      seed: 7,
    });
    bot = await startBot();
    for (const [b, size] of SIZES.entries()) {
      const text = Array.from({ length: size }, (_, i) => link(b + 1, i)).join('\n');
      await bot.driver.slashCommand({ command: '/takedown', text, userId: ANALYST, channelId: CHANNEL });
      const msg = await bot.slack.waitFor(
        (r) => r.kind === 'post' && r.text.startsWith(`Takedown request #${b + 1}:`),
        20_000,
      );
      confirmations.push(msg.ts as string);
    }
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await bot?.stop();
    await sim?.close();
  });

  const approve = async (n: number) => {
    const res = await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: confirmations[n - 1] as string,
      actionId: 'approve_batch',
      userId: APPROVER,
    });
    expect(res.status).toBe(200);
    await bot.slack.waitFor(
      (r) => r.kind === 'post' && r.threadTs === confirmations[n - 1] && r.text.includes('Filing starts now'),
    );
  };

  const threadOf = (n: number) =>
    bot.slack
      .thread(CHANNEL, confirmations[n - 1] as string)
      .map((m) => m.text)
      .join('\n');
  const messageOf = (n: number) =>
    blockText(bot.slack.message(CHANNEL, confirmations[n - 1] as string)?.blocks);

  /** Starts the app's filing process; resolves with how it ended, or when it reports STOP_AT. */
  function runApp(stopAt?: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env,
        DB_PATH: bot.db.sqlite.name,
        PORTAL_URL: sim.url,
        PORTAL_USER: USER,
        PORTAL_PASSWORD: PASSWORD,
        SESSION_DIR: join(dir, 'sessions'),
        ARTIFACT_DIR: join(dir, 'artifacts'),
        SLACK_API_URL: bot.slack.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        ...(stopAt ? { STOP_AT: stopAt } : {}),
      },
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(`exit ${code ?? signal}: ${stderr.slice(-2000)}`)),
    );
    const stopped = new Promise<void>((resolve) => child.on('message', () => resolve()));
    return { child, exited, stopped };
  }

  /** The request's status, with the reason it stopped when it did. */
  const statusOf = (n: number) => {
    const b = getBatch(bot.db, n);
    return b?.error ? `${b.status}: ${b.error}` : b?.status;
  };

  it('slow pages, 500s and expiring sessions, with the app SIGKILLed after request 1 was pasted: request 1 is filed once after the restart', async () => {
    sim.admin.setFaults({ slowMs: 100, errorRate: 0.1, sessionTtlMs: 8_000 });
    await approve(1);
    const first = runApp('1:0:pasted');
    await Promise.race([
      first.stopped,
      first.exited.then((r) => Promise.reject(new Error(`ended early: ${r} ${statusOf(1)} ${threadOf(1)}`))),
    ]);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(statusOf(1)).toBe('submitting');
    expect(sim.admin.state().pending).toHaveLength(SIZES[0] as number);

    expect(await runApp().exited).toMatch(/^exit 0/);
    expect(statusOf(1)).toBe('submitted');
    expect(threadOf(1)).toContain(`Done: ${SIZES[0]} listings filed`);
    const served = sim.admin.state().served;
    expect(served.errors).toBeGreaterThan(0);
  }, 240_000);

  it('a slider check at sign-in: request 2 waits for takedown login, its thread says who must do what, and it resumes after', async () => {
    sim.admin.setFaults({ slowMs: 0, errorRate: 0, sessionTtlMs: 0, challenge: true });
    sim.admin.expireSessions();
    await approve(2);
    expect(await runApp().exited).toMatch(/^exit 0/);
    expect(statusOf(2)).toMatch(/^needs_login: /);
    expect(threadOf(2)).toContain('Filing is paused until a person signs in to the portal');
    expect(threadOf(2)).toContain(`Someone who holds the portal account ${USER} runs \`takedown login\``);
    expect(messageOf(2)).toContain('Waiting for a portal sign-in');

    let done = false;
    const login = interactiveLogin({
      baseUrl: sim.url,
      user: USER,
      password: PASSWORD,
      sessionDir: join(dir, 'sessions'),
      artifactDir: join(dir, 'artifacts'),
      headless: true,
      waitMs: 30_000,
    }).finally(() => {
      done = true;
    });
    while (!done) {
      sim.admin.passChallenges();
      await new Promise((r) => setTimeout(r, 100));
    }
    await login;
    expect(resumeWaitingBatches(bot.db)).toBe(1);
    expect(await runApp().exited).toMatch(/^exit 0/);
    expect(statusOf(2)).toBe('submitted');
    expect(threadOf(2)).toContain(`Done: ${SIZES[1]} listings filed`);
  }, 240_000);

  it('a maintenance page: request 3 stops, and its thread and message say the portal did not respond and to press Retry', async () => {
    sim.admin.setFaults({ challenge: false, maintenance: true });
    await approve(3);
    expect(await runApp().exited).toMatch(/^exit 0/);
    expect(statusOf(3)).toMatch(/^failed: /);
    expect(threadOf(3)).toContain('Filing stopped.');
    expect(threadOf(3)).toContain('press Retry on the request');
    expect(messageOf(3)).toContain('Filing stopped.');
  }, 240_000);

  it('a renamed Match button: request 4 stops, naming a screenshot and a trace that exist, and nothing of it is filed', async () => {
    sim.admin.setFaults({ maintenance: false, renamedButtons: { Match: 'Submit Complaint' } });
    await approve(4);
    expect(await runApp().exited).toMatch(/^exit 0/);
    expect(statusOf(4)).toMatch(/^failed: /);
    const thread = threadOf(4);
    expect(thread).toContain('no longer shows the "Match" button');
    const shot = /Screenshot: (\S+\.png)/.exec(thread)?.[1];
    const trace = /Trace: (\S+\.trace\.zip)/.exec(thread)?.[1];
    expect(shot && existsSync(shot)).toBe(true);
    expect(trace && existsSync(trace)).toBe(true);
  }, 240_000);

  it('no listing is lost and none is filed twice: the database and the portal agree on every case', () => {
    const cases = sim.admin.state().cases;
    const onPortal = cases.map((c) => c.listingUrl);
    expect(new Set(onPortal).size).toBe(onPortal.length);
    const filed = [...Array(SIZES[0]).keys()]
      .map((i) => link(1, i))
      .concat([...Array(SIZES[1]).keys()].map((i) => link(2, i)));
    expect([...onPortal].sort()).toEqual(filed.sort());

    const items = bot.db.all<{ batch: number; url: string; outcome: string; caseNumber: string | null }>(sql`
      select i.batch_id as batch, l.url, i.outcome, i.case_number as caseNumber
      from batch_items i join listings l on l.id = i.listing_id order by i.batch_id, l.url`);
    expect(items).toHaveLength(SIZES.reduce((a, b) => a + b, 0));
    const caseOf = new Map(cases.map((c) => [c.listingUrl, c.caseNumber]));
    for (const it of items) {
      if (it.batch <= 2) expect(it).toMatchObject({ outcome: 'filed', caseNumber: caseOf.get(it.url) });
      else expect(it).toMatchObject({ outcome: 'pending', caseNumber: null });
    }
    for (const n of [3, 4]) {
      expect(getBatch(bot.db, n)?.error).toBeTruthy();
      expect(threadOf(n)).toContain('Nothing was filed twice');
    }
  });
});
