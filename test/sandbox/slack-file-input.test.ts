import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TakedownError } from '../../src/core/errors.ts';
import { SlackDriver } from '../../src/sandbox/slack/driver.ts';
import { type SlackStandIn, startSlackStandIn } from '../../src/sandbox/slack/server.ts';

const TOKEN = 'xoxb-file-input';
const SECRET = 'file-input-secret';
const ALICE = 'U0ALICE0001';
const CHANNEL = 'C0BRANDPROT';

let standIn: SlackStandIn;
let app: App;
let driver: SlackDriver;
const seen: { files: { name: string; content: string }[]; retries: (number | undefined)[] } = {
  files: [],
  retries: [],
};

beforeEach(async () => {
  seen.files = [];
  seen.retries = [];
  standIn = await startSlackStandIn({
    botToken: TOKEN,
    users: [{ id: ALICE, name: 'alice' }],
    channels: [{ id: CHANNEL, name: 'bp' }],
  });
  app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    botId: standIn.botId,
    botUserId: standIn.botUserId,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: standIn.apiUrl },
  });
  app.command('/upload', async ({ ack, command, client }) => {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'upload',
        title: { type: 'plain_text', text: 'Upload' },
        submit: { type: 'plain_text', text: 'Send' },
        blocks: [
          {
            type: 'input',
            block_id: 'docs',
            label: { type: 'plain_text', text: 'Documents' },
            element: { type: 'file_input', action_id: 'docs', filetypes: ['pdf', 'png'], max_files: 2 },
          },
        ],
      },
    });
  });
  app.view('upload', async ({ ack, view }) => {
    await ack();
    const input = view.state.values.docs?.docs as unknown as
      | { files: { name: string; url_private_download: string }[] }
      | undefined;
    const files = input?.files ?? [];
    for (const f of files) {
      const res = await fetch(f.url_private_download, { headers: { Authorization: `Bearer ${TOKEN}` } });
      seen.files.push({ name: f.name, content: await res.text() });
    }
  });
  app.event('app_home_opened', async ({ context }) => {
    seen.retries.push(context.retryNum);
  });
  const server = (await app.start(0)) as Server;
  driver = new SlackDriver({
    appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    signingSecret: SECRET,
    standIn,
  });
});

afterEach(async () => {
  await app.stop();
  await standIn.close();
});

async function openUpload() {
  await driver.slashCommand({ command: '/upload', text: '', userId: ALICE, channelId: CHANNEL });
  return (await standIn.waitFor((r) => r.kind === 'view_open')).view?.id as string;
}

describe('file inputs in modals and retried deliveries', () => {
  it('when a person picks files in a modal’s file input, the view listener gets them and can download them with the bot token', async () => {
    const viewId = await openUpload();
    const a = driver.pickFile({ userId: ALICE, filename: 'cert.pdf', content: 'certificate' });
    const b = driver.pickFile({ userId: ALICE, filename: 'licence.png', content: 'licence' });
    await driver.submitView({ viewId, userId: ALICE, values: { docs: [a.id, b.id] } });
    await expect
      .poll(() => seen.files)
      .toEqual([
        { name: 'cert.pdf', content: 'certificate' },
        { name: 'licence.png', content: 'licence' },
      ]);
  });

  it('a file type the input does not take, or more files than it allows, is refused as Slack would', async () => {
    const viewId = await openUpload();
    const doc = driver.pickFile({ userId: ALICE, filename: 'notes.docx', content: 'x' });
    await expect(driver.submitView({ viewId, userId: ALICE, values: { docs: [doc.id] } })).rejects.toThrow(
      TakedownError,
    );
    const pdfs = [1, 2, 3].map(
      (i) => driver.pickFile({ userId: ALICE, filename: `${i}.pdf`, content: 'x' }).id,
    );
    await expect(driver.submitView({ viewId, userId: ALICE, values: { docs: pdfs } })).rejects.toThrow(
      /at most 2 files/,
    );
  });

  it('redeliver sends the last request again with X-Slack-Retry-Num, which Bolt reports as context.retryNum', async () => {
    await driver.event({ type: 'app_home_opened', user: ALICE, tab: 'home', event_ts: '1.000001' });
    await driver.redeliver(2);
    await expect.poll(() => seen.retries).toEqual([undefined, 2]);
  });
});
