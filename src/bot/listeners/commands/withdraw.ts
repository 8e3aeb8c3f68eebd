/** `/takedown withdraw <case>`: an approver withdraws a complaint on the portal; the channel is told. */
import { recordHistory } from '../../../db/repositories/cases.ts';
import { casesByNumber } from '../../lookups.ts';
import type { CommandContext } from './takedown.ts';

export async function withdrawCase(ctx: CommandContext, caseNumber: string) {
  const { deps, command } = ctx;
  if (!(await ctx.approvers.isApprover(command.user_id))) {
    return ctx.say(
      'Only an approver of takedown requests can withdraw a complaint. Ask one of them; the app admin sets who may (APPROVERS).',
    );
  }
  const known = casesByNumber(deps.db, caseNumber);
  if (known.length === 0) {
    return ctx.say(
      `I know no case ${caseNumber}. Check the number in the request’s thread or with \`/takedown status\`.`,
    );
  }
  const open = known.filter((c) => c.status === 'in_progress' || c.status === 'counter_notified');
  if (open.length === 0) {
    return ctx.say(
      `Case ${caseNumber} is not open any more (${known[0]?.statusText ?? known[0]?.status}); there is nothing to withdraw.`,
    );
  }
  await ctx.say(`Withdrawing case ${caseNumber} on the portal…`);
  const rows = await deps.withPortal(async (portal) => {
    await portal.withdraw(caseNumber);
    return portal.history({ caseNumber });
  });
  recordHistory(deps.db, rows, (deps.now ?? (() => new Date()))());
  const now = casesByNumber(deps.db, caseNumber);
  const withdrawn = now.filter((c) => c.status === 'withdrawn').length;
  await deps.notifier.post({
    channel: command.channel_id,
    text: `:leftwards_arrow_with_hook: <@${command.user_id}> withdrew case ${caseNumber}: ${withdrawn} of ${now.length} listing${now.length === 1 ? '' : 's'} now Withdrawn on the portal.`,
  });
}
