/**
 * The real Bolt app in HTTP mode on a free port, talking to the Slack stand-in, with a real SQLite file.
 * Requests come from the SlackDriver, signed as Slack signs them. The worker is replaced by a counter.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createBoltApp } from '../../src/bot/app.ts';
import type { BotDeps } from '../../src/bot/context.ts';
import { SlackNotifier } from '../../src/bot/notifier.ts';
import { SlackBatchEvents } from '../../src/bot/progress.ts';
import { loadConfig } from '../../src/config.ts';
import { mirrorPortalIprs } from '../../src/db/repositories/iprs.ts';
import type { Logger } from '../../src/logger.ts';
import { SlackDriver } from '../../src/sandbox/slack/driver.ts';
import type { SlackUsergroup } from '../../src/sandbox/slack/model.ts';
import { type SlackStandIn, startSlackStandIn } from '../../src/sandbox/slack/server.ts';
import { postDigest } from '../../src/scheduler/tasks.ts';
import { tempDb } from './db.ts';
import { FakePortal } from './fake-portal.ts';

export const CHANNEL = 'C0BRANDPRO';
export const ANALYST = 'U0ANALYST1';
export const APPROVER = 'U0APPROVE1';
export const OUTSIDER = 'U0OUTSIDE1';

export const DM_ANALYST = 'D0ANALYST1';

export interface BotOptions {
  iprs?: boolean;
  portal?: FakePortal;
  usergroups?: SlackUsergroup[];
  now?: () => Date;
  /** The app's logger (default: silent). */
  logger?: Logger;
}

export async function startBot(env: Record<string, string> = {}, opts: BotOptions = {}) {
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = 'xoxb-test-token';
  const slack: SlackStandIn = await startSlackStandIn({
    botToken,
    botUserId: 'U0TAKEDOWN',
    users: [
      { id: ANALYST, name: 'maya' },
      { id: APPROVER, name: 'lee' },
      { id: OUTSIDER, name: 'sam' },
    ],
    channels: [
      { id: CHANNEL, name: 'brand-protection', botIsMember: true },
      { id: DM_ANALYST, name: '@maya', botIsMember: true },
    ],
    usergroups: opts.usergroups,
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_ID: slack.botId,
    SLACK_BOT_USER_ID: slack.botUserId,
    APPROVERS: `${APPROVER},${ANALYST}`,
    ...env,
  });
  const db = tempDb();
  if (opts.iprs !== false) {
    mirrorPortalIprs(db, [
      {
        regNo: '2485097',
        name: 'RIVERSTONE word mark',
        owner: 'Riverstone Knives Inc.',
        type: 'Trademark',
        status: 'verified',
      },
    ]);
  }
  let kicks = 0;
  const portal = opts.portal ?? new FakePortal();
  const now = opts.now ?? (() => new Date());
  const logger = opts.logger ?? pino({ level: 'silent' });
  const deps = {
    db,
    config,
    logger,
    now,
    kickWorker: () => void kicks++,
    withPortal: (fn) => fn(portal),
  } as BotDeps;
  const app = createBoltApp(deps);
  deps.notifier = new SlackNotifier(app.client);
  deps.events = new SlackBatchEvents(db, deps.notifier);
  deps.postDigest = (channel) =>
    postDigest({ db, notifier: deps.notifier, channel, now: now(), tz: 'UTC', holidays: [], logger });
  const server = (await app.start(0)) as unknown as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const driver = new SlackDriver({ appUrl: url, signingSecret, standIn: slack });
  return {
    slack,
    driver,
    db,
    url,
    portal,
    deps,
    get kicks() {
      return kicks;
    },
    /** The bot's top-level posts in the channel, as they stand now. */
    posts: () => slack.messages(CHANNEL).filter((m) => m.user === slack.botUserId),
    async stop() {
      await app.stop();
      await slack.close();
      db.sqlite.close();
    },
  };
}

export type BotHarness = Awaited<ReturnType<typeof startBot>>;

/** All the text of a message's blocks, flattened, for assertions on what a person reads. */
export function blockText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}
