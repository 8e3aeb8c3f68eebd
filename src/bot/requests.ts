/**
 * A takedown request from what a person sent (pasted links or a file): intake, a stored batch awaiting
 * approval, and the confirmation message in the channel. Shared by the slash command and file shares.
 */
import { classifyEntries, type RawEntry, resolveShortLinks } from '../core/intake/index.ts';
import { readyListings, summarizeIntake } from '../core/intake-report.ts';
import { DEFAULT_REASON } from '../core/types.ts';
import { filedLookup } from '../db/filed-lookup.ts';
import { createBatch, getBatch, setBatchMessage, setBatchStatus } from '../db/repositories/batches.ts';
import { storeListings } from '../db/repositories/listings.ts';
import { renderBatchMessage } from './batch-message.ts';
import type { BotDeps } from './context.ts';
import { nextTurn } from './next-turn.ts';

export interface RequestInput {
  channel: string;
  user: string;
  source: string;
  sourceRef?: string;
  raw: RawEntry[];
}

/** Classifies, stores and posts. Returns the batch id, or null when the message could not be posted (the user is told). */
export async function startRequest(deps: BotDeps, input: RequestInput): Promise<number | null> {
  const { db, config, logger } = deps;
  const raw = await resolveShortLinks(input.raw, { timeoutMs: 5000, maxHops: 5 });
  await nextTurn();
  const entries = classifyEntries(raw, filedLookup(db));
  await nextTurn();
  const report = summarizeIntake(entries);
  const listings = readyListings(entries);
  // A large file's listings are stored in steps, so other people's requests are answered in between.
  const listingIds = await storeListings(db, listings, nextTurn);
  const batch = createBatch(
    db,
    {
      requestedBy: input.user,
      channelId: input.channel,
      source: input.source,
      sourceRef: input.sourceRef,
      reason: DEFAULT_REASON,
      chunkLimit: config.portal.chunkLimit,
      intakeReport: report,
      listings,
    },
    listingIds,
  );
  const stored = getBatch(db, batch.id);
  if (!stored) throw new Error('batch not stored');
  const message = renderBatchMessage(db, stored);
  let ts: string;
  try {
    ts = (await deps.notifier.post({ channel: input.channel, ...message })).ts;
  } catch (err) {
    logger.warn({ err, channel: input.channel }, 'could not post the confirmation');
    setBatchStatus(db, batch.id, 'cancelled', 'The confirmation could not be posted in the channel.');
    await deps.notifier.ephemeral({
      channel: input.channel,
      user: input.user,
      text: 'I could not post in that channel. Invite me first (`/invite @takedown`), then send your links again.',
    });
    return null;
  }
  setBatchMessage(db, batch.id, ts);
  if (report.refused.length > 10) {
    await deps.notifier
      .upload({
        channel: input.channel,
        threadTs: ts,
        filename: `takedown-${batch.id}-not-filed.csv`,
        title: `Entries of request #${batch.id} that will not be filed`,
        content: Buffer.from(refusalsCsv(report.refused)),
        initialComment: `All ${report.refused.length} entries that will not be filed, with the reason for each.`,
      })
      .catch((err: unknown) => logger.warn({ err }, 'could not upload the list of refused entries'));
  }
  return batch.id;
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
