/**
 * Ack latency of `/takedown` with 300 links pasted, against the real Bolt app (HTTP mode, real SQLite file,
 * the Slack stand-in for the Web API), beside a bare Bolt app that acks an empty command, in the same run.
 * Each request is signed as Slack signs it; the figure is the time until the HTTP answer (Slack's 3 s budget).
 * The background work each /takedown starts after its ack (intake, SQLite, the confirmation) keeps running
 * while the next requests arrive, as it would in a busy channel.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, LogLevel } from '@slack/bolt';
import pino from 'pino';
import { createBoltApp } from '../src/bot/app.ts';
import type { BotDeps } from '../src/bot/context.ts';
import { SlackNotifier } from '../src/bot/notifier.ts';
import { SlackBatchEvents } from '../src/bot/progress.ts';
import { loadConfig } from '../src/config.ts';
import { TakedownError } from '../src/core/errors.ts';
import { openDb } from '../src/db/connection.ts';
import { slashCommandBody } from '../src/sandbox/slack/payloads.ts';
import { type SlackStandIn, startSlackStandIn } from '../src/sandbox/slack/server.ts';
import type { BenchSection } from './section.ts';

const ROUNDS = 200;
const WARMUP = 10;
const LINKS = 300;
const CHANNEL = 'C0BRANDPRO';
const USER = 'U0ANALYST1';

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

async function listen(app: App): Promise<string> {
  const server = (await app.start(0)) as unknown as Server;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}

/** The signed-request client runs in a child process (see slack-client.ts). */
const CLIENT = fileURLToPath(new URL('./slack-client.ts', import.meta.url));

function commandBodies(slack: SlackStandIn, command: string, text: string, n: number): string[] {
  const ws = slack.workspace;
  return Array.from({ length: n }, () =>
    new URLSearchParams(
      slashCommandBody(ws, {
        command,
        text,
        userId: USER,
        channelId: CHANNEL,
        triggerId: ws.issueTrigger(USER),
        responseUrl: ws.responseUrl({ channel: CHANNEL, userId: USER, messageTs: null, threadTs: null }),
      }),
    ).toString(),
  );
}

/**
 * Sends the command WARMUP + ROUNDS times, one after the other, from the child process; with `settle`, the next
 * request waits until settle(i) is done (not timed). Returns the times to the HTTP answer, sorted, warm-up left out.
 */
function ackTimes(
  url: string,
  secret: string,
  bodies: string[],
  settle?: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const child = fork(CLIENT, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const times: number[] = [];
  return new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('message', (m: { i?: number; ms?: number; done?: boolean; error?: string }) => {
      if (m.error) return void reject(new Error(`bench client: ${m.error}`));
      if (m.done) {
        child.kill();
        return void resolve(times.sort((a, b) => a - b));
      }
      if (m.i === undefined || m.ms === undefined) return;
      if (m.i >= WARMUP) times.push(m.ms);
      if (settle) void settle(m.i).then(() => child.send('next'), reject);
    });
    child.send({ url, secret, bodies, paced: Boolean(settle) });
  });
}

export const slackAckBench: BenchSection = {
  name: 'slack-ack',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'takedown-bench-slack-'));
    const secret = randomBytes(16).toString('hex');
    const botToken = 'xoxb-bench';
    const slack = await startSlackStandIn({
      botToken,
      users: [{ id: USER, name: 'maya' }],
      channels: [{ id: CHANNEL, name: 'brand-protection' }],
    });
    const config = loadConfig({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_ID: slack.botId,
      SLACK_BOT_USER_ID: slack.botUserId,
      DB_PATH: join(dir, 'takedown.db'),
    });
    const db = openDb(config.dbPath);
    const logger = pino({ level: 'silent' });
    const deps = {
      db,
      config,
      logger,
      kickWorker: () => {},
      withPortal: () => Promise.reject(new TakedownError('portal_unavailable', 'No portal in this bench.')),
      postDigest: () => Promise.reject(new TakedownError('config', 'No digest in this bench.')),
    } as unknown as BotDeps;
    const app = createBoltApp(deps);
    deps.notifier = new SlackNotifier(app.client);
    deps.events = new SlackBatchEvents(db, deps.notifier);
    const bare = new App({
      token: botToken,
      signingSecret: secret,
      botId: slack.botId,
      botUserId: slack.botUserId,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    bare.command('/bare', async ({ ack }) => ack());
    try {
      const appUrl = await listen(app);
      const bareUrl = await listen(bare);
      const links = Array.from(
        { length: LINKS },
        (_, i) => `https://www.aliexpress.com/item/${1005000000000000 + i * 7}.html?spm=a2g0o.${i}`,
      ).join('\n');
      const n = WARMUP + ROUNDS;
      const bareTimes = await ackTimes(bareUrl, secret, commandBodies(slack, '/bare', '', n));
      const confirmationPosted = (i: number) =>
        slack.waitFor(
          (rec) => rec.kind === 'post' && rec.text.startsWith(`Takedown request #${i + 1}:`),
          30_000,
        );
      // One at a time: each request's confirmation is posted before the next command arrives.
      const spaced = await ackTimes(
        appUrl,
        secret,
        commandBodies(slack, '/takedown', links, n),
        confirmationPosted,
      );
      // Back to back: the next command arrives while the previous ones' intake and posting still run.
      const busy = await ackTimes(appUrl, secret, commandBodies(slack, '/takedown', links, n));
      const r = (n: number) => Math.round(n * 100) / 100;
      return {
        rounds: ROUNDS,
        links: LINKS,
        takedown300_median_ms: r(percentile(spaced, 50)),
        takedown300_p99_ms: r(percentile(spaced, 99)),
        takedown300_back_to_back_median_ms: r(percentile(busy, 50)),
        takedown300_back_to_back_p99_ms: r(percentile(busy, 99)),
        bare_bolt_median_ms: r(percentile(bareTimes, 50)),
        bare_bolt_p99_ms: r(percentile(bareTimes, 99)),
      };
    } finally {
      await app.stop();
      await bare.stop();
      await slack.close();
      db.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
