/** `/takedown ipr`: the IPRs on the portal's Submitted IPR page and their verification state. */
import { userText } from '../../../core/errors.ts';
import { allIprs, mirrorPortalIprs } from '../../../db/repositories/iprs.ts';
import { iprListText } from '../../blocks/ipr.ts';
import { notifyIprChanges } from '../../ipr-requests.ts';
import type { CommandContext } from './takedown.ts';

export async function listIprs(ctx: CommandContext) {
  const { deps } = ctx;
  let note: string | undefined;
  try {
    const seen = await deps.withPortal((portal) => portal.listIprs());
    await notifyIprChanges(deps, mirrorPortalIprs(deps.db, seen));
  } catch (err) {
    deps.logger.warn({ err }, 'could not read Submitted IPR');
    note = `as last seen; the portal could not be read now: ${userText(err)}`;
  }
  const iprs = allIprs(deps.db).map((i) => ({ ...i, status: i.status }));
  await ctx.say(iprListText(iprs, note));
}
