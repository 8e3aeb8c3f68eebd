/**
 * A takedown request from what a person sent (pasted links or a file): intake, a stored batch awaiting
 * approval, and the confirmation message in the channel. Shared by the slash command and file shares.
 */
import type { WebClient } from '@slack/web-api';
import { classifyEntries, type RawEntry, resolveShortLinks } from '../core/intake/index.ts';
import { readyListings, summarizeIntake } from '../core/intake-report.ts';
import { DEFAULT_REASON } from '../core/types.ts';
import { filedLookup } from '../db/filed-lookup.ts';
import { createBatch, getBatch, setBatchMessage, setBatchStatus } from '../db/repositories/batches.ts';
import { renderBatchMessage } from './batch-message.ts';
import type { BotDeps } from './context.ts';

export interface RequestInput {
  channel: string;
  user: string;
  source: string;
  sourceRef?: string;
  raw: RawEntry[];
}

/** Classifies, stores and posts. Returns the batch id, or null when the message could not be posted (the user is told). */
export async function startRequest(
  deps: BotDeps,
  client: WebClient,
  input: RequestInput,
): Promise<number | null> {
  const { db, config, logger } = deps;
  const raw = await resolveShortLinks(input.raw, { timeoutMs: 5000, maxHops: 5 });
  const entries = classifyEntries(raw, filedLookup(db));
  const report = summarizeIntake(entries);
  const batch = createBatch(db, {
    requestedBy: input.user,
    channelId: input.channel,
    source: input.source,
    sourceRef: input.sourceRef,
    reason: DEFAULT_REASON,
    chunkLimit: config.portal.chunkLimit,
    intakeReport: report,
    listings: readyListings(entries),
  });
  const stored = getBatch(db, batch.id);
  if (!stored) throw new Error('batch not stored');
  const message = renderBatchMessage(db, stored);
  let ts: string;
  try {
    ts = await postInChannel(client, input.channel, message);
  } catch (err) {
    logger.warn({ err, channel: input.channel }, 'could not post the confirmation');
    setBatchStatus(db, batch.id, 'cancelled', 'The confirmation could not be posted in the channel.');
    await client.chat
      .postEphemeral({
        channel: input.channel,
        user: input.user,
        text: 'I could not post in this channel. Invite me first (`/invite @takedown`), then send your links again.',
      })
      .catch(() => undefined);
    return null;
  }
  setBatchMessage(db, batch.id, ts);
  if (report.refused.length > 10) {
    await client.files
      .uploadV2({
        channel_id: input.channel,
        thread_ts: ts,
        filename: `takedown-${batch.id}-not-filed.csv`,
        title: `Entries of request #${batch.id} that will not be filed`,
        file: Buffer.from(refusalsCsv(report.refused)),
        initial_comment: `All ${report.refused.length} entries that will not be filed, with the reason for each.`,
      })
      .catch((err: unknown) => logger.warn({ err }, 'could not upload the list of refused entries'));
  }
  return batch.id;
}

async function postInChannel(
  client: WebClient,
  channel: string,
  message: { text: string; blocks: unknown[] },
) {
  const post = () =>
    client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks as never,
      unfurl_links: false,
    });
  try {
    return (await post()).ts as string;
  } catch (err) {
    if ((err as { data?: { error?: string } }).data?.error !== 'not_in_channel') throw err;
    await client.conversations.join({ channel });
    return (await post()).ts as string;
  }
}

/** A CSV of refused entries, safe to open in a spreadsheet (no cell starts a formula). */
export function refusalsCsv(
  rows: { position: number; input: string; status: string; reason: string }[],
): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const lines = ['position,input,status,reason'];
  for (const r of rows) lines.push([String(r.position), cell(r.input), r.status, cell(r.reason)].join(','));
  return `${lines.join('\n')}\n`;
}
