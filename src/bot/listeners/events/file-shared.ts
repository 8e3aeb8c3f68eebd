/**
 * A spreadsheet or text file shared where the bot is: the same answer as `/takedown` with links.
 * Slack sends `file_shared` and a `message` (subtype file_share) for one share; the file id makes it one request.
 */
import type { App } from '@slack/bolt';
import { TakedownError, userText } from '../../../core/errors.ts';
import { readListingFile } from '../../../core/intake/index.ts';
import { findBatchBySourceRef } from '../../../db/repositories/batches.ts';
import type { BotDeps } from '../../context.ts';
import { downloadSlackFile } from '../../files.ts';
import { startRequest } from '../../requests.ts';

const LISTING_FILE = /\.(csv|tsv|txt|xlsx)$/i;

export function registerFileShared(app: App, deps: BotDeps) {
  const { db, config, logger } = deps;

  app.event('file_shared', async ({ event, client, context }) => {
    if (event.user_id === context.botUserId) return;
    if (findBatchBySourceRef(db, event.file_id)) return;
    const channel = event.channel_id;
    const tell = (text: string) => deps.notifier.ephemeral({ channel, user: event.user_id, text });
    try {
      const info = await client.files.info({ file: event.file_id });
      const file = info.file;
      const name = file?.name ?? event.file_id;
      if (!file?.url_private_download || !LISTING_FILE.test(name)) return; // not a listing file: not ours to answer
      if ((file.size ?? 0) > config.limits.maxFileBytes) {
        throw new TakedownError(
          'file_too_large',
          `${name} is ${Math.ceil((file.size ?? 0) / 1048576)} MB; I read files up to ${Math.round(config.limits.maxFileBytes / 1048576)} MB.`,
          {
            hint: 'Split it into smaller files and share them one by one.',
          },
        );
      }
      const data = await downloadSlackFile({
        url: file.url_private_download,
        token: context.botToken ?? config.slack.botToken ?? '',
        name,
        maxBytes: config.limits.maxFileBytes,
      });
      const raw = await readListingFile({
        filename: name,
        data,
        limits: { maxBytes: config.limits.maxFileBytes, maxRows: config.limits.maxRows },
      });
      if (findBatchBySourceRef(db, event.file_id)) return; // delivered twice while we read it
      await startRequest(deps, {
        channel,
        user: event.user_id,
        source: name,
        sourceRef: event.file_id,
        raw,
      });
    } catch (err) {
      logger.warn({ err, file: event.file_id }, 'file intake failed');
      await tell(userText(err));
    }
  });

  // The message that carries a share: acknowledged, answered through file_shared above.
  app.message(async () => {});
}
