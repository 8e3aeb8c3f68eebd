/** Read-only questions the bot answers about cases: by case number, by listing, and the counts App Home shows. */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { CaseStatus } from '../core/types.ts';
import type { Db } from '../db/connection.ts';
import { cases, listings } from '../db/schema.ts';

export interface CaseLine {
  caseNumber: string;
  status: CaseStatus;
  statusText: string | null;
  listingUrl: string;
  iprRegNo: string;
  filedAt: string;
}

const caseLine = {
  caseNumber: cases.caseNumber,
  status: cases.status,
  statusText: cases.statusText,
  listingUrl: listings.url,
  iprRegNo: cases.iprRegNo,
  filedAt: cases.filedAt,
};

export function casesByNumber(db: Db, caseNumber: string): CaseLine[] {
  return db
    .select(caseLine)
    .from(cases)
    .innerJoin(listings, eq(listings.id, cases.listingId))
    .where(eq(cases.caseNumber, caseNumber))
    .orderBy(asc(cases.id))
    .all();
}

export function findListing(db: Db, platform: string, itemId: string) {
  return db
    .select()
    .from(listings)
    .where(and(eq(listings.platform, platform as never), eq(listings.itemId, itemId)))
    .get();
}

export function casesOfListing(db: Db, listingId: number): CaseLine[] {
  return db
    .select(caseLine)
    .from(cases)
    .innerJoin(listings, eq(listings.id, cases.listingId))
    .where(eq(cases.listingId, listingId))
    .orderBy(asc(cases.id))
    .all();
}

/** How many cases are in each status, over all time. */
export function caseStatusCounts(db: Db): Record<CaseStatus, number> {
  const out: Record<CaseStatus, number> = {
    in_progress: 0,
    removed: 0,
    rejected: 0,
    counter_notified: 0,
    withdrawn: 0,
  };
  const rows = db
    .select({ status: cases.status, n: sql<number>`count(*)` })
    .from(cases)
    .groupBy(cases.status)
    .all();
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/** Cases still In Progress that were filed before `cutoff` (the portal promises an answer within 7 business days). */
export function overdueCases(db: Db, cutoff: Date, limit = 10): { count: number; oldest: CaseLine[] } {
  const where = and(eq(cases.status, 'in_progress'), lt(cases.filedAt, cutoff.toISOString()));
  const count = db.select({ n: sql<number>`count(*)` }).from(cases).where(where).get()?.n ?? 0;
  const oldest = db
    .select(caseLine)
    .from(cases)
    .innerJoin(listings, eq(listings.id, cases.listingId))
    .where(where)
    .orderBy(asc(cases.filedAt))
    .limit(limit)
    .all();
  return { count, oldest };
}

/** Cases waiting on a person: counter-notified (answer due) and rejected in the last `days` days. */
export function casesNeedingHuman(db: Db, since: Date, limit = 10): CaseLine[] {
  return db
    .select(caseLine)
    .from(cases)
    .innerJoin(listings, eq(listings.id, cases.listingId))
    .where(
      sql`${cases.status} = 'counter_notified' or (${cases.status} = 'rejected' and ${cases.closedAt} >= ${since.toISOString()})`,
    )
    .orderBy(asc(cases.filedAt))
    .limit(limit)
    .all();
}
