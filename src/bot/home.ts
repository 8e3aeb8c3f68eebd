/** App Home, from what the database says now. */
import { addBusinessDays } from '../core/business-days.ts';
import { OVERDUE_AFTER_BUSINESS_DAYS } from '../core/digest.ts';
import type { Db } from '../db/connection.ts';
import { openBatches } from '../db/repositories/batches.ts';
import { toBatchLine } from './batch-lines.ts';
import { homeView } from './blocks/home.ts';
import { caseStatusCounts, casesNeedingHuman, overdueCases } from './lookups.ts';

const RECENT_REJECTIONS_MS = 7 * 86_400_000;

export function buildHome(db: Db, o: { now: Date; tz: string; holidays: readonly string[] }) {
  const cutoff = addBusinessDays(o.now, -OVERDUE_AFTER_BUSINESS_DAYS, o.holidays, o.tz);
  return homeView({
    openBatches: openBatches(db).map((b) => toBatchLine(db, b)),
    caseCounts: caseStatusCounts(db),
    overdue: overdueCases(db, cutoff, 10),
    needsHuman: casesNeedingHuman(db, new Date(o.now.getTime() - RECENT_REJECTIONS_MS), 15),
  });
}
