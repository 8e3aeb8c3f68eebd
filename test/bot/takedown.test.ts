import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getBatch, setBatchStatus } from '../../src/db/repositories/batches.ts';
import {
  ANALYST,
  APPROVER,
  type BotHarness,
  blockText,
  CHANNEL,
  OUTSIDER,
  startBot,
} from '../helpers/bot.ts';

const GUIDE_LINKS = [
  'http://www.aliexpress.com/item/OEM-CRKT-7085-Columbia-River-Knife-CRAWFORD-NATURAL-white-handle-folding-knife-Free-shipping/542508477.html',
  'http://www.aliexpress.com/item/CRKT-IGNITOR-T-Assisted-Opening-G10-Handles-6865-Knife-OEM-/542505755.html',
];

async function confirmation(bot: BotHarness, n = 1) {
  return bot.slack.waitFor(
    (r) => r.kind === 'post' && r.channel === CHANNEL && r.text.startsWith(`Takedown request #${n}:`),
    10_000,
  );
}

/** The analyst sends /takedown with the guide's two links; returns the confirmation as posted. */
async function request(bot: BotHarness) {
  await bot.driver.slashCommand({
    command: '/takedown',
    text: GUIDE_LINKS.join(' '),
    userId: ANALYST,
    channelId: CHANNEL,
  });
  return confirmation(bot);
}

/** Someone presses a button of the request's message. */
function press(bot: BotHarness, msg: { ts: string | null }, actionId: string, userId: string) {
  return bot.driver.clickButton({ channel: CHANNEL, messageTs: msg.ts as string, actionId, userId });
}

describe('/takedown in Slack', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('when two listing links are pasted, the channel gets a confirmation with 2 ready, the IPR and Approve and Cancel', async () => {
    const res = await bot.driver.slashCommand({
      command: '/takedown',
      text: `<${GUIDE_LINKS[0]}>\n${GUIDE_LINKS[1]}`,
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect(res.status).toBe(200);
    const msg = await confirmation(bot);
    const text = blockText(msg.blocks);
    expect(text).toContain('2 listings ready');
    expect(text).toContain('1 portal submission');
    expect(text).toContain('2485097');
    expect(text).toContain('Approve');
    expect(text).toContain('Cancel');
    expect(JSON.stringify(msg.blocks)).toContain('Counterfeit Listing');
  });

  it('rejected entries are listed with their reasons, and the duplicate is counted once', async () => {
    const text = [
      GUIDE_LINKS[0],
      GUIDE_LINKS[0],
      'https://www.aliexpress.com/store/1234567',
      'https://www.amazon.com/dp/B000123',
    ].join('\n');
    await bot.driver.slashCommand({ command: '/takedown', text, userId: ANALYST, channelId: CHANNEL });
    const body = blockText((await confirmation(bot)).blocks);
    expect(body).toContain('1 listing ready');
    expect(body).toContain('1 duplicate');
    expect(body).toContain('2 rejected');
    expect(body).toMatch(/not a product listing/);
    expect(body).toMatch(/unsupported site|not .*supported/i);
  });

  it('/takedown help answers privately with a short guide', async () => {
    const res = await bot.driver.slashCommand({
      command: '/takedown',
      text: 'help',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect(res.status).toBe(200);
    const note = await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === ANALYST);
    expect(note.text).toContain('/takedown <links>');
    expect(bot.posts()).toHaveLength(0);
  });

  it('text without any link gets a private note saying what to send', async () => {
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'please remove the fake knives',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const note = await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === ANALYST);
    expect(note.text).toContain('I found no links');
    expect(bot.posts()).toHaveLength(0);
  });

  it('a request with a forged signature is refused with 401 and nothing is posted', async () => {
    const body = new URLSearchParams({
      command: '/takedown',
      text: GUIDE_LINKS[0] as string,
      user_id: ANALYST,
      channel_id: CHANNEL,
    }).toString();
    const headers = {
      ...bot.driver.sign(body),
      'x-slack-signature': `v0=${'0'.repeat(64)}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
    const res = await bot.driver.sendRaw({ body, headers });
    expect(res.status).toBe(401);
    const stale = await bot.driver.sendRaw({
      body,
      headers: {
        ...bot.driver.sign(body, Math.floor(Date.now() / 1000) - 600),
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(bot.posts()).toHaveLength(0);
  });

  it('when the approver presses Approve, the message shows who approved, the thread says so and filing starts', async () => {
    const msg = await request(bot);
    const res = await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: msg.ts as string,
      actionId: 'approve_batch',
      userId: APPROVER,
    });
    expect(res.status).toBe(200);
    await bot.slack.waitFor((r) => r.kind === 'update' && blockText(r.blocks).includes('Approved by'));
    const updated = bot.slack.message(CHANNEL, msg.ts as string);
    expect(blockText(updated?.blocks)).toContain(`Approved by <@${APPROVER}>`);
    expect(blockText(updated?.blocks)).not.toContain('Approve\n');
    const reply = await bot.slack.waitFor((r) => r.kind === 'post' && r.threadTs === msg.ts);
    expect(reply.text).toContain('Filing starts now');
    expect(getBatch(bot.db, 1)?.status).toBe('approved');
    await vi.waitFor(() => expect(bot.kicks).toBe(1));
  });

  it('pressing Approve twice approves once, and the second press gets a private note', async () => {
    const msg = await request(bot);
    const click = () =>
      bot.driver.clickButton({
        channel: CHANNEL,
        messageTs: msg.ts as string,
        actionId: 'approve_batch',
        userId: APPROVER,
      });
    await Promise.all([click(), click()]);
    const note = await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === APPROVER);
    expect(note.text).toContain('already approved');
    await vi.waitFor(() => expect(bot.kicks).toBe(1));
    expect(
      bot.slack.thread(CHANNEL, msg.ts as string).filter((r) => r.text.includes('Filing starts now')),
    ).toHaveLength(1);
  });

  it('someone who is not an approver gets a private refusal and nothing changes', async () => {
    const msg = await request(bot);
    await press(bot, msg, 'approve_batch', OUTSIDER);
    const note = await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === OUTSIDER);
    expect(note.text).toContain('not one of the approvers');
    expect(getBatch(bot.db, 1)?.status).toBe('awaiting_approval');
    expect(bot.kicks).toBe(0);
  });

  it('when filing stopped on a portal error, an approver presses Retry and filing resumes; the requester alone cannot', async () => {
    const msg = await request(bot);
    await press(bot, msg, 'approve_batch', APPROVER);
    await vi.waitFor(() => expect(bot.kicks).toBe(1));
    setBatchStatus(bot.db, 1, 'failed', 'The portal showed a maintenance page.');
    await bot.deps.events.refresh(1);
    expect(blockText(bot.slack.message(CHANNEL, msg.ts as string)?.blocks)).toContain('Retry');
    await press(bot, msg, 'retry_batch', OUTSIDER);
    const note = await bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === OUTSIDER);
    expect(note.text).toContain('Only an approver can retry');
    expect(getBatch(bot.db, 1)?.status).toBe('failed');
    await press(bot, msg, 'retry_batch', APPROVER);
    await vi.waitFor(() => expect(bot.kicks).toBe(2));
    expect(getBatch(bot.db, 1)?.status).toBe('approved');
    expect(blockText(bot.slack.message(CHANNEL, msg.ts as string)?.blocks)).not.toContain('Filing stopped');
  });

  it('Cancel before filing starts: the message says who cancelled, and a later Approve is refused', async () => {
    const msg = await request(bot);
    await press(bot, msg, 'cancel_batch', ANALYST);
    await bot.slack.waitFor((r) => r.kind === 'update' && blockText(r.blocks).includes('Cancelled by'));
    expect(getBatch(bot.db, 1)?.status).toBe('cancelled');
  });

  it('a CSV shared in the channel gets the same confirmation, and the same file delivered twice makes one request', async () => {
    const csv = `"Listing URL","Title","Seller"\n"${GUIDE_LINKS[0]}","Knife","mayver2012"\n"${GUIDE_LINKS[1]}","Knife 2","mayver2012"\n"not a url","",""\n`;
    const shared = await bot.driver.shareFile({
      channelId: CHANNEL,
      userId: ANALYST,
      filename: 'export.csv',
      content: Buffer.from(csv),
    });
    const msg = await confirmation(bot);
    const text = blockText(msg.blocks);
    expect(text).toContain('2 listings ready');
    expect(text).toContain('1 rejected');
    expect(text).toContain('export.csv');
    await bot.driver.event({
      type: 'file_shared',
      file_id: shared.file.id,
      user_id: ANALYST,
      channel_id: CHANNEL,
      event_ts: '1.000001',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.posts().filter((p) => p.text.startsWith('Takedown request'))).toHaveLength(1);
  });
});

describe('/takedown with no verified IPR', () => {
  it('the confirmation says how to add an IPR and offers no Approve', async () => {
    const bot = await startBot({}, { iprs: false });
    try {
      await bot.driver.slashCommand({
        command: '/takedown',
        text: GUIDE_LINKS[0] as string,
        userId: ANALYST,
        channelId: CHANNEL,
      });
      const text = blockText((await confirmation(bot)).blocks);
      expect(text).toContain('No verified IPR on file');
      expect(text).toContain('/takedown ipr add');
      expect(text).not.toMatch(/\bApprove\b/);
    } finally {
      await bot.stop();
    }
  });
});

describe('a request made before any IPR was verified', () => {
  it('offers Approve once the portal verifies an IPR and someone looks at /takedown ipr', async () => {
    const bot = await startBot({}, { iprs: false });
    try {
      await bot.driver.slashCommand({
        command: '/takedown',
        text: GUIDE_LINKS[0] as string,
        userId: ANALYST,
        channelId: CHANNEL,
      });
      const msg = await confirmation(bot);
      expect(blockText(msg.blocks)).not.toMatch(/\bApprove\b/);
      await bot.driver.slashCommand({
        command: '/takedown',
        text: 'ipr',
        userId: ANALYST,
        channelId: CHANNEL,
      });
      await bot.slack.waitFor((r) => r.kind === 'update' && r.ts === msg.ts);
      const now = bot.slack.message(CHANNEL, msg.ts as string);
      expect(blockText(now?.blocks)).toMatch(/\bApprove\b/);
      expect(blockText(now?.blocks)).toContain('TM-2485097');
    } finally {
      await bot.stop();
    }
  });
});
