import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockButtonAction, LogLevel, type types } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TakedownError } from '../../src/core/errors.ts';
import { SlackDriver } from '../../src/sandbox/slack/driver.ts';
import { type SlackStandIn, startSlackStandIn } from '../../src/sandbox/slack/server.ts';
import { signatureHeaders } from '../../src/sandbox/slack/signing.ts';

const TOKEN = 'xoxb-sandbox-token';
const SECRET = 'sandbox-signing-secret';
const CHANNEL = 'C0BRANDPROT';
const ALICE = 'U0ALICE0001';
const BOB = 'U0BOB000001';

const approvalBlocks = [
  { type: 'section', text: { type: 'mrkdwn', text: '*2 listings ready* in 1 portal batch' } },
  {
    type: 'actions',
    block_id: 'approval',
    elements: [
      {
        type: 'static_select',
        action_id: 'ipr',
        placeholder: { type: 'plain_text', text: 'IPR' },
        options: [
          { text: { type: 'plain_text', text: 'CRKT (TM 123)' }, value: 'TM123' },
          { text: { type: 'plain_text', text: 'CRKT logo (TM 456)' }, value: 'TM456' },
        ],
      },
      {
        type: 'button',
        action_id: 'approve',
        style: 'primary',
        value: 'batch-1',
        text: { type: 'plain_text', text: 'Approve' },
      },
      { type: 'button', action_id: 'cancel', value: 'batch-1', text: { type: 'plain_text', text: 'Cancel' } },
    ],
  },
];

const iprModal: types.ModalView = {
  type: 'modal',
  callback_id: 'ipr_form',
  private_metadata: 'batch-1',
  title: { type: 'plain_text', text: 'New IPR' },
  submit: { type: 'plain_text', text: 'Save' },
  blocks: [
    {
      type: 'input',
      block_id: 'reg',
      label: { type: 'plain_text', text: 'Registration number' },
      element: { type: 'plain_text_input', action_id: 'reg_no' },
    },
    {
      type: 'input',
      block_id: 'type',
      label: { type: 'plain_text', text: 'IPR type' },
      element: {
        type: 'static_select',
        action_id: 'ipr_type',
        options: ['Trademark', 'Copyright'].map((t) => ({ text: { type: 'plain_text', text: t }, value: t })),
      },
    },
  ],
};

/** What the app's listeners saw. */
interface Seen {
  commands: { text: string; user: string }[];
  clicks: {
    actionId: string;
    ipr: string | undefined;
    messageTs: string | undefined;
    value: string | undefined;
  }[];
  submissions: { regNo: string | null | undefined; type: string | undefined; metadata: string }[];
  downloads: string[];
}

let standIn: SlackStandIn;
let app: App;
let driver: SlackDriver;
let seen: Seen;

function startApp(): App {
  const bolt = new App({
    signingSecret: SECRET,
    token: TOKEN,
    botId: 'B0TAKEDOWN1',
    botUserId: 'U0TAKEDOWN1',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: standIn.apiUrl },
  });
  bolt.command('/takedown', async ({ ack, command, client }) => {
    seen.commands.push({ text: command.text, user: command.user_id });
    if (command.text === 'ipr') {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: iprModal });
      return;
    }
    if (command.text === 'help') {
      await ack('Paste listing links after /takedown, or drop a spreadsheet here.');
      return;
    }
    await ack();
    await client.chat.postMessage({
      channel: command.channel_id,
      text: '2 listings ready',
      blocks: approvalBlocks,
    });
  });
  bolt.action('ipr', async ({ ack }) => {
    await ack();
  });
  bolt.action<BlockButtonAction>('approve', async ({ ack, body, action, client, respond }) => {
    await ack();
    const ipr = body.state?.values.approval?.ipr?.selected_option?.value;
    seen.clicks.push({ actionId: action.action_id, ipr, messageTs: body.message?.ts, value: action.value });
    if (!ipr) {
      await respond({ response_type: 'ephemeral', text: 'Choose an IPR first.' });
      return;
    }
    await client.chat.update({
      channel: body.channel?.id as string,
      ts: body.message?.ts as string,
      text: `Approved by <@${body.user.id}> with ${ipr}`,
    });
  });
  bolt.action('cancel', async ({ ack, body, respond }) => {
    await ack();
    await respond({ replace_original: true, text: `Cancelled by <@${body.user.id}>` });
  });
  bolt.shortcut('report_listing', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: 'Which IPR does this listing infringe?' });
  });
  bolt.view('ipr_form', async ({ ack, view }) => {
    const regNo = view.state.values.reg?.reg_no?.value;
    seen.submissions.push({
      regNo,
      type: view.state.values.type?.ipr_type?.selected_option?.value,
      metadata: view.private_metadata,
    });
    if (!regNo || regNo.length > 50) {
      await ack({ response_action: 'errors', errors: { reg: 'At most 50 characters.' } });
      return;
    }
    await ack();
  });
  bolt.event('file_shared', async ({ event, client }) => {
    const info = await client.files.info({ file: event.file_id });
    const res = await fetch(info.file?.url_private_download as string, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const text = await res.text();
    seen.downloads.push(text);
    await client.chat.postMessage({ channel: event.channel_id, text: `Read ${info.file?.name}` });
  });
  bolt.message(async () => {});
  return bolt;
}

beforeEach(async () => {
  seen = { commands: [], clicks: [], submissions: [], downloads: [] };
  standIn = await startSlackStandIn({
    botToken: TOKEN,
    botUserId: 'U0TAKEDOWN1',
    botId: 'B0TAKEDOWN1',
    users: [
      { id: ALICE, name: 'alice' },
      { id: BOB, name: 'bob' },
    ],
    channels: [{ id: CHANNEL, name: 'brand-protection' }],
  });
  app = startApp();
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  driver = new SlackDriver({
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SECRET,
    standIn,
  });
});

afterEach(async () => {
  await app.stop();
  await standIn.close();
});

async function postApproval(): Promise<string> {
  await driver.slashCommand({
    command: '/takedown',
    text: 'https://www.aliexpress.com/item/1005001.html',
    userId: ALICE,
    channelId: CHANNEL,
  });
  const post = await standIn.waitFor((r) => r.kind === 'post');
  return post.ts as string;
}

describe('the driver sends a real Bolt app what Slack would send, signed', () => {
  it('when a person types /takedown with links, the command listener runs and its post reaches the channel', async () => {
    const res = await driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1005001.html',
      userId: ALICE,
      channelId: CHANNEL,
    });
    expect(res.status).toBe(200);
    const post = await standIn.waitFor((r) => r.kind === 'post');
    expect(seen.commands).toEqual([{ text: 'https://www.aliexpress.com/item/1005001.html', user: ALICE }]);
    expect(post).toMatchObject({ channel: CHANNEL, text: '2 listings ready', via: 'api' });
    expect(standIn.find((r) => r.kind === 'user_command')?.text).toBe(
      '/takedown https://www.aliexpress.com/item/1005001.html',
    );
  });

  it('when the command is acknowledged with text, only the person who typed it sees that text', async () => {
    await driver.slashCommand({ command: '/takedown', text: 'help', userId: ALICE, channelId: CHANNEL });
    expect(standIn.ephemerals(ALICE).map((m) => m.text)).toEqual([
      'Paste listing links after /takedown, or drop a spreadsheet here.',
    ]);
    expect(standIn.messages(CHANNEL)).toHaveLength(0);
  });

  it('when a person picks an IPR and clicks Approve, the listener gets the choice in state.values and updates the message', async () => {
    const ts = await postApproval();
    const picked = await driver.selectOption({
      channel: CHANNEL,
      messageTs: ts,
      actionId: 'ipr',
      value: 'TM456',
      userId: BOB,
    });
    expect(picked?.status).toBe(200);
    const res = await driver.clickButton({
      channel: CHANNEL,
      messageTs: ts,
      actionId: 'approve',
      userId: BOB,
    });
    expect(res.status).toBe(200);
    await standIn.waitFor((r) => r.kind === 'update');
    expect(seen.clicks).toEqual([{ actionId: 'approve', ipr: 'TM456', messageTs: ts, value: 'batch-1' }]);
    expect(standIn.message(CHANNEL, ts)?.text).toBe(`Approved by <@${BOB}> with TM456`);
  });

  it('when Approve is clicked before an IPR is chosen, the response_url answer is shown only to the clicker', async () => {
    const ts = await postApproval();
    await driver.clickButton({ channel: CHANNEL, messageTs: ts, actionId: 'approve', userId: BOB });
    const note = await standIn.waitFor((r) => r.kind === 'ephemeral');
    expect(note).toMatchObject({
      via: 'response_url',
      user: BOB,
      channel: CHANNEL,
      text: 'Choose an IPR first.',
    });
    expect(standIn.message(CHANNEL, ts)?.text).toBe('2 listings ready');
  });

  it('when Cancel answers through the response_url with replace_original, the message itself changes', async () => {
    const ts = await postApproval();
    await driver.clickButton({ channel: CHANNEL, messageTs: ts, actionId: 'cancel', userId: ALICE });
    const replaced = await standIn.waitFor((r) => r.kind === 'update');
    expect(replaced).toMatchObject({ via: 'response_url', ts, text: `Cancelled by <@${ALICE}>` });
    expect(standIn.messages(CHANNEL).map((m) => m.text)).toEqual([`Cancelled by <@${ALICE}>`]);
  });

  it('when a person uses a message shortcut on the bot message, the shortcut listener answers them alone', async () => {
    const ts = await postApproval();
    const res = await driver.messageShortcut({
      callbackId: 'report_listing',
      channel: CHANNEL,
      messageTs: ts,
      userId: BOB,
    });
    expect(res.status).toBe(200);
    const answer = await standIn.waitFor((r) => r.kind === 'ephemeral');
    expect(answer).toMatchObject({ user: BOB, text: 'Which IPR does this listing infringe?' });
  });

  it('when the driver is asked for an option the select does not offer, it says which options there are', async () => {
    const ts = await postApproval();
    const attempt = driver.selectOption({ channel: CHANNEL, messageTs: ts, actionId: 'ipr', value: 'TM999' });
    await expect(attempt).rejects.toThrow(TakedownError);
    await expect(attempt).rejects.toThrow(/"TM123" \(CRKT \(TM 123\)\)/);
  });

  it('when a modal opened from the command is submitted, the view listener gets the values and the modal closes', async () => {
    await driver.slashCommand({ command: '/takedown', text: 'ipr', userId: ALICE, channelId: CHANNEL });
    const opened = await standIn.waitFor((r) => r.kind === 'view_open');
    const viewId = opened.view?.id as string;
    const res = await driver.submitView({
      viewId,
      userId: ALICE,
      values: { reg_no: 'TM-2024-001', ipr_type: 'Trademark' },
    });
    expect(res.status).toBe(200);
    expect(seen.submissions).toEqual([{ regNo: 'TM-2024-001', type: 'Trademark', metadata: 'batch-1' }]);
    expect(standIn.views(ALICE).find((v) => v.id === viewId)?.open).toBe(false);
  });

  it('when the view listener answers with errors, the modal stays open for the person to fix it', async () => {
    await driver.slashCommand({ command: '/takedown', text: 'ipr', userId: ALICE, channelId: CHANNEL });
    const viewId = (await standIn.waitFor((r) => r.kind === 'view_open')).view?.id as string;
    const res = await driver.submitView({
      viewId,
      userId: ALICE,
      values: { reg_no: 'x'.repeat(51), ipr_type: 'Trademark' },
    });
    expect(res.body).toEqual({ response_action: 'errors', errors: { reg: 'At most 50 characters.' } });
    expect(standIn.views(ALICE).find((v) => v.id === viewId)?.open).toBe(true);
  });

  it('when a required input of the modal is left empty, Slack would not submit it and the listener never runs', async () => {
    await driver.slashCommand({ command: '/takedown', text: 'ipr', userId: ALICE, channelId: CHANNEL });
    const viewId = (await standIn.waitFor((r) => r.kind === 'view_open')).view?.id as string;
    await expect(driver.submitView({ viewId, userId: ALICE, values: { reg_no: 'TM1' } })).rejects.toThrow(
      /"IPR type" is required/,
    );
    expect(seen.submissions).toEqual([]);
  });

  it('when a person drops a CSV in the channel, the file_shared listener downloads it with the bot token', async () => {
    const csv = 'url\nhttps://www.aliexpress.com/item/1005001.html\n';
    const res = await driver.shareFile({
      channelId: CHANNEL,
      userId: ALICE,
      filename: 'listings.csv',
      content: csv,
    });
    expect(res.status).toBe(200);
    expect(res.message.status).toBe(200);
    await standIn.waitFor((r) => r.kind === 'post' && r.text === 'Read listings.csv');
    expect(seen.downloads).toEqual([csv]);
    expect(standIn.messages(CHANNEL)[0]).toMatchObject({ user: ALICE, files: [{ id: res.file.id }] });
  });

  it('when Slack checks the Request URL, the app echoes the challenge', async () => {
    const res = await driver.urlVerification('abc123');
    expect(res).toEqual({ status: 200, body: { challenge: 'abc123' } });
  });

  it('when a request is signed with the wrong secret, the app answers 401 and no listener runs', async () => {
    const body = new URLSearchParams({
      command: '/takedown',
      text: 'forged',
      user_id: ALICE,
      channel_id: CHANNEL,
      team_id: standIn.teamId,
    }).toString();
    const forged = signatureHeaders('not-the-secret', body);
    const res = await driver.sendRaw({
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...forged },
    });
    expect(res.status).toBe(401);
    expect(seen.commands).toEqual([]);
  });

  it('when a correctly signed request is more than 5 minutes old, the app answers 401 and no listener runs', async () => {
    const body = new URLSearchParams({
      command: '/takedown',
      text: 'stale',
      user_id: ALICE,
      channel_id: CHANNEL,
      team_id: standIn.teamId,
    }).toString();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await driver.sendRaw({
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...driver.sign(body, sixMinutesAgo) },
    });
    expect(res.status).toBe(401);
    expect(seen.commands).toEqual([]);
  });

  it('when the body is changed after signing, the signature no longer matches and the app answers 401', async () => {
    await postApproval();
    const signed = driver.lastRequest;
    if (!signed) throw new Error('the driver kept no request');
    const tampered = signed.body.replace('1005001', '1005002');
    const res = await driver.sendRaw({ body: tampered, headers: signed.headers });
    expect(res.status).toBe(401);
    expect(seen.commands).toHaveLength(1);
  });
});
