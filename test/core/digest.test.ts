import { describe, expect, it } from 'vitest';
import { digestMessage } from '../../src/bot/blocks/digest.ts';
import {
  type BatchNeedingHuman,
  buildDigest,
  type CaseRef,
  type DigestInput,
  type GroupCount,
  type OpenCase,
  overdueFiledBefore,
  type RejectionEvent,
  weightedMedian,
} from '../../src/core/digest.ts';
import type { Platform } from '../../src/core/types.ts';

// Tuesday 11 March 2025, 09:00 UTC.
const NOW = new Date('2025-03-11T09:00:00Z');
const START = new Date('2025-03-10T09:00:00Z');

let seq = 0;
function caseRef(over: Partial<CaseRef> = {}): CaseRef {
  seq++;
  return {
    caseNumber: `C${seq}`,
    listingUrl: `https://www.aliexpress.com/item/10000${seq}.html`,
    platform: 'aliexpress',
    iprRegNo: '2485097',
    ...over,
  };
}

function group(count: number, iprRegNo = '2485097', platform: Platform = 'aliexpress'): GroupCount {
  return { iprRegNo, platform, count };
}

function rejection(detail: string | null): RejectionEvent {
  return { ...caseRef(), detail, observedAt: '2025-03-10T20:00:00.000Z' };
}

function openCase(status: OpenCase['status'], over: Partial<OpenCase> = {}): OpenCase {
  seq++;
  return {
    caseId: seq,
    caseNumber: `O${seq}`,
    listingUrl: `https://detail.1688.com/offer/20000${seq}.html`,
    platform: '1688',
    iprRegNo: '2485097',
    status,
    statusText: null,
    filedAt: '2025-02-20T12:00:00.000Z',
    statusSince: '2025-02-20T12:00:00.000Z',
    ...over,
  };
}

const loginBatch: BatchNeedingHuman = {
  id: 7,
  status: 'needs_login',
  channelId: 'C0BRAND',
  messageTs: '1.2',
  requestedBy: 'U0ALICE',
  listingCount: 450,
  createdAt: '2025-03-10T08:00:00.000Z',
  updatedAt: '2025-03-10T08:30:00.000Z',
  error: 'The portal asks for a slider check.',
};

function input(over: Partial<DigestInput> = {}): DigestInput {
  return {
    period: { start: START, end: NOW },
    decided: { removed: [], rejected: [], withdrawn: [] },
    filed: [],
    latestRemovals: [],
    removalTimings: [],
    rejections: { total: 0, items: [] },
    counterNotices: { total: 0, items: [] },
    overdue: { total: 0, items: [] },
    openCounts: { in_progress: 0, counter_notified: 0 },
    oldestOpenFiledAt: null,
    batches: [],
    topSellers: [],
    removalsPerDay: [],
    previous: null,
    holidays: [],
    now: NOW,
    tz: 'UTC',
    ...over,
  };
}

function listed<T>(items: T[], total = items.length) {
  return { total, items };
}

function messageText(blocks: unknown[]): string {
  return JSON.stringify(blocks);
}

describe('buildDigest', () => {
  it('counts removals per IPR and per platform, and links the latest ones', () => {
    const d = buildDigest(
      input({
        decided: {
          removed: [
            group(1, '2485097', 'aliexpress'),
            group(1, '2485097', 'alibaba'),
            group(1, 'TM-77', 'aliexpress'),
          ],
          rejected: [],
          withdrawn: [],
        },
        latestRemovals: [caseRef(), caseRef(), caseRef()],
      }),
    );

    expect(d.removed.count).toBe(3);
    expect(d.removed.byIpr).toEqual([
      { key: '2485097', count: 2 },
      { key: 'TM-77', count: 1 },
    ]);
    expect(d.removed.byPlatform).toEqual([
      { key: 'aliexpress', count: 2 },
      { key: 'alibaba', count: 1 },
    ]);
    expect(d.removed.examples).toHaveLength(3);
  });

  it('a counter-notice gets a deadline three business days on, skipping the weekend and holidays', () => {
    // Counter-notified Thursday 6 March; Fri 7 is a holiday → Mon 10, Tue 11, Wed 12.
    const d = buildDigest(
      input({
        openCounts: { in_progress: 0, counter_notified: 1 },
        counterNotices: listed([openCase('counter_notified', { statusSince: '2025-03-06T15:00:00.000Z' })]),
        holidays: ['2025-03-07'],
      }),
    );
    expect(d.needsHuman.counterNotices.items).toEqual([
      expect.objectContaining({ deadline: '2025-03-12', businessDaysLeft: 1 }),
    ]);
  });

  it('a rejection carries the portal reason, or says the portal gave none', () => {
    const d = buildDigest(
      input({
        rejections: listed([rejection('The IPR does not cover this product category.'), rejection('  ')]),
      }),
    );
    expect(d.needsHuman.rejections.items.map((r) => r.reason)).toEqual([
      'The IPR does not cover this product category.',
      'The portal gave no reason.',
    ]);
  });

  it('a case in progress more than 7 business days is overdue, counting from the day after filing', () => {
    // At Tue 11 March: filed Thu 27 Feb is 8 business days ago (overdue), Fri 28 Feb 7 (not yet).
    const before = overdueFiledBefore(NOW, [], 'UTC');
    expect(before.toISOString()).toBe('2025-02-28T00:00:00.000Z');
    // A holiday on Wed 5 March moves the line a business day back.
    expect(overdueFiledBefore(NOW, ['2025-03-05'], 'UTC').toISOString()).toBe('2025-02-27T00:00:00.000Z');
    // In Berlin the day starts an hour earlier.
    expect(overdueFiledBefore(NOW, [], 'Europe/Berlin').toISOString()).toBe('2025-02-27T23:00:00.000Z');

    const d = buildDigest(
      input({
        openCounts: { in_progress: 1, counter_notified: 0 },
        overdue: listed([
          openCase('in_progress', { caseNumber: 'LATE', filedAt: '2025-02-27T12:00:00.000Z' }),
        ]),
      }),
    );
    expect(d.overdue.items.map((o) => [o.caseNumber, o.businessDaysOpen])).toEqual([['LATE', 8]]);
    expect(d.figures.overdue).toBe(1);
  });

  it('the removal rate is removed over decided, and the median counts business days from filing to removal', () => {
    const d = buildDigest(
      input({
        decided: { removed: [group(3)], rejected: [group(1)], withdrawn: [group(1)] },
        filed: [group(1)],
        removalTimings: [
          // Filed Mon 3 March, removed Mon 10 March: 5 business days.
          { filedAt: '2025-03-03T12:00:00.000Z', removedAt: '2025-03-10T12:00:00.000Z', count: 1 },
          // Filed Fri 7 March, removed Mon 10 March: 1.
          { filedAt: '2025-03-07T12:00:00.000Z', removedAt: '2025-03-10T12:00:00.000Z', count: 1 },
          // Filed Thu 6 March: 2.
          { filedAt: '2025-03-06T12:00:00.000Z', removedAt: '2025-03-10T12:00:00.000Z', count: 1 },
        ],
      }),
    );
    expect(d.figures).toMatchObject({ removed: 3, rejected: 1, decided: 5, filed: 1, removalRate: 0.6 });
    expect(d.figures.medianBusinessDaysToRemoval).toBe(2);
  });

  it('the median weighs each group by how many removals it holds', () => {
    expect(weightedMedian([])).toBeNull();
    expect(
      weightedMedian([
        { value: 9, count: 1 },
        { value: 1, count: 3 },
      ]),
    ).toBe(1);
    expect(
      weightedMedian([
        { value: 2, count: 2 },
        { value: 4, count: 2 },
      ]),
    ).toBe(3);
    expect(weightedMedian([{ value: 5, count: 1 }])).toBe(5);
  });

  it('a day with no change and nothing waiting is quiet', () => {
    const d = buildDigest(input({ openCounts: { in_progress: 4, counter_notified: 0 } }));
    expect(d.quiet).toBe(true);
    expect(d.open.count).toBe(4);
    expect(d.figures.removalRate).toBeNull();
    expect(buildDigest(input({ batches: [loginBatch] })).quiet).toBe(false);
    expect(buildDigest(input({ filed: [group(2)] })).quiet).toBe(false);
  });
});

describe('digestMessage', () => {
  it('shows what needs a human first, then removed, filed, open, overdue and the figures', () => {
    const d = buildDigest(
      input({
        decided: { removed: [group(1)], rejected: [group(1)], withdrawn: [] },
        latestRemovals: [caseRef({ listingUrl: 'https://www.aliexpress.com/item/542508477.html' })],
        rejections: listed([rejection('Insufficient evidence')]),
        filed: [group(1)],
        openCounts: { in_progress: 3, counter_notified: 1 },
        oldestOpenFiledAt: '2025-02-20T12:00:00.000Z',
        counterNotices: listed([openCase('counter_notified', { statusSince: '2025-03-10T10:00:00.000Z' })]),
        overdue: listed([openCase('in_progress', { filedAt: '2025-02-20T12:00:00.000Z' })]),
        topSellers: [
          { key: 'mayver2012', count: 41 },
          { key: 'knife-outlet', count: 12 },
        ],
        batches: [loginBatch],
        previous: {
          removed: 1,
          filed: 2,
          rejected: 1,
          decided: 2,
          open: 5,
          overdue: 0,
          removalRate: 0.5,
          medianBusinessDaysToRemoval: 4,
        },
      }),
    );
    const { text, blocks } = digestMessage(d);
    const all = messageText(blocks);
    const order = [
      'Needs a human: 3',
      'Counter-notices to answer (1)',
      'Rejected by the portal (1)',
      'Insufficient evidence',
      'Batches waiting (1)',
      'Removed since the last digest: 1',
      'By IPR: 2485097: 1',
      'By platform: AliExpress: 1',
      'aliexpress.com/item/542508477.html',
      'Newly filed: 1',
      'Still open: 4',
      'Overdue (1)',
      'Sellers with the most infringing listings',
      'mayver2012: 41 listings',
      'Removed: 1 (last digest 1) · newly filed: 1 (last digest 2)',
      'Removal rate: 50% (last digest 50%), over 2 cases decided',
    ].map((s) => all.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(all).toContain('answer by Thu 13 Mar (2 business days left)');
    expect(all).toContain('the portal wants a person to sign in');
    expect(text).toBe(
      'Takedown digest for 2025-03-11: 3 need a human, 1 removed, 1 newly filed, 4 still open, 1 overdue.',
    );
  });

  it('with 400 overdue cases and 300 rejections it lists a few, says how many more, and stays within Slack limits', () => {
    const d = buildDigest(
      input({
        decided: { removed: [], rejected: [group(300)], withdrawn: [] },
        rejections: listed(
          Array.from({ length: 25 }, () => rejection('Reason '.repeat(40))),
          300,
        ),
        openCounts: { in_progress: 400, counter_notified: 0 },
        overdue: listed(
          Array.from({ length: 25 }, () => openCase('in_progress')),
          400,
        ),
      }),
    );
    const { blocks } = digestMessage(d);
    const all = messageText(blocks);

    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) {
      if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
    expect(all).toContain('…and 390 more');
    expect(all).toMatch(/…and 2\d\d more/);
  });

  it('text from the portal cannot break the message markup', () => {
    const d = buildDigest(
      input({
        decided: { removed: [], rejected: [group(1)], withdrawn: [] },
        rejections: listed([rejection('Use <b>evidence</b> & retry')]),
        topSellers: [{ key: '<!channel> shop', count: 3 }],
      }),
    );
    const all = messageText(digestMessage(d).blocks);
    expect(all).toContain('Use &lt;b&gt;evidence&lt;/b&gt; &amp; retry');
    expect(all).toContain('&lt;!channel&gt; shop: 3 listings');
  });

  it('a quiet day still says what is open', () => {
    const { text, blocks } = digestMessage(
      buildDigest(input({ openCounts: { in_progress: 2, counter_notified: 0 } })),
    );
    expect(text).toBe('Takedown digest for 2025-03-11: 0 removed, 0 newly filed, 2 still open, 0 overdue.');
    expect(messageText(blocks)).toContain('A quiet day: nothing changed on the portal.');
  });
});
