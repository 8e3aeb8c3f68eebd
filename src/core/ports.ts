/**
 * The ports the domain talks through. `automation` implements PortalDriver with a real browser;
 * `bot` implements Notifier with Slack's Web API. Wiring happens in one composition root.
 */
import type { CaseStatus, IprStatus, IprType, Platform } from './types.ts';

/** One row of the portal's History page. */
export interface HistoryRow {
  complaintDate: string; // as the portal shows it, MM/DD/YYYY
  caseNumber: string;
  iprRegNo: string;
  supplier: string;
  listingUrl: string;
  platform: string;
  status: CaseStatus;
  /** The portal's own status text, e.g. "Listing Removed" or a rejection reason. */
  statusText: string;
}

/** One row of Pending Submissions. */
export interface PendingRow {
  productName: string;
  companyName: string;
  listingUrl: string;
}

/** What Submit Listings (Option 2) said about one pasted URL it did not save. */
export interface PasteRefusal {
  url: string;
  reason: string;
}

export interface PasteResult {
  saved: number;
  refused: PasteRefusal[];
}

export interface PortalIpr {
  regNo: string;
  name: string;
  owner: string;
  type: IprType | string;
  status: IprStatus;
}

export interface NewIpr {
  regNo: string;
  name: string;
  owner: string;
  type: IprType;
  region: string;
  validFrom: string; // YYYY-MM-DD
  validTo: string;
  authFrom?: string | undefined;
  authTo?: string | undefined;
  documents?: { path: string }[] | undefined;
}

export interface HistoryQuery {
  caseNumber?: string | undefined;
  iprRegNo?: string | undefined;
  supplier?: string | undefined;
  /** Stop reading older pages once rows are older than this (MM/DD/YYYY compare done by driver). */
  since?: Date | undefined;
}

/**
 * The portal, as the worker sees it. Every method signs in when needed. Throws TakedownError
 * with code 'needs_login' when a human must pass a check, 'portal_changed' when an expected
 * element is missing, 'portal_unavailable' for transient failures that survived retries.
 */
export interface PortalDriver {
  /** Option 2: paste URLs (at most the profile's limit) and press Submit Listings. */
  pasteListings(urls: string[]): Promise<PasteResult>;
  /** Every row of Pending Submissions, across all pages. */
  pendingSubmissions(): Promise<PendingRow[]>;
  /** Select the given listings in Pending Submissions (all pages), Continue, choose the IPR, enter the reason, Match. */
  matchPending(listingUrls: string[], iprRegNo: string, reason: string): Promise<void>;
  /** History rows, newest first, across all pages. */
  history(query?: HistoryQuery): Promise<HistoryRow[]>;
  /** Option 1: keyword search on one platform; the candidates the portal shows. */
  searchListings(keyword: string, platform: Platform): Promise<SearchResult[]>;
  /** History → Withdraw, for the case's listings (all of them when none are named). */
  withdraw(caseNumber: string, listingUrls?: string[]): Promise<void>;
  /** Submitted IPR: the IPRs on file and their verification state. */
  listIprs(): Promise<PortalIpr[]>;
  /** Submit IPR (Part 1 of the guide). */
  submitIpr(ipr: NewIpr): Promise<void>;
  close(): Promise<void>;
}

/** Where the app speaks to people. Implemented over Slack's Web API. */
export interface Notifier {
  post(msg: OutgoingMessage): Promise<{ ts: string; channel: string }>;
  update(msg: OutgoingMessage & { ts: string }): Promise<void>;
  /** Upload a file to a channel (and thread). */
  upload(file: {
    channel: string;
    threadTs?: string | undefined;
    filename: string;
    content: Buffer;
    title?: string;
    initialComment?: string;
  }): Promise<void>;
}

export interface OutgoingMessage {
  channel: string;
  text: string;
  blocks?: unknown[] | undefined;
  threadTs?: string | undefined;
}

/** A batch as progress reports see it. */
export interface BatchRef {
  id: number;
  channelId: string;
  messageTs: string | null;
  requestedBy: string;
  iprRegNo: string | null;
}

/** What the worker tells people while it files a batch. Implemented by the bot (the message's thread). */
export interface BatchEvents {
  chunkStarted(batch: BatchRef, chunk: { index: number; count: number; size: number }): Promise<void>;
  chunkFiled(
    batch: BatchRef,
    chunk: {
      index: number;
      count: number;
      filed: { url: string; caseNumber: string }[];
      refused: { url: string; reason: string }[];
    },
  ): Promise<void>;
  batchFinished(batch: BatchRef, result: { filed: number; refused: number; cases: number }): Promise<void>;
  batchStopped(batch: BatchRef, stop: { status: 'failed' | 'needs_login'; message: string }): Promise<void>;
}

/** One result of the portal's keyword search (Option 1). */
export interface SearchResult {
  listingUrl: string;
  title: string;
  seller: string;
  price?: string | undefined;
  platform: string;
}
