/**
 * Digests: gathering what a digest reports from the database, and posting each period at most
 * once per channel. A row is claimed ('posting') before the post and marked 'posted' after it; a
 * 'posting' row left by a crash is handed back so the next run finishes it instead of adding one.
 */
import { and, count, desc, eq, gt, inArray, lte, min, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type {
  BatchNeedingHuman,
  DigestEvent,
  DigestFigures,
  DigestInput,
  OpenCase,
} from '../../core/digest.ts';
import { TakedownError } from '../../core/errors.ts';
import type { Db } from '../connection.ts';
import { batches, batchItems, caseEvents, cases, digests, listings } from '../schema.ts';

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

/**
 * An in-progress case cannot be more than 7 business days old unless it was filed at least 10
 * calendar days ago; 9 leaves a day for time zones. Younger cases are not read for "overdue".
 */
const OVERDUE_CANDIDATE_DAYS = 9;
const DAY_MS = 86_400_000;

export interface GatherOptions {
  start: Date;
  end: Date;
  now: Date;
  tz: string;
  holidays: readonly string[];
  previous: DigestFigures | null;
}

/** Reads everything buildDigest needs, with aggregates and indexed range reads. */
export function gatherDigestInput(db: Db, o: GatherOptions): DigestInput {
  const events: DigestEvent[] = db
    .select({
      caseId: caseEvents.caseId,
      caseNumber: cases.caseNumber,
      listingUrl: listings.url,
      platform: cases.platform,
      iprRegNo: cases.iprRegNo,
      from: caseEvents.fromStatus,
      to: caseEvents.toStatus,
      detail: caseEvents.detail,
      observedAt: caseEvents.observedAt,
      filedAt: cases.filedAt,
    })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .innerJoin(listings, eq(listings.id, cases.listingId))
    .where(
      and(gt(caseEvents.observedAt, o.start.toISOString()), lte(caseEvents.observedAt, o.end.toISOString())),
    )
    .orderBy(caseEvents.observedAt, caseEvents.id)
    .all();

  const counts = db
    .select({ status: cases.status, n: sql<number>`count(*)`, oldest: min(cases.filedAt) })
    .from(cases)
    .where(inArray(cases.status, ['in_progress', 'counter_notified']))
    .groupBy(cases.status)
    .all();
  const openCounts = { in_progress: 0, counter_notified: 0 };
  let oldestOpenFiledAt: string | null = null;
  for (const c of counts) {
    if (c.status === 'in_progress' || c.status === 'counter_notified') openCounts[c.status] = c.n;
    if (c.oldest && (oldestOpenFiledAt === null || c.oldest < oldestOpenFiledAt))
      oldestOpenFiledAt = c.oldest;
  }

  const cutoff = new Date(o.now.getTime() - OVERDUE_CANDIDATE_DAYS * DAY_MS).toISOString();
  const openRows = db
    .select({
      caseId: cases.id,
      caseNumber: cases.caseNumber,
      listingUrl: listings.url,
      platform: cases.platform,
      iprRegNo: cases.iprRegNo,
      status: cases.status,
      statusText: cases.statusText,
      filedAt: cases.filedAt,
      // A correlated subquery; drizzle writes table-qualified names because this query has a join.
      statusSince: sql<string | null>`(select max(${caseEvents.observedAt}) from ${caseEvents}
        where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.toStatus} = ${cases.status})`,
    })
    .from(cases)
    .innerJoin(listings, eq(listings.id, cases.listingId))
    .where(
      or(
        eq(cases.status, 'counter_notified'),
        and(eq(cases.status, 'in_progress'), lte(cases.filedAt, cutoff)),
      ),
    )
    .all();
  const openCases: OpenCase[] = openRows.map((r) => ({
    ...r,
    status: r.status === 'counter_notified' ? 'counter_notified' : 'in_progress',
    statusSince: r.statusSince ?? r.filedAt,
  }));

  const batchRows: BatchNeedingHuman[] = db
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

  return {
    period: { start: o.start, end: o.end },
    events,
    openCounts,
    oldestOpenFiledAt,
    openCases,
    batches: batchRows,
    previous: o.previous,
    holidays: o.holidays,
    now: o.now,
    tz: o.tz,
  };
}
