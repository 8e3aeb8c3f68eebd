/**
 * Batches: one `/takedown` request, its listings split into portal chunks, and how far each chunk got.
 * State changes are guarded updates (`WHERE status = …`) so a double click or two approvers file once.
 */
import type { Statement } from 'better-sqlite3';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { splitIntoChunks } from '../../core/intake/index.ts';
import type { BatchStatus, ChunkStep, IntakeReport, Listing } from '../../core/types.ts';
import type { Db } from '../connection.ts';
import { batchChunks, batches, batchItems, listings } from '../schema.ts';
import { listingKey, upsertListings } from './listings.ts';

const nowSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export interface NewBatch {
  requestedBy: string;
  channelId: string;
  source: string;
  sourceRef?: string | undefined;
  reason: string;
  chunkLimit: number;
  intakeReport: IntakeReport;
  listings: Listing[];
}

/** One batch item, prepared once per connection (drizzle's builder costs more than SQLite's work). */
const itemInserts = new WeakMap<Db['sqlite'], Statement<[number, number, number]>>();
function itemInsert(db: Db): Statement<[number, number, number]> {
  let insert = itemInserts.get(db.sqlite);
  if (!insert) {
    insert = db.sqlite.prepare<[number, number, number]>(
      'insert into batch_items (batch_id, listing_id, chunk_index) values (?, ?, ?)',
    );
    itemInserts.set(db.sqlite, insert);
  }
  return insert;
}

/**
 * Stores a batch awaiting approval with its chunks and items, in one transaction. `listingIds` are the
 * listings' ids when they were stored beforehand (storeListings), else they are stored here too.
 */
export function createBatch(db: Db, input: NewBatch, listingIds?: Map<string, number>) {
  return db.transaction((tx) => {
    const batch = tx
      .insert(batches)
      .values({
        requestedBy: input.requestedBy,
        channelId: input.channelId,
        source: input.source,
        sourceRef: input.sourceRef,
        reason: input.reason,
        chunkLimit: input.chunkLimit,
        intakeReport: input.intakeReport,
      })
      .returning()
      .get();
    const ids = listingIds ?? upsertListings(db, input.listings);
    const chunks = splitIntoChunks(input.listings, input.chunkLimit);
    const addItem = itemInsert(db);
    chunks.forEach((chunk, chunkIndex) => {
      tx.insert(batchChunks).values({ batchId: batch.id, chunkIndex }).run();
      for (const l of chunk) {
        const listingId = ids.get(listingKey(l.platform, l.itemId));
        if (listingId === undefined) throw new Error(`listing ${l.url} was not stored`);
        addItem.run(batch.id, listingId, chunkIndex);
      }
    });
    return { ...batch, chunkCount: chunks.length };
  });
}

export type Batch = typeof batches.$inferSelect;

export function getBatch(db: Db, id: number): Batch | undefined {
  return db.select().from(batches).where(eq(batches.id, id)).get();
}

export function findBatchBySourceRef(db: Db, sourceRef: string): Batch | undefined {
  return db.select().from(batches).where(eq(batches.sourceRef, sourceRef)).get();
}

export function setBatchMessage(db: Db, id: number, messageTs: string) {
  db.update(batches).set({ messageTs, updatedAt: nowSql }).where(eq(batches.id, id)).run();
}

/** Approves a batch that is awaiting approval. Returns false when it was not (already approved, cancelled…). */
export function approveBatch(
  db: Db,
  id: number,
  a: { by: string; iprRegNo: string; reason: string; at: Date },
) {
  const res = db
    .update(batches)
    .set({
      status: 'approved',
      approvedBy: a.by,
      approvedAt: a.at.toISOString(),
      iprRegNo: a.iprRegNo,
      reason: a.reason,
      updatedAt: nowSql,
    })
    .where(and(eq(batches.id, id), eq(batches.status, 'awaiting_approval')))
    .run();
  return res.changes === 1;
}

/** Cancels a batch until filing starts. Returns false when it was too late or already over. */
export function cancelBatch(db: Db, id: number, by: string) {
  const res = db
    .update(batches)
    .set({ status: 'cancelled', cancelledBy: by, updatedAt: nowSql })
    .where(and(eq(batches.id, id), inArray(batches.status, ['awaiting_approval', 'approved'])))
    .run();
  return res.changes === 1;
}

/**
 * Puts a batch whose filing stopped (portal down, page changed) back in line. The worker resumes each chunk
 * from its saved step and reconciles with the portal first, so nothing is filed twice. False unless it had failed.
 */
export function retryBatch(db: Db, id: number) {
  const res = db
    .update(batches)
    .set({ status: 'approved', error: null, updatedAt: nowSql })
    .where(and(eq(batches.id, id), eq(batches.status, 'failed')))
    .run();
  return res.changes === 1;
}

/** Takes an approved (or interrupted) batch for filing. False when someone cancelled it meanwhile. */
export function claimBatch(db: Db, id: number) {
  const res = db
    .update(batches)
    .set({ status: 'submitting', updatedAt: nowSql })
    .where(and(eq(batches.id, id), inArray(batches.status, ['approved', 'submitting'])))
    .run();
  return res.changes === 1;
}

export function setBatchStatus(db: Db, id: number, status: BatchStatus, error: string | null = null) {
  db.update(batches).set({ status, error, updatedAt: nowSql }).where(eq(batches.id, id)).run();
}

/** The oldest batch the worker should run: approved, or interrupted while submitting. */
export function nextRunnableBatch(db: Db): Batch | undefined {
  return db
    .select()
    .from(batches)
    .where(inArray(batches.status, ['approved', 'submitting']))
    .orderBy(asc(batches.approvedAt), asc(batches.id))
    .get();
}

export function chunksOf(db: Db, batchId: number) {
  return db
    .select()
    .from(batchChunks)
    .where(eq(batchChunks.batchId, batchId))
    .orderBy(asc(batchChunks.chunkIndex))
    .all();
}

export function setChunkStep(
  db: Db,
  batchId: number,
  chunkIndex: number,
  step: ChunkStep,
  error: string | null = null,
) {
  db.update(batchChunks)
    .set({ step, error, updatedAt: nowSql })
    .where(and(eq(batchChunks.batchId, batchId), eq(batchChunks.chunkIndex, chunkIndex)))
    .run();
}

export function countChunkAttempt(db: Db, batchId: number, chunkIndex: number) {
  db.update(batchChunks)
    .set({ attempts: sql`${batchChunks.attempts} + 1` })
    .where(and(eq(batchChunks.batchId, batchId), eq(batchChunks.chunkIndex, chunkIndex)))
    .run();
}

export interface ChunkItem {
  itemRowId: number;
  listingId: number;
  platform: Listing['platform'];
  itemId: string;
  url: string;
  outcome: 'pending' | 'filed' | 'refused';
  caseNumber: string | null;
  refusalReason: string | null;
}

export function chunkItems(db: Db, batchId: number, chunkIndex: number): ChunkItem[] {
  return db
    .select({
      itemRowId: batchItems.id,
      listingId: batchItems.listingId,
      platform: listings.platform,
      itemId: listings.itemId,
      url: listings.url,
      outcome: batchItems.outcome,
      caseNumber: batchItems.caseNumber,
      refusalReason: batchItems.refusalReason,
    })
    .from(batchItems)
    .innerJoin(listings, eq(listings.id, batchItems.listingId))
    .where(and(eq(batchItems.batchId, batchId), eq(batchItems.chunkIndex, chunkIndex)))
    .orderBy(asc(batchItems.id))
    .all();
}

export function markItemsRefused(db: Db, batchId: number, refusals: { listingId: number; reason: string }[]) {
  db.transaction((tx) => {
    for (const r of refusals) {
      tx.update(batchItems)
        .set({ outcome: 'refused', refusalReason: r.reason })
        .where(and(eq(batchItems.batchId, batchId), eq(batchItems.listingId, r.listingId)))
        .run();
    }
  });
}

export function markItemsFiled(db: Db, batchId: number, filed: { listingId: number; caseNumber: string }[]) {
  db.transaction((tx) => {
    for (const f of filed) {
      tx.update(batchItems)
        .set({ outcome: 'filed', caseNumber: f.caseNumber, refusalReason: null })
        .where(and(eq(batchItems.batchId, batchId), eq(batchItems.listingId, f.listingId)))
        .run();
    }
  });
}

/** Counts of a batch's items by outcome. */
export function batchOutcomes(db: Db, batchId: number) {
  const rows = db
    .select({ outcome: batchItems.outcome, n: sql<number>`count(*)` })
    .from(batchItems)
    .where(eq(batchItems.batchId, batchId))
    .groupBy(batchItems.outcome)
    .all();
  const out = { pending: 0, filed: 0, refused: 0 };
  for (const r of rows) out[r.outcome] = r.n;
  return out;
}

/** Batches still moving or waiting for someone (not submitted, cancelled or failed), oldest first. */
export function openBatches(db: Db, limit = 20): Batch[] {
  return db
    .select()
    .from(batches)
    .where(inArray(batches.status, ['awaiting_approval', 'approved', 'submitting', 'needs_login']))
    .orderBy(asc(batches.id))
    .limit(limit)
    .all();
}

/** The latest batches of a channel, newest first. */
export function recentBatches(db: Db, channelId: string, limit = 5): Batch[] {
  return db
    .select()
    .from(batches)
    .where(eq(batches.channelId, channelId))
    .orderBy(desc(batches.id))
    .limit(limit)
    .all();
}

/** The batches that filed a listing, with the item's outcome, newest first. */
export function batchItemsForListing(db: Db, listingId: number) {
  return db
    .select({
      batchId: batchItems.batchId,
      outcome: batchItems.outcome,
      caseNumber: batchItems.caseNumber,
      refusalReason: batchItems.refusalReason,
      status: batches.status,
    })
    .from(batchItems)
    .innerJoin(batches, eq(batches.id, batchItems.batchId))
    .where(eq(batchItems.listingId, listingId))
    .orderBy(desc(batchItems.batchId))
    .all();
}
