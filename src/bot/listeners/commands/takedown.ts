/** `/takedown`: acks at once, then answers with the confirmation (or help, or what was wrong). */
import type { App } from '@slack/bolt';
import { userText } from '../../../core/errors.ts';
import { extractFromText } from '../../../core/intake/index.ts';
import { helpText } from '../../blocks/help.ts';
import type { BotDeps } from '../../context.ts';
import { startRequest } from '../../requests.ts';

export function registerTakedownCommand(app: App, deps: BotDeps) {
  app.command('/takedown', async ({ command, ack, respond, client }) => {
    await ack();
    const text = command.text.trim();
    if (text === '' || /^help$/i.test(text)) {
      await respond({ response_type: 'ephemeral', text: helpText(deps.config.portal.chunkLimit) });
      return;
    }
    try {
      const raw = extractFromText(text);
      if (raw.length === 0) {
        await respond({
          response_type: 'ephemeral',
          text: 'I found no links in what you sent. Paste AliExpress, Alibaba.com or 1688 listing links after `/takedown`, one or many, or drop a spreadsheet in the channel.',
        });
        return;
      }
      await startRequest(deps, client, {
        channel: command.channel_id,
        user: command.user_id,
        source: 'pasted links',
        raw,
      });
    } catch (err) {
      deps.logger.error({ err }, '/takedown failed');
      await respond({ response_type: 'ephemeral', text: userText(err) });
    }
  });
}
