/** `/takedown status` answers. Pure text builders. */
import { type BatchStatus, CASE_STATUS_LABEL, type CaseStatus } from '../../core/types.ts';
import { clip, esc, plural } from './mrkdwn.ts';

export const BATCH_STATUS_LABEL: Record<BatchStatus, string> = {
  awaiting_approval: 'waiting for approval',
  approved: 'approved, filing soon',
  submitting: 'being filed on the portal',
  submitted: 'filed',
  cancelled: 'cancelled',
  failed: 'stopped with an error',
  needs_login: 'waiting for a portal sign-in',
};

export interface BatchLine {
  id: number;
  status: BatchStatus;
  source: string;
  requestedBy: string;
  ready: number;
  filed: number;
  refused: number;
  error: string | null;
}

export function batchLine(b: BatchLine): string {
  const counts =
    b.filed || b.refused
      ? ` · ${plural(b.filed, 'listing')} filed${b.refused ? `, ${b.refused.toLocaleString('en-US')} refused by the portal` : ''}`
      : ` · ${plural(b.ready, 'listing')}`;
  return `• *#${b.id}* ${BATCH_STATUS_LABEL[b.status]}${counts} · ${esc(clip(b.source, 60))} · <@${b.requestedBy}>${b.error ? ` — ${esc(clip(b.error, 200))}` : ''}`;
}

export function recentBatchesText(lines: BatchLine[]): string {
  if (lines.length === 0)
    return 'No takedown requests in this channel yet. Paste links with `/takedown <links>`.';
  return clip(
    [
      '*Latest takedown requests here:*',
      ...lines.map(batchLine),
      'Ask about one with `/takedown status <request #, case number or link>`.',
    ].join('\n'),
    3000,
  );
}

export function caseLinesText(
  title: string,
  rows: { caseNumber: string; status: CaseStatus; statusText: string | null; listingUrl: string }[],
): string {
  const shown = rows.slice(0, 20).map((r) => {
    const text =
      r.statusText && r.statusText !== CASE_STATUS_LABEL[r.status]
        ? ` (${esc(clip(r.statusText, 120))})`
        : '';
    return `• case ${r.caseNumber}: ${CASE_STATUS_LABEL[r.status]}${text} — ${esc(clip(r.listingUrl, 120))}`;
  });
  if (rows.length > 20) shown.push(`…and ${rows.length - 20} more`);
  return clip([title, ...shown].join('\n'), 3000);
}
