import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestFigures } from '../../src/core/digest.ts';
import { TakedownError } from '../../src/core/errors.ts';
import type { HistoryRow } from '../../src/core/ports.ts';
import type { BatchStatus } from '../../src/core/types.ts';
import { type Db, openDb } from '../../src/db/connection.ts';
import { recordHistory } from '../../src/db/repositories/cases.ts';
import {
  claimDigest,
  gatherDigestInput,
  lastPostedDigest,
  markDigestPosted,
} from '../../src/db/repositories/digests.ts';
import { batches, batchItems, listings } from '../../src/db/schema.ts';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'takedown-digests-'));
  db = openDb(join(dir, 'takedown.db'));
});
afterEach(() => {
  db.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const figures: DigestFigures = {
  removed: 2,
  filed: 5,
  rejected: 1,
  decided: 3,
  open: 4,
  overdue: 0,
  removalRate: 2 / 3,
  medianBusinessDaysToRemoval: 3,
};
const day = (d: string) => new Date(`${d}T09:00:00.000Z`);

describe('claiming and posting', () => {
  it('the first claim of a day is fresh; a second claim returns the same row', () => {
    const first = claimDigest(db, 'C1', '2025-03-11', day('2025-03-10'), day('2025-03-11'));
    const second = claimDigest(db, 'C1', '2025-03-11', day('2025-03-10'), new Date('2025-03-11T10:00:00Z'));

    expect(first).toMatchObject({ fresh: true, status: 'posting', messageTs: null });
    expect(second).toMatchObject({ id: first.id, fresh: false, status: 'posting' });
    expect(second.periodEnd).toEqual(day('2025-03-11'));
  });

  it('a posted digest keeps its message and figures, and cannot be marked posted twice', () => {
    const claim = claimDigest(db, 'C1', '2025-03-11', day('2025-03-10'), day('2025-03-11'));
    markDigestPosted(db, claim.id, '1741683600.000100', figures);

    expect(claimDigest(db, 'C1', '2025-03-11', day('2025-03-10'), day('2025-03-11'))).toMatchObject({
      fresh: false,
      status: 'posted',
      messageTs: '1741683600.000100',
    });
    expect(() => markDigestPosted(db, claim.id, 'other', figures)).toThrow(TakedownError);
  });

  it('the same day in another channel is a separate digest', () => {
    const a = claimDigest(db, 'C1', '2025-03-11', day('2025-03-10'), day('2025-03-11'));
    const b = claimDigest(db, 'C2', '2025-03-11', day('2025-03-10'), day('2025-03-11'));
    expect(b.fresh).toBe(true);
    expect(b.id).not.toBe(a.id);
  });

  it('lastPostedDigest is the latest posted one of the channel, with its figures; claimed ones do not count', () => {
    expect(lastPostedDigest(db, 'C1')).toBeNull();
    const mon = claimDigest(db, 'C1', '2025-03-10', day('2025-03-09'), day('2025-03-10'));
    markDigestPosted(db, mon.id, '1.1', figures);
    claimDigest(db, 'C1', '2025-03-11', day('2025-03-10'), day('2025-03-11'));

    const last = lastPostedDigest(db, 'C1');
    expect(last).toMatchObject({ periodKey: '2025-03-10', messageTs: '1.1', summary: figures });
    expect(lastPostedDigest(db, 'C2')).toBeNull();
  });

  it('a period that ends before it starts is refused', () => {
    expect(() => claimDigest(db, 'C1', '2025-03-11', day('2025-03-11'), day('2025-03-10'))).toThrow(
      /must end after it starts/,
    );
  });
});

function row(caseNumber: string, item: string, over: Partial<HistoryRow> = {}): HistoryRow {
  return {
    complaintDate: '03/03/2025',
    caseNumber,
    iprRegNo: '2485097;',
    supplier: 'mayver2012',
    listingUrl: `https://www.aliexpress.com/item/${item}.html`,
    platform: 'Aliexpress.com',
    status: 'in_progress',
    statusText: 'In Progress',
    ...over,
  };
}

function addBatch(status: BatchStatus, items: number): number {
  const b = db
    .insert(batches)
    .values({
      requestedBy: 'U0ALICE',
      channelId: 'C0BRAND',
      source: 'paste',
      reason: 'Counterfeit Listing',
      chunkLimit: 200,
      status,
      intakeReport: {
        total: items,
        ok: items,
        duplicate: 0,
        alreadyFiled: 0,
        invalid: 0,
        unresolved: 0,
        refused: [],
      },
    })
    .returning({ id: batches.id })
    .get();
  for (let i = 0; i < items; i++) {
    const l = db
      .insert(listings)
      .values({
        platform: '1688',
        itemId: `${b.id}00${i}`,
        url: `https://detail.1688.com/offer/${b.id}00${i}.html`,
      })
      .returning({ id: listings.id })
      .get();
    db.insert(batchItems).values({ batchId: b.id, listingId: l.id, chunkIndex: 0 }).run();
  }
  return b.id;
}

describe('gatherDigestInput', () => {
  it('reads the changes of the period, the open counts, the cases that may need attention and the waiting batches', () => {
    // Filed Mon 3 March (seen then), one removed on the 10th, one counter-notified on the 10th.
    recordHistory(
      db,
      [row('A', '1005007681552001'), row('B', '1005007681552002'), row('C', '1005007681552003')],
      new Date('2025-03-03T15:00:00Z'),
    );
    recordHistory(
      db,
      [row('OLD', '1005007681552009', { complaintDate: '02/24/2025' })],
      new Date('2025-03-03T16:00:00Z'),
    );
    recordHistory(
      db,
      [
        row('A', '1005007681552001', { status: 'removed', statusText: 'Listing Removed' }),
        row('B', '1005007681552002', {
          status: 'counter_notified',
          statusText: 'Pending Counter-Notification',
        }),
      ],
      new Date('2025-03-10T20:00:00Z'),
    );
    const waiting = addBatch('needs_login', 3);
    addBatch('awaiting_approval', 2);
    addBatch('submitted', 1);

    const input = gatherDigestInput(db, {
      start: day('2025-03-10'),
      end: day('2025-03-11'),
      now: day('2025-03-11'),
      tz: 'UTC',
      holidays: [],
      previous: figures,
    });

    expect(input.decided).toEqual({
      removed: [{ iprRegNo: '2485097', platform: 'aliexpress', count: 1 }],
      rejected: [],
      withdrawn: [],
    });
    expect(input.filed).toEqual([]);
    expect(input.latestRemovals).toEqual([
      {
        caseNumber: 'A',
        listingUrl: 'https://www.aliexpress.com/item/1005007681552001.html',
        platform: 'aliexpress',
        iprRegNo: '2485097',
      },
    ]);
    expect(input.removalTimings).toEqual([
      { filedAt: '2025-03-03T12:00:00.000Z', removedAt: '2025-03-10T20:00:00.000Z', count: 1 },
    ]);
    expect(input.openCounts).toEqual({ in_progress: 2, counter_notified: 1 });
    expect(input.oldestOpenFiledAt).toBe('2025-02-24T12:00:00.000Z');
    expect(input.counterNotices.total).toBe(1);
    expect(input.counterNotices.items.map((c) => [c.caseNumber, c.statusSince])).toEqual([
      ['B', '2025-03-10T20:00:00.000Z'],
    ]);
    // OLD was filed Mon 24 Feb: 11 business days by Tue 11 March. C (filed 3 March) has 6.
    expect(input.overdue.total).toBe(1);
    expect(input.overdue.items.map((c) => c.caseNumber)).toEqual(['OLD']);
    expect(input.topSellers).toEqual([{ key: 'mayver2012', count: 4 }]);
    expect(input.removalsPerDay).toHaveLength(30);
    expect(input.removalsPerDay.at(-1)).toEqual({ day: '2025-03-11', count: 0 });
    expect(input.removalsPerDay.at(-2)).toEqual({ day: '2025-03-10', count: 1 });
    expect(input.batches.map((b) => [b.id === waiting, b.status, b.listingCount])).toEqual([
      [true, 'needs_login', 3],
      [false, 'awaiting_approval', 2],
    ]);
    expect(input.previous).toEqual(figures);
  });

  it('an event exactly at the start belongs to the previous digest, one exactly at the end to this one', () => {
    recordHistory(db, [row('A', '1005007681552001')], day('2025-03-10'));
    recordHistory(db, [row('B', '1005007681552002'), row('C', '1005007681552003')], day('2025-03-11'));
    const input = gatherDigestInput(db, {
      start: day('2025-03-10'),
      end: day('2025-03-11'),
      now: day('2025-03-11'),
      tz: 'UTC',
      holidays: [],
      previous: null,
    });
    expect(input.filed).toEqual([{ iprRegNo: '2485097', platform: 'aliexpress', count: 2 }]);
  });

  it('rejections keep the portal reason, newest first; a case filed and removed in one period counts once each', () => {
    recordHistory(db, [row('R1', '1005007681552001'), row('R2', '1005007681552002')], day('2025-03-10'));
    recordHistory(
      db,
      [
        row('R1', '1005007681552001', {
          status: 'rejected',
          statusText: 'The IPR does not cover this product.',
        }),
      ],
      new Date('2025-03-10T12:00:00Z'),
    );
    recordHistory(
      db,
      [row('R2', '1005007681552002', { status: 'rejected', statusText: 'Insufficient evidence' })],
      new Date('2025-03-10T14:00:00Z'),
    );
    recordHistory(
      db,
      [row('N', '1005007681552003', { supplier: 'other-shop' })],
      new Date('2025-03-10T15:00:00Z'),
    );
    recordHistory(
      db,
      [
        row('N', '1005007681552003', {
          supplier: 'other-shop',
          status: 'removed',
          statusText: 'Listing Removed',
        }),
      ],
      new Date('2025-03-10T17:00:00Z'),
    );
    const input = gatherDigestInput(db, {
      start: new Date('2025-03-10T10:00:00Z'),
      end: day('2025-03-11'),
      now: day('2025-03-11'),
      tz: 'UTC',
      holidays: [],
      previous: null,
    });

    expect(input.rejections.total).toBe(2);
    expect(input.rejections.items.map((r) => [r.caseNumber, r.detail])).toEqual([
      ['R2', 'Insufficient evidence'],
      ['R1', 'The IPR does not cover this product.'],
    ]);
    expect(input.filed).toEqual([{ iprRegNo: '2485097', platform: 'aliexpress', count: 1 }]);
    expect(input.decided.removed).toEqual([{ iprRegNo: '2485097', platform: 'aliexpress', count: 1 }]);
    // Rejected cases are not counted against their seller.
    expect(input.topSellers).toEqual([{ key: 'other-shop', count: 1 }]);
  });
});
