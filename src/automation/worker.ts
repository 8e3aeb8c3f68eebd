/**
 * The worker: files approved batches on the portal, chunk by chunk, saving each chunk's step so that a
 * restart never files a listing twice. Before pasting or matching it reconciles with what the portal
 * already shows (Pending Submissions, History), because a crash can fall between a click and the save.
 */
import pRetry from 'p-retry';
import { TakedownError, userText } from '../core/errors.ts';
import { parseListingUrl } from '../core/listing-url.ts';
import type { BatchEvents, HistoryRow, PortalDriver } from '../core/ports.ts';
import type { ChunkStep } from '../core/types.ts';
import type { Db } from '../db/connection.ts';
import {
  type Batch,
  batchOutcomes,
  type ChunkItem,
  chunkItems,
  chunksOf,
  claimBatch,
  countChunkAttempt,
  getBatch,
  markItemsFiled,
  markItemsRefused,
  nextRunnableBatch,
  setBatchStatus,
  setChunkStep,
} from '../db/repositories/batches.ts';
import { recordHistory } from '../db/repositories/cases.ts';
import type { Logger } from '../logger.ts';

export interface WorkerOptions {
  db: Db;
  /** Runs a step with the signed-in portal session (one at a time per account; see PortalSession). */
  withPortal: <T>(fn: (portal: PortalDriver) => Promise<T>) => Promise<T>;
  events: BatchEvents;
  logger: Logger;
  now?: () => Date;
  /** How often to look for work besides being kicked (ms). */
  pollMs?: number;
  /** Retries of one step on a transient portal failure. */
  retries?: number;
  retryMinTimeoutMs?: number;
  /** Told after each chunk step is saved (progress logs, and the kill tests' cue). */
  onStep?: (s: { batchId: number; chunkIndex: number; step: ChunkStep }) => void | Promise<void>;
}

const DAY_MS = 86_400_000;

const keyOf = (url: string): string | null => {
  const p = parseListingUrl(url);
  return p.ok ? `${p.platform}:${p.itemId}` : null;
};

export class BatchWorker {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly o: WorkerOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Starts polling; approved or interrupted batches are picked up at once. */
  start(): void {
    this.stopped = false;
    this.kick();
    this.timer = setInterval(() => this.kick(), this.o.pollMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Wakes the worker; returns when the work it found is done. */
  kick(): Promise<void> {
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** Resolves once no batch is being filed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = nextRunnableBatch(this.o.db);
      if (!batch) return;
      await this.runBatch(batch);
    }
  }

  private async runBatch(batch: Batch): Promise<void> {
    const { db, events, logger } = this.o;
    const log = logger.child({ batch: batch.id });
    if (!claimBatch(db, batch.id)) return;
    try {
      if (!batch.iprRegNo)
        throw new TakedownError('bad_input', 'The batch has no IPR.', {
          hint: 'Approve it again with an IPR chosen.',
        });
      const chunks = chunksOf(db, batch.id);
      for (const chunk of chunks) {
        if (chunk.step !== 'recorded')
          await this.runChunk(batch, chunk.chunkIndex, chunks.length, chunk.step);
      }
      const allCases = new Set<string>();
      for (const c of chunks)
        for (const it of chunkItems(db, batch.id, c.chunkIndex))
          if (it.caseNumber) allCases.add(it.caseNumber);
      const outcome = batchOutcomes(db, batch.id);
      setBatchStatus(db, batch.id, 'submitted');
      log.info({ outcome, cases: allCases.size }, 'batch submitted');
      await events.batchFinished(this.ref(batch.id), {
        filed: outcome.filed,
        refused: outcome.refused,
        cases: allCases.size,
      });
    } catch (err) {
      const needsLogin = err instanceof TakedownError && err.code === 'needs_login';
      const message = userText(err);
      log.error({ err }, 'batch stopped');
      setBatchStatus(db, batch.id, needsLogin ? 'needs_login' : 'failed', message);
      await events
        .batchStopped(this.ref(batch.id), { status: needsLogin ? 'needs_login' : 'failed', message })
        .catch((e) => log.error({ err: e }, 'could not report the stop'));
    }
  }

  private ref(batchId: number) {
    const b = getBatch(this.o.db, batchId);
    if (!b) throw new Error(`batch ${batchId} vanished`);
    return b;
  }

  /** Runs one chunk from the step it had reached. */
  private async runChunk(batch: Batch, index: number, count: number, from: string): Promise<void> {
    const { db, events } = this.o;
    const since = new Date(new Date(batch.approvedAt ?? batch.createdAt).getTime() - DAY_MS);
    const items = chunkItems(db, batch.id, index);
    countChunkAttempt(db, batch.id, index);
    let step = from;
    if (step === 'pending') {
      await events.chunkStarted(this.ref(batch.id), { index, count, size: items.length });
      await this.step((p) => this.paste(p, batch.id, items, since));
      await this.saveStep(batch.id, index, 'pasted');
      step = 'pasted';
    }
    if (step === 'pasted') {
      await this.step((p) => this.match(p, batch, chunkItems(db, batch.id, index), since));
      await this.saveStep(batch.id, index, 'matched');
      step = 'matched';
    }
    let history = await this.step((p) => p.history({ since }));
    if (this.notInHistory(chunkItems(db, batch.id, index), history) > 0) {
      // Match was done, yet History lacks some: an answer lost on the way (a crash, a dropped page) can
      // leave listings in Pending Submissions. Match what is still there once more, then look again.
      await this.step((p) => this.match(p, batch, chunkItems(db, batch.id, index), since));
      history = await this.step((p) => p.history({ since }));
    }
    const result = this.record(batch.id, chunkItems(db, batch.id, index), history);
    await this.saveStep(batch.id, index, 'recorded');
    await events.chunkFiled(this.ref(batch.id), {
      index,
      count,
      filed: result.filed,
      refused: result.refused,
    });
  }

  private async saveStep(batchId: number, chunkIndex: number, step: ChunkStep): Promise<void> {
    setChunkStep(this.o.db, batchId, chunkIndex, step);
    await this.o.onStep?.({ batchId, chunkIndex, step });
  }

  /** Pastes the chunk's listings that the portal does not already hold (in Pending or History). */
  private async paste(portal: PortalDriver, batchId: number, items: ChunkItem[], since: Date) {
    const onPortal = new Set<string>();
    for (const r of await portal.history({ since })) addKey(onPortal, r.listingUrl);
    for (const r of await portal.pendingSubmissions()) addKey(onPortal, r.listingUrl);
    const toPaste = items.filter(
      (i) => i.outcome === 'pending' && !onPortal.has(`${i.platform}:${i.itemId}`),
    );
    if (toPaste.length === 0) return;
    const res = await portal.pasteListings(toPaste.map((i) => i.url));
    const byKey = new Map(toPaste.map((i) => [`${i.platform}:${i.itemId}`, i]));
    const refusals: { listingId: number; reason: string }[] = [];
    for (const r of res.refused) {
      const k = keyOf(r.url);
      const item = k ? byKey.get(k) : undefined;
      if (item) refusals.push({ listingId: item.listingId, reason: r.reason });
    }
    markItemsRefused(this.o.db, batchId, refusals);
  }

  /** Matches the chunk's listings still waiting in Pending Submissions, unless History already has them. */
  private async match(portal: PortalDriver, batch: Batch, items: ChunkItem[], since: Date) {
    const filed = new Set<string>();
    for (const r of await portal.history({ since })) addKey(filed, r.listingUrl);
    const pending = new Map<string, string>();
    for (const r of await portal.pendingSubmissions()) {
      const k = keyOf(r.listingUrl);
      if (k) pending.set(k, r.listingUrl);
    }
    const urls: string[] = [];
    for (const i of items) {
      const k = `${i.platform}:${i.itemId}`;
      if (i.outcome !== 'pending' || filed.has(k)) continue;
      const url = pending.get(k);
      if (url) urls.push(url);
    }
    if (urls.length > 0) await portal.matchPending(urls, batch.iprRegNo ?? '', batch.reason);
  }

  /** How many of the chunk's listings still to be filed History does not show. */
  private notInHistory(items: ChunkItem[], history: HistoryRow[]): number {
    const filed = new Set<string>();
    for (const r of history) addKey(filed, r.listingUrl);
    return items.filter((i) => i.outcome === 'pending' && !filed.has(`${i.platform}:${i.itemId}`)).length;
  }

  /** Stores History's rows, and each item's case number; an item History does not show is refused with that reason. */
  private record(batchId: number, items: ChunkItem[], history: HistoryRow[]) {
    const { db } = this.o;
    const byKey = new Map<string, HistoryRow>();
    for (const r of history) {
      const k = keyOf(r.listingUrl);
      if (k && !byKey.has(k)) byKey.set(k, r);
    }
    const ours = items.map((i) => byKey.get(`${i.platform}:${i.itemId}`)).filter((r): r is HistoryRow => !!r);
    recordHistory(db, ours, this.now());
    const filed: { listingId: number; url: string; caseNumber: string }[] = [];
    const refused: { listingId: number; url: string; reason: string }[] = [];
    for (const i of items) {
      if (i.outcome === 'refused') {
        refused.push({
          listingId: i.listingId,
          url: i.url,
          reason: i.refusalReason ?? 'refused by the portal',
        });
        continue;
      }
      const row = byKey.get(`${i.platform}:${i.itemId}`);
      if (row) filed.push({ listingId: i.listingId, url: i.url, caseNumber: row.caseNumber });
      else
        refused.push({
          listingId: i.listingId,
          url: i.url,
          reason:
            'the portal did not list it in History after Match; check Pending Submissions on the portal',
        });
    }
    markItemsFiled(db, batchId, filed);
    markItemsRefused(
      db,
      batchId,
      refused.filter((r) => items.find((i) => i.listingId === r.listingId)?.outcome !== 'refused'),
    );
    return { filed, refused };
  }

  /** Runs a portal step, retrying transient failures with backoff and jitter. */
  private step<T>(fn: (portal: PortalDriver) => Promise<T>): Promise<T> {
    return pRetry(() => this.o.withPortal(fn), {
      retries: this.o.retries ?? 3,
      minTimeout: this.o.retryMinTimeoutMs ?? 1000,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof TakedownError && error.code === 'portal_unavailable',
      onFailedAttempt: ({ error, attemptNumber }) =>
        this.o.logger.warn({ err: error, attemptNumber }, 'portal step failed; retrying'),
    });
  }
}

function addKey(set: Set<string>, url: string) {
  const k = keyOf(url);
  if (k) set.add(k);
}
