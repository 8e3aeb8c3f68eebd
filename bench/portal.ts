/**
 * The portal side at scale, in real Chromium against the simulator (20 rows a page, 200 URLs a paste):
 * 1,000 listings filed as 5 submissions and verified in History, wall time; and a status sync of
 * 10,000 open cases (History read back to the oldest, 500 pages), wall time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { PlaywrightPortalDriver } from '../src/automation/portal-driver.ts';
import { PortalSession } from '../src/automation/portal-session.ts';
import { BatchWorker } from '../src/automation/worker.ts';
import type { BatchEvents, HistoryRow } from '../src/core/ports.ts';
import { openDb } from '../src/db/connection.ts';
import { approveBatch, batchOutcomes, createBatch, getBatch } from '../src/db/repositories/batches.ts';
import { recordHistory } from '../src/db/repositories/cases.ts';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type PortalSimulator,
  startPortalSimulator,
} from '../src/sandbox/portal/index.ts';
import { syncStatuses } from '../src/scheduler/tasks.ts';
import type { BenchSection } from './section.ts';

const IPR = '2485097';
const quiet = pino({ level: 'silent' });
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

async function withWorld<T>(fn: (sim: PortalSimulator, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-portal-'));
  const sim = await startPortalSimulator({
    ipVerificationDelayMs: 0,
    iprs: [{ regNo: IPR, name: 'RIVERSTONE', owner: 'Riverstone Knives Inc.' }],
  });
  try {
    return await fn(sim, dir);
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function driverOptions(sim: PortalSimulator, dir: string) {
  return {
    baseUrl: sim.url,
    ...DEFAULT_PORTAL_ACCOUNT,
    sessionDir: join(dir, 'sessions'),
    artifactDir: join(dir, 'artifacts'),
    logger: quiet,
  };
}

const silentEvents: BatchEvents = {
  chunkStarted: async () => undefined,
  chunkFiled: async () => undefined,
  batchFinished: async () => undefined,
  batchStopped: async (_b, s) => {
    throw new Error(`the batch stopped: ${s.message}`);
  },
};

export const portalFilingBench: BenchSection = {
  name: 'portal: file 1,000 listings',
  run: () =>
    withWorld(async (sim, dir) => {
      const db = openDb(join(dir, 'takedown.db'));
      const urls = Array.from(
        { length: 1000 },
        (_, i) => `https://www.aliexpress.com/item/${1005009000000000 + i}.html`,
      );
      const batch = createBatch(db, {
        requestedBy: 'UBENCH',
        channelId: 'CBENCH',
        source: 'bench',
        reason: 'Counterfeit Listing',
        chunkLimit: 200,
        intakeReport: {
          total: 1000,
          ok: 1000,
          duplicate: 0,
          alreadyFiled: 0,
          invalid: 0,
          unresolved: 0,
          refused: [],
        },
        listings: urls.map((url) => ({
          platform: 'aliexpress' as const,
          itemId: /(\d+)\.html/.exec(url)?.[1] ?? '',
          url,
        })),
      });
      approveBatch(db, batch.id, {
        by: 'UBENCH',
        iprRegNo: IPR,
        reason: 'Counterfeit Listing',
        at: new Date(),
      });
      const session = new PortalSession(() => PlaywrightPortalDriver.open(driverOptions(sim, dir)));
      const worker = new BatchWorker({
        db,
        withPortal: (fn) => session.use(fn),
        events: silentEvents,
        logger: quiet,
      });
      const t0 = performance.now();
      await worker.kick();
      const wall = seconds(t0);
      await session.close();
      const outcome = batchOutcomes(db, batch.id);
      const onPortal = new Set(sim.admin.state().cases.map((c) => c.listingUrl));
      const status = getBatch(db, batch.id)?.status;
      db.sqlite.close();
      if (status !== 'submitted' || outcome.filed !== 1000 || onPortal.size !== 1000) {
        throw new Error(
          `filing did not complete: ${status}, ${JSON.stringify(outcome)}, ${onPortal.size} on the portal`,
        );
      }
      return {
        listings: 1000,
        submissions: batch.chunkCount,
        'filed and verified in History': outcome.filed,
        'wall time (s)': wall,
        'listings per minute': Math.round((1000 / wall) * 60),
      };
    }),
};

export const portalSyncBench: BenchSection = {
  name: 'portal: status sync of 10,000 open cases',
  run: () =>
    withWorld(async (sim, dir) => {
      sim.admin.seedCases({ count: 10_000, iprRegNo: IPR, perCase: 200 });
      const db = openDb(join(dir, 'takedown.db'));
      // The app's view before the sync: every case open, as when it was filed.
      const rows: HistoryRow[] = sim.admin.state().cases.map((c) => ({
        complaintDate: mmddyyyy(c.filedAt),
        caseNumber: c.caseNumber,
        iprRegNo: c.iprRegNo,
        supplier: c.supplier,
        listingUrl: c.listingUrl,
        platform: c.site,
        status: 'in_progress',
        statusText: 'In Progress',
      }));
      recordHistory(db, rows, new Date());
      const driver = await PlaywrightPortalDriver.open(driverOptions(sim, dir));
      const t0 = performance.now();
      const result = await syncStatuses({ db, portal: driver, now: new Date(), logger: quiet });
      const wall = seconds(t0);
      await driver.close();
      db.sqlite.close();
      if (result.read !== 10_000) throw new Error(`the sync read ${result.read} History rows, not 10,000`);
      return {
        'open cases': 10_000,
        'History pages read': Math.ceil(result.read / 20),
        'status changes recorded': result.changed,
        'wall time (s)': wall,
      };
    }),
};

function mmddyyyy(ms: number): string {
  const [y, m, d] = new Date(ms).toISOString().slice(0, 10).split('-');
  return `${m}/${d}/${y}`;
}
