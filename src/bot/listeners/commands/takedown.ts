/**
 * `/takedown …`: acked at once (whatever the size of the text), then each subcommand answers: the links
 * modal opens within the trigger's life, errors go privately to the person who typed the command.
 */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { userText } from '../../../core/errors.ts';
import { extractFromText } from '../../../core/intake/index.ts';
import type { ApproverPolicy } from '../../approvers.ts';
import { helpText } from '../../blocks/help.ts';
import { iprAddModal, linksModal } from '../../blocks/modals.ts';
import { parseTakedownCommand } from '../../command-text.ts';
import type { BotDeps } from '../../context.ts';
import { startRequest } from '../../requests.ts';
import { postDigestNow } from './digest.ts';
import { listIprs } from './ipr.ts';
import { runSearch } from './search.ts';
import { answerStatus } from './status.ts';
import { withdrawCase } from './withdraw.ts';

export interface CommandContext {
  deps: BotDeps;
  command: SlashCommand;
  /** Answers privately to the person who typed the command. */
  say: (text: string) => Promise<void>;
  approvers: ApproverPolicy;
}

export function registerTakedownCommand(app: App, deps: BotDeps, approvers: ApproverPolicy) {
  app.command('/takedown', async ({ command, ack, respond, client }) => {
    await ack();
    const say = privately(respond);
    const ctx: CommandContext = { deps, command, say, approvers };
    const sub = parseTakedownCommand(command.text);
    try {
      switch (sub.kind) {
        case 'modal':
          await client.views.open({
            trigger_id: command.trigger_id,
            view: linksModal(command.channel_id) as never,
          });
          return;
        case 'ipr_add':
          await client.views.open({
            trigger_id: command.trigger_id,
            view: iprAddModal(command.channel_id) as never,
          });
          return;
        case 'help':
          return await say(helpText(deps.config.portal.chunkLimit));
        case 'search_usage':
          return await say(
            'Tell me what to search for: `/takedown search <keyword> [aliexpress|alibaba|1688]`, e.g. `/takedown search riverstone knife aliexpress`.',
          );
        case 'withdraw_usage':
          return await say(
            'Give the case number to withdraw: `/takedown withdraw <case number>` (the number the portal’s History shows, e.g. 201303080211081192).',
          );
        case 'search':
          return await runSearch(ctx, sub.keyword, sub.platform);
        case 'ipr_list':
          return await listIprs(ctx);
        case 'status':
          return await answerStatus(ctx, sub.ref);
        case 'digest':
          return await postDigestNow(ctx);
        case 'withdraw':
          return await withdrawCase(ctx, sub.caseNumber);
        case 'links':
          return await fileLinks(ctx, sub.text);
      }
    } catch (err) {
      deps.logger.error({ err, sub: sub.kind }, '/takedown failed');
      await say(userText(err));
    }
  });
}

async function fileLinks(ctx: CommandContext, text: string) {
  const raw = extractFromText(text);
  if (raw.length === 0) {
    return ctx.say(
      'I found no links in what you sent. Paste AliExpress, Alibaba.com or 1688 listing links after `/takedown`, one or many, or drop a spreadsheet in the channel. `/takedown help` lists the rest.',
    );
  }
  await startRequest(ctx.deps, {
    channel: ctx.command.channel_id,
    user: ctx.command.user_id,
    source: 'pasted links',
    raw,
  });
}

function privately(respond: RespondFn) {
  return async (text: string) => {
    await respond({ response_type: 'ephemeral', text });
  };
}
