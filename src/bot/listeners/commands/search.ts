/** `/takedown search <keyword> [platform]`: the portal's keyword search, posted for triage with checkboxes. */
import { classifyEntries } from '../../../core/intake/index.ts';
import { canonicalUrl } from '../../../core/listing-url.ts';
import { PLATFORM_LABEL, type Platform } from '../../../core/types.ts';
import { filedLookup } from '../../../db/filed-lookup.ts';
import { type Candidate, candidatesCsv, MAX_SHOWN, searchTriageMessage } from '../../blocks/search.ts';
import type { CommandContext } from './takedown.ts';

/** Slack's limit for an option's value. */
const MAX_VALUE = 150;

export async function runSearch(ctx: CommandContext, keyword: string, platform: Platform) {
  const { deps, command } = ctx;
  await ctx.say(`:mag: Searching the portal for “${keyword}” on ${PLATFORM_LABEL[platform]}…`);
  const results = await deps.withPortal((portal) => portal.searchListings(keyword, platform));
  if (results.length === 0) {
    return ctx.say(
      `The portal found no listing for “${keyword}” on ${PLATFORM_LABEL[platform]}. Try another keyword or platform.`,
    );
  }
  const entries = classifyEntries(
    results.map((r, i) => ({
      input: r.listingUrl,
      position: i + 1,
      title: r.title,
      seller: r.seller,
      price: r.price,
    })),
    filedLookup(deps.db),
  );
  const candidates: Candidate[] = entries.map((e, i) => {
    const r = results[i];
    const url =
      e.url && e.url.length > MAX_VALUE && e.platform && e.itemId
        ? canonicalUrl(e.platform, e.itemId)
        : (e.url ?? e.input);
    return {
      url,
      title: r?.title ?? '',
      seller: r?.seller ?? '',
      price: r?.price,
      note: e.status === 'ok' ? undefined : (e.reason ?? e.status),
    };
  });
  const message = searchTriageMessage({ keyword, platform, requestedBy: command.user_id, candidates });
  const posted = await deps.notifier.post({ channel: command.channel_id, ...message });
  if (candidates.filter((c) => !c.note).length > MAX_SHOWN) {
    await deps.notifier.upload({
      channel: command.channel_id,
      threadTs: posted.ts,
      filename: `search-${keyword.replace(/[^\w-]+/g, '-').slice(0, 40)}.csv`,
      content: Buffer.from(candidatesCsv(candidates)),
      title: `Every listing the search “${keyword}” found`,
      initialComment: `All ${candidates.length} listings the portal found. Drop this file back in the channel (delete the rows you do not want) to report them.`,
    });
  }
}
