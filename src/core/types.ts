/** Domain types shared by every part of the app. No I/O here. */

export type Platform = 'aliexpress' | 'alibaba' | '1688';

export const PLATFORM_LABEL: Record<Platform, string> = {
  aliexpress: 'AliExpress',
  alibaba: 'Alibaba.com',
  '1688': '1688',
};

/** A listing the portal will take: one product page on one platform. */
export interface Listing {
  platform: Platform;
  itemId: string;
  /** Canonical URL, as in DESIGN.md. */
  url: string;
  title?: string | undefined;
  seller?: string | undefined;
  price?: string | undefined;
}

export type EntryStatus = 'ok' | 'duplicate' | 'already_filed' | 'unresolved' | 'invalid';

/** What intake made of one input entry (one pasted line, one spreadsheet row). */
export interface IntakeEntry {
  input: string;
  status: EntryStatus;
  platform: Platform | null;
  itemId: string | null;
  url: string | null;
  reason: string | null;
  /** 1-based position in the input (line or row), for messages. */
  position: number;
  /** Where the entry was, for a person: "line 3", "row 12", "sheet "Q3" row 7", with the file name when there are several. */
  location?: string | undefined;
  title?: string | undefined;
  seller?: string | undefined;
  price?: string | undefined;
}

/** The portal profiles and their submission limits (URLs per Option 2 submission). */
export const PORTAL_PROFILES = { aliprotect: 200, ipp: 300 } as const;
export type PortalProfile = keyof typeof PORTAL_PROFILES;

export const DEFAULT_REASON = 'Counterfeit Listing';

export type BatchStatus =
  | 'awaiting_approval'
  | 'approved'
  | 'submitting'
  | 'submitted'
  | 'cancelled'
  | 'failed'
  | 'needs_login';

/** Where a portal chunk has got to. Saved after every step so a restart never files twice. */
export type ChunkStep = 'pending' | 'pasted' | 'matched' | 'recorded' | 'failed';

export type CaseStatus = 'in_progress' | 'removed' | 'rejected' | 'counter_notified' | 'withdrawn';

export const CASE_STATUS_LABEL: Record<CaseStatus, string> = {
  in_progress: 'In Progress',
  removed: 'Listing Removed',
  rejected: 'Rejected',
  counter_notified: 'Pending Counter-Notification',
  withdrawn: 'Withdrawn',
};

export type IprType =
  | 'Trademark'
  | 'Copyright'
  | 'Invention Patent'
  | 'Design Patent'
  | 'Utility Model Patent'
  | 'Other';

export const IPR_TYPES: readonly IprType[] = [
  'Trademark',
  'Copyright',
  'Invention Patent',
  'Design Patent',
  'Utility Model Patent',
  'Other',
];

export type IprStatus = 'submitted' | 'verified' | 'needs_info' | 'rejected';

/** What intake said about a whole input: counts, and every entry that will not be filed, with its reason. */
export interface IntakeReport {
  total: number;
  ok: number;
  duplicate: number;
  alreadyFiled: number;
  invalid: number;
  unresolved: number;
  refused: { position: number; input: string; status: EntryStatus; reason: string }[];
}
