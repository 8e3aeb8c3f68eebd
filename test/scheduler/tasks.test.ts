import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../src/core/ports.ts';
import { type Db, openDb } from '../../src/db/connection.ts';
import { recordHistory } from '../../src/db/repositories/cases.ts';
import { claimDigest, lastPostedDigest } from '../../src/db/repositories/digests.ts';
import { digests } from '../../src/db/schema.ts';
import { postDigest, postDigestNow, previewDigest, syncStatuses } from '../../src/scheduler/tasks.ts';
import { HistoryPortal, RecordingLogger, RecordingNotifier } from './fakes.ts';

const CHANNEL = 'C0DIGEST';
const TZ = 'Europe/Berlin';

let dir: string;
let db: Db;
let notifier: RecordingNotifier;
let portal: HistoryPortal;
let logger: RecordingLogger;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'takedown-scheduler-'));
  db = openDb(join(dir, 'takedown.db'));
  notifier = new RecordingNotifier();
  portal = new HistoryPortal();
  logger = new RecordingLogger();
});
afterEach(() => {
  db.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

function row(caseNumber: string, itemId: string, over: Partial<HistoryRow> = {}): HistoryRow {
  return {
    complaintDate: '03/03/2025',
    caseNumber,
    iprRegNo: '2485097;',
    supplier: 'mayver2012',
    listingUrl: `http://www.aliexpress.com/item/OEM-CRKT-knife/${itemId}.html`,
    platform: 'Aliexpress.com',
    status: 'in_progress',
    statusText: 'In Progress',
    ...over,
  };
}

const FILED = [
  row('2025030300001', '542508477'),
  row('2025030300002', '542505755'),
  row('2025030300003', '542500001'),
];

function digest(now: string, extra: { scheduledFor?: Date } = {}) {
  return postDigest({
    db,
    notifier,
    channel: CHANNEL,
    now: new Date(now),
    tz: TZ,
    holidays: [],
    logger,
    ...extra,
  });
}

function posted(i: number): string {
  const msg = notifier.posts[i];
  return `${msg?.text}\n${JSON.stringify(msg?.blocks)}`;
}

describe('syncStatuses', () => {
  it('with no open case it does not open the portal at all', async () => {
    const result = await syncStatuses({ db, portal, now: new Date('2025-03-04T10:00:00Z'), logger });
    expect(result).toMatchObject({ read: 0, created: 0, changed: 0, idle: 'no open case' });
    expect(portal.queries).toEqual([]);
  });

  it('reads History back to the oldest open case only, and records each change once', async () => {
    recordHistory(
      db,
      [...FILED, row('2025022400009', '542500009', { complaintDate: '02/24/2025', status: 'removed' })],
      new Date('2025-03-03T10:00:00Z'),
    );
    portal.rows = [
      row('2025030300001', '542508477', { status: 'removed', statusText: 'Listing Removed' }),
      row('2025030300002', '542505755'),
      row('2025030400004', '542500004', { complaintDate: '03/04/2025' }),
      row('2025030400005', '', { listingUrl: 'https://www.aliexpress.com/store/1234' }),
    ];

    const result = await syncStatuses({ db, portal, now: new Date('2025-03-05T10:00:00Z'), logger });

    expect(portal.queries).toEqual([{ since: new Date('2025-03-03T00:00:00.000Z') }]);
    expect(result).toMatchObject({ read: 4, created: 1, changed: 1 });
    expect(result.skipped).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('/store/1234" cannot be read') }),
    ]);
    expect(logger.messages('warn')).toEqual([expect.stringContaining('status sync skipped a row')]);

    const again = await syncStatuses({ db, portal, now: new Date('2025-03-05T12:00:00Z'), logger });
    expect(again).toMatchObject({ created: 0, changed: 0 });
  });
});

describe('postDigest', () => {
  it('scripted history gives the expected digests, each day posted once', async () => {
    // Monday: three listings filed.
    recordHistory(db, FILED, new Date('2025-03-03T10:00:00Z'));

    // Tuesday morning digest: three newly filed, three open.
    const tue = await digest('2025-03-04T08:00:00Z');
    expect(tue).toMatchObject({ posted: true, periodKey: '2025-03-04', messageTs: '1741000000.000001' });
    expect(notifier.posts[0]?.channel).toBe(CHANNEL);
    expect(posted(0)).toContain('0 removed, 3 newly filed, 3 still open, 0 overdue.');

    // Tuesday afternoon the portal removes one listing and rejects another.
    portal.rows = [
      row('2025030300001', '542508477', { status: 'removed', statusText: 'Listing Removed' }),
      row('2025030300002', '542505755', { status: 'rejected', statusText: 'The IPR does not cover knives' }),
      row('2025030300003', '542500001'),
    ];
    await syncStatuses({ db, portal, now: new Date('2025-03-04T14:00:00Z'), logger });

    // Wednesday morning digest: the removal and the rejection (with the portal's reason) since Tuesday's.
    const wed = await digest('2025-03-05T08:00:00Z');
    expect(wed).toMatchObject({ posted: true, periodKey: '2025-03-05' });
    const text = posted(1);
    expect(text).toContain('1 need a human, 1 removed, 0 newly filed, 1 still open, 0 overdue.');
    expect(text).toContain('The IPR does not cover knives');
    expect(text).toContain('https://www.aliexpress.com/item/542508477.html');
    expect(text).toContain('Removal rate: 50%, over 2 cases decided');
    expect(text).toContain('Median time to removal: 1 business day');

    // Another run the same day posts nothing.
    const again = await digest('2025-03-05T10:00:00Z');
    expect(again).toEqual({
      posted: false,
      reason: 'the digest for 2025-03-05 was already posted',
      periodKey: '2025-03-05',
      messageTs: '1741000000.000002',
    });
    expect(notifier.posts).toHaveLength(2);
    expect(lastPostedDigest(db, CHANNEL)?.summary).toMatchObject({ removed: 1, rejected: 1, open: 1 });
  });

  it('the next digest compares its figures with the last one', async () => {
    recordHistory(db, FILED, new Date('2025-03-03T10:00:00Z'));
    portal.rows = [row('2025030300001', '542508477', { status: 'removed', statusText: 'Listing Removed' })];
    await syncStatuses({ db, portal, now: new Date('2025-03-04T07:00:00Z'), logger });
    await digest('2025-03-04T08:00:00Z');
    portal.rows = [row('2025030300002', '542505755', { status: 'rejected', statusText: 'No' })];
    await syncStatuses({ db, portal, now: new Date('2025-03-04T14:00:00Z'), logger });
    await digest('2025-03-05T08:00:00Z');

    expect(posted(0)).toContain('Removal rate: 100%, over 1 case decided');
    expect(posted(1)).toContain('Removal rate: 0% (last digest 100%), over 1 case decided');
  });

  it('a crash between claim and post is finished on the next run, once, over the period it claimed', async () => {
    recordHistory(db, FILED, new Date('2025-03-03T10:00:00Z'));
    // The previous process claimed Tuesday's digest and died before posting.
    const claimed = claimDigest(
      db,
      CHANNEL,
      '2025-03-04',
      new Date('2025-03-03T08:00:00Z'),
      new Date('2025-03-04T08:00:00Z'),
    );

    const retry = await digest('2025-03-04T08:05:00Z');
    const after = await digest('2025-03-04T09:00:00Z');

    expect(retry).toMatchObject({ posted: true, periodKey: '2025-03-04' });
    expect(after).toMatchObject({ posted: false, reason: 'the digest for 2025-03-04 was already posted' });
    expect(notifier.posts).toHaveLength(1);
    expect(posted(0)).toContain('3 newly filed');
    expect(logger.messages('warn')).toContain('digest: finishing a post that was interrupted');
    const rows = db.select().from(digests).all();
    expect(rows).toEqual([
      expect.objectContaining({ id: claimed.id, status: 'posted', periodEnd: '2025-03-04T08:00:00.000Z' }),
    ]);
  });

  it('when Slack fails, the digest stays claimed and the next run posts it once', async () => {
    notifier.failNext = 1;
    await expect(digest('2025-03-04T08:00:00Z')).rejects.toThrow(/ECONNREFUSED/);
    expect(db.select().from(digests).get()?.status).toBe('posting');

    expect(await digest('2025-03-04T08:30:00Z')).toMatchObject({ posted: true });
    expect(await digest('2025-03-04T09:00:00Z')).toMatchObject({ posted: false });
    expect(notifier.posts).toHaveLength(1);
  });

  it('a missed digest is filed under the day it was due, so that day’s own digest still goes out', async () => {
    // Down from Monday night to Wednesday 07:00; Tuesday 09:00's digest was missed.
    const missed = await digest('2025-03-05T06:00:00Z', { scheduledFor: new Date('2025-03-04T08:00:00Z') });
    const wednesday = await digest('2025-03-05T08:00:00Z');
    const lateRetryOfTuesday = await digest('2025-03-05T09:00:00Z', {
      scheduledFor: new Date('2025-03-04T08:00:00Z'),
    });

    expect([missed.periodKey, missed.posted]).toEqual(['2025-03-04', true]);
    expect([wednesday.periodKey, wednesday.posted]).toEqual(['2025-03-05', true]);
    expect(lateRetryOfTuesday).toMatchObject({
      posted: false,
      reason: 'a later digest (2025-03-05) was already posted',
    });
    expect(notifier.posts).toHaveLength(2);
  });

  it('the period key is the local date in the configured zone', async () => {
    // 23:30 UTC on 4 March is already 5 March in Berlin.
    expect(await digest('2025-03-04T23:30:00Z')).toMatchObject({ periodKey: '2025-03-05' });
  });

  it('without a channel it says which setting to fill in', async () => {
    await expect(
      postDigest({ db, notifier, channel: ' ', now: new Date(), tz: TZ, holidays: [] }),
    ).rejects.toThrow(/No channel is set for the daily digest/);
  });

  it('over two weeks of scripted history it names the overdue case, the counter-notice deadline and the top seller', async () => {
    // Mon 3 March: three listings filed, two of them from the same seller.
    recordHistory(
      db,
      [...FILED.slice(0, 2), row('2025030300003', '542500001', { supplier: 'knife-outlet' })],
      new Date('2025-03-03T10:00:00Z'),
    );
    // Tue 11 March: the seller answers one complaint with a counter-notice.
    portal.rows = [
      row('2025030300001', '542508477', {
        status: 'counter_notified',
        statusText: 'Pending Counter-Notification',
      }),
    ];
    await syncStatuses({ db, portal, now: new Date('2025-03-11T15:00:00Z'), logger });

    // Thu 13 March: eight business days after filing, the two still in progress are overdue;
    // the counter-notice of Tuesday must be answered by Friday.
    await digest('2025-03-13T08:00:00Z');
    const text = posted(0);
    expect(text).toContain('2 overdue.');
    expect(text).toContain('Overdue (2): more than 7 business days in progress');
    expect(text).toContain('aliexpress.com/item/542505755.html');
    expect(text).toContain('answer by Fri 14 Mar (1 business day left)');
    expect(text).toContain('mayver2012: 2 listings');
    expect(text).toContain('knife-outlet: 1 listing');
    expect(text.indexOf('Counter-notices to answer')).toBeLessThan(
      text.indexOf('Removed since the last digest'),
    );
  });

  it('the removals chart goes with the digest, as a PNG in its thread', async () => {
    recordHistory(db, FILED, new Date('2025-03-03T10:00:00Z'));
    portal.rows = [row('2025030300001', '542508477', { status: 'removed', statusText: 'Listing Removed' })];
    await syncStatuses({ db, portal, now: new Date('2025-03-04T14:00:00Z'), logger });
    const wed = await digest('2025-03-05T08:00:00Z');

    expect(notifier.uploads).toHaveLength(1);
    const chart = notifier.uploads[0];
    expect(chart).toMatchObject({
      channel: CHANNEL,
      threadTs: wed.messageTs,
      filename: 'removals-2025-03-05.png',
    });
    expect(chart?.content.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('when the chart cannot be uploaded, the digest still counts as posted and is not posted again', async () => {
    recordHistory(db, FILED, new Date('2025-03-03T10:00:00Z'));
    notifier.failUploads = 1;
    expect(await digest('2025-03-04T08:00:00Z')).toMatchObject({ posted: true });
    expect(logger.messages('warn').join('\n')).toContain('the removals chart could not be uploaded');
    expect(await digest('2025-03-04T09:00:00Z')).toMatchObject({ posted: false });
    expect(notifier.posts).toHaveLength(1);
  });

  it('a preview or a digest posted on request does not take the place of the day’s digest', async () => {
    recordHistory(db, FILED, new Date('2025-03-03T10:00:00Z'));
    const opts = { db, channel: CHANNEL, now: new Date('2025-03-04T07:00:00Z'), tz: TZ, holidays: [] };

    const preview = previewDigest(opts);
    expect(preview.text).toBe(
      'Takedown digest for 2025-03-04: 0 removed, 3 newly filed, 3 still open, 0 overdue.',
    );
    expect(preview.chart.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(notifier.posts).toHaveLength(0);

    const now = await postDigestNow({
      ...opts,
      notifier,
      channel: 'C0ASKER',
      digestChannel: CHANNEL,
      threadTs: '9.9',
    });
    expect(notifier.posts[0]).toMatchObject({ channel: 'C0ASKER', threadTs: '9.9', text: preview.text });
    expect(notifier.uploads[0]).toMatchObject({ channel: 'C0ASKER', threadTs: '9.9' });
    expect(now.digest.filed.count).toBe(3);

    // The scheduled digest still goes out, and still reports the three filings.
    expect(await digest('2025-03-04T08:00:00Z')).toMatchObject({ posted: true, periodKey: '2025-03-04' });
    expect(posted(1)).toContain('3 newly filed');
  });
});
