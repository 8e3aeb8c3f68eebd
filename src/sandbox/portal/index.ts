/**
 * The AliProtect portal simulator: a real web server that renders the guide's pages with their visible
 * labels, standing in for the real portal. `startPortalSimulator` for tests and the demo,
 * `runPortalSimulator` for `takedown sim`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PORTAL_PROFILES } from '../../core/types.ts';
import { createAdmin, type PortalAdmin } from './admin.ts';
import { createPortalApp } from './app.ts';
import { FaultControl, type FaultsInput } from './faults.ts';
import { SessionStore } from './session.ts';
import { type OutcomeMix, PortalState, type SeedIpr } from './state.ts';

export type { PortalAdmin } from './admin.ts';
export type { Faults, FaultsInput, Hold, HoldAction } from './faults.ts';
export type { CasePortalStatus, IprPortalStatus, OutcomeMix, SeedIpr } from './state.ts';

export const DEFAULT_PORTAL_ACCOUNT = { user: 'brand-owner@example.com', password: 'takedown-demo' } as const;

export interface PortalSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Default: DEFAULT_PORTAL_ACCOUNT. */
  accounts?: { user: string; password: string }[];
  /** URLs per Option 2 submission: 200 for AliProtect (default), 300 for an IPP profile. */
  chunkLimit?: number;
  /** Rows per page in Pending Submissions and History. Default 20. */
  pageSize?: number;
  /** Simulated days until an "In Progress" listing is "Listing Removed". Default 5. */
  removalDelayDays?: number;
  /** Real milliseconds until a submitted IPR is "Verified". Default 1500. */
  ipVerificationDelayMs?: number;
  /** The simulator clock's start (default: now). */
  startDate?: Date;
  /** IPRs already on file (verified unless a status is given), for demos. */
  iprs?: SeedIpr[];
  /** How complaints end when their time comes (weights). Default: all "Listing Removed". */
  outcomes?: OutcomeMix;
  /** Faults switched on from the start (the admin API changes them later). */
  faults?: FaultsInput;
  /** Called with unexpected errors of a request (the page shows "System busy"). */
  onError?: (err: unknown) => void;
}

export interface PortalSimulator {
  url: string;
  admin: PortalAdmin;
  close(): Promise<void>;
}

export async function startPortalSimulator(opts: PortalSimulatorOptions = {}): Promise<PortalSimulator> {
  const state = new PortalState({
    seed: opts.seed ?? 1,
    accounts: opts.accounts ?? [{ ...DEFAULT_PORTAL_ACCOUNT }],
    chunkLimit: opts.chunkLimit ?? PORTAL_PROFILES.aliprotect,
    pageSize: opts.pageSize ?? 20,
    removalDelayDays: opts.removalDelayDays ?? 5,
    ipVerificationDelayMs: opts.ipVerificationDelayMs ?? 1500,
    startDate: opts.startDate,
    iprs: opts.iprs,
    outcomes: opts.outcomes,
  });
  const faults = new FaultControl(opts.seed ?? 1, opts.faults);
  const sessions = new SessionStore(() => faults.current.sessionTtlMs);
  const admin = createAdmin(state, sessions, faults);
  const app = createPortalApp(
    { state, sessions, faults },
    admin,
    opts.onError ?? ((err) => console.error(err)),
  );
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    admin,
    /** Stops the server; calling it again waits for the same close. */
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        faults.releaseHolds();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
      return closing;
    },
  };
}

/**
 * For `takedown sim [--port N]`: starts the simulator, prints where it is and how to sign in,
 * and returns it (the caller closes it on SIGINT/SIGTERM).
 */
export async function runPortalSimulator(
  opts: PortalSimulatorOptions & { log?: (line: string) => void } = {},
): Promise<PortalSimulator> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const accounts = opts.accounts ?? [{ ...DEFAULT_PORTAL_ACCOUNT }];
  const sim = await startPortalSimulator({ ...opts, accounts, port: opts.port ?? 4400 });
  log(`AliProtect portal simulator listening on ${sim.url}`);
  for (const a of accounts) log(`Sign in as ${a.user} / ${a.password}`);
  log(
    `Admin API: ${sim.url}/__admin/state (GET); POST /__admin/iprs/:regNo/verify, /__admin/clock/advance, /__admin/cases/resolve, /__admin/faults, /__admin/holds, /__admin/challenges/pass`,
  );
  const on = Object.entries(sim.admin.state().faults).filter(
    ([, v]) => v && (typeof v !== 'object' || Object.keys(v).length),
  );
  if (on.length) log(`Faults on: ${on.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`);
  return sim;
}
