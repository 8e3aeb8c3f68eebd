/**
 * The digest as a Slack message: what needs a human first, then removals, filings, open and
 * overdue cases, and the figures. Pure. Stays within Slack's limits: a fixed layout of at most 15
 * blocks (Slack allows 50), at most 3000 characters a section, 150 a header; long lists end with
 * "…and N more".
 */
import type { BatchNeedingHuman, CaseRef, Digest, DigestFigures, Tally } from '../../core/digest.ts';
import { PLATFORM_LABEL, type Platform } from '../../core/types.ts';

export const MAX_TEXT = 3000;
const MAX_HEADER = 150;
/** Items listed per section before "…and N more". */
const MAX_ITEMS = 10;

type TextObject = { type: 'mrkdwn'; text: string } | { type: 'plain_text'; text: string; emoji?: boolean };
export type Block =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: TextObject }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' };

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function link(url: string, label: string): string {
  return `<${url.replace(/[|>]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;
}

function caseLink(c: CaseRef): string {
  return `${link(c.listingUrl, c.listingUrl.replace(/^https?:\/\//, ''))} (case ${escapeMrkdwn(c.caseNumber)})`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function when(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

function dayLabel(day: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(`${day}T12:00:00Z`));
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** Tallies shown per line; the rest are summed as "others". */
const MAX_TALLIES = 8;

function tallyText(t: Tally[], label: (key: string) => string = (k) => k): string {
  const shown = t.slice(0, MAX_TALLIES).map((x) => `${escapeMrkdwn(label(x.key))}: ${x.count}`);
  const rest = t.slice(MAX_TALLIES);
  if (rest.length > 0) {
    shown.push(`${plural(rest.length, 'other')}: ${rest.reduce((n, x) => n + x.count, 0)}`);
  }
  return shown.join(' · ');
}

function platformLabel(key: string): string {
  return PLATFORM_LABEL[key as Platform] ?? key;
}

/**
 * A section: the title, then as many lines as fit within the item and character limits; the rest
 * of `total` (the lines given may be only the first of them) is counted in a last "…and N more".
 */
function listSection(title: string, lines: string[], total = lines.length, maxItems = MAX_ITEMS): Block {
  let text = title;
  let shown = 0;
  for (const line of lines) {
    if (shown >= maxItems) break;
    const rest = total - shown - 1;
    const reserve = rest > 0 ? `\n…and ${rest} more`.length : 0;
    const next = `${text}\n• ${line}`;
    if (next.length + reserve > MAX_TEXT) break;
    text = next;
    shown++;
  }
  if (shown < total) text += `\n…and ${total - shown} more`;
  return section(text);
}

function section(text: string): Block {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text },
  };
}

function batchLine(b: BatchNeedingHuman, tz: string): string {
  const what = `batch #${b.id} (${plural(b.listingCount, 'listing')}) from <@${b.requestedBy}> in <#${b.channelId}>`;
  if (b.status === 'needs_login') {
    return `${what}: the portal wants a person to sign in (since ${when(b.updatedAt, tz)})${b.error ? ` — ${escapeMrkdwn(b.error)}` : ''}`;
  }
  return `${what}: waiting for approval since ${when(b.createdAt, tz)}`;
}

function compare(
  now: number | null,
  before: number | null | undefined,
  format: (n: number) => string,
): string {
  if (now === null) return 'n/a';
  if (before === null || before === undefined) return format(now);
  return `${format(now)} (last digest ${format(before)})`;
}

function figuresText(f: DigestFigures, prev: DigestFigures | null): string {
  const days = (n: number) =>
    Number.isInteger(n) ? plural(n, 'business day') : `${n.toFixed(1)} business days`;
  const count = (n: number) => String(n);
  return [
    '*Figures*',
    `Removed: ${compare(f.removed, prev?.removed, count)} · newly filed: ${compare(f.filed, prev?.filed, count)}`,
    `Removal rate: ${compare(f.removalRate, prev?.removalRate, percent)}, over ${plural(f.decided, 'case')} decided`,
    `Median time to removal: ${compare(f.medianBusinessDaysToRemoval, prev?.medianBusinessDaysToRemoval, days)}`,
  ].join('\n');
}

/** The digest as `{ text, blocks }` for chat.postMessage. */
export function digestMessage(digest: Digest): { text: string; blocks: Block[] } {
  const { tz } = digest;
  const blocks: Block[] = [];
  const title = `Takedown digest — ${dayLabel(digest.day)}`;
  blocks.push({
    type: 'header',
    text: { type: 'plain_text', text: title.slice(0, MAX_HEADER), emoji: true },
  });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Since ${when(digest.period.start, tz)} (${escapeMrkdwn(tz)})` }],
  });

  const { counterNotices, rejections, batches } = digest.needsHuman;
  const needsHuman = counterNotices.total + rejections.total + batches.length;
  if (needsHuman > 0) {
    blocks.push(section(`:rotating_light: *Needs a human: ${needsHuman}*`));
    if (counterNotices.total > 0) {
      blocks.push(
        listSection(
          `*Counter-notices to answer (${counterNotices.total})*`,
          counterNotices.items.map((c) => {
            const left =
              c.businessDaysLeft < 0
                ? `*deadline passed* (${dayLabel(c.deadline)})`
                : c.businessDaysLeft === 0
                  ? `*answer today* (${dayLabel(c.deadline)})`
                  : `answer by ${dayLabel(c.deadline)} (${plural(c.businessDaysLeft, 'business day')} left)`;
            return `${caseLink(c)}: ${left}`;
          }),
          counterNotices.total,
        ),
      );
    }
    if (rejections.total > 0) {
      blocks.push(
        listSection(
          `*Rejected by the portal (${rejections.total})*`,
          rejections.items.map((r) => `${caseLink(r)}: ${escapeMrkdwn(r.reason)}`),
          rejections.total,
        ),
      );
    }
    if (batches.length > 0) {
      blocks.push(
        listSection(
          `*Batches waiting (${batches.length})*`,
          batches.map((b) => batchLine(b, tz)),
        ),
      );
    }
    blocks.push({ type: 'divider' });
  }

  const removedLines = [`:white_check_mark: *Removed since the last digest: ${digest.removed.count}*`];
  if (digest.removed.count > 0) {
    removedLines.push(`By IPR: ${tallyText(digest.removed.byIpr)}`);
    removedLines.push(`By platform: ${tallyText(digest.removed.byPlatform, platformLabel)}`);
  }
  blocks.push(section(removedLines.join('\n')));
  if (digest.removed.examples.length > 0) {
    const more = digest.removed.count - digest.removed.examples.length;
    blocks.push(
      section(
        digest.removed.examples.map((c) => `• ${caseLink(c)}`).join('\n') +
          (more > 0 ? `\n…and ${more} more` : ''),
      ),
    );
  }

  const filedText = [`:outbox_tray: *Newly filed: ${digest.filed.count}*`];
  if (digest.filed.count > 0)
    filedText.push(`By platform: ${tallyText(digest.filed.byPlatform, platformLabel)}`);
  const open = digest.open;
  const openText = [`:hourglass_flowing_sand: *Still open: ${open.count}*`];
  if (open.count > 0) {
    openText.push(`${open.inProgress} in progress, ${open.counterNotified} awaiting a counter-notice answer`);
    if (open.oldestFiledAt) openText.push(`Oldest filed ${when(open.oldestFiledAt, tz)}`);
  }
  blocks.push(section(`${filedText.join('\n')}\n\n${openText.join('\n')}`));

  if (digest.overdue.total > 0) {
    blocks.push(
      listSection(
        `:warning: *Overdue (${digest.overdue.total}): more than 7 business days in progress*`,
        digest.overdue.items.map((c) => `${caseLink(c)}: ${plural(c.businessDaysOpen, 'business day')}`),
        digest.overdue.total,
      ),
    );
  }

  if (digest.sellers.length > 0) {
    blocks.push(
      section(
        `:mag: *Sellers with the most infringing listings (filed in the last 30 days)*\n${digest.sellers
          .map((s) => `• ${escapeMrkdwn(s.key)}: ${plural(s.count, 'listing')}`)
          .join('\n')}`,
      ),
    );
  }

  blocks.push({ type: 'divider' });
  blocks.push(section(figuresText(digest.figures, digest.previous)));
  if (digest.quiet) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'A quiet day: nothing changed on the portal.' }],
    });
  }

  const text = [
    `Takedown digest for ${digest.day}:`,
    needsHuman > 0 ? `${needsHuman} need a human,` : null,
    `${digest.removed.count} removed, ${digest.filed.count} newly filed, ${open.count} still open, ${digest.overdue.total} overdue.`,
  ]
    .filter(Boolean)
    .join(' ');
  return { text, blocks };
}
