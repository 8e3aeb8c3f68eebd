/**
 * The portal fighting back, in real Chromium against the simulator: each fault switched on, and what a
 * person would see (the batch's status, the thread's message, the files named in it).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireBrowser, type BrowserLease } from '../../src/automation/browser.ts';
import { interactiveLogin, resumeWaitingBatches } from '../../src/automation/login.ts';
import { PlaywrightPortalDriver } from '../../src/automation/portal-driver.ts';
import { PortalSession } from '../../src/automation/portal-session.ts';
import { BatchWorker } from '../../src/automation/worker.ts';
import { TakedownError } from '../../src/core/errors.ts';
import type { BatchEvents, BatchRef } from '../../src/core/ports.ts';
import type { Db } from '../../src/db/connection.ts';
import { approveBatch, batchOutcomes, createBatch, getBatch } from '../../src/db/repositories/batches.ts';
import { recordHistory } from '../../src/db/repositories/cases.ts';
import { caseEvents } from '../../src/db/schema.ts';
import { searchCatalogue } from '../../src/sandbox/portal/catalogue.ts';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type PortalSimulator,
  type PortalSimulatorOptions,
  startPortalSimulator,
} from '../../src/sandbox/portal/index.ts';
import { syncStatuses } from '../../src/scheduler/tasks.ts';
import { tempDb } from '../helpers/db.ts';

const { user, password } = DEFAULT_PORTAL_ACCOUNT;
const IPR = '2485097';
const quiet = pino({ level: 'silent' });
const item = (n: number) => `https://www.aliexpress.com/item/${1005007100000000 + n}.html`;
const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => item(from + i));

let lease: BrowserLease;
let sim: PortalSimulator | undefined;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  lease = await acquireBrowser();
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await sim?.close();
});
afterAll(async () => {
  await lease.release();
});

async function startSim(opts: PortalSimulatorOptions = {}) {
  sim = await startPortalSimulator({
    ipVerificationDelayMs: 0,
    iprs: [{ regNo: IPR, name: 'CRKT', owner: 'Columbia River Knife & Tool' }],
    onError: () => undefined,
    ...opts,
  });
  return sim;
}

function driverOptions(s: PortalSimulator, dir = mkdtempSync(join(tmpdir(), 'portal-faults-'))) {
  return {
    baseUrl: s.url,
    user,
    password,
    sessionDir: join(dir, 'sessions'),
    artifactDir: join(dir, 'artifacts'),
    timeoutMs: 3_000,
    logger: quiet,
  };
}

function driverFor(s: PortalSimulator) {
  const d = new PlaywrightPortalDriver(driverOptions(s));
  cleanups.push(() => d.close());
  return d;
}

class ThreadEvents implements BatchEvents {
  thread: string[] = [];
  async chunkStarted(_b: BatchRef, c: { index: number; count: number }) {
    this.thread.push(`started ${c.index + 1}/${c.count}`);
  }
  async chunkFiled(_b: BatchRef, c: { index: number; filed: unknown[]; refused: unknown[] }) {
    this.thread.push(`filed ${c.index + 1}: ${c.filed.length} filed, ${c.refused.length} refused`);
  }
  async batchFinished(_b: BatchRef, r: { filed: number; refused: number }) {
    this.thread.push(`finished: ${r.filed} filed, ${r.refused} refused`);
  }
  async batchStopped(_b: BatchRef, s: { status: string; message: string }) {
    this.thread.push(`stopped (${s.status}): ${s.message}`);
  }
}

/** A database with one approved batch of these URLs, and a worker filing through Chromium. */
function filing(s: PortalSimulator, urls: string[], opts: { retries?: number } = {}) {
  const db = tempDb();
  const batch = createBatch(db, {
    requestedBy: 'UANALYST',
    channelId: 'CBRAND',
    source: 'pasted links',
    reason: 'Counterfeit Listing',
    chunkLimit: 200,
    intakeReport: {
      total: urls.length,
      ok: urls.length,
      duplicate: 0,
      alreadyFiled: 0,
      invalid: 0,
      unresolved: 0,
      refused: [],
    },
    listings: urls.map((url) => ({
      platform: 'aliexpress' as const,
      itemId: /(\d+)\.html/.exec(url)?.[1] ?? '',
      url,
    })),
  });
  approveBatch(db, batch.id, {
    by: 'UAPPROVER',
    iprRegNo: IPR,
    reason: 'Counterfeit Listing',
    at: new Date(),
  });
  const options = driverOptions(s);
  const session = new PortalSession(() => PlaywrightPortalDriver.open(options));
  cleanups.push(() => session.close());
  const events = new ThreadEvents();
  const worker = new BatchWorker({
    db,
    withPortal: (fn) => session.use(fn),
    events,
    logger: quiet,
    retries: opts.retries ?? 2,
    retryMinTimeoutMs: 20,
  });
  return { db, batchId: batch.id, worker, events, options };
}

function casesOnPortal(s: PortalSimulator) {
  return s.admin.state().cases.map((c) => c.listingUrl);
}

async function failure(p: Promise<unknown>): Promise<TakedownError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TakedownError);
  return err as TakedownError;
}

describe('when the portal fights back', () => {
  it('slow pages still file every listing once', async () => {
    const s = await startSim({ faults: { slowMs: 150 } });
    const urls = items(0, 5);
    const { db, batchId, worker, events } = filing(s, urls);
    await worker.kick();
    expect(getBatch(db, batchId)?.status).toBe('submitted');
    expect(casesOnPortal(s).sort()).toEqual([...urls].sort());
    expect(events.thread.at(-1)).toBe('finished: 5 filed, 0 refused');
  });

  it('HTTP 500s at a rate are retried with backoff, and every listing is filed once', async () => {
    const s = await startSim({ faults: { errorRate: 0.15 } });
    const urls = items(100, 15);
    const { db, batchId, worker } = filing(s, urls, { retries: 6 });
    await worker.kick();
    expect(s.admin.state().served.errors).toBeGreaterThan(0);
    expect(getBatch(db, batchId)?.status).toBe('submitted');
    expect(batchOutcomes(db, batchId)).toEqual({ pending: 0, filed: 15, refused: 0 });
    const filed = casesOnPortal(s);
    expect(filed).toHaveLength(15);
    expect(new Set(filed)).toEqual(new Set(urls));
  }, 150_000);

  it('a maintenance page fails the batch after the bounded retries, and the thread says to press Retry once the portal answers', async () => {
    const s = await startSim({ faults: { maintenance: true } });
    const { db, batchId, worker, events } = filing(s, items(200, 3), { retries: 1 });
    await worker.kick();
    const batch = getBatch(db, batchId);
    expect(batch?.status).toBe('failed');
    expect(batch?.error).toContain('did not respond properly (HTTP 503)');
    expect(events.thread.at(-1)).toContain('stopped (failed)');
    expect(events.thread.at(-1)).toContain(
      'press Retry on the request once the portal answers again; nothing is filed twice',
    );
    expect(s.admin.state().served.maintenance).toBeGreaterThan(0);
    expect(casesOnPortal(s)).toEqual([]);
  });

  it('an expired session signs in again and carries on', async () => {
    const s = await startSim({ faults: { sessionTtlMs: 5_000 } });
    const d = driverFor(s);
    await d.pasteListings(items(300, 3));
    await new Promise((r) => setTimeout(r, 5_100));
    expect(await d.listIprs()).toHaveLength(1);
  });

  /** Holds the portal's answer to "Continue" while `meanwhile` runs: the Match form then opens on a changed portal. */
  async function matchWhile(s: PortalSimulator, urls: string[], meanwhile: () => void) {
    s.admin.hold({ action: 'continue', when: 'before', nth: 1 });
    const matching = driverFor(s).matchPending(urls, IPR, 'Counterfeit Listing');
    for (let waited = 0; !s.admin.state().holds.holds[0]?.hit; waited += 50) {
      if (waited > 20_000) throw new Error('the driver never pressed Continue');
      await new Promise((r) => setTimeout(r, 50));
    }
    meanwhile();
    s.admin.releaseHolds();
    return matching;
  }

  it('when the session ends while the Match form is open, the listings are matched after signing in again and none is left in Pending Submissions', async () => {
    const s = await startSim();
    const urls = items(320, 3);
    await driverFor(s).pasteListings(urls);
    await matchWhile(s, urls, () => s.admin.expireSessions());
    expect(s.admin.state().pending).toHaveLength(0);
    expect(casesOnPortal(s).sort()).toEqual([...urls].sort());
  });

  it('when the portal answers Match with HTTP 500, it is not taken as done: Pending Submissions is read again and each listing is matched once', async () => {
    const s = await startSim();
    const urls = items(330, 3);
    await driverFor(s).pasteListings(urls);
    s.admin.hold({ action: 'match', when: 'before', nth: 1, busy: true });
    await driverFor(s).matchPending(urls, IPR, 'Counterfeit Listing');
    expect(s.admin.state().served.errors).toBe(1);
    expect(s.admin.state().pending).toHaveLength(0);
    const cases = s.admin.state().cases;
    expect(cases.map((c) => c.listingUrl).sort()).toEqual([...urls].sort());
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(1);
  });

  it('when the portal answers a sign-in with HTTP 500, the driver signs in again and the step goes on', async () => {
    const s = await startSim();
    s.admin.hold({ action: 'sign-in', when: 'before', nth: 1, busy: true });
    expect(await driverFor(s).listIprs()).toHaveLength(1);
    expect(s.admin.state().served.errors).toBe(1);
  });

  it('a slider check puts the batch in needs_login, says who must run takedown login, and the batch resumes after it', async () => {
    const s = await startSim({ faults: { challenge: true } });
    const urls = items(400, 4);
    const { db, batchId, worker, events, options } = filing(s, urls);
    await worker.kick();
    expect(getBatch(db, batchId)?.status).toBe('needs_login');
    const stop = events.thread.at(-1) ?? '';
    expect(stop).toContain('stopped (needs_login)');
    expect(stop).toContain('"Security check"');
    expect(stop).toContain(`Someone who holds the portal account ${user} runs \`takedown login\``);
    expect(casesOnPortal(s)).toEqual([]);

    // takedown login, headless: the person's part (the slider) is done through the admin API.
    let signedIn = false;
    const login = interactiveLogin({ ...options, headless: true, waitMs: 30_000 }).finally(() => {
      signedIn = true;
    });
    let passedByPerson = 0;
    while (!signedIn) {
      passedByPerson += s.admin.passChallenges();
      await new Promise((r) => setTimeout(r, 100));
    }
    const file = await login;
    expect(passedByPerson).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(true);
    expect(resumeWaitingBatches(db)).toBe(1);
    await worker.kick();
    expect(getBatch(db, batchId)?.status).toBe('submitted');
    expect(casesOnPortal(s).sort()).toEqual([...urls].sort());
    expect(events.thread.at(-1)).toBe('finished: 4 filed, 0 refused');
  });

  it('a renamed button fails the chunk with a screenshot and a Playwright trace named in the thread, and nothing is filed', async () => {
    const s = await startSim({ faults: { renamedButtons: { Match: 'Submit Complaint' } } });
    const { db, batchId, worker, events } = filing(s, items(500, 3));
    await worker.kick();
    expect(getBatch(db, batchId)?.status).toBe('failed');
    const stop = events.thread.at(-1) ?? '';
    expect(stop).toContain('no longer shows the "Match" button');
    const shot = /Screenshot: (\S+\.png)/.exec(stop)?.[1];
    const trace = /Trace: (\S+\.trace\.zip)/.exec(stop)?.[1];
    expect(shot && existsSync(shot)).toBe(true);
    expect(trace && existsSync(trace)).toBe(true);
    expect(casesOnPortal(s)).toEqual([]);
    expect(s.admin.state().pending).toHaveLength(3);
  });

  it('refuses listings another complainant already reported or got removed, with the portal’s reasons, and files the rest', async () => {
    const other = { user: 'agent@other.example', password: 'other-pass' };
    const s = await startSim({
      accounts: [{ user, password }, other],
      iprs: [
        { regNo: IPR, name: 'CRKT', owner: 'Columbia River Knife & Tool' },
        { account: other.user, regNo: 'TM-OTHER', name: 'Other', owner: 'Other' },
      ],
    });
    const agent = new PlaywrightPortalDriver({ ...driverOptions(s), ...other });
    cleanups.push(() => agent.close());
    await agent.pasteListings(items(600, 3));
    await agent.matchPending(items(600, 2), 'TM-OTHER', 'Counterfeit Listing');
    s.admin.resolveCases({ caseNumber: s.admin.state().cases[0]?.caseNumber ?? '' });
    await agent.matchPending([item(602)], 'TM-OTHER', 'Counterfeit Listing');
    const { db, batchId, worker, events } = filing(s, items(600, 5));
    await worker.kick();
    expect(getBatch(db, batchId)?.status).toBe('submitted');
    expect(batchOutcomes(db, batchId)).toEqual({ pending: 0, filed: 2, refused: 3 });
    expect(events.thread).toContain('filed 1: 2 filed, 3 refused');
    const reasons = db.sqlite
      .prepare('select refusal_reason from batch_items where outcome = ? order by id')
      .pluck()
      .all('refused');
    expect(reasons).toEqual([
      'This listing has already been removed.',
      'This listing has already been removed.',
      expect.stringMatching(/^This listing has already been complained about \(case \d{18}\)\.$/),
    ]);
  });

  it('status sync records Rejected with the portal’s reason and Counter-Notification with the date to answer by', async () => {
    const s = await startSim({ startDate: new Date('2026-03-02T09:00:00Z') });
    const d = driverFor(s);
    await d.pasteListings(items(700, 2));
    await d.matchPending([item(700)], IPR, 'Counterfeit Listing');
    await d.matchPending([item(701)], IPR, 'Counterfeit Listing');
    const db: Db = tempDb();
    expect(recordHistory(db, await d.history(), new Date())).toHaveLength(2);
    const [newer, older] = s.admin
      .state()
      .cases.map((c) => c.caseNumber)
      .reverse();
    s.admin.resolveCases({ outcome: 'Rejected', caseNumber: older ?? '' });
    s.admin.resolveCases({ outcome: 'Pending Counter-Notification', caseNumber: newer ?? '' });
    const second = await syncStatuses({ db, portal: d, now: new Date(), logger: quiet });
    expect(second.changed).toBe(2);
    const details = db
      .select()
      .from(caseEvents)
      .all()
      .filter((e) => e.fromStatus === 'in_progress');
    expect(details.map((e) => [e.toStatus, e.detail]).sort()).toEqual([
      ['counter_notified', 'Pending Counter-Notification (respond by 03/12/2026)'],
      ['rejected', expect.stringMatching(/^Rejected: .+\.$/)],
    ]);
  });

  it('complaints wait until an IPR is verified, which takes time', async () => {
    // Long enough that the first paste lands before verification even on a loaded machine.
    const s = await startSim({ iprs: [], ipVerificationDelayMs: 8_000 });
    const dir = mkdtempSync(join(tmpdir(), 'ipr-'));
    const certificate = join(dir, 'certificate.pdf');
    writeFileSync(certificate, 'Trademark certificate');
    const d = driverFor(s);
    await d.submitIpr({
      regNo: IPR,
      name: 'CRKT',
      owner: 'Columbia River Knife & Tool',
      type: 'Trademark',
      region: 'Mainland China',
      validFrom: '2010-01-01',
      validTo: '2030-12-31',
      documents: [{ path: certificate }],
    });
    const err = await failure(d.pasteListings([item(800)]));
    expect(err.userMessage).toContain('Complaints can only be submitted after an IPR submission is verified');
    const verifiedBy = Date.now() + 20_000;
    let statuses = (await d.listIprs()).map((i) => i.status);
    while (statuses[0] !== 'verified' && Date.now() < verifiedBy) {
      await new Promise((r) => setTimeout(r, 500));
      statuses = (await d.listIprs()).map((i) => i.status);
    }
    expect(statuses).toEqual(['verified']);
    expect(await d.pasteListings([item(800)])).toEqual({ saved: 1, refused: [] });
  });

  it('an IPR document over 2 MB or in a format the portal refuses is turned down before the portal sees it', async () => {
    const s = await startSim({ iprs: [] });
    const dir = mkdtempSync(join(tmpdir(), 'ipr-'));
    const big = join(dir, 'certificate.pdf');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024 + 1));
    const exe = join(dir, 'certificate.exe');
    writeFileSync(exe, 'x');
    const d = driverFor(s);
    const err = await failure(
      d.submitIpr({
        regNo: IPR,
        name: 'N'.repeat(101),
        owner: 'CRKT',
        type: 'Trademark',
        region: 'Mainland China',
        validFrom: '2010-01-01',
        validTo: '2030-12-31',
        documents: [{ path: big }, { path: exe }],
      }),
    );
    expect(err.code).toBe('bad_input');
    expect(err.userMessage).toContain(
      'IPR Name/Description has 101 characters; the portal takes at most 100',
    );
    expect(err.userMessage).toContain('certificate.pdf is 2.0 MB; each file must not exceed 2MB');
    expect(err.userMessage).toContain('certificate.exe is not an accepted format');
    expect(s.admin.state().iprs).toEqual([]);
  });
});

describe('keyword search and Withdraw', () => {
  it('Option 1 returns every listing the portal finds for the keyword on the platform, across pages', async () => {
    const s = await startSim({ pageSize: 5 });
    const d = driverFor(s);
    const found = await d.searchListings('RIVERSTONE', 'aliexpress');
    const expected = searchCatalogue(1, 'RIVERSTONE', 'aliexpress');
    expect(expected.length).toBeGreaterThan(5);
    expect(found.map((r) => r.listingUrl)).toEqual(expected.map((l) => l.url));
    expect(
      found.every((r) => r.title.includes('RIVERSTONE') && r.seller && /^US \$\d+\.99$/.test(r.price ?? '')),
    ).toBe(true);
    expect(await d.searchListings('no such brand anywhere', '1688')).toEqual([]);
  });

  it('withdraws every listing of a case, and says so when a case cannot be withdrawn or does not exist', async () => {
    const s = await startSim();
    const d = driverFor(s);
    await d.pasteListings(items(900, 3));
    await d.matchPending(items(900, 3), IPR, 'Counterfeit Listing');
    const caseNumber = s.admin.state().cases[0]?.caseNumber ?? '';
    await d.withdraw(caseNumber);
    expect(s.admin.state().cases.map((c) => c.status)).toEqual(['Withdrawn', 'Withdrawn', 'Withdrawn']);

    await d.pasteListings([item(950)]);
    await d.matchPending([item(950)], IPR, 'Counterfeit Listing');
    const removed = s.admin.state().cases.at(-1)?.caseNumber ?? '';
    s.admin.resolveCases({ caseNumber: removed });
    const refused = await failure(d.withdraw(removed));
    expect(refused.code).toBe('portal_refused');
    const missing = await failure(d.withdraw('209901010000000001'));
    expect(missing.code).toBe('not_found');
    expect((await failure(d.withdraw('not-a-case'))).code).toBe('bad_input');
  });
});
