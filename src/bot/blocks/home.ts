/** App Home: open requests, cases by status, removal rate, overdue, and what needs a person. Pure. */
import { CASE_STATUS_LABEL, type CaseStatus } from '../../core/types.ts';
import { clip, esc, plural } from './mrkdwn.ts';
import { type BatchLine, batchLine } from './status.ts';

export interface HomeInput {
  openBatches: BatchLine[];
  caseCounts: Record<CaseStatus, number>;
  overdue: { count: number; oldest: { caseNumber: string; listingUrl: string; filedAt: string }[] };
  needsHuman: { caseNumber: string; status: CaseStatus; statusText: string | null; listingUrl: string }[];
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text } });

export function homeView(h: HomeInput) {
  const c = h.caseCounts;
  const decided = c.removed + c.rejected + c.withdrawn;
  const rate = decided
    ? `${Math.round((c.removed / decided) * 100)}% removed of ${plural(decided, 'decided case')}`
    : 'no case decided yet';
  const waiting = h.openBatches.filter((b) => b.status === 'awaiting_approval' || b.status === 'needs_login');
  const human: string[] = [
    ...waiting.map(
      (b) =>
        `• request *#${b.id}* is ${b.status === 'needs_login' ? 'waiting for a portal sign-in' : 'waiting for approval'}`,
    ),
    ...h.needsHuman.map(
      (n) =>
        `• case ${n.caseNumber}: ${CASE_STATUS_LABEL[n.status]}${n.statusText && n.statusText !== CASE_STATUS_LABEL[n.status] ? ` (${esc(clip(n.statusText, 100))})` : ''} — ${esc(clip(n.listingUrl, 100))}`,
    ),
  ];
  const blocks = [
    header('Takedowns'),
    section(
      `*Cases by status:* ${(Object.keys(CASE_STATUS_LABEL) as CaseStatus[]).map((s) => `${CASE_STATUS_LABEL[s]} ${c[s].toLocaleString('en-US')}`).join(' · ')}\n*Removal rate:* ${rate}`,
    ),
    { type: 'divider' },
    header('Needs a human'),
    section(human.length ? human.slice(0, 25).join('\n') : 'Nothing needs anyone right now. :sparkles:'),
    header('Overdue'),
    section(
      h.overdue.count === 0
        ? 'No case is past the portal’s 7 business days.'
        : [
            `*${plural(h.overdue.count, 'case')}* In Progress for more than 7 business days:`,
            ...h.overdue.oldest.map(
              (o) =>
                `• case ${o.caseNumber}, filed ${o.filedAt.slice(0, 10)} — ${esc(clip(o.listingUrl, 100))}`,
            ),
          ].join('\n'),
    ),
    header('Open requests'),
    section(
      h.openBatches.length
        ? h.openBatches.slice(0, 20).map(batchLine).join('\n')
        : 'No request is open. Start one with `/takedown`.',
    ),
    { type: 'context', elements: [{ type: 'mrkdwn', text: '`/takedown help` lists everything I do.' }] },
  ];
  return { type: 'home' as const, blocks };
}
