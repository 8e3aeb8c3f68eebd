/**
 * IPRs submitted from Slack: the documents fetched from Slack, the IPR recorded with who asked, submitted
 * on the portal's Submit IPR page; and the requester told when the portal verifies it or asks for more.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TakedownError, userText } from '../core/errors.ts';
import type { NewIpr, PortalIpr } from '../core/ports.ts';
import { openBatches } from '../db/repositories/batches.ts';
import { dropIprRequest, findIpr, recordIprRequest } from '../db/repositories/iprs.ts';
import { iprChangedText, iprSubmittedText } from './blocks/ipr.ts';
import { IPR_FILE_MAX_BYTES } from './blocks/modals.ts';
import type { BotDeps } from './context.ts';
import { downloadSlackFile } from './files.ts';

export interface SlackFileRef {
  name: string;
  url: string;
}

/** Submits the IPR; tells the requester (DM) what happened either way. */
export async function submitIprFromSlack(
  deps: BotDeps,
  req: { ipr: Omit<NewIpr, 'documents'>; files: SlackFileRef[]; user: string; channel: string },
) {
  const { db, notifier, logger } = deps;
  if (!recordIprRequest(db, req.ipr, { user: req.user, channel: req.channel })) {
    const existing = findIpr(db, req.ipr.regNo);
    await notifier.direct(
      req.user,
      `IPR *${req.ipr.regNo}* is already on file (${existing?.status ?? 'known'}). See \`/takedown ipr\`.`,
    );
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'takedown-ipr-'));
  try {
    const documents: { path: string }[] = [];
    for (const [i, f] of req.files.entries()) {
      const data = await downloadSlackFile({
        url: f.url,
        token: deps.config.slack.botToken ?? '',
        name: f.name,
        maxBytes: IPR_FILE_MAX_BYTES,
      });
      const path = join(dir, `${i + 1}-${basename(f.name)}`);
      await writeFile(path, data);
      documents.push({ path });
    }
    await deps.withPortal((portal) => portal.submitIpr({ ...req.ipr, documents }));
    await notifier.direct(req.user, iprSubmittedText(req.ipr.regNo));
  } catch (err) {
    dropIprRequest(db, req.ipr.regNo);
    logger.warn({ err, regNo: req.ipr.regNo }, 'IPR submission failed');
    const why = err instanceof TakedownError ? err.forUser : userText(err);
    await notifier.direct(
      req.user,
      `:x: IPR *${req.ipr.regNo}* was not submitted: ${why} Fix it and try \`/takedown ipr add\` again.`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Tells each requester about the IPRs of theirs whose status the portal changed; when one became verified,
 * the requests awaiting approval are shown again, so it can be chosen in them.
 */
export async function notifyIprChanges(deps: BotDeps, changed: PortalIpr[]) {
  if (changed.some((c) => c.status === 'verified')) {
    for (const b of openBatches(deps.db).filter((x) => x.status === 'awaiting_approval')) {
      await deps.events
        .refresh(b.id)
        .catch((err: unknown) => deps.logger.warn({ err, batchId: b.id }, 'could not refresh a request'));
    }
  }
  for (const c of changed) {
    const row = findIpr(deps.db, c.regNo);
    if (!row?.requestedBy || c.status === 'submitted') continue;
    await deps.notifier
      .direct(row.requestedBy, iprChangedText(c.regNo, c.status))
      .catch((err: unknown) => deps.logger.warn({ err, regNo: c.regNo }, 'could not tell the IPR requester'));
  }
}
