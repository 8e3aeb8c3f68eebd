/**
 * Load, as test/load checks it: 50 `/takedown` commands of 300 links each sent at the same moment to one app
 * (real Bolt in HTTP mode, real SQLite file, the Slack stand-in; the filing worker replaced by a counter), then
 * 50 Approve clicks at once. Beside it, the same 50 commands sent at once to a bare Bolt app that only acks:
 * the baseline of the same run. The commands come from a child process (load-client.ts); the clicks are built
 * from the posted confirmations by the signed driver, in this process.
 */
import { fork } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { App, LogLevel } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import { slashCommandBody } from '../src/sandbox/slack/payloads.ts';
import type { SlackStandIn } from '../src/sandbox/slack/server.ts';
import { ANALYST, APPROVER, CHANNEL, startBot } from '../test/helpers/bot.ts';
import type { LoadAnswer } from './load-client.ts';
import type { BenchSection } from './section.ts';

const COMMANDS = 50;
const LINKS = 300;
const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

const links = (n: number) =>
  Array.from(
    { length: LINKS },
    (_, i) => `https://www.aliexpress.com/item/${1005008000000000 + n * 1000 + i}.html?spm=a2g0o.${i}`,
  ).join('\n');

function bodies(slack: SlackStandIn, command: string): string[] {
  const ws = slack.workspace;
  return Array.from({ length: COMMANDS }, (_, n) =>
    new URLSearchParams(
      slashCommandBody(ws, {
        command,
        text: links(n),
        userId: ANALYST,
        channelId: CHANNEL,
        triggerId: ws.issueTrigger(ANALYST),
        responseUrl: ws.responseUrl({ channel: CHANNEL, userId: ANALYST, messageTs: null, threadTs: null }),
      }),
    ).toString(),
  );
}

function sendAtOnce(url: string, secret: string, all: string[]): Promise<LoadAnswer[]> {
  const child = fork(CLIENT, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.once('message', (answers: LoadAnswer[]) => {
      child.kill();
      resolve(answers);
    });
    child.send({ url, secret, bodies: all });
  });
}

const r = (n: number) => Math.round(n);
const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('the load bench timed out waiting for the app');
    await new Promise((res) => setTimeout(res, 50));
  }
}

export const loadBench: BenchSection = {
  name: 'load: 50 × /takedown of 300 links at once',
  async run() {
    const bot = await startBot();
    const secret = bot.deps.config.slack.signingSecret as string;
    const bare = new App({
      token: 'xoxb-bare',
      signingSecret: secret,
      botId: bot.slack.botId,
      botUserId: bot.slack.botUserId,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: bot.slack.apiUrl },
    });
    bare.command('/bare', async ({ ack }) => ack());
    try {
      const bareServer = (await bare.start(0)) as unknown as Server;
      const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;
      const baseline = await sendAtOnce(bareUrl, secret, bodies(bot.slack, '/bare'));
      const t0 = performance.now();
      const answers = await sendAtOnce(bot.url, secret, bodies(bot.slack, '/takedown'));
      const confirmations = () => bot.posts().filter((m) => m.text.startsWith('Takedown request #'));
      await until(() => confirmations().length === COMMANDS, 300_000);
      const allPosted = performance.now() - t0;
      const clickTimes = await Promise.all(
        confirmations().map(async (m) => {
          const started = performance.now();
          const res = await bot.driver.clickButton({
            channel: CHANNEL,
            messageTs: m.ts,
            actionId: 'approve_batch',
            userId: APPROVER,
          });
          return { ms: performance.now() - started, status: res.status };
        }),
      );
      await until(() => bot.kicks === COMMANDS, 120_000);
      const stored = bot.db.get<{ listings: number; items: number; approved: number }>(sql`
        select (select count(*) from listings) as listings, (select count(*) from batch_items) as items,
               (select count(*) from batches where status = 'approved') as approved`);
      const acks = answers.map((a) => a.ms).sort((a, b) => a - b);
      const bareAcks = baseline.map((a) => a.ms).sort((a, b) => a - b);
      const clicks = clickTimes.map((c) => c.ms).sort((a, b) => a - b);
      return {
        commands: COMMANDS,
        'links each': LINKS,
        'commands answered 200': answers.filter((a) => a.status === 200).length,
        'command ack median (ms)': r(p(acks, 0.5)),
        'command ack p99 (ms)': r(p(acks, 0.99)),
        'command ack slowest (ms)': r(acks.at(-1) ?? Number.NaN),
        'bare Bolt ack median (ms)': r(p(bareAcks, 0.5)),
        'bare Bolt ack p99 (ms)': r(p(bareAcks, 0.99)),
        'all 50 confirmations posted (ms)': r(allPosted),
        'approvals answered 200': clickTimes.filter((c) => c.status === 200).length,
        'approval ack median (ms)': r(p(clicks, 0.5)),
        'approval ack slowest (ms)': r(clicks.at(-1) ?? Number.NaN),
        'batches approved': stored?.approved ?? 0,
        'listings stored': stored?.listings ?? 0,
        'batch items stored': stored?.items ?? 0,
        'Slack budget (ms)': 3000,
      };
    } finally {
      await bare.stop();
      await bot.stop();
    }
  },
};
