import { describe, expect, it } from 'vitest';
import { digestMessage } from '../../src/bot/blocks/digest.ts';
import {
  type BatchNeedingHuman,
  buildDigest,
  type DigestEvent,
  type DigestInput,
  type OpenCase,
} from '../../src/core/digest.ts';
import type { CaseStatus, Platform } from '../../src/core/types.ts';

// Tuesday 11 March 2025, 09:00 UTC.
const NOW = new Date('2025-03-11T09:00:00Z');
const START = new Date('2025-03-10T09:00:00Z');

let seq = 0;
function event(to: CaseStatus, over: Partial<DigestEvent> = {}): DigestEvent {
  seq++;
  return {
    caseId: seq,
    caseNumber: `C${seq}`,
    listingUrl: `https://www.aliexpress.com/item/10000${seq}.html`,
    platform: 'aliexpress',
    iprRegNo: '2485097',
    from: 'in_progress',
    to,
    detail: null,
    observedAt: '2025-03-10T20:00:00.000Z',
    filedAt: '2025-03-03T12:00:00.000Z',
    ...over,
  };
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
    events: [],
    openCounts: { in_progress: 0, counter_notified: 0 },
    oldestOpenFiledAt: null,
    openCases: [],
    batches: [],
    previous: null,
    holidays: [],
    now: NOW,
    tz: 'UTC',
    ...over,
  };
}

function messageText(blocks: unknown[]): string {
  return JSON.stringify(blocks);
}

describe('buildDigest', () => {
  it('counts removals per IPR and per platform, and links the latest ones', () => {
    const removed: [string, Platform][] = [
      ['2485097', 'aliexpress'],
      ['2485097', 'alibaba'],
      ['TM-77', 'aliexpress'],
    ];
    const d = buildDigest(
      input({ events: removed.map(([iprRegNo, platform]) => event('removed', { iprRegNo, platform })) }),
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
        openCases: [openCase('counter_notified', { statusSince: '2025-03-06T15:00:00.000Z' })],
        holidays: ['2025-03-07'],
      }),
    );
    expect(d.needsHuman.counterNotices).toEqual([
      expect.objectContaining({ deadline: '2025-03-12', businessDaysLeft: 1 }),
    ]);
  });

  it('a rejection carries the portal reason, and a case in progress more than 7 business days is overdue', () => {
    const d = buildDigest(
      input({
        events: [event('rejected', { detail: 'The IPR does not cover this product category.' })],
        openCounts: { in_progress: 2, counter_notified: 0 },
        openCases: [
          // Filed Thu 27 Feb: 8 business days by Tue 11 March → overdue.
          openCase('in_progress', { caseNumber: 'LATE', filedAt: '2025-02-27T12:00:00.000Z' }),
          // Filed Fri 28 Feb: 7 business days → not yet.
          openCase('in_progress', { caseNumber: 'DUE', filedAt: '2025-02-28T12:00:00.000Z' }),
        ],
      }),
    );
    expect(d.needsHuman.rejections).toEqual([
      expect.objectContaining({ reason: 'The IPR does not cover this product category.' }),
    ]);
    expect(d.overdue.map((o) => [o.caseNumber, o.businessDaysOpen])).toEqual([['LATE', 8]]);
    expect(d.figures.overdue).toBe(1);
  });

  it('the removal rate is removed over decided, and the median counts business days from filing to removal', () => {
    const d = buildDigest(
      input({
        events: [
          // Filed Mon 3 March, removed Mon 10 March: 5 business days.
          event('removed', { filedAt: '2025-03-03T12:00:00.000Z', observedAt: '2025-03-10T12:00:00.000Z' }),
          // Filed Fri 7 March, removed Mon 10 March: 1.
          event('removed', { filedAt: '2025-03-07T12:00:00.000Z', observedAt: '2025-03-10T12:00:00.000Z' }),
          event('removed', { filedAt: '2025-03-06T12:00:00.000Z', observedAt: '2025-03-10T12:00:00.000Z' }),
          event('rejected', { detail: 'Insufficient evidence' }),
          event('withdrawn'),
          event('in_progress', { from: null }),
        ],
      }),
    );
    expect(d.figures).toMatchObject({ removed: 3, rejected: 1, decided: 5, filed: 1, removalRate: 0.6 });
    expect(d.figures.medianBusinessDaysToRemoval).toBe(2);
  });

  it('a case that changes twice in the period counts once', () => {
    const d = buildDigest(
      input({
        events: [
          event('in_progress', { caseId: 900, from: null }),
          event('removed', { caseId: 900, observedAt: '2025-03-10T21:00:00.000Z' }),
        ],
      }),
    );
    expect([d.filed.count, d.removed.count]).toEqual([1, 1]);
  });

  it('a day with no change and nothing waiting is quiet', () => {
    const d = buildDigest(input({ openCounts: { in_progress: 4, counter_notified: 0 } }));
    expect(d.quiet).toBe(true);
    expect(d.open.count).toBe(4);
    expect(d.figures.removalRate).toBeNull();
    expect(buildDigest(input({ batches: [loginBatch] })).quiet).toBe(false);
  });
});

describe('digestMessage', () => {
  it('shows what needs a human first, then removed, filed, open, overdue and the figures', () => {
    const d = buildDigest(
      input({
        events: [
          event('removed', { listingUrl: 'https://www.aliexpress.com/item/542508477.html' }),
          event('rejected', { detail: 'Insufficient evidence' }),
          event('in_progress', { from: null }),
        ],
        openCounts: { in_progress: 3, counter_notified: 1 },
        oldestOpenFiledAt: '2025-02-20T12:00:00.000Z',
        openCases: [
          openCase('counter_notified', { statusSince: '2025-03-10T10:00:00.000Z' }),
          openCase('in_progress', { filedAt: '2025-02-20T12:00:00.000Z' }),
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
        events: Array.from({ length: 300 }, () => event('rejected', { detail: 'Reason '.repeat(40) })),
        openCounts: { in_progress: 400, counter_notified: 0 },
        openCases: Array.from({ length: 400 }, () => openCase('in_progress')),
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
    const d = buildDigest(input({ events: [event('rejected', { detail: 'Use <b>evidence</b> & retry' })] }));
    const all = messageText(digestMessage(d).blocks);
    expect(all).toContain('Use &lt;b&gt;evidence&lt;/b&gt; &amp; retry');
  });

  it('a quiet day still says what is open', () => {
    const { text, blocks } = digestMessage(
      buildDigest(input({ openCounts: { in_progress: 2, counter_notified: 0 } })),
    );
    expect(text).toBe('Takedown digest for 2025-03-11: 0 removed, 0 newly filed, 2 still open, 0 overdue.');
    expect(messageText(blocks)).toContain('A quiet day: nothing changed on the portal.');
  });
});
