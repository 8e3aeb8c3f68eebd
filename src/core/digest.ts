/**
 * The daily digest, as data: what needs a human first (counter-notices with their deadline,
 * rejections with the portal's reason, batches stuck on login or approval), then what was removed,
 * newly filed, still open and overdue, the figures that say whether takedowns work, the sellers
 * with the most infringing listings and removals per day for the chart.
 * Pure: everything comes in through DigestInput, already aggregated (the database counts; only
 * the few cases a person reads are passed one by one). Rendering is src/bot/blocks/digest.ts.
 */
import {
  addBusinessDays,
  businessDaysBetween,
  localDay,
  shiftDay,
  startOfLocalDay,
} from './business-days.ts';
import type { BatchStatus, Platform } from './types.ts';

/** The portal promises a decision within this many business days; later, a case is overdue. */
export const OVERDUE_AFTER_BUSINESS_DAYS = 7;
/** Business days the complainant has to answer a counter-notice before the portal decides without them. */
export const COUNTER_NOTICE_RESPONSE_BUSINESS_DAYS = 3;
/** How many removed listings the digest links to. */
export const REMOVED_EXAMPLES = 5;
/** How many cases of a list (rejections, counter-notices, overdue) are passed in to be shown. */
export const LISTED_CASES = 25;
/** How many sellers the digest names. */
export const TOP_SELLERS = 5;
/** Days the removals chart covers, today included. */
export const CHART_DAYS = 30;

export interface CaseRef {
  caseNumber: string;
  listingUrl: string;
  platform: Platform;
  iprRegNo: string;
}

/** A total, and the first items of it (the ones a person is shown). */
export interface Listed<T> {
  total: number;
  items: T[];
}

/** Cases counted in one IPR × platform group. */
export interface GroupCount {
  iprRegNo: string;
  platform: Platform;
  count: number;
}

/** Removals with the same filing time and removal time (one status sync sees many at once). */
export interface RemovalTiming {
  filedAt: string;
  removedAt: string;
  count: number;
}

/** A rejection observed in the period, with the portal's status text (its reason). */
export interface RejectionEvent extends CaseRef {
  detail: string | null;
  observedAt: string;
}

/** An open case a person may need to act on: counter-notified, or overdue in progress. */
export interface OpenCase extends CaseRef {
  caseId: number;
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

export interface DayCount {
  /** YYYY-MM-DD in the digest's zone. */
  day: string;
  count: number;
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
  /** Cases that reached each final status in the period (start exclusive, end inclusive), per IPR and platform. */
  decided: { removed: GroupCount[]; rejected: GroupCount[]; withdrawn: GroupCount[] };
  /** Cases first seen in the period, per IPR and platform. */
  filed: GroupCount[];
  /** The latest removals of the period, newest first, one per case (at least REMOVED_EXAMPLES when there are). */
  latestRemovals: CaseRef[];
  /** Every removal of the period, grouped by filing and removal time: the median comes from these. */
  removalTimings: RemovalTiming[];
  /** Rejections of the period: how many, and the latest ones (newest first, one per case). */
  rejections: Listed<RejectionEvent>;
  /** Counter-notified cases: how many, and those counter-notified longest ago first. */
  counterNotices: Listed<OpenCase>;
  /** In-progress cases filed before `overdueFiledBefore(now, …)`: how many, and the oldest first. */
  overdue: Listed<OpenCase>;
  /** How many cases are open now, by status. */
  openCounts: { in_progress: number; counter_notified: number };
  /** Filing time of the oldest open case, null when none is open. */
  oldestOpenFiledAt: string | null;
  batches: BatchNeedingHuman[];
  /**
   * Sellers by listings filed against them over the chart's 30 days, not counting cases the
   * portal rejected or that were withdrawn.
   */
  topSellers: Tally[];
  /** Removals on each of the last CHART_DAYS local days, oldest first, today last. */
  removalsPerDay: DayCount[];
  previous: DigestFigures | null;
  holidays: readonly string[];
  now: Date;
  tz: string;
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
    counterNotices: Listed<CounterNoticeItem>;
    rejections: Listed<RejectionItem>;
    batches: BatchNeedingHuman[];
  };
  removed: { count: number; byIpr: Tally[]; byPlatform: Tally[]; examples: CaseRef[] };
  filed: { count: number; byIpr: Tally[]; byPlatform: Tally[] };
  open: { count: number; inProgress: number; counterNotified: number; oldestFiledAt: string | null };
  overdue: Listed<OverdueItem>;
  sellers: Tally[];
  removalsPerDay: DayCount[];
  figures: DigestFigures;
  previous: DigestFigures | null;
  /** True when nothing happened and nothing needs anyone. */
  quiet: boolean;
}

function ref(c: CaseRef): CaseRef {
  return { caseNumber: c.caseNumber, listingUrl: c.listingUrl, platform: c.platform, iprRegNo: c.iprRegNo };
}

/** Sums group counts by one key, largest first (ties by key). */
function tally(groups: readonly GroupCount[], key: (g: GroupCount) => string): Tally[] {
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(key(g), (counts.get(key(g)) ?? 0) + g.count);
  return [...counts]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function total(groups: readonly GroupCount[]): number {
  return groups.reduce((n, g) => n + g.count, 0);
}

/** The median of values given with their multiplicity; null when there are none. */
export function weightedMedian(values: readonly { value: number; count: number }[]): number | null {
  const sorted = values.filter((v) => v.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, v) => s + v.count, 0);
  if (n === 0) return null;
  // The (1-based) ranks of the middle one or two values.
  const lowRank = Math.floor((n + 1) / 2);
  const highRank = Math.floor(n / 2) + 1;
  let seen = 0;
  let low: number | null = null;
  for (const v of sorted) {
    seen += v.count;
    if (low === null && seen >= lowRank) low = v.value;
    if (seen >= highRank) return n % 2 === 1 ? (low as number) : ((low as number) + v.value) / 2;
  }
  return low;
}

/**
 * The instant before which an in-progress case is overdue at `now`: cases filed on a local day
 * more than OVERDUE_AFTER_BUSINESS_DAYS business days before today, i.e. before the start of the
 * day after the latest such day.
 */
export function overdueFiledBefore(now: Date, holidays: readonly string[], tz: string): Date {
  let day = localDay(now, tz);
  while (businessDaysBetween(startOfLocalDay(day, tz), now, holidays, tz) <= OVERDUE_AFTER_BUSINESS_DAYS) {
    day = shiftDay(day, -1);
  }
  return startOfLocalDay(shiftDay(day, 1), tz);
}

/** The local days the chart covers at `now`, oldest first, with the instants that bound them. */
export function chartDays(now: Date, tz: string): { day: string; start: Date; end: Date }[] {
  const today = localDay(now, tz);
  return Array.from({ length: CHART_DAYS }, (_, i) => {
    const day = shiftDay(today, i - CHART_DAYS + 1);
    return { day, start: startOfLocalDay(day, tz), end: startOfLocalDay(shiftDay(day, 1), tz) };
  });
}

export function buildDigest(input: DigestInput): Digest {
  const { holidays, now, tz } = input;

  const counterNotices = input.counterNotices.items
    .map((c): CounterNoticeItem => {
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

  const rejections = input.rejections.items.map(
    (e): RejectionItem => ({
      ...ref(e),
      reason: e.detail?.trim() || 'The portal gave no reason.',
      observedAt: e.observedAt,
    }),
  );

  const overdue = input.overdue.items
    .map(
      (c): OverdueItem => ({
        ...ref(c),
        filedAt: c.filedAt,
        businessDaysOpen: businessDaysBetween(new Date(c.filedAt), now, holidays, tz),
      }),
    )
    .sort((a, b) => b.businessDaysOpen - a.businessDaysOpen || a.caseNumber.localeCompare(b.caseNumber));

  const { removed, rejected, withdrawn } = input.decided;
  const removedCount = total(removed);
  const decided = removedCount + total(rejected) + total(withdrawn);
  const filedCount = total(input.filed);
  const openCount = input.openCounts.in_progress + input.openCounts.counter_notified;
  const figures: DigestFigures = {
    removed: removedCount,
    filed: filedCount,
    rejected: total(rejected),
    decided,
    open: openCount,
    overdue: input.overdue.total,
    removalRate: decided === 0 ? null : removedCount / decided,
    medianBusinessDaysToRemoval: weightedMedian(
      input.removalTimings.map((t) => ({
        value: businessDaysBetween(new Date(t.filedAt), new Date(t.removedAt), holidays, tz),
        count: t.count,
      })),
    ),
  };

  const batches = [...input.batches].sort((a, b) =>
    a.status === b.status ? a.createdAt.localeCompare(b.createdAt) : a.status === 'needs_login' ? -1 : 1,
  );

  return {
    tz,
    period: { start: input.period.start.toISOString(), end: input.period.end.toISOString() },
    day: localDay(now, tz),
    needsHuman: {
      counterNotices: { total: input.counterNotices.total, items: counterNotices },
      rejections: { total: input.rejections.total, items: rejections },
      batches,
    },
    removed: {
      count: removedCount,
      byIpr: tally(removed, (g) => g.iprRegNo),
      byPlatform: tally(removed, (g) => g.platform),
      examples: input.latestRemovals.slice(0, REMOVED_EXAMPLES).map(ref),
    },
    filed: {
      count: filedCount,
      byIpr: tally(input.filed, (g) => g.iprRegNo),
      byPlatform: tally(input.filed, (g) => g.platform),
    },
    open: {
      count: openCount,
      inProgress: input.openCounts.in_progress,
      counterNotified: input.openCounts.counter_notified,
      oldestFiledAt: input.oldestOpenFiledAt,
    },
    overdue: { total: input.overdue.total, items: overdue },
    sellers: input.topSellers.slice(0, TOP_SELLERS),
    removalsPerDay: input.removalsPerDay,
    figures,
    previous: input.previous,
    quiet:
      decided === 0 &&
      filedCount === 0 &&
      input.counterNotices.total === 0 &&
      input.batches.length === 0 &&
      input.overdue.total === 0,
  };
}
