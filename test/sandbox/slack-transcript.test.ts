import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDriver } from '../../src/sandbox/slack/driver.ts';
import { type SlackStandIn, startSlackStandIn } from '../../src/sandbox/slack/server.ts';
import { renderTranscript } from '../../src/sandbox/slack/transcript.ts';

const TOKEN = 'xoxb-sandbox-token';
const CHANNEL = 'C0BRANDPROT';
const ALICE = 'U0ALICE0001';
const BOB = 'U0BOB000001';

let standIn: SlackStandIn;
let client: webApi.WebClient;
let app: Server;
let driver: SlackDriver;

beforeEach(async () => {
  standIn = await startSlackStandIn({
    botToken: TOKEN,
    users: [
      { id: ALICE, name: 'alice' },
      { id: BOB, name: 'bob' },
    ],
    channels: [{ id: CHANNEL, name: 'brand-protection' }],
  });
  client = new webApi.WebClient(TOKEN, { slackApiUrl: standIn.apiUrl });
  // An app that acknowledges everything: the transcript is about what people see, not about the app.
  app = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  app.listen(0, '127.0.0.1');
  await new Promise((resolve) => app.once('listening', resolve));
  const { port } = app.address() as AddressInfo;
  driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: 's', standIn });
});

afterEach(async () => {
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
  await standIn.close();
});

const approval = [
  { type: 'header', text: { type: 'plain_text', text: 'Takedown request' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*1 listing ready*, asked by <@U0ALICE0001>' } },
  { type: 'context', elements: [{ type: 'mrkdwn', text: 'AliProtect takes 200 URLs per submission' }] },
  {
    type: 'actions',
    elements: [
      {
        type: 'static_select',
        action_id: 'ipr',
        placeholder: { type: 'plain_text', text: 'IPR' },
        options: [{ text: { type: 'plain_text', text: 'CRKT (TM 123)' }, value: 'TM123' }],
      },
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' } },
      { type: 'button', action_id: 'cancel', text: { type: 'plain_text', text: 'Cancel' } },
    ],
  },
];

describe('the transcript shows what the channel would show', () => {
  it('when a takedown is asked for, approved and filed, the transcript reads as the channel does', async () => {
    await driver.slashCommand({
      command: '/takedown',
      text: 'https://www.aliexpress.com/item/1.html',
      userId: ALICE,
      channelId: CHANNEL,
    });
    const request = await client.chat.postMessage({
      channel: CHANNEL,
      text: '1 listing ready',
      blocks: approval,
    });
    const ts = request.ts as string;
    await client.chat.postEphemeral({ channel: CHANNEL, user: ALICE, text: 'Only approvers can approve.' });
    await driver.selectOption({
      channel: CHANNEL,
      messageTs: ts,
      actionId: 'ipr',
      value: 'TM123',
      userId: BOB,
    });
    await driver.clickButton({ channel: CHANNEL, messageTs: ts, actionId: 'approve', userId: BOB });
    await client.chat.update({ channel: CHANNEL, ts, text: 'Approved by <@U0BOB000001> at 10:02' });
    await client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: ts,
      text: 'Batch 1 of 1 filed: case <https://ipp.example/case/9001|9001>',
    });
    await client.files.uploadV2({
      channel_id: CHANNEL,
      thread_ts: ts,
      filename: 'cases.csv',
      content: 'url,case\n',
      initial_comment: 'Cases',
    });

    expect(renderTranscript(standIn.records, standIn.directory())).toBe(
      [
        '#brand-protection',
        '@alice: /takedown https://www.aliexpress.com/item/1.html',
        '@takedown:',
        '    *Takedown request*',
        '    *1 listing ready*, asked by @alice',
        '    AliProtect takes 200 URLs per submission',
        '    [IPR: …▾] [Approve] [Cancel]',
        '@takedown (edited):',
        '    Approved by @bob at 10:02',
        '  ↳ @takedown:',
        '        Batch 1 of 1 filed: case 9001',
        '  ↳ @takedown:',
        '        Cases',
        '        📎 cases.csv (9 bytes)',
        '@takedown (only visible to @alice):',
        '    Only approvers can approve.',
        '· @bob chose "CRKT (TM 123)" in ipr',
        '· @bob clicked [Approve]',
      ].join('\n'),
    );
  });

  it('when a person drops a file, the transcript shows who shared what', async () => {
    await driver.shareFile({
      channelId: CHANNEL,
      userId: ALICE,
      filename: 'listings.xlsx',
      content: Buffer.from('PK..'),
      comment: 'from the crawler',
    });
    expect(renderTranscript(standIn.records, standIn.directory())).toBe(
      ['#brand-protection', '@alice:', '    from the crawler', '    📎 listings.xlsx (4 bytes)'].join('\n'),
    );
  });

  it('when the bot opens a modal, the transcript says for whom, outside any channel', async () => {
    const { triggerId } = await driver.slashCommand({
      command: '/takedown',
      text: 'ipr',
      userId: ALICE,
      channelId: CHANNEL,
    });
    await client.views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'New IPR' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          {
            type: 'input',
            label: { type: 'plain_text', text: 'Registration number' },
            element: { type: 'plain_text_input' },
          },
        ],
      },
    });
    const transcript = renderTranscript(standIn.records, standIn.directory());
    expect(transcript).toContain(
      ['Outside channels', '[modal "New IPR" opened for @alice]', '    Registration number: […]'].join('\n'),
    );
  });
});
