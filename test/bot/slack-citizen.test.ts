import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { approveBatch, createBatch, getBatch } from '../../src/db/repositories/batches.ts';
import { recordHistory } from '../../src/db/repositories/cases.ts';
import {
  ANALYST,
  APPROVER,
  type BotHarness,
  blockText,
  CHANNEL,
  DM_ANALYST,
  OUTSIDER,
  startBot,
} from '../helpers/bot.ts';

const FIXTURE_CSV = new URL('../../../shared/fixtures/listings-export.csv', import.meta.url);

const confirmation = (bot: BotHarness) =>
  bot.slack.waitFor(
    (r) => r.kind === 'post' && r.channel === CHANNEL && r.text.startsWith('Takedown request #'),
  );

let bot: BotHarness;
afterEach(async () => {
  await bot?.stop();
});

describe('being a good Slack citizen', () => {
  it('when 300 links are pasted, the command is acked with 200 and the confirmation counts 300 ready in 2 portal submissions', async () => {
    bot = await startBot();
    const links = Array.from(
      { length: 300 },
      (_, i) => `https://www.aliexpress.com/item/${1005000000000000 + i}.html`,
    );
    const res = await bot.driver.slashCommand({
      command: '/takedown',
      text: links.join('\n'),
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect(res.status).toBe(200);
    const text = blockText((await confirmation(bot)).blocks);
    expect(text).toContain('300 listings ready');
    expect(text).toContain('2 portal submissions');
  });

  it('the crawler export of ~450 messy rows stays within Slack’s limits and the full list of refusals is attached as CSV', async () => {
    bot = await startBot();
    await bot.driver.shareFile({
      channelId: CHANNEL,
      userId: ANALYST,
      filename: 'listings-export.csv',
      content: readFileSync(FIXTURE_CSV),
    });
    const msg = await confirmation(bot);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    for (const b of msg.blocks) expect(JSON.stringify(b.text ?? '').length).toBeLessThan(3100);
    expect(blockText(msg.blocks)).toMatch(/and \d+ more entr/);
    const upload = await bot.slack.waitFor((r) => r.kind === 'file_upload' && r.threadTs === msg.ts);
    expect(upload.files[0]?.name).toBe('takedown-1-not-filed.csv');
  });

  it('a retried event delivery (X-Slack-Retry-Num) is processed once', async () => {
    bot = await startBot();
    await bot.driver.event({
      type: 'app_home_opened',
      user: ANALYST,
      channel: DM_ANALYST,
      tab: 'home',
      event_ts: '1700000000.000100',
    });
    await bot.slack.waitFor((r) => r.kind === 'view_publish');
    const retry = await bot.driver.redeliver(1, 'http_timeout');
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.slack.calls('views.publish')).toHaveLength(1);
  });

  it('when Slack rate-limits chat.postMessage, the bot waits for Retry-After and every confirmation is still posted', async () => {
    bot = await startBot();
    bot.slack.setRateLimit('chat.postMessage', { max: 1, windowSec: 1 });
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005000000000001.html',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005000000000002.html',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #2'));
    await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #1'));
    const calls = bot.slack.calls('chat.postMessage');
    expect(calls.some((c) => c.status === 429)).toBe(true);
    expect(calls.filter((c) => c.ok)).toHaveLength(2);
  });

  it('a forged Approve click and a stale event are refused with 401 and change nothing', async () => {
    bot = await startBot();
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005000000000001.html',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const msg = await confirmation(bot);
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'cancel_batch',
      userId: OUTSIDER,
    });
    const click = bot.driver.lastRequest;
    if (!click) throw new Error('no click sent');
    const forged = click.body.replace('cancel_batch', 'approve_batch').replace(OUTSIDER, APPROVER);
    const res = await bot.driver.sendRaw({
      body: forged,
      headers: { ...click.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(401);
    const event = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev0STALE',
      event: { type: 'app_home_opened', user: ANALYST, tab: 'home' },
    });
    const stale = await bot.driver.sendRaw({
      body: event,
      headers: {
        ...bot.driver.sign(event, Math.floor(Date.now() / 1000) - 600),
        'content-type': 'application/json',
      },
    });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(getBatch(bot.db, 1)?.status).toBe('awaiting_approval');
    expect(bot.slack.calls('views.publish')).toHaveLength(0);
  });

  it('App Home shows cases by status, the removal rate, overdue cases and what needs a human', async () => {
    bot = await startBot();
    const day = (daysAgo: number) => {
      const d = new Date(Date.now() - daysAgo * 86_400_000);
      return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
    };
    const row = (
      n: number,
      status: 'removed' | 'rejected' | 'in_progress' | 'counter_notified',
      daysAgo: number,
      statusText: string,
    ) => ({
      complaintDate: day(daysAgo),
      caseNumber: `20261100000000000${n}`,
      iprRegNo: '2485097;',
      supplier: 's',
      listingUrl: `https://www.aliexpress.com/item/100500000000000${n}.html`,
      platform: 'Aliexpress.com',
      status,
      statusText,
    });
    recordHistory(
      bot.db,
      [
        row(1, 'removed', 5, 'Listing Removed'),
        row(2, 'rejected', 3, 'Rejected: the IPR does not cover this product'),
        row(3, 'in_progress', 30, 'In Progress'),
        row(4, 'counter_notified', 4, 'Pending Counter-Notification'),
      ],
      new Date(),
    );
    createBatch(bot.db, {
      requestedBy: ANALYST,
      channelId: CHANNEL,
      source: 'pasted links',
      reason: 'Counterfeit Listing',
      chunkLimit: 200,
      intakeReport: {
        total: 1,
        ok: 1,
        duplicate: 0,
        alreadyFiled: 0,
        invalid: 0,
        unresolved: 0,
        refused: [],
      },
      listings: [
        {
          platform: 'aliexpress',
          itemId: '1005009999999999',
          url: 'https://www.aliexpress.com/item/1005009999999999.html',
        },
      ],
    });
    await bot.driver.event({
      type: 'app_home_opened',
      user: APPROVER,
      channel: 'D0APPROVE1',
      tab: 'home',
      event_ts: '1700000000.000200',
    });
    const home = await bot.slack.waitFor((r) => r.kind === 'view_publish' && r.user === APPROVER);
    const text = blockText(home.blocks);
    expect(text).toContain('Listing Removed 1');
    expect(text).toContain('50% removed of 2 decided cases');
    expect(text).toContain('request *#1* is waiting for approval');
    expect(text).toContain('does not cover this product');
    expect(text).toContain('Pending Counter-Notification');
    expect(text).toMatch(/1 case\* In Progress for more than 7 business days/);
    expect(text).toContain('case 202611000000000003');
  });
});

describe('who may approve', () => {
  it('with four eyes, the person who asked cannot approve their own request, and another approver can', async () => {
    bot = await startBot({ FOUR_EYES: 'true' });
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005000000000001.html',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const msg = await confirmation(bot);
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'approve_batch',
      userId: ANALYST,
    });
    const note = await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === ANALYST);
    expect(note.text).toContain('four eyes');
    expect(getBatch(bot.db, 1)?.status).toBe('awaiting_approval');
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'approve_batch',
      userId: APPROVER,
    });
    await bot.slack.waitFor(
      (r) => r.kind === 'update' && blockText(r.blocks).includes(`Approved by <@${APPROVER}>`),
    );
    expect(getBatch(bot.db, 1)?.approvedBy).toBe(APPROVER);
  });

  it('with an approver user group, its members approve and anyone else gets a private refusal', async () => {
    bot = await startBot(
      { APPROVERS: '', APPROVER_GROUP: 'S0APPROVERS' },
      { usergroups: [{ id: 'S0APPROVERS', handle: 'brand-approvers', users: [APPROVER] }] },
    );
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005000000000001.html',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const msg = await confirmation(bot);
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'approve_batch',
      userId: OUTSIDER,
    });
    expect((await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === OUTSIDER)).text).toContain(
      'not one of the approvers',
    );
    expect(getBatch(bot.db, 1)?.status).toBe('awaiting_approval');
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'approve_batch',
      userId: APPROVER,
    });
    await bot.slack.waitFor((r) => r.kind === 'update' && blockText(r.blocks).includes('Approved by'));
    expect(getBatch(bot.db, 1)?.status).toBe('approved');
    await vi.waitFor(() => expect(bot.kicks).toBe(1));
  });

  it('two approvers pressing Approve at the same moment file the batch once', async () => {
    bot = await startBot();
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005000000000001.html',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const msg = await confirmation(bot);
    await Promise.all(
      [APPROVER, ANALYST].map((userId) =>
        bot.driver.clickButton({
          channel: CHANNEL,
          messageTs: msg.ts as string,
          actionId: 'approve_batch',
          userId,
        }),
      ),
    );
    await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.text.includes('already approved'));
    await vi.waitFor(() => expect(bot.kicks).toBe(1));
    expect(
      bot.slack.thread(CHANNEL, msg.ts as string).filter((r) => r.text.includes('Filing starts now')),
    ).toHaveLength(1);
    expect(approveBatch(bot.db, 1, { by: OUTSIDER, iprRegNo: '2485097', reason: 'x', at: new Date() })).toBe(
      false,
    );
  });
});
