/** The portal simulator over HTTP, as a browser without JavaScript would use it. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type PortalSimulator,
  startPortalSimulator,
} from '../../src/sandbox/portal/index.ts';

const { user, password } = DEFAULT_PORTAL_ACCOUNT;
const item = (n: number) => `https://www.aliexpress.com/item/${1005006000000000 + n}.html`;

/** A visitor with a cookie jar that follows redirects like a browser. */
class Visitor {
  private cookie = '';
  constructor(private readonly base: string) {}

  async request(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; text: string; url: string }> {
    let url = new URL(path, this.base).toString();
    let res = await this.fetch(url, init);
    while (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '/', url).toString();
      res = await this.fetch(url, {});
    }
    return { status: res.status, text: await res.text(), url };
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: this.cookie },
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    return this.request(path, { method: 'POST', body });
  }

  postMultipart(path: string, form: FormData) {
    return this.request(path, { method: 'POST', body: form });
  }

  signIn(u: string = user, p: string = password) {
    return this.post('/complaint/login.htm', { user: u, password: p });
  }
}

let sim: PortalSimulator;
afterEach(async () => {
  await sim?.close();
});

async function signedIn(opts: Parameters<typeof startPortalSimulator>[0] = {}) {
  sim = await startPortalSimulator({
    ipVerificationDelayMs: 0,
    iprs: [{ regNo: '2485097', name: 'CRKT', owner: 'CRKT' }],
    ...opts,
  });
  const v = new Visitor(sim.url);
  await v.signIn();
  return v;
}

/** Pending listing ids shown on a Pending Submissions page. */
function pendingIds(html: string): string[] {
  return [...html.matchAll(/name="ids" value="(\d+)"/g)].map((m) => m[1] ?? '');
}

describe('the portal simulator', () => {
  it('answers its health check', async () => {
    sim = await startPortalSimulator();
    const res = await fetch(`${sim.url}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('when the password is wrong, the sign-in page says so and no page opens', async () => {
    sim = await startPortalSimulator();
    const v = new Visitor(sim.url);
    const res = await v.signIn(user, 'wrong');
    expect(res.status).toBe(401);
    expect(res.text).toContain('The User ID or Password is incorrect');
    const history = await v.get('/complaint/history.htm');
    expect(history.url).toContain('/complaint/login.htm');
    expect(history.text).toContain('<label for="password">Password</label>');
  });

  it('after signing in, the header shows the User ID, the main links and Sign out', async () => {
    const v = await signedIn();
    const page = await v.get('/');
    for (const label of ['My Account', 'IPR Management', 'IPR Complaint', 'Help', 'Sign out']) {
      expect(page.text).toContain(`>${label}</a>`);
    }
    expect(page.text).toContain(`User ID: ${user}`);
  });

  it('when a paste has more than 200 URLs, the whole submission is refused with the limit on the page', async () => {
    const v = await signedIn();
    const res = await v.post('/complaint/product/batch_save.htm', {
      urls: Array.from({ length: 201 }, (_, i) => item(i)).join('\n'),
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a maximum of 200 listings per submission; you pasted 201.');
    expect(sim.admin.state().pending).toHaveLength(0);
  });

  it('with an IPP profile of 300, a paste of 250 URLs is saved', async () => {
    const v = await signedIn({ chunkLimit: 300 });
    const res = await v.post('/complaint/product/batch_save.htm', {
      urls: Array.from({ length: 250 }, (_, i) => item(i)).join('\n'),
    });
    expect(res.text).toContain(
      'A total of 250 alleged infringing listing(s) were saved to Pending Submissions.',
    );
  });

  it('when no IPR is verified yet, listings cannot be submitted', async () => {
    const v = await signedIn({ iprs: [] });
    const res = await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    expect(res.text).toContain('Complaints can only be submitted after an IPR submission is verified.');
    expect(sim.admin.state().pending).toHaveLength(0);
  });

  it('lists each refused line with its reason and saves the rest', async () => {
    const v = await signedIn();
    await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    const res = await v.post('/complaint/product/batch_save.htm', {
      urls: [
        item(1),
        item(2),
        item(2),
        'https://www.aliexpress.com/store/1234567',
        'https://www.amazon.com/dp/B000123',
      ].join('\n'),
    });
    expect(res.text).toContain(
      'A total of 1 alleged infringing listing(s) were saved to Pending Submissions.',
    );
    expect(res.text).toContain('Listings not saved (4)');
    expect(res.text).toContain('This listing is already in Pending Submissions.');
    expect(res.text).toContain('This listing appears more than once in this submission.');
    expect(res.text).toContain('Only product listings can be submitted.');
    expect(res.text).toContain('Only listings on Alibaba.com, Aliexpress.com and 1688.com can be submitted.');
  });

  it('Pending Submissions shows 20 rows a page with prev / page numbers / next', async () => {
    const v = await signedIn();
    await v.post('/complaint/product/batch_save.htm', {
      urls: Array.from({ length: 45 }, (_, i) => item(i)).join('\n'),
    });
    const first = await v.get('/complaint/product/pending.htm');
    expect(pendingIds(first.text)).toHaveLength(20);
    expect(first.text).toMatch(/<a href="[^"]*page=3">3<\/a>/);
    const last = await v.get('/complaint/product/pending.htm?page=3');
    expect(pendingIds(last.text)).toHaveLength(5);
    expect(last.text).toContain('<span aria-disabled="true">next ›</span>');
  });

  it('Match files the selected listings as one In Progress case with an 18-digit case number of the day', async () => {
    const v = await signedIn({ startDate: new Date('2013-03-08T09:00:00Z') });
    await v.post('/complaint/product/batch_save.htm', { urls: [item(1), item(2), item(3)].join('\n') });
    const ids = pendingIds((await v.get('/complaint/product/pending.htm')).text);
    const form = await v.post('/complaint/product/pending.htm', { action: 'continue', ids: ids.slice(0, 2) });
    expect(form.text).toContain('<label for="ipr">* Choose IPR</label>');
    expect(form.text).toContain('<option value="">please select</option>');
    const match = new FormData();
    for (const id of ids.slice(0, 2)) match.append('ids', id);
    match.append('ipr', '2485097');
    match.append('reason', 'Counterfeit Listing');
    match.append('action', 'match');
    const after = await v.postMultipart('/complaint/product/search_uncommit.htm', match);
    expect(after.text).toMatch(/Case Number: 20130308\d{10}\./);
    const { cases, pending } = sim.admin.state();
    expect(cases).toHaveLength(2);
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(1);
    expect(cases[0]?.caseNumber).toMatch(/^20130308\d{10}$/);
    expect(cases.map((c) => c.status)).toEqual(['In Progress', 'In Progress']);
    expect(pending.map((p) => p.url)).toEqual([item(3)]);
    const history = await v.get('/complaint/history.htm');
    expect(history.text).toContain('03/08/2013');
    expect(history.text).toContain('2485097;');
    expect(history.text).toContain('Aliexpress.com');
    expect(history.text).toContain('>Withdraw</button>');
  });

  it('Match without a chosen IPR stays on the form and says what is missing', async () => {
    const v = await signedIn();
    await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    const ids = pendingIds((await v.get('/complaint/product/pending.htm')).text);
    const match = new FormData();
    match.append('ids', ids[0] ?? '');
    match.append('reason', 'Counterfeit Listing');
    const res = await v.postMultipart('/complaint/product/search_uncommit.htm', match);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Please choose an IPR.');
    expect(sim.admin.state().cases).toHaveLength(0);
  });

  it('listings become "Listing Removed" once the clock passes the removal delay, and cannot be pasted again', async () => {
    const v = await signedIn({ removalDelayDays: 5 });
    await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    const ids = pendingIds((await v.get('/complaint/product/pending.htm')).text);
    const match = new FormData();
    match.append('ids', ids[0] ?? '');
    match.append('ipr', '2485097');
    match.append('reason', 'Counterfeit Listing');
    await v.postMultipart('/complaint/product/search_uncommit.htm', match);
    const again = await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    expect(again.text).toMatch(/This listing has already been complained about \(case \d{18}\)\./);
    sim.admin.advanceDays(5);
    expect(sim.admin.state().cases[0]?.status).toBe('Listing Removed');
    const removed = await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    expect(removed.text).toContain('This listing has already been removed.');
  });

  it('Withdraw on an open complaint makes it "Withdrawn" and takes the button away', async () => {
    const v = await signedIn();
    await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    const ids = pendingIds((await v.get('/complaint/product/pending.htm')).text);
    const match = new FormData();
    match.append('ids', ids[0] ?? '');
    match.append('ipr', '2485097');
    match.append('reason', 'Counterfeit Listing');
    await v.postMultipart('/complaint/product/search_uncommit.htm', match);
    const rowId = sim.admin.state().cases[0]?.id ?? 0;
    const after = await v.post('/complaint/withdraw.htm', { id: String(rowId) });
    expect(after.text).toContain('was withdrawn.');
    expect(after.text).toContain('<td>Withdrawn</td>');
    expect(after.text).not.toContain('>Withdraw</button>');
  });

  it('the same seed gives the same product names, companies and case numbers', async () => {
    const run = async () => {
      const v = await signedIn({ seed: 42, startDate: new Date('2024-05-01T00:00:00Z') });
      await v.post('/complaint/product/batch_save.htm', { urls: [item(7), item(8)].join('\n') });
      const ids = pendingIds((await v.get('/complaint/product/pending.htm')).text);
      const match = new FormData();
      for (const id of ids) match.append('ids', id);
      match.append('ipr', '2485097');
      match.append('reason', 'Counterfeit Listing');
      await v.postMultipart('/complaint/product/search_uncommit.htm', match);
      const { cases } = sim.admin.state();
      await sim.close();
      return cases.map((c) => [c.caseNumber, c.productName, c.supplier]);
    };
    const first = await run();
    expect(await run()).toEqual(first);
  });

  it('Submit IPR shows an error next to each wrong field and keeps what was typed', async () => {
    const v = await signedIn();
    const form = new FormData();
    form.append('regNo', 'x'.repeat(51));
    form.append('name', 'CRKT');
    form.append('owner', '');
    form.append('type', 'Trademark');
    form.append('region', 'Mainland China');
    form.append('validFrom', '2030-01-01');
    form.append('validTo', '2020-01-01');
    const res = await v.postMultipart('/complaint/rights/add_ipr.htm', form);
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="regNo-error">Maximum of 50 characters.');
    expect(res.text).toContain('id="owner-error">This field is required.');
    expect(res.text).toContain('id="validTo-error">The end date must not be before the start date.');
    expect(res.text).toContain('value="CRKT"');
  });

  it('Submit IPR refuses a document over 2 MB or of a format it does not take', async () => {
    const v = await signedIn();
    const base = () => {
      const f = new FormData();
      for (const [k, val] of Object.entries({
        regNo: 'TM-1',
        name: 'CRKT',
        owner: 'CRKT',
        type: 'Trademark',
        region: 'Mainland China',
        validFrom: '2020-01-01',
        validTo: '2030-01-01',
      }))
        f.append(k, val);
      return f;
    };
    const big = base();
    big.append('documents', new Blob([new Uint8Array(2 * 1024 * 1024 + 1)]), 'certificate.pdf');
    expect((await v.postMultipart('/complaint/rights/add_ipr.htm', big)).text).toContain(
      'Each file must not exceed 2MB.',
    );
    const exe = base();
    exe.append('documents', new Blob(['MZ']), 'tool.exe');
    expect((await v.postMultipart('/complaint/rights/add_ipr.htm', exe)).text).toContain(
      'tool.exe: acceptable formats are',
    );
    expect(sim.admin.state().iprs.map((i) => i.regNo)).toEqual(['2485097']);
  });

  it('a submitted IPR is "Pending Verification" until the admin verifies it', async () => {
    const v = await signedIn({ iprs: [], ipVerificationDelayMs: 60_000 });
    const f = new FormData();
    for (const [k, val] of Object.entries({
      regNo: 'TM-2',
      name: 'CRKT',
      owner: 'CRKT',
      type: 'Trademark',
      region: 'Mainland China',
      validFrom: '2020-01-01',
      validTo: '2030-01-01',
    }))
      f.append(k, val);
    f.append('documents', new Blob(['certificate']), 'certificate.txt');
    const listed = await v.postMultipart('/complaint/rights/add_ipr.htm', f);
    expect(listed.text).toContain('<td>Pending Verification</td>');
    const verify = await fetch(`${sim.url}/__admin/iprs/TM-2/verify`, { method: 'POST' });
    expect(await verify.json()).toEqual({ updated: 1 });
    expect((await v.get('/complaint/rights/ipr_list.htm')).text).toContain('<td>Verified</td>');
  });

  it('the admin API resolves open cases with an outcome and reports bad requests clearly', async () => {
    const v = await signedIn();
    await v.post('/complaint/product/batch_save.htm', { urls: item(1) });
    const ids = pendingIds((await v.get('/complaint/product/pending.htm')).text);
    const match = new FormData();
    match.append('ids', ids[0] ?? '');
    match.append('ipr', '2485097');
    match.append('reason', 'Counterfeit Listing');
    await v.postMultipart('/complaint/product/search_uncommit.htm', match);
    const post = (path: string, body: unknown) =>
      fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post('/__admin/cases/resolve', { outcome: 'Gone' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain('outcome must be one of');
    expect(await (await post('/__admin/cases/resolve', { outcome: 'Rejected' })).json()).toEqual({
      resolved: 1,
    });
    const state = await (await fetch(`${sim.url}/__admin/state`)).json();
    expect(state.cases[0].status).toBe('Rejected');
    expect((await post('/__admin/iprs/NOPE/verify', {})).status).toBe(400);
    expect((await post('/__admin/clock/advance', { days: 'x' })).status).toBe(400);
  });
});
