import { type types, webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../../src/sandbox/slack/server.ts';

const TOKEN = 'xoxb-sandbox-token';
const CHANNEL = 'C0BRANDPROT';

let standIn: SlackStandIn;
let client: webApi.WebClient;

beforeEach(async () => {
  standIn = await startSlackStandIn({
    botToken: TOKEN,
    users: [
      { id: 'U0ALICE0001', name: 'alice', realName: 'Alice Example' },
      { id: 'U0BOB000001', name: 'bob' },
    ],
    channels: [
      { id: CHANNEL, name: 'brand-protection' },
      { id: 'C0ELSEWHERE', name: 'elsewhere', botIsMember: false },
    ],
    usergroups: [{ id: 'S0APPROVERS', handle: 'approvers', users: ['U0BOB000001'] }],
  });
  client = new webApi.WebClient(TOKEN, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
});

afterEach(async () => {
  await standIn.close();
});

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

async function platformError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (err) {
    const data = (err as { data?: { error: string; response_metadata?: { messages?: string[] } } }).data;
    return { error: data?.error ?? String(err), messages: data?.response_metadata?.messages ?? [] };
  }
  throw new Error('the call was expected to fail');
}

describe('the Slack stand-in answers the Web API as Slack does', () => {
  it('when the bot posts, replies in the thread and updates, the channel shows the latest text and the thread its reply', async () => {
    const parent = await client.chat.postMessage({
      channel: CHANNEL,
      text: '3 listings ready',
      blocks: [section('*3 listings ready*')],
    });
    expect(parent.ok).toBe(true);
    expect(parent.message?.bot_id).toBe(standIn.botId);
    const reply = await client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: parent.ts,
      text: 'Batch 1 of 1 filed',
    });
    await client.chat.update({
      channel: CHANNEL,
      ts: parent.ts as string,
      text: 'Approved by bob',
      blocks: [section('Approved by <@U0BOB000001>')],
    });

    expect(standIn.messages(CHANNEL).map((m) => m.text)).toEqual(['Approved by bob']);
    expect(standIn.messages(CHANNEL)[0]?.edited?.user).toBe(standIn.botUserId);
    expect(standIn.thread(CHANNEL, parent.ts as string).map((m) => m.ts)).toEqual([reply.ts]);
    expect(standIn.records.map((r) => [r.kind, r.channel, r.threadTs, r.text])).toEqual([
      ['post', CHANNEL, null, '3 listings ready'],
      ['post', CHANNEL, parent.ts, 'Batch 1 of 1 filed'],
      ['update', CHANNEL, null, 'Approved by bob'],
    ]);
  });

  it('when a block has no block_id, Slack gives it one and echoes it back', async () => {
    const res = await client.chat.postMessage({
      channel: CHANNEL,
      text: 'approve?',
      blocks: [
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' } }] },
      ],
    });
    const block = res.message?.blocks?.[0] as { block_id?: string; elements?: { action_id?: string }[] };
    expect(block.block_id).toMatch(/\S+/);
    expect(block.elements?.[0]?.action_id).toMatch(/\S+/);
  });

  it('when the token is wrong, every method answers invalid_auth and nothing is recorded', async () => {
    const stranger = new webApi.WebClient('xoxb-wrong', {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
    });
    expect((await platformError(stranger.auth.test())).error).toBe('invalid_auth');
    expect((await platformError(stranger.chat.postMessage({ channel: CHANNEL, text: 'hi' }))).error).toBe(
      'invalid_auth',
    );
    expect(standIn.records).toHaveLength(0);
  });

  it('when asked who it is, auth.test names the bot user and the team', async () => {
    const me = await client.auth.test();
    expect(me).toMatchObject({
      ok: true,
      user_id: standIn.botUserId,
      bot_id: standIn.botId,
      team_id: standIn.teamId,
    });
  });

  it('when a message has no text and no blocks, or goes to an unknown channel, Slack refuses it', async () => {
    expect((await platformError(client.chat.postMessage({ channel: CHANNEL, text: '' }))).error).toBe(
      'no_text',
    );
    expect((await platformError(client.chat.postMessage({ channel: 'C0NOWHERE00', text: 'hi' }))).error).toBe(
      'channel_not_found',
    );
    expect((await platformError(client.chat.postMessage({ channel: 'C0ELSEWHERE', text: 'hi' }))).error).toBe(
      'not_in_channel',
    );
    await client.conversations.join({ channel: 'C0ELSEWHERE' });
    expect((await client.chat.postMessage({ channel: 'C0ELSEWHERE', text: 'hi' })).ok).toBe(true);
  });

  it.each([
    [
      'more than 50 blocks',
      Array.from({ length: 51 }, (_, i) => section(`row ${i}`)),
      'must be less than 51 items',
    ],
    ['a section text over 3000 characters', [section('x'.repeat(3001))], 'must be less than 3001 characters'],
    [
      'a header over 150 characters',
      [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      '151',
    ],
    [
      'a select with more than 100 options',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 'ipr',
              placeholder: { type: 'plain_text', text: 'IPR' },
              options: Array.from({ length: 101 }, (_, i) => ({
                text: { type: 'plain_text', text: `TM${i}` },
                value: `TM${i}`,
              })),
            },
          ],
        },
      ],
      'must be less than 101 items',
    ],
  ])('when a message has %s, Slack answers invalid_blocks and says where', async (_what, blocks, message) => {
    const refused = await platformError(client.chat.postMessage({ channel: CHANNEL, text: 'x', blocks }));
    expect(refused.error).toBe('invalid_blocks');
    expect(refused.messages.join(' ')).toContain(message);
    expect(standIn.messages(CHANNEL)).toHaveLength(0);
  });

  it('when the bot uploads with files.uploadV2 into a thread, the file is shared there with its comment and bytes', async () => {
    const csv = 'url,case\nhttps://www.aliexpress.com/item/1.html,C1\n';
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'Report follows' });
    await client.files.uploadV2({
      channel_id: CHANNEL,
      thread_ts: parent.ts as string,
      filename: 'report.csv',
      content: csv,
      initial_comment: 'Filed listings',
    });
    const upload = await standIn.waitFor((r) => r.kind === 'file_upload');
    expect(upload).toMatchObject({ channel: CHANNEL, threadTs: parent.ts, text: 'Filed listings' });
    expect(upload.files[0]).toMatchObject({
      name: 'report.csv',
      filetype: 'csv',
      size: Buffer.byteLength(csv),
    });
    const [reply] = standIn.thread(CHANNEL, parent.ts as string);
    expect(reply?.files.map((f) => f.name)).toEqual(['report.csv']);
    const download = await fetch(upload.files[0]?.url_private_download as string, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(await download.text()).toBe(csv);
  });

  it('when a person shared a file, downloading it needs the bot token: without it Slack sends a login page', async () => {
    const file = standIn.registerFile({
      name: 'listings.csv',
      content: 'url\nhttps://a',
      userId: 'U0ALICE0001',
      channel: CHANNEL,
    });
    const info = await client.files.info({ file: file.id });
    expect(info.file?.url_private_download).toBe(file.url_private_download);

    const withToken = await fetch(file.url_private_download, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toBe('url\nhttps://a');

    const anonymous = await fetch(file.url_private_download, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    const followed = await fetch(file.url_private_download);
    expect(followed.headers.get('content-type')).toContain('text/html');
    expect(await followed.text()).toContain('Sign in');

    const wrong = await fetch(file.url_private_download, { headers: { Authorization: 'Bearer xoxb-wrong' } });
    expect(wrong.status).toBe(403);
  });

  it('when files.info asks for a file that does not exist, it answers file_not_found', async () => {
    expect((await platformError(client.files.info({ file: 'F0MISSING00' }))).error).toBe('file_not_found');
  });

  it('when a method is rate-limited, the call past the limit gets HTTP 429 with Retry-After', async () => {
    standIn.setRateLimit('chat.postMessage', { max: 1, windowSec: 60 });
    const strict = new webApi.WebClient(TOKEN, { slackApiUrl: standIn.apiUrl, rejectRateLimitedCalls: true });
    await strict.chat.postMessage({ channel: CHANNEL, text: 'first' });
    const limited = await strict.chat
      .postMessage({ channel: CHANNEL, text: 'second' })
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 60 });
    expect(standIn.calls('chat.postMessage').map((c) => c.status)).toEqual([200, 429]);
    standIn.setRateLimit('chat.postMessage', null);
    expect((await strict.chat.postMessage({ channel: CHANNEL, text: 'third' })).ok).toBe(true);
  });

  it('when the bot calls a method Slack does not have, it answers unknown_method', async () => {
    expect((await platformError(client.apiCall('listings.takedown'))).error).toBe('unknown_method');
  });

  it('when the bot looks up people, groups, channels and permalinks, it gets what the workspace holds', async () => {
    const alice = await client.users.info({ user: 'U0ALICE0001' });
    expect(alice.user).toMatchObject({ name: 'alice', real_name: 'Alice Example', is_bot: false });
    expect((await platformError(client.users.info({ user: 'U0NOBODY000' }))).error).toBe('user_not_found');
    expect((await client.usergroups.users.list({ usergroup: 'S0APPROVERS' })).users).toEqual(['U0BOB000001']);
    expect((await client.conversations.info({ channel: CHANNEL })).channel).toMatchObject({
      name: 'brand-protection',
    });
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'hi' });
    const link = await client.chat.getPermalink({ channel: CHANNEL, message_ts: posted.ts as string });
    expect(link.permalink).toContain(`/archives/${CHANNEL}/p${(posted.ts as string).replace('.', '')}`);
  });

  it('when the bot sends an ephemeral message, only that person has it', async () => {
    const res = await client.chat.postEphemeral({
      channel: CHANNEL,
      user: 'U0ALICE0001',
      text: 'Only admins may approve.',
    });
    expect(res.message_ts).toBeTruthy();
    expect(standIn.ephemerals('U0ALICE0001').map((m) => m.text)).toEqual(['Only admins may approve.']);
    expect(standIn.ephemerals('U0BOB000001')).toHaveLength(0);
    expect(standIn.messages(CHANNEL)).toHaveLength(0);
  });

  it('when views.open comes with a trigger id Slack never issued, it answers invalid_trigger_id', async () => {
    const view: types.ModalView = {
      type: 'modal',
      title: { type: 'plain_text', text: 'New IPR' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }],
    };
    expect((await platformError(client.views.open({ trigger_id: '1.2.abc', view }))).error).toBe(
      'invalid_trigger_id',
    );
  });

  it('when the bot publishes App Home and then a modal title is too long, the first is kept and the second refused', async () => {
    await client.views.publish({
      user_id: 'U0ALICE0001',
      view: { type: 'home', blocks: [section('Open cases: 4')] },
    });
    expect(standIn.views('U0ALICE0001').map((v) => v.type)).toEqual(['home']);
    const trigger = standIn.workspace.issueTrigger('U0ALICE0001');
    const refused = await platformError(
      client.views.open({
        trigger_id: trigger,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'A title far longer than Slack allows' },
          blocks: [],
        },
      }),
    );
    expect(refused.error).toBe('invalid_arguments');
    expect(refused.messages.join(' ')).toContain('/view/title/text');
  });
});
