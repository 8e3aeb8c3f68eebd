/** BatchEvents over Slack: progress in the request's thread, and the request's message kept current. */
import type { BatchEvents, BatchRef, Notifier } from '../core/ports.ts';
import type { Db } from '../db/connection.ts';
import { getBatch } from '../db/repositories/batches.ts';
import { renderBatchMessage } from './batch-message.ts';
import { batchFinishedText, batchStoppedText, chunkFiledText, chunkStartedText } from './blocks/progress.ts';

export class SlackBatchEvents implements BatchEvents {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
  ) {}

  private async thread(b: BatchRef, text: string) {
    await this.notifier.post({ channel: b.channelId, threadTs: b.messageTs ?? undefined, text });
  }

  /** Re-renders the request's message from the database. */
  async refresh(batchId: number) {
    const b = getBatch(this.db, batchId);
    if (!b?.messageTs) return;
    await this.notifier.update({ channel: b.channelId, ts: b.messageTs, ...renderBatchMessage(this.db, b) });
  }

  async chunkStarted(b: BatchRef, c: { index: number; count: number; size: number }) {
    await this.thread(b, chunkStartedText(c));
  }

  async chunkFiled(b: BatchRef, c: Parameters<BatchEvents['chunkFiled']>[1]) {
    await this.thread(b, chunkFiledText(c));
  }

  async batchFinished(b: BatchRef, r: { filed: number; refused: number; cases: number }) {
    await this.thread(b, batchFinishedText(r));
    await this.refresh(b.id);
  }

  async batchStopped(b: BatchRef, s: { status: 'failed' | 'needs_login'; message: string }) {
    await this.thread(b, batchStoppedText(s));
    await this.refresh(b.id);
  }
}
