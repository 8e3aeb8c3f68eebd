import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTasks } from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { TakedownError } from '../../src/core/errors.ts';
import { openDb } from '../../src/db/connection.ts';
import { exclusive } from '../../src/scheduler/exclusive.ts';
import { type Scheduler, startScheduler } from '../../src/scheduler/index.ts';
import { postDigest } from '../../src/scheduler/tasks.ts';
import { RecordingLogger, RecordingNotifier } from './fakes.ts';

/** A promise the test settles by hand: a run that is "still going" until then. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

// A sync schedule that will not fire while the tests run (midnight on 1 January).
const QUIET_SYNC = '0 0 1 1 *';
const started: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

function start(o: Partial<Parameters<typeof startScheduler>[0]> & { now: () => Date }) {
  const s = startScheduler({
    syncCron: QUIET_SYNC,
    digestCron: '0 9 * * 1-5',
    tz: 'UTC',
    runSync: async () => {},
    runDigest: async () => {},
    logger: new RecordingLogger(),
    ...o,
  });
  started.push(s);
  return s;
}

describe('no overlapping runs', () => {
  it('a trigger that arrives while the previous run is still going is skipped and logged', async () => {
    const logger = new RecordingLogger();
    const gate = deferred();
    let runs = 0;
    const job = exclusive(
      'status sync',
      async () => {
        runs++;
        await gate.promise;
      },
      logger,
    );

    const first = job.run();
    const second = await job.run();
    gate.resolve();

    expect(second).toBe('skipped');
    expect(await first).toBe('done');
    expect(runs).toBe(1);
    expect(logger.messages('warn')).toEqual([
      'status sync: the previous run is still going, this run is skipped',
    ]);
    expect(await job.run()).toBe('done');
    expect(runs).toBe(2);
  });

  it('a run that fails is logged with a readable message and does not block the next one', async () => {
    const logger = new RecordingLogger();
    let calls = 0;
    const job = exclusive(
      'digest',
      async () => {
        calls++;
        if (calls === 1) throw new TakedownError('needs_login', 'The portal wants a person to sign in.');
      },
      logger,
    );

    expect(await job.run()).toBe('failed');
    expect(logger.messages('error')).toEqual(['digest failed: The portal wants a person to sign in.']);
    expect(await job.run()).toBe('done');
  });

  it('a job that throws before its first await still frees the slot', async () => {
    const job = exclusive(
      'sync',
      (() => {
        throw new Error('boom');
      }) as () => Promise<void>,
      new RecordingLogger(),
    );
    expect(await job.run()).toBe('failed');
    expect(await job.run()).toBe('failed');
  });
});

describe('startScheduler', () => {
  it('on start after a missed digest time, it runs the digest once for that time', async () => {
    const due: Date[] = [];
    // Tuesday 10:00 UTC: today's 09:00 digest time has passed.
    const s = start({
      now: () => new Date('2025-03-04T10:00:00Z'),
      runDigest: async (at) => void due.push(at),
    });
    await s.caughtUp;
    expect(due).toEqual([new Date('2025-03-04T09:00:00Z')]);
  });

  it('on a Monday before the digest time, the missed one is Friday’s, read in the configured zone', async () => {
    const due: Date[] = [];
    // Monday 08:00 in New York (12:00 UTC, daylight time since Sunday); the digest is at 09:00 there on weekdays.
    const s = start({
      tz: 'America/New_York',
      now: () => new Date('2025-03-10T12:00:00Z'),
      runDigest: async (at) => void due.push(at),
    });
    await s.caughtUp;
    expect(due).toEqual([new Date('2025-03-07T14:00:00Z')]); // Friday 09:00 EST
  });

  it('restarting twice posts the missed digest once, through the real digest task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'takedown-restart-'));
    const db = openDb(join(dir, 'takedown.db'));
    const notifier = new RecordingNotifier();
    try {
      const now = () => new Date('2025-03-04T10:00:00Z');
      const runDigest = (scheduledFor: Date) =>
        postDigest({ db, notifier, channel: 'C0DIGEST', now: now(), tz: 'UTC', holidays: [], scheduledFor });
      for (let i = 0; i < 2; i++) {
        const s = start({ now, runDigest });
        await s.caughtUp;
        await s.stop();
      }
      expect(notifier.posts).toHaveLength(1);
    } finally {
      db.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop ends both schedules', async () => {
    const s = startScheduler({
      syncCron: QUIET_SYNC,
      digestCron: '0 9 * * 1-5',
      tz: 'UTC',
      runSync: async () => {},
      runDigest: async () => {},
      logger: new RecordingLogger(),
      now: () => new Date('2025-03-04T10:00:00Z'),
    });
    const names = () => [...getTasks().values()].map((t) => t.name);
    expect(names()).toEqual(expect.arrayContaining(['status-sync', 'digest']));
    await s.stop();
    expect(names()).not.toContain('digest');
    expect(names()).not.toContain('status-sync');
  });

  it('a schedule that is not cron, or a zone that does not exist, stops start-up with the setting named', () => {
    const now = () => new Date();
    expect(() => start({ now, digestCron: 'every morning' })).toThrow(TakedownError);
    expect(() => start({ now, digestCron: 'every morning' })).toThrow(
      /DIGEST_CRON "every morning" is not a cron schedule/,
    );
    expect(() => start({ now, syncCron: '61 * * * *' })).toThrow(
      /SYNC_CRON "61 \* \* \* \*" is not a cron schedule/,
    );
    expect(() => start({ now, tz: 'Nowhere/Land' })).toThrow(/"Nowhere\/Land" is not a time zone/);
  });
});
