import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../src/core/ports.ts';
import { type Db, openDb } from '../../src/db/connection.ts';
import {
  casesForListings,
  oldestOpenCaseDate,
  openCaseCount,
  recordHistory,
} from '../../src/db/repositories/cases.ts';
import { caseEvents, cases, listings } from '../../src/db/schema.ts';

const KNIFE =
  'http://www.aliexpress.com/item/OEM-CRKT-7085-Columbia-River-Knife-CRAWFORD-NATURAL-white-handle-folding-knife-Free-shipping/542508477.html';
const IGNITOR =
  'http://www.aliexpress.com/item/CRKT-IGNITOR-T-Assisted-Opening-G10-Handles-6865-Knife-OEM-/542505755.html';

function row(over: Partial<HistoryRow> = {}): HistoryRow {
  return {
    complaintDate: '03/08/2013',
    caseNumber: '201303080211081192',
    iprRegNo: '2485097;',
    supplier: 'mayver2012',
    listingUrl: KNIFE,
    platform: 'Aliexpress.com',
    status: 'in_progress',
    statusText: 'In Progress',
    ...over,
  };
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'takedown-cases-'));
  db = openDb(join(dir, 'takedown.db'));
});
afterEach(() => {
  db.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const t1 = new Date('2013-03-08T10:00:00Z');
const t2 = new Date('2013-03-12T10:00:00Z');

describe('recordHistory', () => {
  it('a case seen for the first time creates its listing under the canonical URL, the case and one event', () => {
    const changes = recordHistory(db, [row(), row({ listingUrl: IGNITOR })], t1);

    expect(changes.map((c) => c.kind)).toEqual(['new', 'new']);
    const first = changes[0];
    expect(first).toMatchObject({
      kind: 'new',
      caseNumber: '201303080211081192',
      listingUrl: 'https://www.aliexpress.com/item/542508477.html',
      platform: 'aliexpress',
      iprRegNo: '2485097',
      from: null,
      to: 'in_progress',
    });
    const stored = db.select().from(cases).all();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      complaintDate: '2013-03-08',
      status: 'in_progress',
      closedAt: null,
      supplier: 'mayver2012',
    });
    expect(db.select().from(caseEvents).all()).toHaveLength(2);
  });

  it('reading the same History again records nothing new', () => {
    recordHistory(db, [row()], t1);
    const again = recordHistory(db, [row()], t2);

    expect(again).toEqual([]);
    expect(db.select().from(caseEvents).all()).toHaveLength(1);
    expect(db.select().from(cases).get()?.lastSeenAt).toBe(t2.toISOString());
  });

  it('a status change is recorded once, from → to with the portal text, and a final status closes the case', () => {
    recordHistory(db, [row()], t1);
    const changes = recordHistory(db, [row({ status: 'removed', statusText: 'Listing Removed' })], t2);
    recordHistory(
      db,
      [row({ status: 'removed', statusText: 'Listing Removed' })],
      new Date('2013-03-13T10:00:00Z'),
    );

    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        from: 'in_progress',
        to: 'removed',
        detail: 'Listing Removed',
      }),
    ]);
    const events = db.select().from(caseEvents).all();
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.detail, e.observedAt])).toEqual([
      [null, 'in_progress', 'In Progress', t1.toISOString()],
      ['in_progress', 'removed', 'Listing Removed', t2.toISOString()],
    ]);
    expect(db.select().from(cases).get()?.closedAt).toBe(t2.toISOString());
  });

  it('a counter-notified case stays open, and a case reopened after closing loses its closed date', () => {
    recordHistory(db, [row()], t1);
    recordHistory(db, [row({ status: 'counter_notified', statusText: 'Pending Counter-Notification' })], t2);
    expect(db.select().from(cases).get()?.closedAt).toBeNull();
    expect(openCaseCount(db)).toBe(1);

    recordHistory(db, [row({ status: 'rejected', statusText: 'Insufficient evidence' })], t2);
    expect(db.select().from(cases).get()?.closedAt).toBe(t2.toISOString());
    recordHistory(
      db,
      [row({ status: 'in_progress', statusText: 'In Progress' })],
      new Date('2013-03-14T00:00:00Z'),
    );
    expect(db.select().from(cases).get()?.closedAt).toBeNull();
  });

  it('a row it cannot read is returned as skipped with the reason, and the other rows are still recorded', () => {
    const changes = recordHistory(
      db,
      [
        row({ listingUrl: 'https://www.aliexpress.com/store/1234567' }),
        row({ listingUrl: IGNITOR }),
        row({ caseNumber: '2', complaintDate: '2013-03-08' }),
        row({ caseNumber: ' ' }),
        row({ caseNumber: '3', status: 'archived' as HistoryRow['status'], statusText: 'Archived' }),
      ],
      t1,
    );

    expect(changes.filter((c) => c.kind === 'new')).toHaveLength(1);
    const reasons = changes.flatMap((c) => (c.kind === 'skipped' ? [c.reason] : []));
    expect(reasons).toEqual([
      expect.stringMatching(
        /listing link "https:\/\/www\.aliexpress\.com\/store\/1234567" cannot be read: not a product listing/,
      ),
      'the complaint date "2013-03-08" is not a MM/DD/YYYY date',
      'the row has no case number',
      'the status "Archived" is not one this app knows',
    ]);
    expect(db.select().from(cases).all()).toHaveLength(1);
  });

  it('the same listing written two ways is one listing, and a known listing is reused', () => {
    db.insert(listings)
      .values({
        platform: 'aliexpress',
        itemId: '542508477',
        url: 'https://www.aliexpress.com/item/542508477.html',
        title: 'OEM 7085',
      })
      .run();
    recordHistory(
      db,
      [row(), row({ caseNumber: '999', listingUrl: 'https://ko.aliexpress.com/item/542508477.html?spm=1' })],
      t1,
    );

    const all = db.select().from(listings).all();
    expect(all).toHaveLength(1);
    expect(all[0]?.title).toBe('OEM 7085');
    expect(
      db
        .select()
        .from(cases)
        .where(eq(cases.listingId, all[0]?.id ?? -1))
        .all(),
    ).toHaveLength(2);
  });

  it('a case is filed on its complaint date, never later than when it was first seen', () => {
    recordHistory(
      db,
      [row({ complaintDate: '03/01/2013' }), row({ listingUrl: IGNITOR })],
      new Date('2013-03-08T03:00:00Z'),
    );
    const filed = db
      .select({ filedAt: cases.filedAt })
      .from(cases)
      .all()
      .map((c) => c.filedAt);
    expect(filed).toEqual(['2013-03-01T12:00:00.000Z', '2013-03-08T03:00:00.000Z']);
  });
});

describe('queries', () => {
  it('the oldest open case date and the open count ignore closed cases', () => {
    expect(oldestOpenCaseDate(db)).toBeNull();
    expect(openCaseCount(db)).toBe(0);
    recordHistory(
      db,
      [
        row({
          caseNumber: 'A',
          complaintDate: '02/01/2013',
          status: 'removed',
          statusText: 'Listing Removed',
        }),
        row({
          caseNumber: 'B',
          complaintDate: '02/15/2013',
          status: 'counter_notified',
          statusText: 'Pending Counter-Notification',
        }),
        row({ caseNumber: 'C', complaintDate: '03/01/2013', listingUrl: IGNITOR }),
      ],
      t1,
    );
    expect(oldestOpenCaseDate(db)?.toISOString()).toBe('2013-02-15T00:00:00.000Z');
    expect(openCaseCount(db)).toBe(2);
  });

  it('casesForListings returns only the cases of the listings asked for, even for thousands of ids', () => {
    recordHistory(
      db,
      [row({ caseNumber: 'A' }), row({ caseNumber: 'B' }), row({ caseNumber: 'C', listingUrl: IGNITOR })],
      t1,
    );
    const knife = db.select().from(listings).where(eq(listings.itemId, '542508477')).get();
    const ids = [knife?.id ?? -1, ...Array.from({ length: 1500 }, (_, i) => 10_000 + i)];

    const found = casesForListings(db, ids);
    expect(found.map((c) => c.caseNumber).sort()).toEqual(['A', 'B']);
    expect(casesForListings(db, [])).toEqual([]);
  });
});
