/**
 * Exactly once, under SIGKILL: the worker runs in a child process filing one approved batch of 45
 * listings (two portal submissions, 25 + 20) against the simulator in Chromium, is killed at one step,
 * and is started again. Whatever the step, every listing ends filed exactly once on the portal, and the
 * database agrees with the portal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.ts';
import {
  approveBatch,
  batchOutcomes,
  chunkItems,
  chunksOf,
  createBatch,
  getBatch,
} from '../../src/db/repositories/batches.ts';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type Hold,
  type PortalSimulator,
  startPortalSimulator,
} from '../../src/sandbox/portal/index.ts';

const CHILD = fileURLToPath(new URL('./kill-worker.child.ts', import.meta.url));
const IPR = '2485097';
const URLS = Array.from(
  { length: 45 },
  (_, i) => `https://www.aliexpress.com/item/${1005007200000000 + i}.html`,
);

type KillPoint = { hold: Hold } | { step: string };

const KILL_POINTS: [string, KillPoint][] = [
  ['before the first paste reaches the portal', { hold: { action: 'paste', when: 'before', nth: 1 } }],
  [
    'after the portal saved the first paste, before the worker heard back',
    { hold: { action: 'paste', when: 'after', nth: 1 } },
  ],
  ['right after the first submission was saved as pasted', { step: '0:pasted' }],
  [
    'after Match filed the first page of the first submission only',
    { hold: { action: 'match', when: 'after', nth: 1 } },
  ],
  [
    'after Match filed all of the first submission, before the worker heard back',
    { hold: { action: 'match', when: 'after', nth: 2 } },
  ],
  ['right after the first submission was saved as matched', { step: '0:matched' }],
  ['after the portal saved the second paste', { hold: { action: 'paste', when: 'after', nth: 2 } }],
  ['right after the second submission was saved as matched', { step: '1:matched' }],
];

let sim: PortalSimulator | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await sim?.close();
});

function startWorker(dir: string, s: PortalSimulator, stopAt?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      ...process.env,
      DB_PATH: join(dir, 'takedown.db'),
      PORTAL_URL: s.url,
      PORTAL_USER: DEFAULT_PORTAL_ACCOUNT.user,
      PORTAL_PASSWORD: DEFAULT_PORTAL_ACCOUNT.password,
      SESSION_DIR: join(dir, 'sessions'),
      ARTIFACT_DIR: join(dir, 'artifacts'),
      ...(stopAt ? { STOP_AT: stopAt } : {}),
    },
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** Resolves when the kill point is reached: the simulator holds the request, or the child reports the step. */
function reached(
  point: KillPoint,
  s: PortalSimulator,
  child: ChildProcess,
  exited: Promise<unknown>,
): Promise<void> {
  const at =
    'hold' in point
      ? new Promise<void>((resolve) => {
          const timer = setInterval(() => {
            if (s.admin.state().holds.holds.some((h) => h.hit)) {
              clearInterval(timer);
              resolve();
            }
          }, 25);
          void exited.then(() => clearInterval(timer));
        })
      : new Promise<void>((resolve) => child.on('message', () => resolve()));
  return Promise.race([
    at,
    exited.then((r) => {
      throw new Error(`the worker finished before the kill point: ${JSON.stringify(r)}`);
    }),
  ]);
}

describe('the filing worker killed with SIGKILL and started again', () => {
  it.each(KILL_POINTS)('files every listing exactly once when killed %s', async (_name, point) => {
    const s = await startPortalSimulator({
      ipVerificationDelayMs: 0,
      iprs: [{ regNo: IPR, name: 'CRKT', owner: 'Columbia River Knife & Tool' }],
      onError: () => undefined,
    });
    sim = s;
    if ('hold' in point) s.admin.hold(point.hold);
    const dir = mkdtempSync(join(tmpdir(), 'kill-worker-'));
    const setup = openDb(join(dir, 'takedown.db'));
    const batch = createBatch(setup, {
      requestedBy: 'UANALYST',
      channelId: 'CBRAND',
      source: 'pasted links',
      reason: 'Counterfeit Listing',
      chunkLimit: 25,
      intakeReport: {
        total: 45,
        ok: 45,
        duplicate: 0,
        alreadyFiled: 0,
        invalid: 0,
        unresolved: 0,
        refused: [],
      },
      listings: URLS.map((url) => ({
        platform: 'aliexpress' as const,
        itemId: /(\d+)\.html/.exec(url)?.[1] ?? '',
        url,
      })),
    });
    approveBatch(setup, batch.id, {
      by: 'UAPPROVER',
      iprRegNo: IPR,
      reason: 'Counterfeit Listing',
      at: new Date(),
    });
    setup.sqlite.close();

    const first = startWorker(dir, s, 'step' in point ? point.step : undefined);
    await reached(point, s, first.child, first.exited);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    s.admin.releaseHolds();

    const db = openDb(join(dir, 'takedown.db'));
    try {
      expect(getBatch(db, batch.id)?.status).toBe('submitting');
      const second = startWorker(dir, s);
      const done = await second.exited;
      expect(done.code, done.stderr).toBe(0);

      const { cases, pending } = s.admin.state();
      expect(pending).toEqual([]);
      expect(cases.map((c) => c.listingUrl).sort()).toEqual([...URLS].sort());
      expect(getBatch(db, batch.id)?.status).toBe('submitted');
      expect(batchOutcomes(db, batch.id)).toEqual({ pending: 0, filed: 45, refused: 0 });
      expect(chunksOf(db, batch.id).map((c) => c.step)).toEqual(['recorded', 'recorded']);
      const portalCase = new Map(cases.map((c) => [c.listingUrl, c.caseNumber]));
      const recorded = [0, 1].flatMap((i) => chunkItems(db, batch.id, i));
      expect(recorded.every((it) => it.caseNumber === portalCase.get(it.url))).toBe(true);
    } finally {
      db.sqlite.close();
    }
  });
});
