/**
 * The filing worker as its own process, for the kill tests: opens the SQLite file, files every approved
 * batch against the portal at PORTAL_URL in Chromium, and exits. With STOP_AT="<chunk>:<step>" it tells
 * the parent (IPC) when that step is saved and then waits there to be killed.
 */
import pino from 'pino';
import { BatchWorker } from '../../src/automation/worker.ts';
import type { BatchEvents } from '../../src/core/ports.ts';
import { childWorkerParts } from '../helpers/child-process-env.ts';

// Traces are for changed pages; this test is about restarts.
const { db, session } = childWorkerParts({ timeoutMs: 10_000, trace: false });
const events: BatchEvents = {
  chunkStarted: async () => undefined,
  chunkFiled: async () => undefined,
  batchFinished: async () => undefined,
  batchStopped: async (_b, s) => {
    process.stderr.write(`batch stopped (${s.status}): ${s.message}\n`);
  },
};
const stopAt = process.env.STOP_AT;
const worker = new BatchWorker({
  db,
  withPortal: (fn) => session.use(fn),
  events,
  logger: pino({ level: 'silent' }),
  retryMinTimeoutMs: 100,
  onStep: async ({ chunkIndex, step }) => {
    if (`${chunkIndex}:${step}` !== stopAt) return;
    process.send?.({ stoppedAt: stopAt });
    setInterval(() => undefined, 1_000);
    await new Promise(() => undefined);
  },
});
await worker.kick();
await session.close();
db.sqlite.close();
process.exit(0);
