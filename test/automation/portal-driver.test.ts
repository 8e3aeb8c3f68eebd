/** The Playwright PortalDriver driving real Chromium against the portal simulator over HTTP. */
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireBrowser, type BrowserLease } from '../../src/automation/browser.ts';
import { PlaywrightPortalDriver } from '../../src/automation/portal-driver.ts';
import { TakedownError } from '../../src/core/errors.ts';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type PortalSimulator,
  type PortalSimulatorOptions,
  startPortalSimulator,
} from '../../src/sandbox/portal/index.ts';

const { user, password } = DEFAULT_PORTAL_ACCOUNT;
const IPR = '2485097';
const item = (n: number) => `https://www.aliexpress.com/item/${1005007000000000 + n}.html`;
const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => item(from + i));

let lease: BrowserLease;
let sim: PortalSimulator | undefined;
const drivers: PlaywrightPortalDriver[] = [];

beforeAll(async () => {
  // Holding the shared browser keeps one Chromium for the whole file, as in production.
  lease = await acquireBrowser();
});
afterEach(async () => {
  for (const d of drivers.splice(0)) await d.close();
  await sim?.close();
});
afterAll(async () => {
  await lease.release();
});

async function startSim(opts: PortalSimulatorOptions = {}) {
  sim = await startPortalSimulator({
    ipVerificationDelayMs: 0,
    iprs: [{ regNo: IPR, name: 'CRKT', owner: 'Columbia River Knife & Tool' }],
    ...opts,
  });
  return sim;
}

function driverFor(
  s: PortalSimulator,
  opts: { password?: string; dir?: string; timeoutMs?: number; baseUrl?: string } = {},
) {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'portal-driver-'));
  const d = new PlaywrightPortalDriver({
    baseUrl: opts.baseUrl ?? s.url,
    user,
    password: opts.password ?? password,
    sessionDir: join(dir, 'sessions'),
    artifactDir: join(dir, 'artifacts'),
    timeoutMs: opts.timeoutMs ?? 5_000,
  });
  drivers.push(d);
  return { driver: d, dir };
}

async function failure(p: Promise<unknown>): Promise<TakedownError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TakedownError);
  return err as TakedownError;
}

describe('PlaywrightPortalDriver', () => {
  it('signs in, keeps the session in a file only its owner can read, and reuses it next time', async () => {
    const s = await startSim();
    const { driver, dir } = driverFor(s);
    expect(await driver.listIprs()).toEqual([
      {
        regNo: IPR,
        name: 'CRKT',
        owner: 'Columbia River Knife & Tool',
        type: 'Trademark',
        status: 'verified',
      },
    ]);
    const files = readdirSync(join(dir, 'sessions'));
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, 'sessions', files[0] ?? '')).mode & 0o777).toBe(0o600);
    await driver.close();
    // A wrong password goes unnoticed while the saved session is still good: the session was reused.
    const { driver: again } = driverFor(s, { dir, password: 'not-used' });
    expect(await again.listIprs()).toHaveLength(1);
  });

  it('when the session has expired, signs in again and carries on', async () => {
    const s = await startSim();
    const { driver } = driverFor(s);
    await driver.listIprs();
    expect(s.admin.expireSessions()).toBe(1);
    expect(await driver.listIprs()).toHaveLength(1);
  });

  it('when the password is wrong, stops with needs_login and the portal’s message', async () => {
    const s = await startSim();
    const { driver } = driverFor(s, { password: 'wrong' });
    const err = await failure(driver.listIprs());
    expect(err.code).toBe('needs_login');
    expect(err.userMessage).toContain('The User ID or Password is incorrect');
  });

  it('submits an IPR, which shows "Pending Verification" until the portal verifies it', async () => {
    const s = await startSim({ iprs: [], ipVerificationDelayMs: 3_600_000 });
    const { driver, dir } = driverFor(s);
    const certificate = join(dir, 'certificate.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(certificate, 'Trademark certificate 2485097'));
    await driver.submitIpr({
      regNo: IPR,
      name: 'CRKT',
      owner: 'Columbia River Knife & Tool',
      type: 'Trademark',
      region: 'Mainland China',
      validFrom: '2010-01-01',
      validTo: '2030-12-31',
      authFrom: '2020-01-01',
      authTo: '2025-12-31',
      documents: [{ path: certificate }],
    });
    expect((await driver.listIprs()).map((i) => [i.regNo, i.status])).toEqual([[IPR, 'submitted']]);
    expect(s.admin.state().iprs[0]).toMatchObject({ authFrom: '2020-01-01', documents: ['certificate.txt'] });
    s.admin.verifyIpr(IPR);
    expect((await driver.listIprs()).map((i) => [i.regNo, i.status])).toEqual([[IPR, 'verified']]);
  });

  it('when the portal refuses an IPR, says why', async () => {
    const s = await startSim();
    const { driver } = driverFor(s);
    const err = await failure(
      driver.submitIpr({
        regNo: IPR,
        name: 'CRKT',
        owner: 'CRKT',
        type: 'Trademark',
        region: 'Mainland China',
        validFrom: '2010-01-01',
        validTo: '2030-12-31',
      }),
    );
    expect(err.code).toBe('portal_refused');
    expect(err.userMessage).toContain('has already been submitted');
  });

  it('reports each URL the portal refused, with the portal’s reason', async () => {
    const s = await startSim();
    const { driver } = driverFor(s);
    await driver.pasteListings([item(1)]);
    const result = await driver.pasteListings([item(1), item(2), 'https://www.aliexpress.com/store/1234567']);
    expect(result).toEqual({
      saved: 1,
      refused: [
        { url: item(1), reason: 'This listing is already in Pending Submissions.' },
        {
          url: 'https://www.aliexpress.com/store/1234567',
          reason: 'Only product listings can be submitted.',
        },
      ],
    });
  });

  it('when a paste is over the portal’s limit, reports the portal’s refusal of the whole submission', async () => {
    const s = await startSim({ chunkLimit: 10 });
    const { driver } = driverFor(s);
    const err = await failure(driver.pasteListings(items(0, 11)));
    expect(err.code).toBe('portal_refused');
    expect(err.userMessage).toContain('There is a maximum of 10 listings per submission');
  });

  it('reads Pending Submissions across all its pages', async () => {
    const s = await startSim();
    const { driver } = driverFor(s);
    await driver.pasteListings(items(0, 45));
    const rows = await driver.pendingSubmissions();
    expect(rows.map((r) => r.listingUrl)).toEqual(items(0, 45));
    expect(rows.map((r) => r.productName)).toEqual(s.admin.state().pending.map((p) => p.productName));
    expect(rows.every((r) => r.companyName.length > 0)).toBe(true);
  });

  it('matches exactly the given listings, page by page, leaving the others pending', async () => {
    const s = await startSim();
    const { driver } = driverFor(s);
    const all = items(0, 30);
    await driver.pasteListings(all);
    const ours = all.filter((_, i) => i % 3 !== 0);
    await driver.matchPending(ours, IPR, 'Counterfeit Listing');
    const { pending, cases } = s.admin.state();
    expect(pending.map((p) => p.url)).toEqual(all.filter((_, i) => i % 3 === 0));
    expect(cases.map((c) => c.listingUrl).sort()).toEqual([...ours].sort());
    expect(cases.every((c) => c.iprRegNo === IPR && c.reason === 'Counterfeit Listing')).toBe(true);
  });

  it('when the IPR is not verified on the portal, refuses to match and says so', async () => {
    const s = await startSim({
      ipVerificationDelayMs: 3_600_000,
      iprs: [
        { regNo: IPR, name: 'CRKT', owner: 'CRKT' },
        { regNo: 'TM-9', name: 'X', owner: 'X', status: 'Pending Verification' },
      ],
    });
    const { driver } = driverFor(s);
    await driver.pasteListings([item(1)]);
    const err = await failure(driver.matchPending([item(1)], 'TM-9', 'Counterfeit Listing'));
    expect(err.code).toBe('portal_refused');
    expect(err.userMessage).toContain('The IPR TM-9 is not among the verified IPRs');
    expect(s.admin.state().pending).toHaveLength(1);
  });

  it('files 450 URLs as 3 pastes of at most 200, and History shows each listing’s case number and status', async () => {
    const s = await startSim();
    const { driver } = driverFor(s);
    const urls = items(0, 450);
    const pastes = [urls.slice(0, 200), urls.slice(200, 400), urls.slice(400)];
    let saved = 0;
    for (const chunk of pastes) {
      const result = await driver.pasteListings(chunk);
      expect(result.refused).toEqual([]);
      saved += result.saved;
      await driver.matchPending(chunk, IPR, 'Counterfeit Listing');
    }
    expect(saved).toBe(450);
    expect(s.admin.state().pending).toHaveLength(0);

    const filed = await driver.history();
    expect(filed).toHaveLength(450);
    expect(new Set(filed.map((r) => r.listingUrl))).toEqual(new Set(urls));
    expect(
      filed.every(
        (r) => /^\d{18}$/.test(r.caseNumber) && r.iprRegNo === IPR && r.platform === 'Aliexpress.com',
      ),
    ).toBe(true);
    expect(new Set(filed.map((r) => r.status))).toEqual(new Set(['in_progress']));
    const byListing = new Map(s.admin.state().cases.map((c) => [c.listingUrl, c.caseNumber]));
    expect(filed.every((r) => byListing.get(r.listingUrl) === r.caseNumber)).toBe(true);

    s.admin.resolveCases();
    const resolved = await driver.history({ caseNumber: filed[0]?.caseNumber });
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((r) => r.status === 'removed' && r.statusText === 'Listing Removed')).toBe(true);
  }, 180_000);

  it('reads History newest first and stops at rows older than "since"', async () => {
    const s = await startSim({ startDate: new Date('2024-03-01T10:00:00Z'), pageSize: 5 });
    const { driver } = driverFor(s);
    await driver.pasteListings(items(0, 12));
    await driver.matchPending(items(0, 12), IPR, 'Counterfeit Listing');
    s.admin.advanceDays(3);
    await driver.pasteListings(items(100, 3));
    await driver.matchPending(items(100, 3), IPR, 'Counterfeit Listing');
    s.admin.resolveCases({ outcome: 'Rejected' });

    const recent = await driver.history({ since: new Date('2024-03-04T00:00:00Z') });
    expect(recent.map((r) => r.listingUrl).sort()).toEqual(items(100, 3).sort());
    expect(recent.every((r) => r.complaintDate === '03/04/2024' && r.status === 'rejected')).toBe(true);
    const all = await driver.history();
    expect(all).toHaveLength(15);
    expect(all.at(-1)?.complaintDate).toBe('03/01/2024');
  });

  it('when an expected element is missing, stops with portal_changed and a screenshot', async () => {
    const s = await startSim();
    const { driver } = driverFor(s, { baseUrl: `${s.url}/healthz`, timeoutMs: 500 });
    const err = await failure(driver.listIprs());
    expect(err.code).toBe('portal_changed');
    const shot = /Screenshot: (\S+\.png)/.exec(err.userMessage)?.[1];
    expect(shot && existsSync(shot)).toBe(true);
  });

  it('when the portal cannot be reached, stops with portal_unavailable', async () => {
    const s = await startSim();
    const { driver } = driverFor(s);
    await s.close();
    const err = await failure(driver.listIprs());
    expect(err.code).toBe('portal_unavailable');
    expect(err.userMessage).toContain('ERR_CONNECTION_REFUSED');
  });
});
