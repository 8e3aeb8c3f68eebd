/**
 * Everything the simulated portal knows: accounts, IPRs, Pending Submissions, cases and its own clock.
 * Pure in-memory logic, deterministic from the seed; the routes render it and the admin API steers it.
 */
import { parseListingUrl } from '../../core/listing-url.ts';
import type { IprType, Platform } from '../../core/types.ts';
import { catalogueEntry, PLATFORM_SITE } from './catalogue.ts';
import type { IprFormInput } from './ipr-form.ts';
import { pick, randomFor, seededRandom } from './random.ts';

export type IprPortalStatus =
  | 'Pending Verification'
  | 'Verified'
  | 'Additional Information Required'
  | 'Rejected';
export const IPR_PORTAL_STATUSES: readonly IprPortalStatus[] = [
  'Pending Verification',
  'Verified',
  'Additional Information Required',
  'Rejected',
];

export type CasePortalStatus =
  | 'In Progress'
  | 'Listing Removed'
  | 'Rejected'
  | 'Pending Counter-Notification'
  | 'Withdrawn';
export const CASE_OUTCOMES: readonly CasePortalStatus[] = [
  'Listing Removed',
  'Rejected',
  'Pending Counter-Notification',
  'Withdrawn',
];

const DAY_MS = 24 * 60 * 60 * 1000;

export interface StoredDocument {
  name: string;
  size: number;
}

export interface SimIpr {
  account: string;
  regNo: string;
  name: string;
  owner: string;
  type: IprType;
  region: string;
  validFrom: string;
  validTo: string;
  authFrom?: string | undefined;
  authTo?: string | undefined;
  documents: StoredDocument[];
  status: IprPortalStatus;
  submittedAt: number;
}

export interface SimPending {
  id: number;
  account: string;
  url: string;
  key: string;
  platform: Platform;
  productName: string;
  companyName: string;
  savedAt: number;
}

/** One History row: one listing of one case (a case covers every listing matched together). */
export interface SimCaseRow {
  id: number;
  caseNumber: string;
  account: string;
  iprRegNo: string;
  reason: string;
  listingUrl: string;
  key: string;
  platform: Platform;
  site: string;
  supplier: string;
  productName: string;
  filedAt: number;
  removeAt: number;
  status: CasePortalStatus;
  /** The portal's reason for a rejection. */
  rejection?: string | undefined;
  /** By when the complainant must answer a counter-notification (ms). */
  respondBy?: number | undefined;
  documents: StoredDocument[];
}

/** How often each outcome ends an "In Progress" complaint when its time comes (weights). */
export interface OutcomeMix {
  removed: number;
  rejected: number;
  counterNotified: number;
}

export const REJECTION_REASONS = [
  'The IPR does not cover the products in the listing.',
  'The complaint reason does not relate to this IPR case.',
  'The listing does not show the protected mark.',
] as const;

/** Days the complainant has to answer a counter-notification. */
export const COUNTER_NOTICE_DAYS = 10;

export interface SeedIpr {
  account?: string;
  regNo: string;
  name: string;
  owner: string;
  type?: IprType;
  status?: IprPortalStatus;
}

export interface PortalStateOptions {
  seed: number;
  accounts: { user: string; password: string }[];
  chunkLimit: number;
  pageSize: number;
  removalDelayDays: number;
  ipVerificationDelayMs: number;
  startDate?: Date | undefined;
  iprs?: SeedIpr[] | undefined;
  /** Default: every complaint ends "Listing Removed". */
  outcomes?: OutcomeMix | undefined;
}

export interface PasteRefusal {
  url: string;
  reason: string;
}

export interface HistoryFilter {
  iprRegNo?: string | undefined;
  caseNumber?: string | undefined;
  supplier?: string | undefined;
  /** YYYY-MM-DD, inclusive, on the complaint date. */
  from?: string | undefined;
  to?: string | undefined;
}

/** A whole form refused by the portal; the message is shown on the page. */
export class PortalPageError extends Error {}

export class PortalState {
  readonly options: PortalStateOptions;
  private readonly accounts = new Map<string, string>();
  private readonly iprs: SimIpr[] = [];
  private readonly pending: SimPending[] = [];
  private readonly cases: SimCaseRow[] = [];
  private clockOffsetMs: number;
  private nextPendingId = 1;
  private nextCaseRowId = 1;
  private caseSequence: number;
  private readonly sequenceStep: () => number;

  constructor(options: PortalStateOptions) {
    this.options = options;
    this.clockOffsetMs = options.startDate ? options.startDate.getTime() - Date.now() : 0;
    const rand = seededRandom(options.seed);
    this.caseSequence = 100_000_000 + Math.floor(rand() * 800_000_000);
    this.sequenceStep = () => 1 + Math.floor(rand() * 997);
    for (const a of options.accounts) this.addAccount(a.user, a.password);
    for (const ipr of options.iprs ?? []) this.seedIpr(ipr);
  }

  // ---- clock -------------------------------------------------------------------------------

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  advanceDays(days: number): Date {
    if (!Number.isFinite(days) || days < 0)
      throw new PortalPageError('days must be a number of days, 0 or more');
    this.clockOffsetMs += days * DAY_MS;
    return this.now();
  }

  /** Applies what time has done: IPRs verified after the delay, listings removed after theirs. */
  private refresh(): void {
    const now = this.now().getTime();
    for (const ipr of this.iprs) {
      if (
        ipr.status === 'Pending Verification' &&
        ipr.submittedAt + this.options.ipVerificationDelayMs <= now
      ) {
        ipr.status = 'Verified';
      }
    }
    for (const row of this.cases) {
      if (row.status === 'In Progress' && row.removeAt <= now) this.close(row, this.outcomeFor(row));
    }
  }

  /** The outcome the portal gives a complaint when its time comes, deterministic from the seed. */
  private outcomeFor(row: SimCaseRow): CasePortalStatus {
    const mix = this.options.outcomes ?? { removed: 1, rejected: 0, counterNotified: 0 };
    const total = mix.removed + mix.rejected + mix.counterNotified;
    if (total <= 0) return 'Listing Removed';
    const r = randomFor(this.options.seed, `outcome:${row.caseNumber}:${row.key}`)() * total;
    if (r < mix.removed) return 'Listing Removed';
    return r < mix.removed + mix.rejected ? 'Rejected' : 'Pending Counter-Notification';
  }

  /** Ends an open complaint with the outcome, with the portal's reason or answer-by date. */
  private close(row: SimCaseRow, outcome: CasePortalStatus): void {
    row.status = outcome;
    if (outcome === 'Rejected') {
      row.rejection = pick(randomFor(this.options.seed, `rejection:${row.key}`), REJECTION_REASONS);
    }
    if (outcome === 'Pending Counter-Notification') {
      row.respondBy = this.now().getTime() + COUNTER_NOTICE_DAYS * DAY_MS;
    }
  }

  // ---- accounts ----------------------------------------------------------------------------

  addAccount(user: string, password: string): void {
    const id = user.trim().toLowerCase();
    if (!id || !password) throw new PortalPageError('An account needs a user and a password.');
    if (this.accounts.has(id)) throw new PortalPageError(`The User ID ${user} is already registered.`);
    this.accounts.set(id, password);
  }

  /** The account's canonical User ID when the credentials are right, otherwise null. */
  signIn(user: string, password: string): string | null {
    const id = user.trim().toLowerCase();
    return this.accounts.get(id) === password ? id : null;
  }

  // ---- IPRs --------------------------------------------------------------------------------

  submitIpr(account: string, input: IprFormInput, documents: StoredDocument[]): SimIpr {
    if (this.iprs.some((i) => i.account === account && i.regNo === input.regNo)) {
      throw new PortalPageError(`The IPR Registration Number ${input.regNo} has already been submitted.`);
    }
    const ipr: SimIpr = {
      account,
      ...input,
      documents,
      status: 'Pending Verification',
      submittedAt: this.now().getTime(),
    };
    this.iprs.push(ipr);
    return ipr;
  }

  private seedIpr(seed: SeedIpr): void {
    const account = (seed.account ?? this.options.accounts[0]?.user ?? '').toLowerCase();
    this.iprs.push({
      account,
      regNo: seed.regNo,
      name: seed.name,
      owner: seed.owner,
      type: seed.type ?? 'Trademark',
      region: 'Mainland China',
      validFrom: '2010-01-01',
      validTo: '2034-12-31',
      authFrom: undefined,
      authTo: undefined,
      documents: [],
      status: seed.status ?? 'Verified',
      submittedAt: this.now().getTime(),
    });
  }

  iprsOf(account: string): SimIpr[] {
    this.refresh();
    return this.iprs.filter((i) => i.account === account);
  }

  verifiedIprsOf(account: string): SimIpr[] {
    return this.iprsOf(account).filter((i) => i.status === 'Verified');
  }

  /** Sets the status of every IPR with this registration number; returns how many there were. */
  setIprStatus(regNo: string, status: IprPortalStatus): number {
    const found = this.iprs.filter((i) => i.regNo === regNo);
    for (const ipr of found) ipr.status = status;
    return found.length;
  }

  // ---- Pending Submissions -----------------------------------------------------------------

  /** Option 2: saves each pasted product listing to Pending Submissions, or says why not. */
  saveListings(account: string, text: string): { saved: number; refused: PasteRefusal[] } {
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const limit = this.options.chunkLimit;
    if (lines.length === 0) throw new PortalPageError('Please paste at least one listing URL.');
    if (lines.length > limit) {
      throw new PortalPageError(
        `There is a maximum of ${limit} listings per submission; you pasted ${lines.length}. Please submit them in batches.`,
      );
    }
    if (this.verifiedIprsOf(account).length === 0) {
      throw new PortalPageError('Complaints can only be submitted after an IPR submission is verified.');
    }
    const refused: PasteRefusal[] = [];
    const seen = new Set<string>();
    let saved = 0;
    for (const url of lines) {
      const verdict = this.verdictFor(account, url, seen);
      if ('reason' in verdict) {
        refused.push({ url, reason: verdict.reason });
        continue;
      }
      seen.add(verdict.key);
      const entry = catalogueEntry(this.options.seed, verdict.platform, verdict.itemId);
      this.pending.push({
        id: this.nextPendingId++,
        account,
        url,
        key: verdict.key,
        platform: verdict.platform,
        ...entry,
        savedAt: this.now().getTime(),
      });
      saved++;
    }
    return { saved, refused };
  }

  /** Whether a pasted line can be saved (its listing identity) or why not. */
  private verdictFor(
    account: string,
    url: string,
    seenInPaste: Set<string>,
  ): { reason: string } | { platform: Platform; itemId: string; key: string } {
    const parsed = parseListingUrl(url);
    if (!parsed.ok) {
      return {
        reason: parsed.reason.startsWith('unsupported site')
          ? 'Only listings on Alibaba.com, Aliexpress.com and 1688.com can be submitted.'
          : 'Only product listings can be submitted.',
      };
    }
    const key = `${parsed.platform}:${parsed.itemId}`;
    if (seenInPaste.has(key)) return { reason: 'This listing appears more than once in this submission.' };
    if (this.pending.some((p) => p.account === account && p.key === key)) {
      return { reason: 'This listing is already in Pending Submissions.' };
    }
    const rows = this.cases.filter((c) => c.key === key);
    if (rows.some((c) => c.status === 'Listing Removed'))
      return { reason: 'This listing has already been removed.' };
    const open = rows.find((c) => c.status === 'In Progress' || c.status === 'Pending Counter-Notification');
    if (open) return { reason: `This listing has already been complained about (case ${open.caseNumber}).` };
    return { platform: parsed.platform, itemId: parsed.itemId, key };
  }

  pendingOf(account: string): SimPending[] {
    return this.pending.filter((p) => p.account === account);
  }

  pendingByIds(account: string, ids: number[]): SimPending[] {
    const wanted = new Set(ids);
    return this.pendingOf(account).filter((p) => wanted.has(p.id));
  }

  removePending(account: string, ids: number[]): number {
    const wanted = new Set(ids);
    let removed = 0;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const p = this.pending[i];
      if (p && p.account === account && wanted.has(p.id)) {
        this.pending.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }

  // ---- cases -------------------------------------------------------------------------------

  /** Match: files the selected pending listings under one IPR as one case; returns its case number. */
  match(
    account: string,
    ids: number[],
    iprRegNo: string,
    reason: string,
    documents: StoredDocument[],
  ): string {
    const listings = this.pendingByIds(account, ids);
    if (listings.length === 0) throw new PortalPageError('Please select at least one listing.');
    if (!this.verifiedIprsOf(account).some((i) => i.regNo === iprRegNo)) {
      throw new PortalPageError('Please choose a verified IPR.');
    }
    const caseNumber = this.fileCase(account, listings, iprRegNo, reason, documents, this.now());
    this.removePending(account, ids);
    return caseNumber;
  }

  private fileCase(
    account: string,
    listings: Omit<SimPending, 'id' | 'account' | 'savedAt'>[],
    iprRegNo: string,
    reason: string,
    documents: StoredDocument[],
    at: Date,
  ): string {
    this.caseSequence = (this.caseSequence + this.sequenceStep()) % 10_000_000_000;
    const caseNumber = `${ymd(at).replaceAll('-', '')}${String(this.caseSequence).padStart(10, '0')}`;
    for (const p of listings) {
      const jitter = randomFor(this.options.seed, `removal:${p.key}`)();
      const delayDays = Math.max(0, this.options.removalDelayDays - jitter);
      this.cases.push({
        id: this.nextCaseRowId++,
        caseNumber,
        account,
        iprRegNo,
        reason,
        listingUrl: p.url,
        key: p.key,
        platform: p.platform,
        site: PLATFORM_SITE[p.platform],
        supplier: p.companyName,
        productName: p.productName,
        filedAt: at.getTime(),
        removeAt: at.getTime() + delayDays * DAY_MS,
        status: 'In Progress',
        documents,
      });
    }
    return caseNumber;
  }

  /**
   * Admin, for load tests: files `count` AliExpress listings as "In Progress" complaints of the first
   * account, `perCase` listings a case, one case a day back from today (oldest first). Returns the count.
   */
  seedCases(opts: { count: number; iprRegNo: string; perCase?: number; firstItemId?: number }): number {
    const account = (this.options.accounts[0]?.user ?? '').toLowerCase();
    const perCase = opts.perCase ?? 200;
    if (!Number.isInteger(opts.count) || opts.count < 1 || !Number.isInteger(perCase) || perCase < 1) {
      throw new PortalPageError('count and perCase must be whole numbers, 1 or more');
    }
    const first = opts.firstItemId ?? 1_005_009_500_000_000;
    const caseCount = Math.ceil(opts.count / perCase);
    for (let c = 0; c < caseCount; c++) {
      const at = new Date(this.now().getTime() - (caseCount - 1 - c) * DAY_MS);
      const listings = [];
      for (let i = c * perCase; i < Math.min(opts.count, (c + 1) * perCase); i++) {
        const itemId = String(first + i);
        listings.push({
          url: `https://www.aliexpress.com/item/${itemId}.html`,
          key: `aliexpress:${itemId}`,
          platform: 'aliexpress' as const,
          ...catalogueEntry(this.options.seed, 'aliexpress', itemId),
        });
      }
      this.fileCase(account, listings, opts.iprRegNo, 'Counterfeit Listing', [], at);
    }
    return opts.count;
  }

  /** History rows of an account, newest first. */
  historyOf(account: string, filter: HistoryFilter = {}): SimCaseRow[] {
    this.refresh();
    const supplier = filter.supplier?.trim().toLowerCase();
    const regNo = filter.iprRegNo?.trim().replace(/;$/, '');
    const caseNumber = filter.caseNumber?.trim();
    return this.cases
      .filter((c) => c.account === account)
      .filter((c) => !regNo || c.iprRegNo === regNo)
      .filter((c) => !caseNumber || c.caseNumber === caseNumber)
      .filter((c) => !supplier || c.supplier.toLowerCase().includes(supplier))
      .filter((c) => !filter.from || ymd(new Date(c.filedAt)) >= filter.from)
      .filter((c) => !filter.to || ymd(new Date(c.filedAt)) <= filter.to)
      .sort((a, b) => b.id - a.id);
  }

  counterNotifiedOf(account: string): SimCaseRow[] {
    return this.historyOf(account).filter((c) => c.status === 'Pending Counter-Notification');
  }

  caseRow(account: string, id: number): SimCaseRow | undefined {
    this.refresh();
    return this.cases.find((c) => c.account === account && c.id === id);
  }

  withdraw(account: string, id: number): SimCaseRow {
    const row = this.caseRow(account, id);
    if (!row) throw new PortalPageError('That complaint was not found.');
    if (row.status !== 'In Progress')
      throw new PortalPageError(`A complaint that is "${row.status}" cannot be withdrawn.`);
    row.status = 'Withdrawn';
    return row;
  }

  /** Admin: closes open ("In Progress") rows now with the outcome; returns how many changed. */
  resolveOpenCases(outcome: CasePortalStatus = 'Listing Removed', caseNumber?: string): number {
    this.refresh();
    let changed = 0;
    for (const row of this.cases) {
      if (row.status !== 'In Progress' || (caseNumber && row.caseNumber !== caseNumber)) continue;
      this.close(row, outcome);
      changed++;
    }
    return changed;
  }

  snapshot() {
    this.refresh();
    return {
      now: this.now().toISOString(),
      iprs: this.iprs.map(({ documents, ...rest }) => ({ ...rest, documents: documents.map((d) => d.name) })),
      pending: [...this.pending],
      cases: this.cases.map(({ documents, ...rest }) => ({
        statusText: caseStatusText(rest),
        ...rest,
        documents: documents.map((d) => d.name),
      })),
    };
  }
}

/** YYYY-MM-DD of a date, in UTC (the simulator's dates are all UTC). */
export function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** MM/DD/YYYY, as the portal shows complaint dates. */
export function portalDate(ms: number): string {
  const [y, m, d] = ymd(new Date(ms)).split('-');
  return `${m}/${d}/${y}`;
}

/** The Status cell of History: the status, with the portal's reason or the date to answer by. */
export function caseStatusText(row: Pick<SimCaseRow, 'status' | 'rejection' | 'respondBy'>): string {
  if (row.status === 'Rejected' && row.rejection) return `Rejected: ${row.rejection}`;
  if (row.status === 'Pending Counter-Notification' && row.respondBy)
    return `Pending Counter-Notification (respond by ${portalDate(row.respondBy)})`;
  return row.status;
}
