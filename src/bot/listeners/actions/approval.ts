/** Approve and Cancel on a request's message. Guarded so that a double click or two approvers file once. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { approveBatch, cancelBatch, getBatch, retryBatch } from '../../../db/repositories/batches.ts';
import { findIpr } from '../../../db/repositories/iprs.ts';
import type { ApproverPolicy } from '../../approvers.ts';
import { ACTIONS, BLOCKS } from '../../blocks/confirmation.ts';
import { approvedThreadText } from '../../blocks/progress.ts';
import type { BotDeps } from '../../context.ts';

const ALREADY: Record<string, string> = {
  approved: 'was already approved',
  submitting: 'is already being filed',
  submitted: 'was already filed',
  cancelled: 'was cancelled',
  failed: 'stopped with an error (see its thread)',
  needs_login: 'is waiting for a portal sign-in',
};

export function registerApproval(app: App, deps: BotDeps, approvers: ApproverPolicy) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const tell = (body: BlockAction, text: string) =>
    deps.notifier.ephemeral({ channel: body.channel?.id ?? body.user.id, user: body.user.id, text });

  // Choosing in the IPR select or typing a reason needs no answer but an ack.
  app.action(ACTIONS.iprSelect, async ({ ack }) => ack());
  app.action(ACTIONS.reasonInput, async ({ ack }) => ack());

  app.action<BlockAction<ButtonAction>>(ACTIONS.approve, async ({ ack, body, action }) => {
    await ack();
    const batchId = Number(action.value);
    const batch = getBatch(db, batchId);
    if (!batch) return void (await tell(body, `Request #${action.value} is not known to me.`));
    const verdict = await approvers.mayApprove(body.user.id, batch.requestedBy);
    if (!verdict.ok) return void (await tell(body, verdict.reason));
    const values = body.state?.values ?? {};
    const ipr = values[BLOCKS.ipr]?.[ACTIONS.iprSelect]?.selected_option?.value;
    const reason = (values[BLOCKS.reason]?.[ACTIONS.reasonInput]?.value ?? batch.reason).trim();
    if (!ipr) return void (await tell(body, 'Choose the IPR to file under first, then press Approve.'));
    if (findIpr(db, ipr)?.status !== 'verified') {
      return void (await tell(
        body,
        `IPR ${ipr} is not verified on the portal, so the portal would refuse the complaint. Choose a verified IPR.`,
      ));
    }
    if (!reason)
      return void (await tell(
        body,
        'The complaint reason is empty. Enter one (for example “Counterfeit Listing”), then press Approve.',
      ));
    if (!approveBatch(db, batchId, { by: body.user.id, iprRegNo: ipr, reason, at: now() })) {
      const current = getBatch(db, batchId);
      return void (await tell(
        body,
        `Request #${batchId} ${ALREADY[current?.status ?? ''] ?? 'cannot be approved now'}.`,
      ));
    }
    await deps.events.refresh(batchId);
    if (batch.messageTs) {
      await deps.notifier.post({
        channel: batch.channelId,
        threadTs: batch.messageTs,
        text: approvedThreadText(body.user.id, ipr, reason),
      });
    }
    deps.kickWorker();
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.cancel, async ({ ack, body, action }) => {
    await ack();
    const batchId = Number(action.value);
    const batch = getBatch(db, batchId);
    if (!batch) return void (await tell(body, `Request #${action.value} is not known to me.`));
    if (body.user.id !== batch.requestedBy && !(await approvers.isApprover(body.user.id))) {
      return void (await tell(body, 'Only the person who asked or an approver can cancel this request.'));
    }
    if (!cancelBatch(db, batchId, body.user.id)) {
      const current = getBatch(db, batchId);
      return void (await tell(
        body,
        `Request #${batchId} ${ALREADY[current?.status ?? ''] ?? 'cannot be cancelled now'}; it is too late to cancel.`,
      ));
    }
    await deps.events.refresh(batchId);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.retry, async ({ ack, body, action }) => {
    await ack();
    const batchId = Number(action.value);
    const batch = getBatch(db, batchId);
    if (!batch) return void (await tell(body, `Request #${action.value} is not known to me.`));
    if (!(await approvers.isApprover(body.user.id))) {
      return void (await tell(body, 'Only an approver can retry a request; ask one of them.'));
    }
    if (!retryBatch(db, batchId)) {
      const current = getBatch(db, batchId);
      return void (await tell(
        body,
        `Request #${batchId} ${ALREADY[current?.status ?? ''] ?? 'cannot be retried now'}.`,
      ));
    }
    await deps.events.refresh(batchId);
    if (batch.messageTs) {
      await deps.notifier.post({
        channel: batch.channelId,
        threadTs: batch.messageTs,
        text: `<@${body.user.id}> pressed Retry. Filing resumes where it stopped; nothing already filed is filed again.`,
      });
    }
    deps.kickWorker();
  });
}
