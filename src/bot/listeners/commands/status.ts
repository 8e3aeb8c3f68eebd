/** `/takedown status [request # | case number | link]`: where things stand, privately. */
import { parseListingUrl } from '../../../core/listing-url.ts';
import { batchItemsForListing, getBatch, recentBatches } from '../../../db/repositories/batches.ts';
import { toBatchLine } from '../../batch-lines.ts';
import { BATCH_STATUS_LABEL, batchLine, caseLinesText, recentBatchesText } from '../../blocks/status.ts';
import { casesByNumber, casesOfListing, findListing } from '../../lookups.ts';
import type { CommandContext } from './takedown.ts';

export async function answerStatus(ctx: CommandContext, ref: string) {
  const { db } = ctx.deps;
  const text = ref.replace(/^<|>$/g, '').replace(/\|.*$/, '').trim();
  if (!text) {
    return ctx.say(
      recentBatchesText(recentBatches(db, ctx.command.channel_id).map((b) => toBatchLine(db, b))),
    );
  }
  const batchRef = /^#?(\d{1,9})$/.exec(text);
  if (batchRef) {
    const b = getBatch(db, Number(batchRef[1]));
    if (!b)
      return ctx.say(
        `There is no takedown request #${batchRef[1]}. \`/takedown status\` lists the latest ones here.`,
      );
    return ctx.say(batchLine(toBatchLine(db, b)));
  }
  if (/^\d{10,30}$/.test(text)) {
    const rows = casesByNumber(db, text);
    if (rows.length === 0) {
      return ctx.say(
        `I know no case ${text}. Case numbers appear in a request’s thread once it is filed; the status sync reads the rest from the portal’s History.`,
      );
    }
    return ctx.say(
      caseLinesText(`*Case ${text}:* ${rows.length} listing${rows.length === 1 ? '' : 's'}`, rows),
    );
  }
  const parsed = parseListingUrl(text);
  if (!parsed.ok) {
    return ctx.say(
      `“${text}” is not a request number, a case number or a listing link I can read (${parsed.reason}). Try \`/takedown status 12\`, a case number, or a listing link.`,
    );
  }
  const listing = findListing(db, parsed.platform, parsed.itemId);
  const rows = listing ? casesOfListing(db, listing.id) : [];
  const items = listing ? batchItemsForListing(db, listing.id) : [];
  if (rows.length === 0 && items.length === 0) {
    return ctx.say(`${parsed.url} was never filed. File it with \`/takedown ${parsed.url}\`.`);
  }
  const lines = items.map(
    (i) =>
      `• request #${i.batchId} (${BATCH_STATUS_LABEL[i.status]}): ${i.outcome === 'refused' ? `refused by the portal — ${i.refusalReason ?? ''}` : i.outcome === 'filed' ? `filed, case ${i.caseNumber}` : 'not filed yet'}`,
  );
  const cases = rows.length ? caseLinesText('*Cases:*', rows) : '';
  return ctx.say([`*${parsed.url}*`, ...lines, cases].filter(Boolean).join('\n'));
}
