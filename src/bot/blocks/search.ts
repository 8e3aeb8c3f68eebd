/**
 * The triage message of a keyword search (the portal's Option 1): the candidates with checkboxes, ten to a
 * group (Slack's limit for checkboxes), at most 100 shown; then Report selected. Pure.
 */
import { PLATFORM_LABEL, type Platform } from '../../core/types.ts';
import { clip, esc, plural } from './mrkdwn.ts';

export const SEARCH_ACTIONS = { pick: 'search_pick', report: 'search_report' } as const;
export const SEARCH_PICK_BLOCK = 'search_pick_';
const PER_GROUP = 10;
export const MAX_SHOWN = 100;

export interface Candidate {
  url: string;
  title: string;
  seller: string;
  price?: string | undefined;
  /** Set when the listing was already filed or cannot be filed: shown, not offered. */
  note?: string | undefined;
}

export interface TriageInput {
  keyword: string;
  platform: Platform;
  requestedBy: string;
  candidates: Candidate[];
}

const plain = (text: string) => ({ type: 'plain_text', text: clip(text, 75) || '—' });

export function searchTriageMessage(t: TriageInput): { text: string; blocks: Record<string, unknown>[] } {
  const offered = t.candidates.filter((c) => !c.note);
  const notOffered = t.candidates.length - offered.length;
  const shown = offered.slice(0, MAX_SHOWN);
  const where = PLATFORM_LABEL[t.platform];
  const text = `Keyword search “${t.keyword}” on ${where}: ${plural(t.candidates.length, 'listing')} found`;
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Search: ${t.keyword} on ${where}`, 150) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: clip(
            `Asked by <@${t.requestedBy}> · ${plural(t.candidates.length, 'listing')} found` +
              (notOffered
                ? ` · ${notOffered.toLocaleString('en-US')} already filed or not fileable, left out`
                : '') +
              ' · tick the counterfeits, then *Report selected*.',
            3000,
          ),
        },
      ],
    },
  ];
  for (let i = 0; i < shown.length; i += PER_GROUP) {
    const group = shown.slice(i, i + PER_GROUP);
    blocks.push({
      type: 'actions',
      block_id: `${SEARCH_PICK_BLOCK}${i / PER_GROUP}`,
      elements: [
        {
          type: 'checkboxes',
          action_id: SEARCH_ACTIONS.pick,
          options: group.map((c) => ({
            text: plain(c.title || c.url),
            description: plain([c.seller, c.price].filter(Boolean).join(' · ') || c.url),
            value: c.url,
          })),
        },
      ],
    });
  }
  if (offered.length > shown.length) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `…and ${plural(offered.length - shown.length, 'more listing')}: the full list is in the thread as a CSV. Drop it back in the channel to report them all.`,
      },
    });
  }
  if (shown.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'search_report',
      elements: [
        {
          type: 'button',
          action_id: SEARCH_ACTIONS.report,
          style: 'primary',
          text: plain('Report selected'),
          value: 'selected',
        },
      ],
    });
  } else {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Nothing new to report from this search.' },
    });
  }
  return { text, blocks };
}

/** The triage message after someone reported from it: who reported how many, and the request it became. */
export function searchReportedMessage(t: {
  keyword: string;
  count: number;
  by: string;
  batchId: number | null;
}) {
  const text =
    t.batchId === null
      ? `<@${t.by}> reported ${plural(t.count, 'listing')} from the search “${esc(t.keyword)}”.`
      : `<@${t.by}> reported ${plural(t.count, 'listing')} from the search “${esc(t.keyword)}”: takedown request #${t.batchId}.`;
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:mag: ${text}` } }],
  };
}

/** The candidates as CSV, safe to open in a spreadsheet, with a header the file intake reads. */
export function candidatesCsv(candidates: Candidate[]): string {
  const cell = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
  const lines = ['"Listing URL","Title","Seller","Price","Note"'];
  for (const c of candidates)
    lines.push([c.url, c.title, c.seller, c.price ?? '', c.note ?? ''].map(cell).join(','));
  return `${lines.join('\n')}\n`;
}
