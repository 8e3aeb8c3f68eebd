/**
 * The scheduler: status sync and the digest on node-cron schedules in the configured zone. Runs of
 * the same job never overlap (a trigger during a run is skipped and logged). On start, a digest
 * whose scheduled time passed while the app was down is posted once (runDigest is idempotent per
 * day, so a digest already posted for that day is not posted again).
 */
import { createTask, parse, type ScheduledTask, validateDetailed } from 'node-cron';
import { assertTimeZone } from '../core/business-days.ts';
import { TakedownError } from '../core/errors.ts';
import { exclusive } from './exclusive.ts';
import type { TaskLogger } from './tasks.ts';

export interface SchedulerOptions {
  syncCron: string;
  digestCron: string;
  tz: string;
  runSync: () => Promise<unknown>;
  /** Posts the digest due at `scheduledFor` (a scheduled time, or the missed one on start). */
  runDigest: (scheduledFor: Date) => Promise<unknown>;
  logger: TaskLogger;
  /** The clock; tests set it. */
  now?: () => Date;
}

export interface Scheduler {
  /** Stops both schedules and waits for a run in progress to finish. */
  stop(): Promise<void>;
  /** Settles once the start-up check for a missed digest has run (and its digest, if any). */
  caughtUp: Promise<void>;
}

/** How far back start-up looks for a missed digest time. */
const CATCH_UP_LOOKBACK_MS = 8 * 86_400_000;
const MINUTE_MS = 60_000;

function checkCron(variable: string, pattern: string): void {
  const check = validateDetailed(pattern);
  if (!check.valid) {
    const why = check.errors.map((e) => e.message).join('; ');
    throw new TakedownError('config', `${variable} "${pattern}" is not a cron schedule: ${why}.`, {
      hint: 'Write it as five fields, minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5".',
    });
  }
}

/**
 * The latest time at or before `now` (within the look-back) at which `task` fires; null if none.
 * Walks back minute by minute using node-cron's own matcher, so zones and DST agree with it.
 */
export function previousRun(task: ScheduledTask, now: Date, lookbackMs = CATCH_UP_LOOKBACK_MS): Date | null {
  const seconds = [...parse(task.getPattern()).second].sort((a, b) => b - a);
  const lastMinute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let t = lastMinute; t >= now.getTime() - lookbackMs; t -= MINUTE_MS) {
    for (const s of seconds) {
      const at = new Date(t + s * 1000);
      if (at.getTime() <= now.getTime() && task.match(at)) return at;
    }
  }
  return null;
}

/** node-cron's own messages (missed runs and such), into the app's log. */
function cronLogger(logger: TaskLogger, task: string) {
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: (m: string) => logger.info({ task }, m),
    warn: (m: string) => logger.warn({ task }, m),
    error: (m: string | Error, err?: Error) => logger.error({ task, err: err ?? m }, text(m)),
    debug: () => {},
  };
}

export function startScheduler(o: SchedulerOptions): Scheduler {
  checkCron('SYNC_CRON', o.syncCron);
  checkCron('DIGEST_CRON', o.digestCron);
  assertTimeZone(o.tz);
  const now = o.now ?? (() => new Date());

  const sync = exclusive('status sync', o.runSync, o.logger);
  const digest = exclusive('digest', o.runDigest, o.logger);

  const syncTask = createTask(o.syncCron, () => sync.run(), {
    name: 'status-sync',
    timezone: o.tz,
    logger: cronLogger(o.logger, 'status sync'),
  });
  const digestTask = createTask(o.digestCron, (ctx) => digest.run(ctx.date), {
    name: 'digest',
    timezone: o.tz,
    logger: cronLogger(o.logger, 'digest'),
  });

  const missed = previousRun(digestTask, now());
  syncTask.start();
  digestTask.start();
  o.logger.info(
    {
      syncCron: o.syncCron,
      digestCron: o.digestCron,
      tz: o.tz,
      nextDigest: digestTask.getNextRun()?.toISOString(),
    },
    'scheduler started',
  );

  const caughtUp = (async () => {
    if (!missed) return;
    o.logger.info(
      { scheduledFor: missed.toISOString() },
      'digest: checking the last scheduled digest was posted',
    );
    await digest.run(missed);
  })();

  return {
    caughtUp,
    async stop() {
      await Promise.all([syncTask.destroy(), digestTask.destroy()]);
      await Promise.all([sync.idle(), digest.idle(), caughtUp]);
      o.logger.info({}, 'scheduler stopped');
    },
  };
}
