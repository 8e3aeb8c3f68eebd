/**
 * The composition root: wires the real implementations of the ports (Slack, the portal in Chromium,
 * SQLite) into the bot, the worker and the scheduler, in one process. `takedown serve` and the demo use it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlaywrightPortalDriver } from './automation/portal-driver.ts';
import { PortalSession } from './automation/portal-session.ts';
import { BatchWorker } from './automation/worker.ts';
import { createBoltApp } from './bot/app.ts';
import type { BotDeps } from './bot/context.ts';
import { notifyIprChanges } from './bot/ipr-requests.ts';
import { SlackNotifier } from './bot/notifier.ts';
import { SlackBatchEvents } from './bot/progress.ts';
import { type Config, findChromium, requireServeConfig } from './config.ts';
import type { PortalDriver } from './core/ports.ts';
import { openDb } from './db/connection.ts';
import { mirrorPortalIprs } from './db/repositories/iprs.ts';
import { createLogger, type Logger } from './logger.ts';
import { startScheduler } from './scheduler/index.ts';
import { postDigest, syncStatuses } from './scheduler/tasks.ts';

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
  /** Start the cron tasks (default true). The demo runs the tasks itself. */
  schedule?: boolean;
  workerPollMs?: number;
}

export async function startTakedown(config: Config, opts: StartOptions = {}) {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const now = opts.now ?? (() => new Date());
  requireServeConfig(config); // before anything is created on disk
  const { portal: pc } = config;
  const db = openDb(config.dbPath);
  const session = new PortalSession(() =>
    PlaywrightPortalDriver.open({
      baseUrl: pc.url,
      user: pc.user as string,
      password: pc.password as string,
      chromiumPath: findChromium(pc.chromiumPath),
      headless: pc.headless,
      sessionDir: pc.sessionDir,
      artifactDir: pc.artifactDir,
      logger,
    }),
  );

  const withPortal = <T>(fn: (portal: PortalDriver) => Promise<T>) => session.use(fn);
  const deps = { db, config, logger, now, withPortal, kickWorker: () => {} } as BotDeps;
  const app = createBoltApp(deps);
  const notifier = new SlackNotifier(app.client);
  deps.notifier = notifier;
  deps.events = new SlackBatchEvents(db, notifier);
  const worker = new BatchWorker({
    db,
    withPortal,
    events: deps.events,
    logger,
    now,
    ...(opts.workerPollMs ? { pollMs: opts.workerPollMs } : {}),
  });
  deps.kickWorker = () => void worker.kick();

  const tasks = {
    /** Reads Submitted IPR and History, and records what changed. */
    sync: async () => {
      const { iprs, result } = await session.use(async (portal) => {
        const iprs = mirrorPortalIprs(db, await portal.listIprs());
        return { iprs, result: await syncStatuses({ db, portal, now: now(), logger }) };
      });
      await notifyIprChanges(deps, iprs);
      return result;
    },
    digest: async (scheduledFor?: Date) => {
      if (!config.digest.channel) {
        logger.warn('DIGEST_CHANNEL is not set; no digest posted');
        return { posted: false, reason: 'DIGEST_CHANNEL is not set' };
      }
      return postDigest({
        db,
        notifier,
        channel: config.digest.channel,
        now: now(),
        tz: config.digest.tz,
        holidays: config.digest.holidays,
        logger,
        ...(scheduledFor ? { scheduledFor } : {}),
      });
    },
  };

  deps.postDigest = (channel) =>
    postDigest({
      db,
      notifier,
      channel,
      now: now(),
      tz: config.digest.tz,
      holidays: config.digest.holidays,
      logger,
    });

  const server = (await app.start(config.slack.port)) as unknown as Server | undefined;
  const port =
    server && typeof server.address === 'function'
      ? (server.address() as AddressInfo).port
      : config.slack.port;
  worker.start();
  const scheduler =
    opts.schedule === false
      ? null
      : startScheduler({
          syncCron: config.digest.syncCron,
          digestCron: config.digest.cron,
          tz: config.digest.tz,
          runSync: tasks.sync,
          runDigest: tasks.digest,
          logger,
        });
  logger.info({ port, mode: config.slack.appToken ? 'socket' : 'http' }, 'takedown is running');

  return {
    app,
    db,
    worker,
    notifier,
    tasks,
    /** Runs `fn` with the signed-in portal session (shared with the worker, one use at a time). */
    withPortal,
    port,
    url: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      await scheduler?.stop();
      await worker.stop();
      await app.stop();
      await session.close();
      db.sqlite.close();
    },
  };
}

export type Takedown = Awaited<ReturnType<typeof startTakedown>>;
