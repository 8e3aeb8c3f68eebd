/**
 * Digests: gathering what a digest reports from the database, and posting each period at most
 * once per channel. A row is claimed ('posting') before the post and marked 'posted' after it; a
 * 'posting' row left by a crash is handed back so the next run finishes it instead of adding one.
 */
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  type BatchNeedingHuman,
  type CaseRef,
  chartDays,
  type DigestFigures,
  type DigestInput,
  type GroupCount,
  LISTED_CASES,
  type OpenCase,
  overdueFiledBefore,
  REMOVED_EXAMPLES,
  type RejectionEvent,
  type RemovalTiming,
  type Tally,
  TOP_SELLERS,
} from '../../core/digest.ts';
import { TakedownError } from '../../core/errors.ts';
import type { Db } from '../connection.ts';
import { batches, batchItems, digests } from '../schema.ts';

export interface DigestRecord {
  id: number;
  channel: string;
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  status: 'posting' | 'posted';
  messageTs: string | null;
  /** The figures stored when it was posted, null before (or when unreadable). */
  summary: DigestFigures | null;
}

export interface DigestClaim extends DigestRecord {
  /** True when this call created the row; false when it existed (posted, or left 'posting' by a crash). */
  fresh: boolean;
}

const figuresSchema = z.object({
  removed: z.number(),
  filed: z.number(),
  rejected: z.number(),
  decided: z.number(),
  open: z.number(),
  overdue: z.number(),
  removalRate: z.number().nullable(),
  medianBusinessDaysToRemoval: z.number().nullable(),
});

function toRecord(row: typeof digests.$inferSelect): DigestRecord {
  const summary = figuresSchema.safeParse(row.summary);
  return {
    id: row.id,
    channel: row.channel,
    periodKey: row.periodKey,
    periodStart: new Date(row.periodStart),
    periodEnd: new Date(row.periodEnd),
    status: row.status,
    messageTs: row.messageTs,
    summary: summary.success ? summary.data : null,
  };
}

/**
 * Claims the digest of `periodKey` for `channel`: inserts it as 'posting' and returns it with
 * fresh=true, or returns the row already there (fresh=false) unchanged. A 'posted' row must never
 * be posted again; a 'posting' row that is not fresh was interrupted and may be finished.
 */
export function claimDigest(db: Db, channel: string, periodKey: string, start: Date, end: Date): DigestClaim {
  if (!(start.getTime() < end.getTime())) {
    throw new TakedownError('bad_input', `A digest period must end after it starts (${periodKey}).`);
  }
  const inserted = db
    .insert(digests)
    .values({
      channel,
      periodKey,
      periodStart: start.toISOString(),
      periodEnd: end.toISOString(),
      status: 'posting',
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (inserted) return { ...toRecord(inserted), fresh: true };
  const existing = db
    .select()
    .from(digests)
    .where(and(eq(digests.channel, channel), eq(digests.periodKey, periodKey)))
    .get();
  if (!existing) throw new Error(`digest ${channel}/${periodKey} neither inserted nor found`);
  return { ...toRecord(existing), fresh: false };
}

/** Marks a claimed digest as posted, with the Slack message and the figures the next digest compares to. */
export function markDigestPosted(db: Db, id: number, messageTs: string, summary: DigestFigures): void {
  const updated = db
    .update(digests)
    .set({ status: 'posted', messageTs, summary })
    .where(and(eq(digests.id, id), eq(digests.status, 'posting')))
    .returning({ id: digests.id })
    .all();
  if (updated.length === 0) {
    throw new TakedownError(
      'not_found',
      `Digest ${id} is not waiting to be posted (unknown, or already posted).`,
    );
  }
}

/** The most recent posted digest of the channel (latest period end), or null. */
export function lastPostedDigest(db: Db, channel: string): DigestRecord | null {
  const row = db
    .select()
    .from(digests)
    .where(and(eq(digests.channel, channel), eq(digests.status, 'posted')))
    .orderBy(desc(digests.periodEnd), desc(digests.id))
    .limit(1)
    .get();
  return row ? toRecord(row) : null;
}

export interface GatherOptions {
  start: Date;
  end: Date;
  now: Date;
  tz: string;
  holidays: readonly string[];
  previous: DigestFigures | null;
}

/** Runs one read-only query; every figure below is one of these, aggregated in SQLite over indexes. */
function all<T>(db: Db, query: ReturnType<typeof sql>): T[] {
  return db.all<T>(query);
}

const CASE_REF = sql.raw(
  'c.case_number as caseNumber, l.url as listingUrl, c.platform as platform, c.ipr_reg_no as iprRegNo',
);

/** The last `n` distinct cases of rows already ordered newest first. */
function firstPerCase<T extends { caseId: number }>(rows: T[], n: number): T[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.caseId) && seen.add(r.caseId) && seen.size <= n);
}

function withoutCaseId<T extends { caseId: number }>({ caseId: _, ...rest }: T): Omit<T, 'caseId'> {
  return rest;
}

/** Cases reaching each final status in the period, per IPR and platform (range read on case_events_status_observed). */
function decidedGroups(db: Db, start: string, end: string): DigestInput['decided'] {
  const rows = all<GroupCount & { status: string }>(
    db,
    sql`select e.to_status as status, c.ipr_reg_no as iprRegNo, c.platform as platform,
          count(distinct e.case_id) as count
        from case_events e join cases c on c.id = e.case_id
        where e.to_status in ('removed', 'rejected', 'withdrawn')
          and e.observed_at > ${start} and e.observed_at <= ${end}
        group by e.to_status, c.ipr_reg_no, c.platform`,
  );
  const pick = (status: string) =>
    rows
      .filter((r) => r.status === status)
      .map(({ iprRegNo, platform, count }) => ({ iprRegNo, platform, count }));
  return { removed: pick('removed'), rejected: pick('rejected'), withdrawn: pick('withdrawn') };
}

/** Cases first seen in the period, per IPR and platform. */
function filedGroups(db: Db, start: string, end: string): GroupCount[] {
  return all<GroupCount>(
    db,
    sql`select c.ipr_reg_no as iprRegNo, c.platform as platform, count(distinct e.case_id) as count
        from case_events e join cases c on c.id = e.case_id
        where e.from_status is null and e.observed_at > ${start} and e.observed_at <= ${end}
        group by c.ipr_reg_no, c.platform`,
  );
}

function latestRemovals(db: Db, start: string, end: string): CaseRef[] {
  const rows = all<CaseRef & { caseId: number }>(
    db,
    sql`select e.case_id as caseId, ${CASE_REF}
        from case_events e join cases c on c.id = e.case_id join listings l on l.id = c.listing_id
        where e.to_status = 'removed' and e.observed_at > ${start} and e.observed_at <= ${end}
        order by e.observed_at desc, e.id desc limit ${REMOVED_EXAMPLES * 4}`,
  );
  return firstPerCase(rows, REMOVED_EXAMPLES).map(withoutCaseId);
}

function removalTimings(db: Db, start: string, end: string): RemovalTiming[] {
  return all<RemovalTiming>(
    db,
    sql`select c.filed_at as filedAt, e.observed_at as removedAt, count(distinct e.case_id) as count
        from case_events e join cases c on c.id = e.case_id
        where e.to_status = 'removed' and e.observed_at > ${start} and e.observed_at <= ${end}
        group by c.filed_at, e.observed_at`,
  );
}

function latestRejections(db: Db, start: string, end: string): RejectionEvent[] {
  const rows = all<RejectionEvent & { caseId: number }>(
    db,
    sql`select e.case_id as caseId, ${CASE_REF}, e.detail as detail, e.observed_at as observedAt
        from case_events e join cases c on c.id = e.case_id join listings l on l.id = c.listing_id
        where e.to_status = 'rejected' and e.observed_at > ${start} and e.observed_at <= ${end}
        order by e.observed_at desc, e.id desc limit ${LISTED_CASES * 2}`,
  );
  return firstPerCase(rows, LISTED_CASES).map(withoutCaseId);
}

const OPEN_CASE = sql.raw(`c.id as caseId, c.case_number as caseNumber, l.url as listingUrl,
  c.platform as platform, c.ipr_reg_no as iprRegNo, c.status as status, c.status_text as statusText,
  c.filed_at as filedAt, coalesce(c.status_since, c.filed_at) as statusSince`);

/** Counter-notified cases, longest waiting first (their answer is due first): cases_status_since, in order. */
function counterNotices(db: Db): OpenCase[] {
  return all<OpenCase>(
    db,
    sql`select ${OPEN_CASE} from cases c join listings l on l.id = c.listing_id
        where c.status = 'counter_notified' order by c.status_since, c.id limit ${LISTED_CASES}`,
  );
}

function overdue(db: Db, filedBefore: string): { total: number; items: OpenCase[] } {
  const [row] = all<{ n: number }>(
    db,
    sql`select count(*) as n from cases where status = 'in_progress' and filed_at < ${filedBefore}`,
  );
  const items = all<OpenCase>(
    db,
    sql`select ${OPEN_CASE} from cases c join listings l on l.id = c.listing_id
        where c.status = 'in_progress' and c.filed_at < ${filedBefore}
        order by c.filed_at, c.id limit ${LISTED_CASES}`,
  );
  return { total: row?.n ?? 0, items };
}

function openCounts(db: Db): Pick<DigestInput, 'openCounts' | 'oldestOpenFiledAt'> {
  const rows = all<{ status: string; n: number; oldest: string | null }>(
    db,
    sql`select status, count(*) as n, min(filed_at) as oldest from cases
        where status in ('in_progress', 'counter_notified') group by status`,
  );
  const counts = { in_progress: 0, counter_notified: 0 };
  let oldest: string | null = null;
  for (const r of rows) {
    if (r.status === 'in_progress' || r.status === 'counter_notified') counts[r.status] = r.n;
    if (r.oldest && (oldest === null || r.oldest < oldest)) oldest = r.oldest;
  }
  return { openCounts: counts, oldestOpenFiledAt: oldest };
}

/**
 * Sellers with the most listings filed against them since `since`, not counting cases the portal
 * rejected or that were withdrawn (a covering range read of cases_filed_status_supplier).
 */
function topSellers(db: Db, since: string): Tally[] {
  return all<Tally>(
    db,
    sql`select supplier as key, count(*) as count from cases
        where filed_at >= ${since} and status not in ('rejected', 'withdrawn') and supplier is not null
        group by supplier order by count desc, supplier limit ${TOP_SELLERS}`,
  );
}

/** Removals on each local day of the chart: one indexed range count per day. */
function removalsPerDay(db: Db, days: ReturnType<typeof chartDays>): DigestInput['removalsPerDay'] {
  const bounds = sql.join(
    days.map((d, i) => sql`(${i}, ${d.start.toISOString()}, ${d.end.toISOString()})`),
    sql`, `,
  );
  const rows = all<{ i: number; n: number }>(
    db,
    sql`with d(i, s, e) as (values ${bounds})
        select d.i as i, (select count(*) from case_events x
          where x.to_status = 'removed' and x.observed_at >= d.s and x.observed_at < d.e) as n
        from d`,
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.n]));
  return days.map((d, i) => ({ day: d.day, count: byIndex.get(i) ?? 0 }));
}

function waitingBatches(db: Db): BatchNeedingHuman[] {
  return db
    .select({
      id: batches.id,
      status: batches.status,
      channelId: batches.channelId,
      messageTs: batches.messageTs,
      requestedBy: batches.requestedBy,
      listingCount: count(batchItems.id),
      createdAt: batches.createdAt,
      updatedAt: batches.updatedAt,
      error: batches.error,
    })
    .from(batches)
    .leftJoin(batchItems, eq(batchItems.batchId, batches.id))
    .where(inArray(batches.status, ['needs_login', 'awaiting_approval']))
    .groupBy(batches.id)
    .orderBy(batches.createdAt, batches.id)
    .all()
    .map((b) => ({ ...b, status: b.status === 'needs_login' ? 'needs_login' : 'awaiting_approval' }));
}

/**
 * Reads everything buildDigest needs. Every figure is a SQL aggregate over an indexed range; only
 * the few cases a person reads (latest removals and rejections, counter-notices, the oldest
 * overdue cases) come back as rows, a bounded number of them.
 */
export function gatherDigestInput(db: Db, o: GatherOptions): DigestInput {
  const start = o.start.toISOString();
  const end = o.end.toISOString();
  const decided = decidedGroups(db, start, end);
  const rejectedTotal = decided.rejected.reduce((n, g) => n + g.count, 0);
  const open = openCounts(db);
  const chart = chartDays(o.now, o.tz);
  return {
    period: { start: o.start, end: o.end },
    decided,
    filed: filedGroups(db, start, end),
    latestRemovals: latestRemovals(db, start, end),
    removalTimings: removalTimings(db, start, end),
    rejections: { total: rejectedTotal, items: rejectedTotal > 0 ? latestRejections(db, start, end) : [] },
    counterNotices: {
      total: open.openCounts.counter_notified,
      items: open.openCounts.counter_notified > 0 ? counterNotices(db) : [],
    },
    overdue: overdue(db, overdueFiledBefore(o.now, o.holidays, o.tz).toISOString()),
    ...open,
    batches: waitingBatches(db),
    topSellers: topSellers(db, (chart[0]?.start ?? o.start).toISOString()),
    removalsPerDay: removalsPerDay(db, chart),
    previous: o.previous,
    holidays: o.holidays,
    now: o.now,
    tz: o.tz,
  };
}
