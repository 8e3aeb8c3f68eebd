/** Approve and Cancel on a request's message. Guarded so that a double click or two approvers file once. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { approveBatch, cancelBatch, getBatch } from '../../../db/repositories/batches.ts';
import { findIpr } from '../../../db/repositories/iprs.ts';
import { ACTIONS, BLOCKS } from '../../blocks/confirmation.ts';
import { approvedThreadText } from '../../blocks/progress.ts';
import type { BotDeps } from '../../context.ts';

export function mayApprove(approvers: string[], userId: string): boolean {
  return approvers.length === 0 || approvers.includes(userId);
}

const ALREADY: Record<string, string> = {
  approved: 'was already approved',
  submitting: 'is already being filed',
  submitted: 'was already filed',
  cancelled: 'was cancelled',
  failed: 'stopped with an error (see its thread)',
  needs_login: 'is waiting for a portal sign-in',
};

export function registerApproval(app: App, deps: BotDeps) {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());

  const tell = (client: WebClient, body: BlockAction, text: string) =>
    client.chat.postEphemeral({ channel: body.channel?.id ?? '', user: body.user.id, text });

  // Choosing in the IPR select or typing a reason needs no answer but an ack.
  app.action(ACTIONS.iprSelect, async ({ ack }) => ack());
  app.action(ACTIONS.reasonInput, async ({ ack }) => ack());

  app.action<BlockAction<ButtonAction>>(ACTIONS.approve, async ({ ack, body, action, client }) => {
    await ack();
    const batchId = Number(action.value);
    const batch = getBatch(db, batchId);
    if (!batch) return void (await tell(client, body, `Request #${action.value} is not known to me.`));
    if (!mayApprove(config.slack.approvers, body.user.id)) {
      return void (await tell(client, body, 'You are not one of the approvers of takedown requests. Ask one of them to approve; the app admin sets who may (APPROVERS).'));
    }
    const values = body.state?.values ?? {};
    const ipr = values[BLOCKS.ipr]?.[ACTIONS.iprSelect]?.selected_option?.value;
    const reason = (values[BLOCKS.reason]?.[ACTIONS.reasonInput]?.value ?? batch.reason).trim();
    if (!ipr) return void (await tell(client, body, 'Choose the IPR to file under first, then press Approve.'));
    if (findIpr(db, ipr)?.status !== 'verified') {
      return void (await tell(client, body, `IPR ${ipr} is not verified on the portal, so the portal would refuse the complaint. Choose a verified IPR.`));
    }
    if (!reason) return void (await tell(client, body, 'The complaint reason is empty. Enter one (for example “Counterfeit Listing”), then press Approve.'));
    if (!approveBatch(db, batchId, { by: body.user.id, iprRegNo: ipr, reason, at: now() })) {
      const current = getBatch(db, batchId);
      return void (await tell(client, body, `Request #${batchId} ${ALREADY[current?.status ?? ''] ?? 'cannot be approved now'}.`));
    }
    await deps.events.refresh(batchId);
    if (batch.messageTs) {
      await client.chat.postMessage({ channel: batch.channelId, thread_ts: batch.messageTs, text: approvedThreadText(body.user.id, ipr, reason) });
    }
    deps.kickWorker();
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.cancel, async ({ ack, body, action, client }) => {
    await ack();
    const batchId = Number(action.value);
    const batch = getBatch(db, batchId);
    if (!batch) return void (await tell(client, body, `Request #${action.value} is not known to me.`));
    if (body.user.id !== batch.requestedBy && !mayApprove(config.slack.approvers, body.user.id)) {
      return void (await tell(client, body, 'Only the person who asked or an approver can cancel this request.'));
    }
    if (!cancelBatch(db, batchId, body.user.id)) {
      const current = getBatch(db, batchId);
      return void (await tell(client, body, `Request #${batchId} ${ALREADY[current?.status ?? ''] ?? 'cannot be cancelled now'}; it is too late to cancel.`));
    }
    await deps.events.refresh(batchId);
  });
}
