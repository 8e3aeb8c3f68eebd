/**
 * Hostile requests at the app's Slack endpoint: forged, stale, replayed, oversized, malformed and
 * half-empty. Each is refused (or, for a replay, processed once) and the app keeps answering.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBatch } from '../../src/db/repositories/batches.ts';
import {
  ANALYST,
  APPROVER,
  type BotHarness,
  blockText,
  CHANNEL,
  OUTSIDER,
  startBot,
} from '../helpers/bot.ts';

const LINK = 'https://www.aliexpress.com/item/1005001234567890.html';
const FORM = 'application/x-www-form-urlencoded';

const settle = () => new Promise((r) => setTimeout(r, 300));
const requestsPosted = (bot: BotHarness) =>
  bot.posts().filter((p) => p.text.startsWith('Takedown request #'));

/** The app still works: a fresh, properly signed /takedown gets its confirmation. */
async function stillServes(bot: BotHarness) {
  const before = requestsPosted(bot).length;
  const res = await bot.driver.slashCommand({
    command: '/takedown',
    text: LINK,
    userId: ANALYST,
    channelId: CHANNEL,
  });
  expect(res.status).toBe(200);
  await bot.slack.waitFor(
    (r) =>
      r.kind === 'post' && r.text.startsWith(`Takedown request #`) && requestsPosted(bot).length > before,
  );
}

describe('hostile Slack requests', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('a request signed with another secret is refused with 401 and nothing is posted', async () => {
    const body = new URLSearchParams({
      command: '/takedown',
      text: LINK,
      user_id: ANALYST,
      channel_id: CHANNEL,
      trigger_id: '1.2.forged',
    }).toString();
    const wrong = await bot.driver.sendRaw({
      body,
      headers: { 'content-type': FORM, ...bot.driver.sign(`${body}&x=1`) },
    });
    const unsigned = await bot.driver.sendRaw({ body, headers: { 'content-type': FORM } });
    expect([wrong.status, unsigned.status]).toEqual([401, 401]);
    await settle();
    expect(bot.posts()).toHaveLength(0);
    await stillServes(bot);
  });

  it('a correctly signed request older than 5 minutes is refused with 401', async () => {
    await bot.driver.slashCommand({ command: '/takedown', text: LINK, userId: ANALYST, channelId: CHANNEL });
    await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #1'));
    const sent = bot.driver.lastRequest;
    if (!sent) throw new Error('no request was sent');
    const stale = await bot.driver.sendRaw({
      body: sent.body,
      headers: {
        'content-type': FORM,
        ...bot.driver.sign(sent.body, Math.floor(Date.now() / 1000) - 6 * 60),
      },
    });
    expect(stale.status).toBe(401);
    await settle();
    expect(requestsPosted(bot)).toHaveLength(1);
  });

  it('a /takedown replayed byte for byte within the 5 minutes makes one request, not two', async () => {
    await bot.driver.slashCommand({ command: '/takedown', text: LINK, userId: ANALYST, channelId: CHANNEL });
    const sent = bot.driver.lastRequest;
    if (!sent) throw new Error('no request was sent');
    const replays = await Promise.all([bot.driver.sendRaw(sent), bot.driver.sendRaw(sent)]);
    expect(replays.map((r) => r.status)).toEqual([200, 200]);
    await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #1'));
    await settle();
    expect(requestsPosted(bot)).toHaveLength(1);
    await stillServes(bot);
    expect(requestsPosted(bot)).toHaveLength(2);
  });

  it('a replayed Cancel click is dropped: the message is updated once', async () => {
    await bot.driver.slashCommand({ command: '/takedown', text: LINK, userId: ANALYST, channelId: CHANNEL });
    const msg = await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #1'));
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'cancel_batch',
      userId: ANALYST,
    });
    const cancel = bot.driver.lastRequest;
    if (!cancel) throw new Error('no click was sent');
    await bot.slack.waitFor((r) => r.kind === 'update' && blockText(r.blocks).includes('Cancelled by'));
    const replay = await bot.driver.sendRaw(cancel);
    expect(replay.status).toBe(200);
    await settle();
    const cancelNotes = bot.slack.records.filter(
      (r) => r.kind === 'update' && blockText(r.blocks).includes('Cancelled by'),
    );
    expect(cancelNotes).toHaveLength(1);
  });

  it('a body larger than 4 MB is refused with 413 and the app keeps serving', async () => {
    const text = `${LINK}\n`.repeat(90_000);
    const body = new URLSearchParams({
      command: '/takedown',
      text,
      user_id: ANALYST,
      channel_id: CHANNEL,
    }).toString();
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    const res = await bot.driver.sendRaw({
      body,
      headers: { 'content-type': FORM, ...bot.driver.sign(body) },
    });
    expect(res.status).toBe(413);
    await stillServes(bot);
  });

  it('a signed body that is not what its content type says is refused with 400', async () => {
    const notJson = '{"type":"event_callback","event":';
    const res = await bot.driver.sendRaw({
      body: notJson,
      headers: { 'content-type': 'application/json', ...bot.driver.sign(notJson) },
    });
    expect(res.status).toBe(400);
    const badPayload = new URLSearchParams({ payload: '{not json' }).toString();
    const res2 = await bot.driver.sendRaw({
      body: badPayload,
      headers: { 'content-type': FORM, ...bot.driver.sign(badPayload) },
    });
    expect(res2.status).toBe(400);
    await stillServes(bot);
  });

  it('signed payloads with missing or unexpected fields get 404 or an empty 200, never a 500, and change nothing', async () => {
    await bot.driver.slashCommand({ command: '/takedown', text: LINK, userId: ANALYST, channelId: CHANNEL });
    const msg = await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #1'));
    const send = (payload: unknown) => {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return bot.driver.sendRaw({ body, headers: { 'content-type': FORM, ...bot.driver.sign(body) } });
    };
    const odd = [
      {},
      { type: 'block_actions' },
      { type: 'block_actions', user: { id: OUTSIDER }, actions: [] },
      {
        type: 'block_actions',
        user: { id: APPROVER },
        trigger_id: '9.9.odd',
        channel: { id: CHANNEL },
        actions: [{ action_id: 'approve_batch', type: 'button', value: 'not-a-number', block_id: 'b' }],
      },
      {
        type: 'block_actions',
        user: { id: APPROVER },
        trigger_id: '9.9.odd2',
        channel: { id: CHANNEL },
        message: { ts: msg.ts },
        actions: [{ action_id: 'approve_batch', type: 'button', value: '99999', block_id: 'b' }],
      },
      { type: 'view_submission', user: { id: ANALYST }, view: { callback_id: 'links_modal', state: {} } },
      { type: 'shortcut', callback_id: 'nothing_like_this', user: { id: ANALYST } },
      {
        type: 'message_action',
        callback_id: 'file_takedown_links',
        user: { id: ANALYST },
        channel: {},
        message: {},
      },
      { type: 'unknown_kind', surprise: ['a', 1, null] },
    ];
    // Bolt answers 404 to what no listener takes (after its 3 s wait) and 200 to what a listener acks.
    const statuses = await Promise.all(odd.map(async (p) => (await send(p)).status));
    expect(statuses.filter((s) => s !== 200 && s !== 404)).toEqual([]);
    const cmd = new URLSearchParams({ command: '/takedown', trigger_id: '7.7.nouser' }).toString();
    const noUser = await bot.driver.sendRaw({
      body: cmd,
      headers: { 'content-type': FORM, ...bot.driver.sign(cmd) },
    });
    expect([200, 404]).toContain(noUser.status);
    const ev = JSON.stringify({ type: 'event_callback', event_id: 'Ev0ODD', event: { type: 'file_shared' } });
    const badEvent = await bot.driver.sendRaw({
      body: ev,
      headers: { 'content-type': 'application/json', ...bot.driver.sign(ev) },
    });
    expect(badEvent.status).toBe(200);
    await settle();
    expect(getBatch(bot.db, 1)?.status).toBe('awaiting_approval');
    expect(requestsPosted(bot)).toHaveLength(1);
    await stillServes(bot);
  });
});
