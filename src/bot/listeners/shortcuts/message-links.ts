/** The message shortcut "File takedown for links in this message": the links of that message become a request. */
import type { App, MessageShortcut } from '@slack/bolt';
import { userText } from '../../../core/errors.ts';
import { extractFromText, type RawEntry } from '../../../core/intake/index.ts';
import type { BotDeps } from '../../context.ts';
import { startRequest } from '../../requests.ts';

export const MESSAGE_SHORTCUT = 'file_takedown_from_message';

/**
 * The links of a message: those of its text; when the text has none (a bot's message, an unfurl), those of its
 * blocks and attachments, each link once.
 */
export function messageLinks(message: Record<string, unknown>): RawEntry[] {
  const fromText = extractFromText(typeof message.text === 'string' ? message.text : '');
  if (fromText.length > 0) return fromText;
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (['text', 'url', 'fallback', 'title_link'].includes(k) && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk([message.blocks, message.attachments]);
  const seen = new Set<string>();
  return extractFromText(out.join('\n'))
    .filter((r) => !seen.has(r.input) && seen.add(r.input))
    .map((r, i) => ({ ...r, position: i + 1 }));
}

export function registerMessageShortcut(app: App, deps: BotDeps) {
  app.shortcut<MessageShortcut>(MESSAGE_SHORTCUT, async ({ ack, shortcut }) => {
    await ack();
    const channel = shortcut.channel.id;
    const user = shortcut.user.id;
    const tell = (text: string) => deps.notifier.ephemeral({ channel, user, text });
    try {
      const raw = messageLinks(shortcut.message as unknown as Record<string, unknown>);
      if (raw.length === 0) {
        await tell(
          'That message has no links I can read. Use the shortcut on a message with AliExpress, Alibaba.com or 1688 listing links.',
        );
        return;
      }
      await startRequest(deps, { channel, user, source: 'links in a message', raw });
    } catch (err) {
      deps.logger.warn({ err }, 'message shortcut failed');
      await tell(userText(err));
    }
  });
}
