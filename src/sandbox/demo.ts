/**
 * `npm run demo`: the main job end to end on the embedded stand-ins. Starts the portal simulator, the Slack
 * stand-in and the real app on free local ports with its own SQLite file, registers an IPR on the portal
 * through the browser, then plays the analyst and the approver in Slack. Prints what the channel shows;
 * the last line gives the counts. Exit 0 only when every valid listing was filed once and the digest posted.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { TakedownError } from '../core/errors.ts';
import { type Batch, getBatch } from '../db/repositories/batches.ts';
import { batchItems, cases } from '../db/schema.ts';
import { createLogger } from '../logger.ts';
import { startTakedown, type Takedown } from '../server.ts';
import { DEFAULT_PORTAL_ACCOUNT, startPortalSimulator } from './portal/index.ts';
import { SlackDriver } from './slack/driver.ts';
import { startSlackStandIn } from './slack/server.ts';
import { renderTranscript } from './slack/transcript.ts';

const FIXTURES = resolve(fileURLToPath(import.meta.url), '../../../../shared/fixtures');
const CHANNEL = { id: 'C0BRANDPRO', name: 'brand-protection' };
const ANALYST = { id: 'U0ANALYST1', name: 'maya', realName: 'Maya Chen' };
const APPROVER = { id: 'U0APPROVE1', name: 'lee', realName: 'Lee Park' };
const IPR = {
  regNo: '2485097',
  name: 'RIVERSTONE word mark, knives (class 8)',
  owner: 'Riverstone Knives Inc.',
  type: 'Trademark' as const,
  region: 'United States',
  validFrom: '2015-03-01',
  validTo: '2035-02-28',
};
const FINAL = new Set<Batch['status']>(['submitted', 'failed', 'needs_login', 'cancelled']);

export interface DemoOptions {
  listingsText?: string;
  csvName?: string;
  csv?: Buffer;
  /** Where the SQLite file and the browser session go; a temporary folder by default (removed after). */
  dir?: string;
  log?: (line: string) => void;
  print?: (text: string) => void;
}

export interface DemoResult {
  ok: boolean;
  filed: number;
  refused: number;
  removed: number;
  open: number;
  digestPosted: boolean;
  seconds: number;
  transcript: string;
}

export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { keep: { type: 'boolean' } } });
  const dir = values.keep ? mkdtempSync(join(tmpdir(), 'takedown-demo-')) : undefined;
  const result = await demo({ ...(dir ? { dir } : {}) });
  if (dir) process.stdout.write(`(database and artifacts kept in ${dir})\n`);
  return result.ok ? 0 : 1;
}

export async function demo(o: DemoOptions = {}): Promise<DemoResult> {
  const t0 = Date.now();
  const log = o.log ?? ((line: string) => process.stdout.write(`» ${line}\n`));
  const print = o.print ?? ((text: string) => process.stdout.write(text));
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'takedown-demo-'));
  const listingsText = o.listingsText ?? readFileSync(join(FIXTURES, 'seed-listings.txt'), 'utf8');
  const csvName = o.csvName ?? 'listings-export.csv';
  const csv = o.csv ?? readFileSync(join(FIXTURES, 'listings-export.csv'));
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = `xoxb-demo-${randomBytes(8).toString('hex')}`;

  const portal = await startPortalSimulator({ seed: 7, removalDelayDays: 3, ipVerificationDelayMs: 60_000 });
  const slack = await startSlackStandIn({
    botToken,
    botUserId: 'U0TAKEDOWN',
    users: [ANALYST, APPROVER],
    channels: [{ ...CHANNEL, botIsMember: true }],
  });
  let td: Takedown | undefined;
  try {
    log(`portal simulator at ${portal.url}, Slack stand-in at ${slack.url}, database in ${dir}`);
    const config = loadConfig({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_ID: slack.botId,
      SLACK_BOT_USER_ID: slack.botUserId,
      PORT: '0',
      PORTAL_URL: portal.url,
      PORTAL_USER: DEFAULT_PORTAL_ACCOUNT.user,
      PORTAL_PASSWORD: DEFAULT_PORTAL_ACCOUNT.password,
      DB_PATH: join(dir, 'takedown.db'),
      SESSION_DIR: join(dir, 'sessions'),
      ARTIFACT_DIR: join(dir, 'artifacts'),
      DIGEST_CHANNEL: CHANNEL.id,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      TZ: process.env.TZ ?? 'UTC',
    });
    // The app's clock follows the portal's, so days that pass on the portal pass for the digest too.
    let daysPassed = 0;
    const now = () => new Date(Date.now() + daysPassed * 86_400_000);
    const app = await startTakedown(config, { schedule: false, logger: createLogger(config.logLevel), now });
    td = app;
    log(`takedown is listening at ${app.url}`);

    log(`registering IPR ${IPR.regNo} on the portal (IPR Management → Submit IPR) in Chromium…`);
    await app.withPortal((p) => p.submitIpr(IPR));
    portal.admin.verifyIpr(IPR.regNo);
    await app.tasks.sync();
    log('the portal verified the IPR; the app mirrors it as a verified IPR');

    const driver = new SlackDriver({ appUrl: app.url, signingSecret, standIn: slack });

    log('@maya pastes the two listings of the guide with /takedown');
    await expectOk(
      driver.slashCommand({
        command: '/takedown',
        text: listingsText.trim(),
        userId: ANALYST.id,
        channelId: CHANNEL.id,
      }),
    );
    const first = await approveNext(app, slack, driver, 1);
    log(`request #${first.id}: ${first.status}`);

    log(`@maya drops ${csvName} (${csv.length.toLocaleString('en-US')} bytes) in #${CHANNEL.name}`);
    await driver.shareFile({ channelId: CHANNEL.id, userId: ANALYST.id, filename: csvName, content: csv });
    const second = await approveNext(app, slack, driver, 2);
    log(`request #${second.id}: ${second.status}`);

    log('five days pass; the portal removes listings');
    daysPassed = 5;
    portal.admin.advanceDays(daysPassed);
    await app.tasks.sync();
    const digest = await app.tasks.digest();
    log(digest.posted ? 'the morning digest is posted' : `no digest posted: ${digest.reason}`);

    const counts = countOutcomes(app);
    const transcript = renderTranscript(slack.records, slack.directory());
    print(`\n──── #${CHANNEL.name}, as the channel shows it ────\n${transcript}\n────\n`);
    const batchesOk = [first, second].every((b) => b.status === 'submitted');
    const ok = batchesOk && counts.pending === 0 && counts.refused === 0 && counts.filed > 0 && digest.posted;
    const seconds = Math.round((Date.now() - t0) / 100) / 10;
    print(
      `${ok ? 'OK' : 'FAILED'}: filed ${counts.filed}, refused ${counts.refused}, removed ${counts.removed}, still open ${counts.open}` +
        `${counts.pending ? `, NOT FILED ${counts.pending}` : ''}; digest ${digest.posted ? 'posted' : 'not posted'}; ${seconds} s\n`,
    );
    return { ok, ...counts, digestPosted: digest.posted, seconds, transcript };
  } finally {
    await td?.stop();
    await slack.close();
    await portal.close();
    if (!o.dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function expectOk(res: Promise<{ status: number; body: unknown }>) {
  const r = await res;
  if (r.status !== 200)
    throw new TakedownError('internal', `The app answered HTTP ${r.status}: ${JSON.stringify(r.body)}`);
}

/** Waits for request #n's confirmation, has the approver approve it, and waits until filing ends. */
async function approveNext(
  app: Takedown,
  slack: Awaited<ReturnType<typeof startSlackStandIn>>,
  driver: SlackDriver,
  n: number,
) {
  const msg = await slack.waitFor(
    (r) =>
      r.kind === 'post' &&
      r.channel === CHANNEL.id &&
      !r.threadTs &&
      (r.text ?? '').startsWith(`Takedown request #${n}:`),
    30_000,
  );
  await expectOk(
    driver.clickButton({
      channel: CHANNEL.id,
      messageTs: msg.ts as string,
      actionId: 'approve_batch',
      userId: APPROVER.id,
    }),
  );
  const deadline = Date.now() + 300_000;
  for (;;) {
    const b = getBatch(app.db, n);
    if (b && FINAL.has(b.status)) return b;
    if (Date.now() > deadline)
      throw new TakedownError('internal', `Request #${n} was not filed within 300 s (status ${b?.status}).`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function countOutcomes(app: Takedown) {
  const db = app.db;
  const item = (o: 'pending' | 'filed' | 'refused') =>
    db
      .select({ n: sql<number>`count(distinct ${batchItems.listingId})` })
      .from(batchItems)
      .where(eq(batchItems.outcome, o))
      .get()?.n ?? 0;
  const caseCount = (s: 'removed' | 'in_progress') =>
    db.select({ n: sql<number>`count(*)` }).from(cases).where(eq(cases.status, s)).get()?.n ?? 0;
  return {
    filed: item('filed'),
    refused: item('refused'),
    pending: item('pending'),
    removed: caseCount('removed'),
    open: caseCount('in_progress'),
  };
}
