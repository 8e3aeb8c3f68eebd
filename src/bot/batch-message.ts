/** Renders a batch's confirmation message from what the database says about it now. */
import type { Db } from '../db/connection.ts';
import { type Batch, batchOutcomes, chunkItems, chunksOf } from '../db/repositories/batches.ts';
import { verifiedIprs } from '../db/repositories/iprs.ts';
import { type ConfirmationState, confirmationMessage } from './blocks/confirmation.ts';

export function batchState(db: Db, b: Batch): ConfirmationState {
  const approved = {
    by: b.approvedBy ?? '',
    at: new Date(b.approvedAt ?? b.updatedAt),
    iprRegNo: b.iprRegNo ?? '',
  };
  switch (b.status) {
    case 'awaiting_approval':
      return { kind: 'awaiting' };
    case 'approved':
    case 'submitting':
      return { kind: 'approved', ...approved, reason: b.reason };
    case 'submitted': {
      const o = batchOutcomes(db, b.id);
      const cases = new Set<string>();
      for (const c of chunksOf(db, b.id))
        for (const i of chunkItems(db, b.id, c.chunkIndex)) if (i.caseNumber) cases.add(i.caseNumber);
      return { kind: 'done', ...approved, filed: o.filed, refused: o.refused, cases: cases.size };
    }
    case 'cancelled':
      return { kind: 'cancelled', by: b.cancelledBy ?? '' };
    case 'failed':
      return { kind: 'failed', error: b.error ?? 'Unknown error.' };
    case 'needs_login':
      return { kind: 'needs_login', error: b.error ?? '' };
  }
}

export function renderBatchMessage(db: Db, b: Batch) {
  return confirmationMessage({
    batchId: b.id,
    requestedBy: b.requestedBy,
    source: b.source,
    report: b.intakeReport,
    chunkCount: chunksOf(db, b.id).length,
    chunkLimit: b.chunkLimit,
    reason: b.reason,
    iprs: verifiedIprs(db).map((i) => ({ regNo: i.regNo, name: i.name })),
    state: batchState(db, b),
  });
}
