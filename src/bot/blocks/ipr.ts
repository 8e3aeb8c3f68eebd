/** IPR answers: the list with verification states, and what the requester is told as the portal decides. */
import type { IprStatus } from '../../core/types.ts';
import { clip, esc } from './mrkdwn.ts';

export const IPR_STATUS_LABEL: Record<IprStatus, string> = {
  submitted: ':hourglass_flowing_sand: waiting for the portal to verify',
  verified: ':white_check_mark: verified',
  needs_info: ':memo: the portal asks for more information',
  rejected: ':x: rejected by the portal',
};

export function iprListText(
  iprs: { regNo: string; name: string; owner: string; type: string; status: IprStatus }[],
  note?: string,
): string {
  if (iprs.length === 0) {
    return 'No IPR is on file yet. Add one with `/takedown ipr add`: once the portal verifies it, takedowns can be filed under it.';
  }
  const lines = iprs
    .slice(0, 40)
    .map(
      (i) =>
        `• *${esc(i.regNo)}* — ${esc(clip(i.name, 80))} (${esc(i.type)}, ${esc(i.owner)}): ${IPR_STATUS_LABEL[i.status]}`,
    );
  if (iprs.length > 40) lines.push(`…and ${iprs.length - 40} more`);
  const verified = iprs.filter((i) => i.status === 'verified').length;
  const head = `*IPRs on file:* ${verified} of ${iprs.length} verified${note ? ` (${note})` : ''}`;
  return clip([head, ...lines, 'Add one with `/takedown ipr add`.'].join('\n'), 3000);
}

export function iprSubmittedText(regNo: string): string {
  return `:outbox_tray: IPR *${esc(regNo)}* was submitted to the portal. Verification takes a few days; I will tell you here when the portal verifies it or asks for more.`;
}

export function iprChangedText(regNo: string, status: IprStatus): string {
  switch (status) {
    case 'verified':
      return `:white_check_mark: The portal verified IPR *${esc(regNo)}*. Takedowns can now be filed under it.`;
    case 'needs_info':
      return `:memo: The portal asks for more information about IPR *${esc(regNo)}*. Check the account’s email and IPR Management → Submitted IPR on the portal, add what it asks for, and it will be checked again.`;
    case 'rejected':
      return `:x: The portal rejected IPR *${esc(regNo)}*. See IPR Management → Submitted IPR on the portal for why; fix it and submit again with \`/takedown ipr add\`.`;
    case 'submitted':
      return `IPR *${esc(regNo)}* is waiting for the portal to verify it.`;
  }
}
