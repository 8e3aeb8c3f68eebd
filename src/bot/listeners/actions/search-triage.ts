/** The keyword-search triage message: ticking boxes needs only an ack; "Report selected" makes a takedown request. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { userText } from '../../../core/errors.ts';
import { extractFromText } from '../../../core/intake/index.ts';
import { SEARCH_ACTIONS, SEARCH_PICK_BLOCK, searchReportedMessage } from '../../blocks/search.ts';
import type { BotDeps } from '../../context.ts';
import { startRequest } from '../../requests.ts';

type Values = Record<string, Record<string, { selected_options?: { value: string }[] | null }>>;

export function registerSearchTriage(app: App, deps: BotDeps) {
  const reported = new Set<string>();
  app.action(SEARCH_ACTIONS.pick, async ({ ack }) => ack());

  app.action<BlockAction<ButtonAction>>(SEARCH_ACTIONS.report, async ({ ack, body }) => {
    await ack();
    const channel = body.channel?.id ?? body.user.id;
    const user = body.user.id;
    const tell = (text: string) => deps.notifier.ephemeral({ channel, user, text });
    const values = (body.state?.values ?? {}) as Values;
    const urls = Object.entries(values)
      .filter(([blockId]) => blockId.startsWith(SEARCH_PICK_BLOCK))
      .flatMap(([, byAction]) => byAction[SEARCH_ACTIONS.pick]?.selected_options ?? [])
      .map((o) => o.value);
    if (urls.length === 0)
      return void (await tell('Tick the listings to report first, then press *Report selected*.'));
    const messageTs = body.message?.ts ?? body.container.message_ts;
    const key = `${channel}/${messageTs}`;
    if (reported.has(key))
      return void (await tell(
        'These listings were already reported from this search; see the request above.',
      ));
    reported.add(key);
    const keyword = ((body.message?.text ?? '').match(/“(.*)”/)?.[1] ?? 'keyword').slice(0, 80);
    try {
      const batchId = await startRequest(deps, {
        channel,
        user,
        source: `keyword search “${keyword}”`,
        raw: extractFromText(urls.join('\n')),
      });
      if (messageTs) {
        await deps.notifier.update({
          channel,
          ts: messageTs,
          ...searchReportedMessage({ keyword, count: urls.length, by: user, batchId }),
        });
      }
    } catch (err) {
      reported.delete(key);
      deps.logger.warn({ err }, 'report from search failed');
      await tell(userText(err));
    }
  });
}
