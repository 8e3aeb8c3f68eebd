/** Thread messages while a batch is filed. Pure text builders. */
import { clip, esc, plural } from './mrkdwn.ts';

const SHOWN = 10;

export function chunkStartedText(c: { index: number; count: number; size: number }): string {
  return `:outbox_tray: Portal submission ${c.index + 1} of ${c.count}: filing ${plural(c.size, 'listing')}…`;
}

export function chunkFiledText(c: {
  index: number;
  count: number;
  filed: { url: string; caseNumber: string }[];
  refused: { url: string; reason: string }[];
}): string {
  const cases = [...new Set(c.filed.map((f) => f.caseNumber))];
  const lines = [
    `:white_check_mark: Portal submission ${c.index + 1} of ${c.count}: ${plural(c.filed.length, 'listing')} filed` +
      (cases.length
        ? ` — case ${cases.slice(0, SHOWN).join(', ')}${cases.length > SHOWN ? ` and ${cases.length - SHOWN} more` : ''}`
        : ''),
  ];
  if (c.refused.length) {
    lines.push(`:warning: ${plural(c.refused.length, 'listing')} refused by the portal:`);
    for (const r of c.refused.slice(0, SHOWN)) lines.push(`• ${esc(clip(r.url, 150))} — ${esc(r.reason)}`);
    if (c.refused.length > SHOWN) lines.push(`…and ${c.refused.length - SHOWN} more`);
  }
  return clip(lines.join('\n'), 3000);
}

export function batchFinishedText(r: { filed: number; refused: number; cases: number }): string {
  return (
    `:tada: Done: ${plural(r.filed, 'listing')} filed in ${plural(r.cases, 'case')}` +
    (r.refused ? `, ${r.refused.toLocaleString('en-US')} refused by the portal.` : '.') +
    ' I will follow their status on the portal and report removals in the daily digest.'
  );
}

export function batchStoppedText(s: { status: 'failed' | 'needs_login'; message: string }): string {
  if (s.status === 'needs_login') {
    // The portal driver's message already says who must run `takedown login`; other causes get the instruction here.
    const how = s.message.includes('takedown login')
      ? ''
      : ' An operator runs `takedown login` on a machine with a screen, passes the check, and filing resumes.';
    return `:lock: Filing is paused until a person signs in to the portal. ${esc(s.message)}${how} Nothing is filed twice: filing resumes where it stopped.`;
  }
  return `:x: Filing stopped. ${esc(s.message)} Nothing was filed twice; listings filed before the stop keep their cases.`;
}

export function approvedThreadText(by: string, iprRegNo: string, reason: string): string {
  return `Approved by <@${by}> with IPR ${esc(iprRegNo)} and reason “${esc(reason)}”. Filing starts now.`;
}
