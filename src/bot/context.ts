/** What the bot's listeners need, handed in by the composition root. */
import type { Config } from '../config.ts';
import type { PortalDriver } from '../core/ports.ts';
import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import type { DigestResult } from '../scheduler/tasks.ts';
import type { SlackNotifier } from './notifier.ts';
import type { SlackBatchEvents } from './progress.ts';

export interface BotDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** Wakes the worker after an approval. */
  kickWorker: () => void;
  events: SlackBatchEvents;
  /** The one place the bot posts, updates, answers privately and uploads (rate limits honoured there). */
  notifier: SlackNotifier;
  /** Runs `fn` with the signed-in portal session (shared with the worker, one use at a time). */
  withPortal: <T>(fn: (portal: PortalDriver) => Promise<T>) => Promise<T>;
  /** Posts the digest to a channel now (at most once a day per channel). */
  postDigest: (channel: string) => Promise<DigestResult>;
  now?: () => Date;
}
