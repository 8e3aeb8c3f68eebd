/** The `/takedown` modal submitted: its links and files become one takedown request in the channel it came from. */
import type { App } from '@slack/bolt';
import { userText } from '../../../core/errors.ts';
import { extractFromText, type RawEntry, readListingFile } from '../../../core/intake/index.ts';
import { LINKS_FIELDS, VIEWS } from '../../blocks/modals.ts';
import type { BotDeps } from '../../context.ts';
import { downloadSlackFile } from '../../files.ts';
import { startRequest } from '../../requests.ts';
import { modalChannel, pickedFiles } from './view-state.ts';

export function registerLinksModal(app: App, deps: BotDeps) {
  const { config, logger, notifier } = deps;
  app.view(VIEWS.links, async ({ ack, view, body }) => {
    const values = view.state.values;
    const text = values[LINKS_FIELDS.links]?.[LINKS_FIELDS.links]?.value ?? '';
    const files = pickedFiles(values, LINKS_FIELDS.files);
    const fromText = extractFromText(text);
    if (fromText.length === 0 && files.length === 0) {
      await ack({
        response_action: 'errors',
        errors: {
          [LINKS_FIELDS.links]: text.trim()
            ? 'I found no links here. Paste listing links, one or many.'
            : 'Paste listing links, or attach a file below.',
        },
      });
      return;
    }
    await ack();
    const user = body.user.id;
    const channel = modalChannel(view.private_metadata) || user;
    try {
      const raw: RawEntry[] = [...fromText];
      for (const f of files) {
        const data = await downloadSlackFile({
          url: f.url,
          token: config.slack.botToken ?? '',
          name: f.name,
          maxBytes: config.limits.maxFileBytes,
        });
        const rows = await readListingFile({
          filename: f.name,
          data,
          limits: { maxBytes: config.limits.maxFileBytes, maxRows: config.limits.maxRows },
        });
        raw.push(...rows.map((r) => ({ ...r, location: `${f.name} ${r.location ?? `row ${r.position}`}` })));
      }
      const source = [fromText.length ? 'pasted links' : '', ...files.map((f) => f.name)]
        .filter(Boolean)
        .join(' + ');
      await startRequest(deps, {
        channel,
        user,
        source,
        raw: raw.map((r, i) => ({ ...r, position: i + 1 })),
      });
    } catch (err) {
      logger.warn({ err }, 'the links modal could not be read');
      await notifier.ephemeral({ channel, user, text: userText(err) });
    }
  });
}
