import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BatchWorker } from '../../src/automation/worker.ts';
import { TakedownError } from '../../src/core/errors.ts';
import type { BatchEvents, BatchRef } from '../../src/core/ports.ts';
import type { IntakeReport, Listing } from '../../src/core/types.ts';
import type { Db } from '../../src/db/connection.ts';
import {
  approveBatch,
  batchOutcomes,
  cancelBatch,
  chunksOf,
  createBatch,
  getBatch,
  setBatchStatus,
} from '../../src/db/repositories/batches.ts';
import { tempDb } from '../helpers/db.ts';
import { FakePortal } from '../helpers/fake-portal.ts';

const quiet = pino({ level: 'silent' });

function listings(n: number): Listing[] {
  return Array.from({ length: n }, (_, i) => {
    const itemId = String(1005000000000000 + i);
    return { platform: 'aliexpress' as const, itemId, url: `https://www.aliexpress.com/item/${itemId}.html` };
  });
}

const report = (ok: number): IntakeReport => ({
  total: ok,
  ok,
  duplicate: 0,
  alreadyFiled: 0,
  invalid: 0,
  unresolved: 0,
  refused: [],
});

function approvedBatch(db: Db, n: number) {
  const b = createBatch(db, {
    requestedBy: 'UANALYST',
    channelId: 'CBRAND',
    source: 'pasted links',
    reason: 'Counterfeit Listing',
    chunkLimit: 200,
    intakeReport: report(n),
    listings: listings(n),
  });
  approveBatch(db, b.id, {
    by: 'UAPPROVER',
    iprRegNo: 'TM-2485097',
    reason: 'Counterfeit Listing',
    at: new Date(),
  });
  return b.id;
}

class RecordingEvents implements BatchEvents {
  log: string[] = [];
  async chunkStarted(_b: BatchRef, c: { index: number; count: number; size: number }) {
    this.log.push(`started ${c.index + 1}/${c.count} (${c.size})`);
  }
  async chunkFiled(_b: BatchRef, c: { index: number; count: number; filed: unknown[]; refused: unknown[] }) {
    this.log.push(`filed ${c.index + 1}/${c.count}: ${c.filed.length} filed, ${c.refused.length} refused`);
  }
  async batchFinished(_b: BatchRef, r: { filed: number; refused: number; cases: number }) {
    this.log.push(`finished: ${r.filed} filed, ${r.refused} refused, ${r.cases} cases`);
  }
  async batchStopped(_b: BatchRef, s: { status: string; message: string }) {
    this.log.push(`stopped (${s.status}): ${s.message}`);
  }
}

function worker(db: Db, portal: FakePortal, events = new RecordingEvents()) {
  return {
    w: new BatchWorker({ db, withPortal: (fn) => fn(portal), events, logger: quiet, retryMinTimeoutMs: 1 }),
    events,
  };
}

/** The state a SIGKILL leaves: the batch still 'submitting', the chunk at the last saved step. */
function asIfKilled(db: Db, batchId: number) {
  setBatchStatus(db, batchId, 'submitting');
}

describe('the filing worker', () => {
  it('when a batch has 450 listings, it is split into 3 portal submissions and every listing gets its case number', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 450);
    const portal = new FakePortal(200);
    const { w, events } = worker(db, portal);
    await w.kick();
    expect(portal.pasted.map((p) => p.length)).toEqual([200, 200, 50]);
    expect(getBatch(db, id)?.status).toBe('submitted');
    expect(batchOutcomes(db, id)).toEqual({ pending: 0, filed: 450, refused: 0 });
    expect(chunksOf(db, id).map((c) => c.step)).toEqual(['recorded', 'recorded', 'recorded']);
    expect(events.log.at(-1)).toBe('finished: 450 filed, 0 refused, 3 cases');
  });

  it('when the worker dies right after pasting, the restart matches what was pasted without pasting it again', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 250);
    const portal = new FakePortal(200);
    portal.crashAfter = { action: 'paste', nth: 1 };
    await worker(db, portal).w.kick();
    expect(chunksOf(db, id)[0]?.step).toBe('pending');
    asIfKilled(db, id);
    await worker(db, portal).w.kick();
    expect(portal.pasted.map((p) => p.length)).toEqual([200, 50]);
    expect(batchOutcomes(db, id)).toEqual({ pending: 0, filed: 250, refused: 0 });
    expect(new Set(portal.historyRows.map((r) => r.listingUrl)).size).toBe(portal.historyRows.length);
  });

  it('when the worker dies right after Match, the restart records the cases without filing anything again', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 30);
    const portal = new FakePortal(200);
    portal.crashAfter = { action: 'match', nth: 1 };
    await worker(db, portal).w.kick();
    asIfKilled(db, id);
    await worker(db, portal).w.kick();
    expect(portal.calls.filter((c) => c.startsWith('match'))).toEqual(['match:30']);
    expect(portal.calls.filter((c) => c.startsWith('paste'))).toEqual(['paste:30']);
    expect(batchOutcomes(db, id)).toEqual({ pending: 0, filed: 30, refused: 0 });
  });

  it('when Match answers as done yet some listings are still in Pending Submissions, they are matched once more and every listing is filed once', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 45);
    const portal = new FakePortal(200);
    for (const { url } of listings(45).slice(40)) portal.leftPending.set(url, 1);
    await worker(db, portal).w.kick();
    expect(portal.calls.filter((c) => c.startsWith('match'))).toEqual(['match:45', 'match:5']);
    expect(batchOutcomes(db, id)).toEqual({ pending: 0, filed: 45, refused: 0 });
    expect(portal.pending).toEqual([]);
    expect(new Set(portal.historyRows.map((r) => r.listingUrl)).size).toBe(45);
  });

  it('when listings stay in Pending Submissions after Match twice, they are reported as not filed, with what to check, and the rest are filed', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 10);
    const portal = new FakePortal(200);
    for (const { url } of listings(2)) portal.leftPending.set(url, 2);
    const { w, events } = worker(db, portal);
    await w.kick();
    expect(portal.calls.filter((c) => c.startsWith('match'))).toEqual(['match:10', 'match:2']);
    expect(batchOutcomes(db, id)).toEqual({ pending: 0, filed: 8, refused: 2 });
    expect(events.log).toContain('filed 1/1: 8 filed, 2 refused');
  });

  it("a listing the portal refuses is reported with the portal's reason and the rest are filed", async () => {
    const db = tempDb();
    const id = approvedBatch(db, 5);
    const portal = new FakePortal(200);
    portal.refuse.set(
      'https://www.aliexpress.com/item/1005000000000002.html',
      'This listing has already been removed',
    );
    const { w, events } = worker(db, portal);
    await w.kick();
    expect(batchOutcomes(db, id)).toEqual({ pending: 0, filed: 4, refused: 1 });
    expect(events.log).toContain('filed 1/1: 4 filed, 1 refused');
  });

  it('a batch cancelled before the worker picks it up is never filed', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 3);
    expect(cancelBatch(db, id, 'UANALYST')).toBe(true);
    const portal = new FakePortal(200);
    await worker(db, portal).w.kick();
    expect(portal.calls).toEqual([]);
    expect(getBatch(db, id)?.status).toBe('cancelled');
  });

  it('when the portal needs a person to sign in, the batch waits in needs_login and the thread says so', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 3);
    const portal = new FakePortal(200);
    portal.failWith = new TakedownError('needs_login', 'The portal shows a slider check at sign-in.');
    const { w, events } = worker(db, portal);
    await w.kick();
    expect(getBatch(db, id)?.status).toBe('needs_login');
    expect(events.log.at(-1)).toContain('stopped (needs_login): The portal shows a slider check at sign-in.');
  });

  it('a transient portal failure is retried, and the batch is still filed once', async () => {
    const db = tempDb();
    const id = approvedBatch(db, 3);
    const portal = new FakePortal(200);
    let failures = 2;
    const paste = portal.pasteListings.bind(portal);
    portal.pasteListings = async (urls) => {
      if (failures-- > 0) throw new TakedownError('portal_unavailable', 'The portal answered HTTP 500.');
      return paste(urls);
    };
    await worker(db, portal).w.kick();
    expect(batchOutcomes(db, id)).toEqual({ pending: 0, filed: 3, refused: 0 });
    expect(portal.pasted).toHaveLength(1);
  });
});
