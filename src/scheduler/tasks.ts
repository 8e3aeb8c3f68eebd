/**
 * The two scheduled jobs. `syncStatuses` reads the portal's History back to the oldest open case
 * and records every status change; `postDigest` posts the digest of the period since the last
 * one, at most once per channel and local day, finishing a post a crash interrupted, with the
 * removals chart uploaded in its thread. `previewDigest` and `postDigestNow` are the on-demand
 * forms (`/takedown digest`, `takedown digest --print`): they never count as the day's digest.
 */

import { type Block, digestMessage } from '../bot/blocks/digest.ts';
import { localDay } from '../core/business-days.ts';
import { buildDigest, type Digest } from '../core/digest.ts';
import { TakedownError } from '../core/errors.ts';
import type { HistoryRow, Notifier, PortalDriver } from '../core/ports.ts';
import type { Db } from '../db/connection.ts';
import { oldestOpenCaseDate, recordHistory } from '../db/repositories/cases.ts';
import {
  claimDigest,
  gatherDigestInput,
  lastPostedDigest,
  markDigestPosted,
} from '../db/repositories/digests.ts';
import { removalsChartPng } from '../reports/chart.ts';

/** The logging the jobs need; the app's pino logger fits. */
export interface TaskLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SyncResult {
  /** History rows the portal returned. */
  read: number;
  created: number;
  changed: number;
  /** Rows that could not be recorded, each with the reason. */
  skipped: { row: HistoryRow; reason: string }[];
  /** Set when the portal was not read at all, with why. */
  idle?: string;
}

export async function syncStatuses(deps: {
  db: Db;
  portal: PortalDriver;
  now: Date;
  logger: TaskLogger;
}): Promise<SyncResult> {
  const { db, portal, now, logger } = deps;
  const since = oldestOpenCaseDate(db);
  if (!since) {
    logger.info({}, 'status sync: no open case, the portal was not read');
    return { read: 0, created: 0, changed: 0, skipped: [], idle: 'no open case' };
  }
  const rows = await portal.history({ since });
  const changes = recordHistory(db, rows, now);
  const result: SyncResult = { read: rows.length, created: 0, changed: 0, skipped: [] };
  for (const c of changes) {
    if (c.kind === 'skipped') result.skipped.push({ row: c.row, reason: c.reason });
    else if (c.kind === 'new') result.created++;
    else result.changed++;
  }
  for (const s of result.skipped) {
    logger.warn(
      { caseNumber: s.row.caseNumber, listingUrl: s.row.listingUrl },
      `status sync skipped a row: ${s.reason}`,
    );
  }
  logger.info(
    {
      since: since.toISOString(),
      read: result.read,
      created: result.created,
      changed: result.changed,
      skipped: result.skipped.length,
    },
    'status sync done',
  );
  return result;
}

export interface DigestResult {
  posted: boolean;
  reason?: string;
  messageTs?: string;
  periodKey: string;
}

/** When no digest was posted yet, the first one covers this much. */
const FIRST_PERIOD_MS = 24 * 3_600_000;

/**
 * Posts the digest for the local day of `scheduledFor` (default `now`) in `tz`, covering the time
 * since the last posted digest (or the last 24 hours). A day already posted posts nothing; a day
 * left 'posting' by a crash is posted now, once, over the period it claimed.
 */
export async function postDigest(deps: {
  db: Db;
  notifier: Notifier;
  channel: string;
  now: Date;
  tz: string;
  holidays: readonly string[];
  scheduledFor?: Date | undefined;
  logger?: TaskLogger | undefined;
}): Promise<DigestResult> {
  const { db, notifier, channel, now, tz, holidays, logger } = deps;
  if (!channel.trim()) {
    throw new TakedownError('config', 'No channel is set for the daily digest.', {
      hint: 'Set DIGEST_CHANNEL to the channel ID (e.g. C0123456789) the digest goes to.',
    });
  }
  const periodKey = localDay(deps.scheduledFor ?? now, tz);
  const last = lastPostedDigest(db, channel);
  if (last && last.periodKey >= periodKey) {
    const reason =
      last.periodKey === periodKey
        ? `the digest for ${periodKey} was already posted`
        : `a later digest (${last.periodKey}) was already posted`;
    return { posted: false, reason, periodKey, ...ts(last.messageTs) };
  }
  const start =
    last && last.periodEnd.getTime() < now.getTime()
      ? last.periodEnd
      : new Date(now.getTime() - FIRST_PERIOD_MS);
  const claim = claimDigest(db, channel, periodKey, start, now);
  if (claim.status === 'posted') {
    return {
      posted: false,
      reason: `the digest for ${periodKey} was already posted`,
      periodKey,
      ...ts(claim.messageTs),
    };
  }
  if (!claim.fresh) {
    logger?.warn({ channel, periodKey, digestId: claim.id }, 'digest: finishing a post that was interrupted');
  }
  const digest = buildDigest(
    gatherDigestInput(db, {
      start: claim.periodStart,
      end: claim.periodEnd,
      now,
      tz,
      holidays,
      previous: last?.summary ?? null,
    }),
  );
  const message = digestMessage(digest);
  const sent = await notifier.post({ channel, text: message.text, blocks: message.blocks });
  markDigestPosted(db, claim.id, sent.ts, digest.figures);
  logger?.info({ channel, periodKey, messageTs: sent.ts, ...digest.figures }, 'digest posted');
  // After marking it posted: a chart that fails to upload never makes the digest post twice.
  await uploadChart(notifier, { channel, threadTs: sent.ts, digest, logger });
  return { posted: true, messageTs: sent.ts, periodKey };
}

export interface DigestPreview {
  digest: Digest;
  text: string;
  blocks: Block[];
  /** Removals per day over the last 30 days, as PNG. */
  chart: Buffer;
}

/** When the removals chart is uploaded, its file name: removals-YYYY-MM-DD.png. */
export function chartFilename(digest: Digest): string {
  return `removals-${digest.day}.png`;
}

/**
 * The digest as it would be posted to `channel` now (the period since its last posted digest, or
 * the last 24 hours), with the chart, without posting or recording anything.
 */
export function previewDigest(deps: {
  db: Db;
  channel: string;
  now: Date;
  tz: string;
  holidays: readonly string[];
}): DigestPreview {
  const { db, channel, now, tz, holidays } = deps;
  const last = channel.trim() ? lastPostedDigest(db, channel) : null;
  const start =
    last && last.periodEnd.getTime() < now.getTime()
      ? last.periodEnd
      : new Date(now.getTime() - FIRST_PERIOD_MS);
  const digest = buildDigest(
    gatherDigestInput(db, { start, end: now, now, tz, holidays, previous: last?.summary ?? null }),
  );
  const message = digestMessage(digest);
  return {
    digest,
    text: message.text,
    blocks: message.blocks,
    chart: removalsChartPng(digest.removalsPerDay),
  };
}

/**
 * Posts a digest now to `channel` (optionally in a thread), with its chart: the `/takedown digest`
 * command. It is not recorded as the day's digest, so the scheduled one still goes out and still
 * covers its whole period.
 */
export async function postDigestNow(deps: {
  db: Db;
  notifier: Notifier;
  channel: string;
  /** The digest channel whose last posted digest starts the period (default `channel`). */
  digestChannel?: string | undefined;
  threadTs?: string | undefined;
  now: Date;
  tz: string;
  holidays: readonly string[];
  logger?: TaskLogger | undefined;
}): Promise<{ messageTs: string; digest: Digest }> {
  const { notifier, channel, threadTs, logger } = deps;
  const preview = previewDigest({ ...deps, channel: deps.digestChannel ?? channel });
  const sent = await notifier.post({ channel, text: preview.text, blocks: preview.blocks, threadTs });
  logger?.info({ channel, messageTs: sent.ts }, 'digest posted on request');
  await uploadChart(notifier, {
    channel,
    threadTs: threadTs ?? sent.ts,
    digest: preview.digest,
    logger,
    png: preview.chart,
  });
  return { messageTs: sent.ts, digest: preview.digest };
}

async function uploadChart(
  notifier: Notifier,
  o: { channel: string; threadTs: string; digest: Digest; logger?: TaskLogger | undefined; png?: Buffer },
): Promise<void> {
  try {
    await notifier.upload({
      channel: o.channel,
      threadTs: o.threadTs,
      filename: chartFilename(o.digest),
      content: o.png ?? removalsChartPng(o.digest.removalsPerDay),
      title: `Listings removed per day, last 30 days (to ${o.digest.day})`,
    });
  } catch (err) {
    o.logger?.warn(
      { channel: o.channel, err },
      'digest: the removals chart could not be uploaded; the digest itself is posted',
    );
  }
}

function ts(messageTs: string | null): { messageTs?: string } {
  return messageTs ? { messageTs } : {};
}
