/**
 * Load: 50 people type `/takedown` with 300 links each at the same moment, against one Bolt app (HTTP mode,
 * real SQLite file, the Slack stand-in), then 50 approvers press Approve at the same moment. Slack gives an
 * app 3 s to answer a request and then shows the person an error, so each request is sent as Slack sends it
 * and abandoned after 3 s, as Slack does: what counts is that every one was answered before Slack gave up.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IntakeReport } from '../../src/core/types.ts';
import { getBatch } from '../../src/db/repositories/batches.ts';
import type { SlackRecord } from '../../src/sandbox/slack/model.ts';
import { ANALYST, APPROVER, type BotHarness, CHANNEL, startBot } from '../helpers/bot.ts';

const COMMANDS = 50;
const LINKS = 300;
/** Of each command's 300 entries: 3 repeat a link of the same command, 2 are store pages (refused). */
const REPEATS = 3;
const STORES = 2;
const UNIQUE = LINKS - REPEATS - STORES;
/** Slack's budget for an answer to a slash command or an interaction. */
const SLACK_TIMEOUT_MS = 3000;

function commandText(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < UNIQUE; i++) {
    const id = 1005007000000000 + n * 1000 + i;
    lines.push(
      i % 3 === 0
        ? `<https://www.aliexpress.com/item/${id}.html?spm=a2g0o.${i}|item ${i}>`
        : `https://m.aliexpress.com/item/${id}.html#nav`,
    );
  }
  for (let i = 0; i < REPEATS; i++)
    lines.push(`https://www.aliexpress.com/item/${1005007000000000 + n * 1000 + i}.html`);
  for (let i = 0; i < STORES; i++) lines.push(`https://www.aliexpress.com/store/${900000 + n * 10 + i}`);
  return lines.join('\n');
}

/** Sends as Slack does: a fresh trigger, signed, given up on after 3 s (an abort fails the request). */
function withinSlackBudget<T>(send: () => Promise<T>): Promise<T> {
  return Promise.race([
    send(),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within Slack's ${SLACK_TIMEOUT_MS} ms`)),
        SLACK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

describe('50 concurrent /takedown commands of 300 links each, then 50 approvals', () => {
  let bot: BotHarness;
  const confirmations: SlackRecord[] = [];
  const commandStatuses: (number | string)[] = [];

  beforeAll(async () => {
    bot = await startBot();
    const answers = await Promise.allSettled(
      Array.from({ length: COMMANDS }, (_, n) =>
        withinSlackBudget(() =>
          bot.driver.slashCommand({
            command: '/takedown',
            text: commandText(n),
            userId: ANALYST,
            channelId: CHANNEL,
          }),
        ),
      ),
    );
    for (const a of answers)
      commandStatuses.push(a.status === 'fulfilled' ? a.value.status : String(a.reason));
    await vi.waitFor(
      () => {
        const posted = bot.slack.records.filter(
          (r) => r.kind === 'post' && r.channel === CHANNEL && r.text.startsWith('Takedown request #'),
        );
        expect(posted).toHaveLength(COMMANDS);
        confirmations.splice(0, confirmations.length, ...posted);
      },
      { timeout: 120_000, interval: 200 },
    );
  }, 180_000);

  afterAll(async () => {
    await bot?.stop();
  });

  it('every /takedown is answered 200 before Slack gives up (3 s)', () => {
    expect(commandStatuses).toHaveLength(COMMANDS);
    expect(commandStatuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('every one of the 15,000 entries is accounted for: filed as a batch item, or counted as a duplicate or a refusal', () => {
    const batches = bot.db.all<{ id: number; n: number; report: string; status: string }>(sql`
      select b.id, b.status, b.intake_report as report, count(i.id) as n
      from batches b left join batch_items i on i.batch_id = b.id
      group by b.id order by b.id`);
    expect(batches).toHaveLength(COMMANDS);
    for (const b of batches) {
      const report = JSON.parse(b.report) as IntakeReport;
      expect(report.total).toBe(LINKS);
      expect(b.n).toBe(UNIQUE);
      expect(report.ok).toBe(UNIQUE);
      expect(report.duplicate).toBe(REPEATS);
      expect(report.refused.filter((r) => r.status !== 'duplicate')).toHaveLength(STORES);
      expect(report.ok + report.duplicate + report.invalid + report.unresolved + report.alreadyFiled).toBe(
        LINKS,
      );
    }
    const listings = bot.db.get<{ n: number }>(sql`select count(*) as n from listings`);
    expect(listings?.n).toBe(COMMANDS * UNIQUE);
    const items = bot.db.get<{ n: number; distinct: number }>(
      sql`select count(*) as n, count(distinct listing_id) as "distinct" from batch_items`,
    );
    expect(items).toEqual({ n: COMMANDS * UNIQUE, distinct: COMMANDS * UNIQUE });
  });

  it('50 approvers pressing Approve at once are each answered in time, and every batch is approved once', async () => {
    const clicks = await Promise.allSettled(
      confirmations.map((c) =>
        withinSlackBudget(() =>
          bot.driver.clickButton({
            channel: CHANNEL,
            messageTs: c.ts as string,
            actionId: 'approve_batch',
            userId: APPROVER,
          }),
        ),
      ),
    );
    expect(clicks.map((c) => (c.status === 'fulfilled' ? c.value.status : String(c.reason)))).toEqual(
      Array(COMMANDS).fill(200),
    );
    await vi.waitFor(() => expect(bot.kicks).toBe(COMMANDS), { timeout: 60_000, interval: 200 });
    for (let id = 1; id <= COMMANDS; id++) {
      expect(getBatch(bot.db, id)).toMatchObject({ status: 'approved', approvedBy: APPROVER });
    }
    await vi.waitFor(
      () =>
        expect(
          bot.slack.records.filter((r) => r.kind === 'post' && r.text.includes('Filing starts now')),
        ).toHaveLength(COMMANDS),
      { timeout: 60_000, interval: 200 },
    );
  });
});
