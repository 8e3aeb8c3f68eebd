/**
 * The app's filing side as its own process, for the fault matrix: the worker over the SQLite file, filing
 * approved batches in Chromium against the portal at PORTAL_URL, and reporting progress in each request's
 * Slack thread through the real notifier (Slack's Web API at SLACK_API_URL). It exits when nothing is left
 * to run. With STOP_AT="<batch>:<chunk>:<step>" it tells the parent (IPC) when that step is saved and
 * waits there to be killed.
 */
import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { BatchWorker } from '../../src/automation/worker.ts';
import { SlackNotifier } from '../../src/bot/notifier.ts';
import { SlackBatchEvents } from '../../src/bot/progress.ts';
import { childWorkerParts, env } from '../helpers/child-process-env.ts';

const { db, session } = childWorkerParts({ timeoutMs: 5_000 });
const client = new WebClient(env('SLACK_BOT_TOKEN'), { slackApiUrl: env('SLACK_API_URL') });
const stopAt = process.env.STOP_AT;
const worker = new BatchWorker({
  db,
  withPortal: (fn) => session.use(fn),
  events: new SlackBatchEvents(db, new SlackNotifier(client)),
  logger: pino({ level: 'silent' }),
  retries: 3,
  retryMinTimeoutMs: 50,
  onStep: async ({ batchId, chunkIndex, step }) => {
    if (`${batchId}:${chunkIndex}:${step}` !== stopAt) return;
    process.send?.({ stoppedAt: stopAt });
    setInterval(() => undefined, 1_000);
    await new Promise(() => undefined);
  },
});
await worker.kick();
await session.close();
db.sqlite.close();
process.exit(0);
