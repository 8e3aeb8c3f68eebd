/**
 * The confirmation message of a takedown request, in every state it goes through. Pure: data in, Block Kit out.
 * Stays within Slack's limits (50 blocks, 3,000 characters a text, 100 options a select).
 */
import type { IntakeReport } from '../../core/types.ts';
import { clip, esc, plural, slackDate } from './mrkdwn.ts';

export const ACTIONS = {
  approve: 'approve_batch',
  cancel: 'cancel_batch',
  retry: 'retry_batch',
  iprSelect: 'ipr_select',
  reasonInput: 'reason_input',
} as const;
export const BLOCKS = { ipr: 'ipr', reason: 'reason' } as const;

const SHOWN_REFUSALS = 10;
const MAX_OPTIONS = 100;

export type ConfirmationState =
  | { kind: 'awaiting' }
  | { kind: 'approved'; by: string; at: Date; iprRegNo: string; reason: string }
  | { kind: 'cancelled'; by: string }
  | { kind: 'done'; by: string; at: Date; iprRegNo: string; filed: number; refused: number; cases: number }
  | { kind: 'failed'; error: string }
  | { kind: 'needs_login'; error: string };

export interface ConfirmationInput {
  batchId: number;
  requestedBy: string;
  source: string;
  report: IntakeReport;
  chunkCount: number;
  chunkLimit: number;
  reason: string;
  iprs: { regNo: string; name: string }[];
  state: ConfirmationState;
}

type Block = Record<string, unknown>;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: clip(text, 3000) });

export function summaryLine(r: IntakeReport, chunkCount: number, chunkLimit: number): string {
  const parts = [
    `*${plural(r.ok, 'listing')} ready*` +
      (r.ok > 0 ? ` to file in ${plural(chunkCount, 'portal submission')} (at most ${chunkLimit} each)` : ''),
  ];
  const others: string[] = [];
  if (r.duplicate) others.push(plural(r.duplicate, 'duplicate'));
  if (r.alreadyFiled) others.push(`${r.alreadyFiled.toLocaleString('en-US')} already filed`);
  if (r.invalid) others.push(`${r.invalid.toLocaleString('en-US')} rejected`);
  if (r.unresolved) others.push(`${r.unresolved.toLocaleString('en-US')} unresolved`);
  if (others.length) parts.push(others.join(' · '));
  return parts.join('\n');
}

function refusalBlocks(r: IntakeReport): Block[] {
  if (r.refused.length === 0) return [];
  const lines = r.refused
    .slice(0, SHOWN_REFUSALS)
    .map((x) => `• #${x.position} \`${esc(clip(x.input || '(empty)', 120))}\` — ${esc(x.reason)}`);
  const more = r.refused.length - SHOWN_REFUSALS;
  if (more > 0)
    lines.push(`…and ${plural(more, 'more entry', 'more entries')} (see the full list in the thread)`);
  return [{ type: 'section', text: mrkdwn(`*Not filed:*\n${lines.join('\n')}`) }];
}

function statusBlocks(input: ConfirmationInput): Block[] {
  const s = input.state;
  switch (s.kind) {
    case 'awaiting':
      return approvalControls(input);
    case 'approved':
      return [
        context(
          `:white_check_mark: Approved by <@${s.by}> ${slackDate(s.at)} · IPR ${esc(s.iprRegNo)} · reason “${esc(s.reason)}”`,
        ),
        context(':hourglass_flowing_sand: Filing on the portal. Progress is in the thread.'),
      ];
    case 'done':
      return [
        context(`:white_check_mark: Approved by <@${s.by}> ${slackDate(s.at)} · IPR ${esc(s.iprRegNo)}`),
        {
          type: 'section',
          text: mrkdwn(
            `:tada: *Filed ${plural(s.filed, 'listing')}* in ${plural(s.cases, 'case')}` +
              (s.refused
                ? ` · ${s.refused.toLocaleString('en-US')} refused by the portal (reasons in the thread)`
                : ''),
          ),
        },
      ];
    case 'cancelled':
      return [context(`:no_entry_sign: Cancelled by <@${s.by}>. Nothing was filed.`)];
    case 'failed':
      return [
        { type: 'section', text: mrkdwn(`:x: *Filing stopped.* ${esc(s.error)}`) },
        {
          type: 'actions',
          block_id: `retry_${input.batchId}`,
          elements: [
            {
              type: 'button',
              action_id: ACTIONS.retry,
              text: { type: 'plain_text', text: 'Retry' },
              value: String(input.batchId),
            },
          ],
        },
      ];
    case 'needs_login':
      return [{ type: 'section', text: mrkdwn(`:lock: *Waiting for a portal sign-in.* ${esc(s.error)}`) }];
  }
}

function context(text: string): Block {
  return { type: 'context', elements: [mrkdwn(text)] };
}

function approvalControls(input: ConfirmationInput): Block[] {
  if (input.report.ok === 0) {
    return [context('Nothing to file. Fix the entries above and send `/takedown` again.')];
  }
  const blocks: Block[] = [];
  if (input.iprs.length === 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        ':warning: *No verified IPR on file.* Add one with `/takedown ipr add` (or on the portal, IPR Management → Submit IPR); once the portal verifies it, it can be chosen here and this request approved. `/takedown ipr` shows where each IPR stands.',
      ),
    });
  } else {
    const options = input.iprs.slice(0, MAX_OPTIONS).map((i) => ({
      text: { type: 'plain_text', text: clip(`${i.regNo} — ${i.name}`, 75) },
      value: i.regNo,
    }));
    const select: Block = {
      type: 'static_select',
      action_id: ACTIONS.iprSelect,
      placeholder: { type: 'plain_text', text: 'Choose the IPR' },
      options,
    };
    if (options.length === 1) select.initial_option = options[0];
    blocks.push({
      type: 'input',
      block_id: BLOCKS.ipr,
      label: { type: 'plain_text', text: 'IPR' },
      element: select,
    });
  }
  blocks.push({
    type: 'input',
    block_id: BLOCKS.reason,
    label: { type: 'plain_text', text: 'Complaint reason' },
    element: {
      type: 'plain_text_input',
      action_id: ACTIONS.reasonInput,
      initial_value: input.reason,
      max_length: 500,
    },
  });
  const buttons: Block[] = [];
  if (input.iprs.length > 0) {
    buttons.push({
      type: 'button',
      action_id: ACTIONS.approve,
      style: 'primary',
      text: { type: 'plain_text', text: 'Approve' },
      value: String(input.batchId),
    });
  }
  buttons.push({
    type: 'button',
    action_id: ACTIONS.cancel,
    style: 'danger',
    text: { type: 'plain_text', text: 'Cancel' },
    value: String(input.batchId),
  });
  blocks.push({ type: 'actions', block_id: `batch_${input.batchId}`, elements: buttons });
  return blocks;
}

export function confirmationMessage(input: ConfirmationInput): { text: string; blocks: Block[] } {
  const r = input.report;
  const text = `Takedown request #${input.batchId}: ${plural(r.ok, 'listing')} ready`;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: `Takedown request #${input.batchId}` } },
    { type: 'section', text: mrkdwn(summaryLine(r, input.chunkCount, input.chunkLimit)) },
    context(
      `Requested by <@${input.requestedBy}> · ${esc(input.source)} · ${plural(r.total, 'entry', 'entries')} read`,
    ),
    ...refusalBlocks(r),
    { type: 'divider' },
    ...statusBlocks(input),
  ];
  return { text, blocks };
}
