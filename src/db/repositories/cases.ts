/**
 * Cases and their status history. `recordHistory` is the one writer: it turns rows read from the
 * portal's History page into case rows and a `case_events` row for every status change observed.
 */
import { and, asc, eq, inArray, min, sql } from 'drizzle-orm';
import { parseListingUrl } from '../../core/listing-url.ts';
import type { HistoryRow } from '../../core/ports.ts';
import { CASE_STATUS_LABEL, type CaseStatus, type Platform } from '../../core/types.ts';
import type { Db } from '../connection.ts';
import { caseEvents, cases, listings } from '../schema.ts';

/** Statuses on which the portal has finished with a case. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['removed', 'rejected', 'withdrawn'];
/** Statuses of a case still being worked on (by the portal, or by us for a counter-notice). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['in_progress', 'counter_notified'];

export type CaseRecord = typeof cases.$inferSelect;

/** What recordHistory did with one History row. Rows that did not change anything are not returned. */
export type CaseChange =
  | {
      kind: 'new' | 'changed';
      caseId: number;
      caseNumber: string;
      listingId: number;
      listingUrl: string;
      platform: Platform;
      iprRegNo: string;
      from: CaseStatus | null;
      to: CaseStatus;
      /** The portal's own status text (a rejection reason, for instance). */
      detail: string;
    }
  | { kind: 'skipped'; row: HistoryRow; reason: string };

/** MM/DD/YYYY (the portal's format) as YYYY-MM-DD, or null when it is not a real date. */
export function portalDateToDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** The portal shows registration numbers as "2485097;" (a list with a trailing separator). */
export function normaliseIprRegNo(text: string): string {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('; ');
}

/**
 * When a case was filed, as an instant: the complaint date at 12:00 UTC (the same calendar day in
 * every zone within ±12h of UTC), never later than the moment it was first seen.
 */
function filedAtFor(complaintDay: string, now: Date): string {
  const noon = new Date(`${complaintDay}T12:00:00.000Z`);
  return (noon.getTime() < now.getTime() ? noon : now).toISOString();
}

interface CheckedRow {
  caseNumber: string;
  iprRegNo: string;
  complaintDay: string;
  platform: Platform;
  itemId: string;
  url: string;
}

function checkRow(row: HistoryRow): CheckedRow | { reason: string } {
  const caseNumber = row.caseNumber.trim();
  if (!caseNumber) return { reason: 'the row has no case number' };
  const parsed = parseListingUrl(row.listingUrl);
  if (!parsed.ok) return { reason: `the listing link "${row.listingUrl}" cannot be read: ${parsed.reason}` };
  if (!Object.hasOwn(CASE_STATUS_LABEL, row.status)) {
    return { reason: `the status "${row.statusText || row.status}" is not one this app knows` };
  }
  const complaintDay = portalDateToDay(row.complaintDate);
  if (!complaintDay) return { reason: `the complaint date "${row.complaintDate}" is not a MM/DD/YYYY date` };
  const iprRegNo = normaliseIprRegNo(row.iprRegNo);
  if (!iprRegNo) return { reason: 'the row has no IPR registration number' };
  return {
    caseNumber,
    iprRegNo,
    complaintDay,
    platform: parsed.platform,
    itemId: parsed.itemId,
    url: parsed.url,
  };
}

/**
 * Records History rows in one transaction: finds or creates each listing by its canonical URL,
 * upserts the case (case number + listing), and for a new case or a changed status writes a
 * case_events row (observed at `now`) and sets or clears closed_at. Returns every new case, every
 * status change and every row it could not read (with the reason).
 */
export function recordHistory(db: Db, rows: readonly HistoryRow[], now: Date): CaseChange[] {
  const observedAt = now.toISOString();
  return db.transaction((tx) => {
    const out: CaseChange[] = [];
    for (const row of rows) {
      const checked = checkRow(row);
      if ('reason' in checked) {
        out.push({ kind: 'skipped', row, reason: checked.reason });
        continue;
      }
      tx.insert(listings)
        .values({ platform: checked.platform, itemId: checked.itemId, url: checked.url })
        .onConflictDoNothing()
        .run();
      const listing = tx
        .select({ id: listings.id, url: listings.url })
        .from(listings)
        .where(and(eq(listings.platform, checked.platform), eq(listings.itemId, checked.itemId)))
        .get();
      if (!listing)
        throw new Error(`listing ${checked.platform}/${checked.itemId} vanished inside a transaction`);

      const existing = tx
        .select({ id: cases.id, status: cases.status })
        .from(cases)
        .where(and(eq(cases.caseNumber, checked.caseNumber), eq(cases.listingId, listing.id)))
        .get();
      const isFinal = FINAL_STATUSES.includes(row.status);
      const statusText = row.statusText.trim() || CASE_STATUS_LABEL[row.status];

      let caseId: number;
      if (!existing) {
        const inserted = tx
          .insert(cases)
          .values({
            caseNumber: checked.caseNumber,
            listingId: listing.id,
            iprRegNo: checked.iprRegNo,
            supplier: row.supplier.trim() || null,
            platform: checked.platform,
            status: row.status,
            statusText,
            complaintDate: checked.complaintDay,
            filedAt: filedAtFor(checked.complaintDay, now),
            closedAt: isFinal ? observedAt : null,
            lastSeenAt: observedAt,
            statusSince: observedAt,
          })
          .returning({ id: cases.id })
          .get();
        caseId = inserted.id;
      } else {
        caseId = existing.id;
        const changed = existing.status !== row.status;
        tx.update(cases)
          .set({
            status: row.status,
            statusText,
            supplier: row.supplier.trim() || null,
            lastSeenAt: observedAt,
            ...(changed ? { closedAt: isFinal ? observedAt : null, statusSince: observedAt } : {}),
          })
          .where(eq(cases.id, caseId))
          .run();
        if (!changed) continue;
      }
      const from = existing?.status ?? null;
      tx.insert(caseEvents)
        .values({ caseId, fromStatus: from, toStatus: row.status, detail: statusText, observedAt })
        .run();
      out.push({
        kind: existing ? 'changed' : 'new',
        caseId,
        caseNumber: checked.caseNumber,
        listingId: listing.id,
        listingUrl: listing.url,
        platform: checked.platform,
        iprRegNo: checked.iprRegNo,
        from,
        to: row.status,
        detail: statusText,
      });
    }
    return out;
  });
}

/**
 * The complaint date of the oldest case still open, as midnight UTC of that day: History needs
 * reading back to here to see every open case again. Null when no case is open.
 */
export function oldestOpenCaseDate(db: Db): Date | null {
  const row = db
    .select({ day: min(cases.complaintDate) })
    .from(cases)
    .where(inArray(cases.status, [...OPEN_STATUSES]))
    .get();
  return row?.day ? new Date(`${row.day}T00:00:00.000Z`) : null;
}

export function openCaseCount(db: Db): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(cases)
    .where(inArray(cases.status, [...OPEN_STATUSES]))
    .get();
  return row?.n ?? 0;
}

/** SQLite caps bound parameters per statement; large id lists are read in slices of this size. */
const ID_SLICE = 500;

/** Every case of the given listings, by listing then filing date (oldest first). */
export function casesForListings(db: Db, listingIds: readonly number[]): CaseRecord[] {
  const ids = [...new Set(listingIds)];
  const out: CaseRecord[] = [];
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    const slice = ids.slice(i, i + ID_SLICE);
    out.push(
      ...db
        .select()
        .from(cases)
        .where(inArray(cases.listingId, slice))
        .orderBy(asc(cases.listingId), asc(cases.filedAt), asc(cases.id))
        .all(),
    );
  }
  return out.sort((a, b) => a.listingId - b.listingId || a.filedAt.localeCompare(b.filedAt) || a.id - b.id);
}
