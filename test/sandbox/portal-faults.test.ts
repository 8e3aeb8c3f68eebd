/** The simulator's faults and outcomes over plain HTTP: what a browser would be served. */
import { afterEach, describe, expect, it } from 'vitest';
import { TakedownError } from '../../src/core/errors.ts';
import { runSimulatorCli } from '../../src/sandbox/portal/cli.ts';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type PortalSimulator,
  startPortalSimulator,
} from '../../src/sandbox/portal/index.ts';

let sim: PortalSimulator | undefined;
afterEach(async () => {
  await sim?.close();
});

async function signedInCookie(s: PortalSimulator): Promise<string> {
  const res = await fetch(`${s.url}/complaint/login.htm`, {
    method: 'POST',
    body: new URLSearchParams({
      user: DEFAULT_PORTAL_ACCOUNT.user,
      password: DEFAULT_PORTAL_ACCOUNT.password,
    }),
    redirect: 'manual',
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function statuses(s: PortalSimulator, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await fetch(`${s.url}/complaint/login.htm`)).status);
  return out;
}

describe('the portal simulator’s faults', () => {
  it('answers "System busy" at the configured rate, the same pages for the same seed', async () => {
    sim = await startPortalSimulator({ seed: 42, faults: { errorRate: 0.3 } });
    const first = await statuses(sim, 40);
    await sim.close();
    sim = await startPortalSimulator({ seed: 42, faults: { errorRate: 0.3 } });
    expect(await statuses(sim, 40)).toEqual(first);
    const busy = first.filter((s) => s === 500).length;
    expect(busy).toBeGreaterThan(4);
    expect(busy).toBeLessThan(24);
  });

  it('shows the maintenance page on every page until switched off through the admin API', async () => {
    sim = await startPortalSimulator();
    const on = await fetch(`${sim.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ maintenance: true }),
    });
    expect(await on.json()).toMatchObject({ maintenance: true, errorRate: 0 });
    const page = await fetch(`${sim.url}/complaint/login.htm`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('The system is under maintenance');
    await fetch(`${sim.url}/__admin/faults`, { method: 'DELETE' });
    expect((await fetch(`${sim.url}/complaint/login.htm`)).status).toBe(200);
  });

  it('refuses a fault setting it does not know the shape of, saying which', async () => {
    sim = await startPortalSimulator();
    const res = await fetch(`${sim.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('errorRate');
  });

  it('renames a button, as a portal that changed its page would', async () => {
    sim = await startPortalSimulator({ faults: { renamedButtons: { 'Submit Listings': 'Save Listings' } } });
    const cookie = await signedInCookie(sim);
    const html = await (
      await fetch(`${sim.url}/complaint/product/search_keywords.htm`, { headers: { cookie } })
    ).text();
    expect(html).toContain('>Save Listings</button>');
    expect(html).not.toContain('>Submit Listings</button>');
  });

  it('shows a slider check after the password, and signs in once it is passed', async () => {
    sim = await startPortalSimulator({ faults: { challenge: true } });
    const res = await fetch(`${sim.url}/complaint/login.htm`, {
      method: 'POST',
      body: new URLSearchParams({
        user: DEFAULT_PORTAL_ACCOUNT.user,
        password: DEFAULT_PORTAL_ACCOUNT.password,
      }),
      redirect: 'manual',
    });
    const html = await res.text();
    expect(html).toContain('Please slide to verify');
    expect(res.headers.get('set-cookie')).toBeNull();
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const waiting = await fetch(`${sim.url}/complaint/login/check.htm?token=${token}&poll=1`);
    expect(await waiting.json()).toEqual({ passed: false });
    expect(sim.admin.passChallenges()).toBe(1);
    const passed = await fetch(`${sim.url}/complaint/login/check.htm?token=${token}`, { redirect: 'manual' });
    expect(passed.status).toBe(303);
    expect(passed.headers.get('set-cookie')).toContain('aliprotect_session=');
  });

  it('ends sessions after their time to live', async () => {
    sim = await startPortalSimulator({ faults: { sessionTtlMs: 200 } });
    const cookie = await signedInCookie(sim);
    const account = () => fetch(`${sim?.url}/index.htm`, { headers: { cookie }, redirect: 'manual' });
    expect((await account()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 250));
    const after = await account();
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toContain('/complaint/login.htm');
  });

  it('ends complaints with the configured mix of outcomes, deterministic from the seed', async () => {
    const run = async () => {
      const s = await startPortalSimulator({
        seed: 9,
        removalDelayDays: 2,
        outcomes: { removed: 1, rejected: 1, counterNotified: 1 },
      });
      s.admin.seedCases({ count: 60, iprRegNo: 'TM-1', perCase: 20 });
      s.admin.advanceDays(3);
      const statuses = s.admin.state().cases.map((c) => c.statusText);
      await s.close();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((t) => t === 'Listing Removed').length).toBeGreaterThan(5);
    expect(first.filter((t) => /^Rejected: .+/.test(t)).length).toBeGreaterThan(5);
    expect(
      first.filter((t) => /^Pending Counter-Notification \(respond by \d\d\/\d\d\/\d{4}\)$/.test(t)).length,
    ).toBeGreaterThan(5);
  });

  it('takedown sim refuses a bad fault option with a clear message', async () => {
    const err = await runSimulatorCli(['--error-rate', '1.5']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TakedownError);
    expect((err as TakedownError).userMessage).toBe('--error-rate must be a number from 0 to 1; got "1.5".');
    const bad = await runSimulatorCli(['--outcomes', 'removed=x']).catch((e: unknown) => e);
    expect((bad as TakedownError).userMessage).toContain('--outcomes takes removed=N,rejected=N,counter=N');
  });
});
