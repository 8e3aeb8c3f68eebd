/** `/takedown digest`: the digest, posted in this channel now (once a day per channel, as the scheduled one). */
import type { CommandContext } from './takedown.ts';

export async function postDigestNow(ctx: CommandContext) {
  const result = await ctx.deps.postDigest(ctx.command.channel_id);
  if (!result.posted) {
    await ctx.say(
      `No new digest: ${result.reason ?? 'nothing to post'}. The next one covers everything since.`,
    );
  }
}
