/** What the bot's listeners need, handed in by the composition root. */
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import type { SlackBatchEvents } from './progress.ts';

export interface BotDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** Wakes the worker after an approval. */
  kickWorker: () => void;
  events: SlackBatchEvents;
  now?: () => Date;
}
