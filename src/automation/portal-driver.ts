/**
 * PortalDriver over a real browser: signs in when needed, then works the portal's pages the way the
 * guide describes, by clicking visible links and buttons. See pages/ for what is looked for on each page.
 */

import pRetry from 'p-retry';
import type { BrowserContext, Page } from 'playwright';
import { TakedownError } from '../core/errors.ts';
import type {
  HistoryQuery,
  HistoryRow,
  NewIpr,
  PasteResult,
  PendingRow,
  PortalDriver,
  PortalIpr,
  SearchResult,
} from '../core/ports.ts';
import { PLATFORM_LABEL, type Platform } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { acquireBrowser, type BrowserLease, newJobContext, saveSession, sessionFile } from './browser.ts';
import { portalUnavailable, SessionExpiredError } from './failures.ts';
import { checkNewIpr } from './ipr-rules.ts';
import { HistoryPage } from './pages/history-page.ts';
import { LoginPage, type SignInOutcome } from './pages/login-page.ts';
import { MatchPage } from './pages/match-page.ts';
import { PendingSubmissionsPage } from './pages/pending-submissions-page.ts';
import { PortalNav } from './pages/portal-nav.ts';
import { BUSY_RETRIES, busyBackoff, type PageEnv } from './pages/portal-page.ts';
import { SearchResultsPage } from './pages/search-results-page.ts';
import { SubmitIprPage } from './pages/submit-ipr-page.ts';
import { SubmitListingsPage } from './pages/submit-listings-page.ts';
import { SubmittedIprPage } from './pages/submitted-ipr-page.ts';
import { caseStatusFromText, cleanRegNo, iprStatusFromText, listingKey, portalDay } from './portal-text.ts';
import { StepTrace } from './step-trace.ts';

export interface PlaywrightPortalDriverOptions {
  baseUrl: string;
  user: string;
  password: string;
  chromiumPath?: string | undefined;
  headless?: boolean | undefined;
  /** Where the signed-in session is kept (a file per user and portal, mode 0600). */
  sessionDir: string;
  /** Where screenshots of unexpected pages go. */
  artifactDir: string;
  logger?: Logger | undefined;
  /** How long to wait for an element a page must show. Default 15 s. */
  timeoutMs?: number | undefined;
  /** Record a Playwright trace of each step, kept on disk when the portal has changed. Default true. */
  trace?: boolean | undefined;
}

/** Sign-ins within one step before the driver gives up on a portal that keeps ending the session. */
const SIGN_INS_PER_STEP = 3;

/** How the portal's Option 1 names each platform in "Select Platform". */
const PLATFORM_OPTION: Record<Platform, RegExp> = {
  aliexpress: /aliexpress/i,
  alibaba: /^(www\.)?alibaba\.com$/i,
  '1688': /1688|china\.alibaba/i,
};

/** Guards against a pager that never ends. */
const MAX_PAGES = 1000;

export class PlaywrightPortalDriver implements PortalDriver {
  private readonly opts: PlaywrightPortalDriverOptions;
  private readonly baseUrl: string;
  private readonly storagePath: string;
  private readonly env: PageEnv;
  private readonly statuses = new WeakMap<Page, number>();
  private lease: BrowserLease | undefined;
  private context: BrowserContext | undefined;
  private page: Page | undefined;
  private trace: StepTrace | undefined;

  constructor(opts: PlaywrightPortalDriverOptions) {
    if (!opts.user || !opts.password) {
      throw new TakedownError('config', 'The portal user and password are not set.', {
        hint: 'Set PORTAL_USER and PORTAL_PASSWORD to the AliProtect account that files the complaints.',
      });
    }
    this.opts = opts;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.storagePath = sessionFile(opts.sessionDir, this.baseUrl, opts.user);
    this.env = {
      baseUrl: this.baseUrl,
      artifactDir: opts.artifactDir,
      timeoutMs: opts.timeoutMs ?? 15_000,
      isSignInPage: (page) => new LoginPage(page, this.env).isShown(),
      lastStatus: (page) => this.statuses.get(page),
    };
  }

  /** A driver that has already signed in (or found its saved session still valid). */
  static async open(opts: PlaywrightPortalDriverOptions): Promise<PlaywrightPortalDriver> {
    const driver = new PlaywrightPortalDriver(opts);
    try {
      await driver.step('sign in', async () => undefined);
    } catch (err) {
      await driver.close();
      throw err;
    }
    return driver;
  }

  async pasteListings(urls: string[]): Promise<PasteResult> {
    if (urls.length === 0) return { saved: 0, refused: [] };
    return this.step('paste listings', async (page) => {
      await new PortalNav(page, this.env).open('IPR Complaint', 'Submit Listings');
      const refusal = await new SubmitListingsPage(page, this.env).submit(urls);
      if (refusal !== null) {
        throw new TakedownError('portal_refused', `The portal refused the whole submission: ${refusal}`);
      }
      const result = await new PendingSubmissionsPage(page, this.env).saveResult();
      const unaccounted = urls.length - result.saved - result.refused.length;
      if (unaccounted !== 0) {
        this.opts.logger?.warn(
          { pasted: urls.length, ...result },
          'portal result does not add up to the pasted URLs',
        );
      }
      return result;
    });
  }

  async pendingSubmissions(): Promise<PendingRow[]> {
    return this.step('read Pending Submissions', async (page) => {
      await new PortalNav(page, this.env).open('IPR Complaint', 'Pending Submissions');
      const pending = new PendingSubmissionsPage(page, this.env);
      const all: PendingRow[] = [];
      for (let n = 0; n < MAX_PAGES; n++) {
        for (const { productName, companyName, listingUrl } of await pending.rows()) {
          all.push({ productName, companyName, listingUrl });
        }
        if (!(await pending.nextPage())) break;
      }
      return all;
    });
  }

  async matchPending(listingUrls: string[], iprRegNo: string, reason: string): Promise<void> {
    if (!reason.trim())
      throw new TakedownError('bad_input', 'The complaint reason is empty.', { hint: 'Enter a reason.' });
    const wanted = new Map(listingUrls.map((u) => [listingKey(u), u]));
    /** Listings of a round the portal answered "busy": matched or not, History will tell. */
    const unsure = new Set<string>();
    // Each round matches our listings of one page as one case, then starts again from the first page.
    await this.step('match pending listings', async (page) => {
      for (let round = 0, busy = 0; wanted.size > 0 && round < MAX_PAGES; round++) {
        let matched: string[];
        try {
          matched = await this.matchOnePage(page, wanted, iprRegNo, reason, unsure);
          busy = 0;
        } catch (err) {
          // Continue or Match answered "busy": from the home page again, the next round reads Pending
          // Submissions again, so whatever that answer did match is not matched twice.
          if (!(err instanceof TakedownError && err.code === 'portal_unavailable') || ++busy > BUSY_RETRIES)
            throw err;
          this.opts.logger?.warn({ err, busy }, 'the portal was busy during a match; reading Pending again');
          await busyBackoff(busy);
          await this.ensureSignedIn(page);
          continue;
        }
        if (matched.length === 0) break;
        for (const key of matched) wanted.delete(key);
        this.opts.logger?.info(
          { matched: matched.length, remaining: wanted.size },
          'matched listings on the portal',
        );
      }
    });
    const missing = [...wanted].filter(([key]) => !unsure.has(key)).map(([, url]) => url);
    if (missing.length > 0) {
      throw new TakedownError(
        'portal_refused',
        `${missing.length} listing(s) were not in Pending Submissions, so they were not matched: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
        { hint: 'Check History: they may have been filed already. Otherwise paste them again.' },
      );
    }
  }

  /** Finds the first page holding some of our listings, selects them, Continue, Match. Returns their keys. */
  private async matchOnePage(
    page: Page,
    wanted: Map<string, string>,
    iprRegNo: string,
    reason: string,
    unsure: Set<string>,
  ) {
    await new PortalNav(page, this.env).open('IPR Complaint', 'Pending Submissions');
    const pending = new PendingSubmissionsPage(page, this.env);
    for (let n = 0; n < MAX_PAGES; n++) {
      const rows = await pending.rows();
      const ours = rows.filter((r) => wanted.has(listingKey(r.listingUrl)));
      if (ours.length > 0) {
        if (ours.length === rows.length) await pending.selectAll();
        else for (const row of ours) await pending.select(row);
        for (const row of ours) unsure.add(listingKey(row.listingUrl));
        const refusal = await pending.continueWithSelected();
        if (refusal !== null)
          throw new TakedownError('portal_refused', `The portal did not continue: ${refusal}`);
        const form = new MatchPage(page, this.env);
        const choice = (await form.iprChoices()).find((c) => iprChoiceMatches(c, iprRegNo));
        if (!choice) {
          await form.cancel();
          throw new TakedownError(
            'portal_refused',
            `The IPR ${iprRegNo} is not among the verified IPRs the portal offers.`,
            {
              hint: 'Check Submitted IPR on the portal: the IPR must be verified before complaints can be filed under it.',
            },
          );
        }
        const error = await form.match(choice, reason);
        if (error !== null)
          throw new TakedownError('portal_refused', `The portal refused the match: ${error}`);
        const keys = ours.map((r) => listingKey(r.listingUrl));
        for (const key of keys) unsure.delete(key);
        return keys;
      }
      if (!(await pending.nextPage())) break;
    }
    return [];
  }

  async history(query: HistoryQuery = {}): Promise<HistoryRow[]> {
    const sinceDay = query.since
      ? Date.UTC(query.since.getUTCFullYear(), query.since.getUTCMonth(), query.since.getUTCDate())
      : undefined;
    return this.step('read History', async (page) => {
      await new PortalNav(page, this.env).open('IPR Complaint', 'History');
      const history = new HistoryPage(page, this.env);
      if (query.caseNumber || query.iprRegNo || query.supplier) await history.search(query);
      const out: HistoryRow[] = [];
      for (let n = 0; n < MAX_PAGES; n++) {
        for (const cells of await history.rows()) {
          const day = portalDay(cells['Complaint Date']);
          if (sinceDay !== undefined && day !== null && day < sinceDay) return out;
          out.push(this.historyRow(cells));
        }
        if (!(await history.nextPage())) break;
      }
      return out;
    });
  }

  private historyRow(cells: Awaited<ReturnType<HistoryPage['rows']>>[number]): HistoryRow {
    const statusText = cells.Status;
    const status = caseStatusFromText(statusText);
    if (!status) {
      this.opts.logger?.warn(
        { statusText, caseNumber: cells['Case Number'] },
        'unknown History status, kept as in progress',
      );
    }
    return {
      complaintDate: cells['Complaint Date'],
      caseNumber: cells['Case Number'],
      iprRegNo: cleanRegNo(cells['IPR Reg. No.']),
      supplier: cells.Supplier,
      listingUrl: cells.Listing,
      platform: cells.Platform,
      status: status ?? 'in_progress',
      statusText,
    };
  }

  async searchListings(keyword: string, platform: Platform): Promise<SearchResult[]> {
    const words = keyword.trim();
    if (!words)
      throw new TakedownError('bad_input', 'The search keyword is empty.', {
        hint: 'Enter a keyword, for example your brand.',
      });
    return this.step('search listings by keyword', async (page) => {
      await new PortalNav(page, this.env).open('IPR Complaint', 'Submit Listings');
      const form = new SubmitListingsPage(page, this.env);
      const option = (await form.platforms()).find((o) => PLATFORM_OPTION[platform].test(o));
      if (!option) {
        throw new TakedownError(
          'bad_input',
          `The portal's keyword search does not offer ${PLATFORM_LABEL[platform]}.`,
          {
            hint: 'Search on another platform, or paste the listing links instead.',
          },
        );
      }
      const error = await form.search(words, option);
      if (error !== null)
        throw new TakedownError('portal_refused', `The portal refused the search: ${error}`);
      const results = new SearchResultsPage(page, this.env);
      const out: SearchResult[] = [];
      for (let n = 0; n < MAX_PAGES; n++) {
        for (const r of await results.rows()) {
          out.push({
            listingUrl: r.listingUrl,
            title: r.title,
            seller: r.seller,
            price: r.price,
            platform: option,
          });
        }
        if (!(await results.nextPage())) break;
      }
      return out;
    });
  }

  async withdraw(caseNumber: string, listingUrls?: string[]): Promise<void> {
    const number = caseNumber.trim();
    if (!/^\d{6,30}$/.test(number)) {
      throw new TakedownError('bad_input', `"${caseNumber}" is not a case number.`, {
        hint: 'Give the case number as History shows it, for example 201303080211081192.',
      });
    }
    const wanted = listingUrls ? new Set(listingUrls.map(listingKey)) : null;
    await this.step('withdraw a complaint', async (page) => {
      const history = new HistoryPage(page, this.env);
      let seen: HistoryRow['statusText'][] = [];
      let withdrawn = 0;
      // After each Withdraw the portal shows History again: search the case again until nothing is left to withdraw.
      for (let round = 0; round < MAX_PAGES; round++) {
        await new PortalNav(page, this.env).open('IPR Complaint', 'History');
        await history.search({ caseNumber: number });
        const rows = (await history.rowsWithLocators()).filter((r) => r.cells['Case Number'] === number);
        if (rows.length > 0) seen = rows.map((r) => r.cells.Status);
        const target = rows.find(
          (r) =>
            caseStatusFromText(r.cells.Status) === 'in_progress' &&
            (!wanted || wanted.has(listingKey(r.cells.Listing))),
        );
        if (!target || (await history.withdrawButton(target.row).count()) === 0) break;
        const error = await history.withdraw(target.row);
        if (error !== null) {
          throw new TakedownError(
            'portal_refused',
            `The portal did not withdraw ${target.cells.Listing}: ${error}`,
          );
        }
        withdrawn++;
      }
      if (seen.length === 0) {
        throw new TakedownError('not_found', `History shows no complaint with case number ${number}.`, {
          hint: 'Check the number against History on the portal.',
        });
      }
      if (withdrawn === 0) {
        throw new TakedownError(
          'portal_refused',
          `Case ${number} has nothing the portal lets you withdraw (status: ${[...new Set(seen)].join(', ')}).`,
          { hint: 'Only complaints that are In Progress can be withdrawn.' },
        );
      }
    });
    const left = (await this.history({ caseNumber: number })).filter(
      (r) => r.status === 'in_progress' && (!wanted || wanted.has(listingKey(r.listingUrl))),
    );
    if (left.length > 0) {
      throw new TakedownError(
        'portal_refused',
        `${left.length} listing(s) of case ${number} are still In Progress after Withdraw: ${left
          .slice(0, 5)
          .map((r) => r.listingUrl)
          .join(', ')}`,
        { hint: 'Withdraw them by hand in History on the portal.' },
      );
    }
  }

  async listIprs(): Promise<PortalIpr[]> {
    return this.step('read Submitted IPR', async (page) => {
      await new PortalNav(page, this.env).open('IPR Management', 'Submitted IPR');
      const list = new SubmittedIprPage(page, this.env);
      const out: PortalIpr[] = [];
      for (let n = 0; n < MAX_PAGES; n++) {
        for (const cells of await list.rows()) {
          const status = iprStatusFromText(cells.Status);
          if (!status)
            this.opts.logger?.warn({ statusText: cells.Status }, 'unknown IPR status, kept as submitted');
          out.push({
            regNo: cleanRegNo(cells['IPR Reg. No.']),
            name: cells['IPR Name'],
            owner: cells['IPR Owner'],
            type: cells['IPR Type'],
            status: status ?? 'submitted',
          });
        }
        if (!(await list.nextPage())) break;
      }
      return out;
    });
  }

  async submitIpr(ipr: NewIpr): Promise<void> {
    await checkNewIpr(ipr);
    await this.step('submit an IPR', async (page) => {
      await new PortalNav(page, this.env).open('IPR Management', 'Submit IPR');
      const form = new SubmitIprPage(page, this.env);
      const regions = await form.regions();
      if (!regions.includes(ipr.region)) {
        throw new TakedownError('bad_input', `The portal has no IPR Registration Region "${ipr.region}".`, {
          hint: `Use one of: ${regions.join(', ')}.`,
        });
      }
      const error = await form.submit(ipr);
      if (error !== null)
        throw new TakedownError('portal_refused', `The portal refused the IPR ${ipr.regNo}: ${error}`);
    });
  }

  async close(): Promise<void> {
    const { context, lease } = this;
    this.page = undefined;
    this.context = undefined;
    this.lease = undefined;
    await this.trace?.discard();
    this.trace = undefined;
    await context?.close().catch(() => undefined);
    await lease?.release();
  }

  // ---- the session ---------------------------------------------------------------------------

  /**
   * Runs one step from the portal's home page, signed in. A session that expires mid-step means one
   * more sign-in and one more try; anything unexpected becomes a TakedownError a person can act on.
   */
  private async step<T>(name: string, work: (page: Page) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const page = await this.openPage();
        await this.ensureSignedIn(page);
        // Traced only once signed in: a trace of the sign-in would hold the typed password.
        await this.trace?.begin();
        const result = await work(page);
        await this.trace?.discard();
        return result;
      } catch (err) {
        if (err instanceof SessionExpiredError && attempt < SIGN_INS_PER_STEP) {
          await this.trace?.discard();
          this.opts.logger?.info({ step: name }, 'portal session expired; signing in again');
          continue;
        }
        const failure = this.asTakedownError(name, err);
        if (failure.code !== 'portal_changed' || !this.trace) {
          await this.trace?.discard();
          throw failure;
        }
        const tracePath = await this.trace.keep(name);
        throw new TakedownError('portal_changed', `${failure.userMessage} Trace: ${tracePath}`, {
          ...(failure.hint ? { hint: failure.hint } : {}),
          cause: failure,
        });
      }
    }
  }

  private async openPage(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    this.lease ??= await acquireBrowser({
      chromiumPath: this.opts.chromiumPath,
      headless: this.opts.headless,
    });
    if (!this.context) {
      this.context = await newJobContext(this.lease.browser, this.storagePath);
      if (this.opts.trace !== false) this.trace = await StepTrace.start(this.context, this.opts.artifactDir);
    }
    this.context.setDefaultTimeout(this.env.timeoutMs);
    this.context.setDefaultNavigationTimeout(30_000);
    const page = await this.context.newPage();
    page.on('response', (res) => {
      if (res.request().isNavigationRequest() && res.frame() === page.mainFrame())
        this.statuses.set(page, res.status());
    });
    this.page = page;
    return page;
  }

  /**
   * Opens the portal's base URL and signs in when it shows the sign-in form. A sign-in the portal answers
   * "busy" (HTTP 5xx) is tried again from the home page: signing in is safe to repeat, and with sessions
   * that end every few minutes a busy answer to one of many sign-ins should not stop a batch.
   */
  private async ensureSignedIn(page: Page): Promise<void> {
    for (let busy = 1; ; busy++) {
      await pRetry(
        async () => {
          const res = await page.goto(this.baseUrl, { waitUntil: 'load' });
          if (res && res.status() >= 500) throw portalUnavailable(this.baseUrl, `HTTP ${res.status()}`);
        },
        { retries: 2, minTimeout: 500 },
      );
      const login = new LoginPage(page, this.env);
      if (await login.waitForEitherState()) return;
      let outcome: SignInOutcome;
      try {
        outcome = await login.signIn(this.opts.user, this.opts.password);
      } catch (err) {
        if (busy > BUSY_RETRIES || !(err instanceof TakedownError && err.code === 'portal_unavailable'))
          throw err;
        this.opts.logger?.warn({ busy }, 'the portal was busy at sign-in; trying again');
        await busyBackoff(busy);
        continue;
      }
      if (!outcome.ok) {
        throw new TakedownError(
          'needs_login',
          outcome.kind === 'human_check'
            ? `The portal shows a check only a person can pass when signing in as ${this.opts.user}: "${outcome.message}".`
            : `The portal refused the sign-in for ${this.opts.user}: "${outcome.message}".`,
          {
            hint:
              outcome.kind === 'human_check'
                ? `Someone who holds the portal account ${this.opts.user} runs \`takedown login\` on a machine with a screen and passes the check in the browser it opens; waiting batches then resume.`
                : 'Check PORTAL_USER and PORTAL_PASSWORD, then run `takedown login` to sign in once by hand; waiting batches then resume.',
          },
        );
      }
      await saveSession(page.context(), this.storagePath, this.opts.sessionDir);
      this.opts.logger?.info({ user: this.opts.user }, 'signed in to the portal');
      return;
    }
  }

  private asTakedownError(step: string, err: unknown): TakedownError {
    if (err instanceof TakedownError) return err;
    if (err instanceof SessionExpiredError) {
      return new TakedownError(
        'needs_login',
        `The portal keeps ending the session while trying to ${step}.`,
        {
          hint: `Someone who holds the portal account ${this.opts.user} runs \`takedown login\` to sign in by hand and see why; waiting batches then resume.`,
        },
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    this.opts.logger?.error({ err, step }, 'portal step failed');
    const detail = /net::ERR_[A-Z_]+/.exec(message)?.[0] ?? `could not ${step}`;
    return portalUnavailable(this.baseUrl, detail, err);
  }
}

/** Whether a "Choose IPR" option is the IPR with this registration number ("2485097 - CRKT", "2485097"). */
function iprChoiceMatches(choice: string, regNo: string): boolean {
  const text = choice.trim();
  return (
    text === regNo ||
    text.startsWith(`${regNo} `) ||
    text.startsWith(`${regNo};`) ||
    text.split(/[\s;()-]+/).includes(regNo)
  );
}
