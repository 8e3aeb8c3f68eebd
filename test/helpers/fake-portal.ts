/**
 * An in-memory PortalDriver for worker tests: it keeps Pending Submissions and History like the portal,
 * and can stop dead right after an action, the way a killed process would.
 */
import { readFile } from 'node:fs/promises';
import { parseListingUrl } from '../../src/core/listing-url.ts';
import type {
  HistoryQuery,
  HistoryRow,
  NewIpr,
  PasteResult,
  PendingRow,
  PortalDriver,
  PortalIpr,
  SearchResult,
} from '../../src/core/ports.ts';
import type { Platform } from '../../src/core/types.ts';

export class FakePortal implements PortalDriver {
  pending: PendingRow[] = [];
  historyRows: HistoryRow[] = [];
  calls: string[] = [];
  pasted: string[][] = [];
  /** Throw right after the n-th call of this action has taken effect. */
  crashAfter: { action: 'paste' | 'match'; nth: number } | null = null;
  refuse = new Map<string, string>();
  /** Listings a Match leaves in Pending Submissions though it answers as done (an answer lost), and how often. */
  leftPending = new Map<string, number>();
  failWith: Error | null = null;
  /** What the keyword search (Option 1) finds, per platform. */
  searchResults = new Map<Platform, SearchResult[]>();
  /** The Submitted IPR page. */
  iprs: PortalIpr[] = [
    {
      regNo: 'TM-2485097',
      name: 'RIVERSTONE',
      owner: 'Riverstone Knives Inc.',
      type: 'Trademark',
      status: 'verified',
    },
  ];
  /** IPRs submitted (Submit IPR), with the documents' bytes as read at submission. */
  submittedIprs: { ipr: NewIpr; documents: Buffer[] }[] = [];
  private seq = 0;
  private counts = { paste: 0, match: 0 };

  constructor(private readonly limit = 200) {}

  private maybeCrash(action: 'paste' | 'match') {
    this.counts[action]++;
    if (this.crashAfter?.action === action && this.crashAfter.nth === this.counts[action]) {
      this.crashAfter = null;
      throw new Error(`killed after ${action}`);
    }
  }

  async pasteListings(urls: string[]): Promise<PasteResult> {
    this.calls.push(`paste:${urls.length}`);
    if (this.failWith) throw this.failWith;
    if (urls.length > this.limit) throw new Error(`more than ${this.limit}`);
    this.pasted.push(urls);
    const refused = [];
    for (const url of urls) {
      const reason = this.refuse.get(url);
      if (reason) refused.push({ url, reason });
      else this.pending.push({ productName: `Item ${url}`, companyName: 'Seller', listingUrl: url });
    }
    this.maybeCrash('paste');
    return { saved: urls.length - refused.length, refused };
  }

  async pendingSubmissions() {
    this.calls.push('pending');
    return [...this.pending];
  }

  async matchPending(listingUrls: string[], iprRegNo: string, _reason: string) {
    this.calls.push(`match:${listingUrls.length}`);
    const caseNumber = `20261203${String(++this.seq).padStart(10, '0')}`;
    const set = new Set(listingUrls);
    for (const [url, times] of this.leftPending) {
      if (times <= 0 || !set.has(url)) continue;
      set.delete(url);
      this.leftPending.set(url, times - 1);
    }
    for (const p of this.pending.filter((r) => set.has(r.listingUrl))) {
      const parsed = parseListingUrl(p.listingUrl);
      this.historyRows.unshift({
        complaintDate: '12/03/2026',
        caseNumber,
        iprRegNo,
        supplier: 'Seller',
        listingUrl: p.listingUrl,
        platform: parsed.ok && parsed.platform === '1688' ? '1688.com' : 'Aliexpress.com',
        status: 'in_progress',
        statusText: 'In Progress',
      });
    }
    this.pending = this.pending.filter((r) => !set.has(r.listingUrl));
    this.maybeCrash('match');
  }

  async history(query: HistoryQuery = {}) {
    this.calls.push('history');
    return this.historyRows.filter((r) => !query.caseNumber || r.caseNumber === query.caseNumber);
  }

  async listIprs(): Promise<PortalIpr[]> {
    this.calls.push('listIprs');
    return this.iprs.map((i) => ({ ...i }));
  }

  async submitIpr(ipr: NewIpr) {
    this.calls.push(`submitIpr:${ipr.regNo}`);
    if (this.failWith) throw this.failWith;
    const documents = await Promise.all((ipr.documents ?? []).map((d) => readFile(d.path)));
    this.submittedIprs.push({ ipr, documents });
    this.iprs.push({
      regNo: ipr.regNo,
      name: ipr.name,
      owner: ipr.owner,
      type: ipr.type,
      status: 'submitted',
    });
  }

  async searchListings(keyword: string, platform: Platform) {
    this.calls.push(`search:${keyword}:${platform}`);
    if (this.failWith) throw this.failWith;
    return [...(this.searchResults.get(platform) ?? [])];
  }

  async withdraw(caseNumber: string) {
    this.calls.push(`withdraw:${caseNumber}`);
    for (const r of this.historyRows)
      if (r.caseNumber === caseNumber) Object.assign(r, { status: 'withdrawn', statusText: 'Withdrawn' });
  }
  async close() {}
}
