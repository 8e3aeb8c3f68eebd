/**
 * The daily digest, as data: what needs a human first (counter-notices with their deadline,
 * rejections with the portal's reason, batches stuck on login or approval), then what was removed,
 * newly filed, still open and overdue, and the figures that say whether takedowns work.
 * Pure: everything comes in through DigestInput; rendering is src/bot/blocks/digest.ts.
 */
import { addBusinessDays, businessDaysBetween, localDay } from './business-days.ts';
import type { BatchStatus, CaseStatus, Platform } from './types.ts';

/** The portal promises a decision within this many business days; later, a case is overdue. */
export const OVERDUE_AFTER_BUSINESS_DAYS = 7;
/** Business days the complainant has to answer a counter-notice before the portal decides without them. */
export const COUNTER_NOTICE_RESPONSE_BUSINESS_DAYS = 3;

/** One status change observed in the period, with its case. Times are ISO instants. */
export interface DigestEvent {
  caseId: number;
  caseNumber: string;
  listingUrl: string;
  platform: Platform;
  iprRegNo: string;
  from: CaseStatus | null;
  to: CaseStatus;
  /** The portal's status text at that moment (for a rejection: its reason). */
  detail: string | null;
  observedAt: string;
  filedAt: string;
}

/** An open case that may need attention: counter-notified, or in progress long enough to be overdue. */
export interface OpenCase {
  caseId: number;
  caseNumber: string;
  listingUrl: string;
  platform: Platform;
  iprRegNo: string;
  status: 'in_progress' | 'counter_notified';
  statusText: string | null;
  filedAt: string;
  /** When the case entered its current status. */
  statusSince: string;
}

export interface BatchNeedingHuman {
  id: number;
  status: Extract<BatchStatus, 'needs_login' | 'awaiting_approval'>;
  channelId: string;
  messageTs: string | null;
  requestedBy: string;
  listingCount: number;
  createdAt: string;
  updatedAt: string;
  error: string | null;
}

/** The figures kept with each posted digest, so the next one can compare. */
export interface DigestFigures {
  removed: number;
  filed: number;
  rejected: number;
  /** Cases that reached a final status in the period: removed, rejected or withdrawn. */
  decided: number;
  open: number;
  overdue: number;
  /** Removed ÷ decided (removed, rejected or withdrawn) in the period; null when nothing was decided. */
  removalRate: number | null;
  /** Median business days from filing to removal, over removals in the period; null when none. */
  medianBusinessDaysToRemoval: number | null;
}

export interface DigestInput {
  period: { start: Date; end: Date };
  /** Status changes observed in the period (start exclusive, end inclusive). */
  events: DigestEvent[];
  /** How many cases are open now, by status. */
  openCounts: { in_progress: number; counter_notified: number };
  /** Filing time of the oldest open case, null when none is open. */
  oldestOpenFiledAt: string | null;
  /**
   * Open cases to look at: every counter-notified one and every in-progress one that may be
   * overdue (passing all open cases is correct too, only slower).
   */
  openCases: OpenCase[];
  batches: BatchNeedingHuman[];
  previous: DigestFigures | null;
  holidays: readonly string[];
  now: Date;
  tz: string;
}

export interface CaseRef {
  caseNumber: string;
  listingUrl: string;
  platform: Platform;
  iprRegNo: string;
}

export interface CounterNoticeItem extends CaseRef {
  since: string;
  /** The last day (YYYY-MM-DD in tz) to answer. */
  deadline: string;
  /** Business days left to answer; 0 is today, negative is late. */
  businessDaysLeft: number;
}

export interface RejectionItem extends CaseRef {
  reason: string;
  observedAt: string;
}

export interface OverdueItem extends CaseRef {
  filedAt: string;
  businessDaysOpen: number;
}

export interface Tally {
  key: string;
  count: number;
}

export interface Digest {
  tz: string;
  period: { start: string; end: string };
  /** The local day the digest is for (YYYY-MM-DD in tz). */
  day: string;
  needsHuman: {
    counterNotices: CounterNoticeItem[];
    rejections: RejectionItem[];
    batches: BatchNeedingHuman[];
  };
  removed: { count: number; byIpr: Tally[]; byPlatform: Tally[]; examples: CaseRef[] };
  filed: { count: number; byIpr: Tally[]; byPlatform: Tally[] };
  open: { count: number; inProgress: number; counterNotified: number; oldestFiledAt: string | null };
  overdue: OverdueItem[];
  figures: DigestFigures;
  previous: DigestFigures | null;
  /** True when nothing happened and nothing needs anyone. */
  quiet: boolean;
}

/** How many removed listings the digest links to. */
const REMOVED_EXAMPLES = 5;

function ref(c: CaseRef): CaseRef {
  return { caseNumber: c.caseNumber, listingUrl: c.listingUrl, platform: c.platform, iprRegNo: c.iprRegNo };
}

function tally(keys: readonly string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** The last event of each case reaching `status` in the period (a case counts once). */
function lastPerCase(events: readonly DigestEvent[], status: CaseStatus): DigestEvent[] {
  const byCase = new Map<number, DigestEvent>();
  for (const e of events) if (e.to === status) byCase.set(e.caseId, e);
  return [...byCase.values()];
}

export function buildDigest(input: DigestInput): Digest {
  const { events, holidays, now, tz } = input;
  const sorted = [...events].sort((a, b) => a.observedAt.localeCompare(b.observedAt) || a.caseId - b.caseId);

  const removed = lastPerCase(sorted, 'removed');
  const rejected = lastPerCase(sorted, 'rejected');
  const withdrawn = lastPerCase(sorted, 'withdrawn');
  const filedMap = new Map<number, DigestEvent>();
  for (const e of sorted) if (e.from === null && !filedMap.has(e.caseId)) filedMap.set(e.caseId, e);
  const filed = [...filedMap.values()];

  const counterNotices: CounterNoticeItem[] = input.openCases
    .filter((c) => c.status === 'counter_notified')
    .map((c) => {
      const deadline = addBusinessDays(
        new Date(c.statusSince),
        COUNTER_NOTICE_RESPONSE_BUSINESS_DAYS,
        holidays,
        tz,
      );
      return {
        ...ref(c),
        since: c.statusSince,
        deadline: localDay(deadline, tz),
        businessDaysLeft: businessDaysBetween(now, deadline, holidays, tz),
      };
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.caseNumber.localeCompare(b.caseNumber));

  const rejections: RejectionItem[] = rejected.map((e) => ({
    ...ref(e),
    reason: e.detail?.trim() || 'The portal gave no reason.',
    observedAt: e.observedAt,
  }));

  const overdue: OverdueItem[] = input.openCases
    .filter((c) => c.status === 'in_progress')
    .map((c) => ({
      ...ref(c),
      filedAt: c.filedAt,
      businessDaysOpen: businessDaysBetween(new Date(c.filedAt), now, holidays, tz),
    }))
    .filter((c) => c.businessDaysOpen > OVERDUE_AFTER_BUSINESS_DAYS)
    .sort((a, b) => b.businessDaysOpen - a.businessDaysOpen || a.caseNumber.localeCompare(b.caseNumber));

  const decided = removed.length + rejected.length + withdrawn.length;
  const openCount = input.openCounts.in_progress + input.openCounts.counter_notified;
  const figures: DigestFigures = {
    removed: removed.length,
    filed: filed.length,
    rejected: rejected.length,
    decided,
    open: openCount,
    overdue: overdue.length,
    removalRate: decided === 0 ? null : removed.length / decided,
    medianBusinessDaysToRemoval: median(
      removed.map((e) => businessDaysBetween(new Date(e.filedAt), new Date(e.observedAt), holidays, tz)),
    ),
  };

  const batches = [...input.batches].sort((a, b) =>
    a.status === b.status ? a.createdAt.localeCompare(b.createdAt) : a.status === 'needs_login' ? -1 : 1,
  );

  return {
    tz,
    period: { start: input.period.start.toISOString(), end: input.period.end.toISOString() },
    day: localDay(now, tz),
    needsHuman: { counterNotices, rejections, batches },
    removed: {
      count: removed.length,
      byIpr: tally(removed.map((e) => e.iprRegNo)),
      byPlatform: tally(removed.map((e) => e.platform)),
      examples: removed.slice(-REMOVED_EXAMPLES).reverse().map(ref),
    },
    filed: {
      count: filed.length,
      byIpr: tally(filed.map((e) => e.iprRegNo)),
      byPlatform: tally(filed.map((e) => e.platform)),
    },
    open: {
      count: openCount,
      inProgress: input.openCounts.in_progress,
      counterNotified: input.openCounts.counter_notified,
      oldestFiledAt: input.oldestOpenFiledAt,
    },
    overdue,
    figures,
    previous: input.previous,
    quiet:
      events.length === 0 &&
      counterNotices.length === 0 &&
      input.batches.length === 0 &&
      overdue.length === 0,
  };
}
