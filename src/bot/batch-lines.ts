/** Batches as one-line summaries for status answers and App Home. */
import type { Db } from '../db/connection.ts';
import { type Batch, batchOutcomes } from '../db/repositories/batches.ts';
import type { BatchLine } from './blocks/status.ts';

export function toBatchLine(db: Db, b: Batch): BatchLine {
  const o = batchOutcomes(db, b.id);
  return {
    id: b.id,
    status: b.status,
    source: b.source,
    requestedBy: b.requestedBy,
    ready: b.intakeReport.ok,
    filed: o.filed,
    refused: o.refused,
    error: b.error,
  };
}
