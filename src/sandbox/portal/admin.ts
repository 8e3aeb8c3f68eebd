/**
 * PortalAdmin: the hand that steers the simulator for tests and the demo — accounts, IPR verification,
 * the clock, case outcomes, sessions. Also served as JSON under /__admin/*.
 */
import { json, type Response, Router } from 'express';
import type { FaultControl, Faults, FaultsInput, Hold } from './faults.ts';
import type { SessionStore } from './session.ts';
import {
  CASE_OUTCOMES,
  type CasePortalStatus,
  IPR_PORTAL_STATUSES,
  type IprPortalStatus,
  PortalPageError,
  type PortalState,
} from './state.ts';

export interface PortalAdmin {
  createAccount(user: string, password: string): void;
  /** Marks the IPR "Verified"; returns how many IPRs had that registration number. */
  verifyIpr(regNo: string): number;
  setIprStatus(regNo: string, status: IprPortalStatus): number;
  /** Moves the simulator's clock forward; returns the new simulated time. */
  advanceDays(days: number): Date;
  /** Closes every "In Progress" complaint now (or those of one case) with the outcome; returns how many. */
  resolveCases(opts?: { outcome?: CasePortalStatus; caseNumber?: string }): number;
  /** Signs every user out, as when sessions expire; returns how many sessions ended. */
  expireSessions(): number;
  /** Switches faults on or off (the ones not named keep their value); returns them all. */
  setFaults(change: FaultsInput): Faults;
  /** Every fault off and every hold released. */
  clearFaults(): Faults;
  /** Holds the nth request of an action before or after it takes effect, until released. */
  hold(h: Hold): void;
  releaseHolds(): void;
  /** Counts every slider check waiting at sign-in as passed, as a person would; returns how many. */
  passChallenges(): number;
  /** Files `count` listings directly as "In Progress" complaints (load tests). */
  seedCases(opts: { count: number; iprRegNo: string; perCase?: number }): number;
  state(): ReturnType<PortalState['snapshot']> & {
    faults: Faults;
    served: FaultControl['served'];
    holds: ReturnType<FaultControl['holdState']>;
  };
}

export function createAdmin(state: PortalState, sessions: SessionStore, faults: FaultControl): PortalAdmin {
  return {
    setFaults: (change) => faults.set(change),
    clearFaults: () => {
      faults.releaseHolds();
      return faults.reset();
    },
    hold: (h) => faults.hold(h),
    releaseHolds: () => faults.releaseHolds(),
    passChallenges: () => sessions.passAllChallenges(),
    seedCases: (opts) => state.seedCases(opts),
    createAccount: (user, password) => state.addAccount(user, password),
    verifyIpr: (regNo) => state.setIprStatus(regNo, 'Verified'),
    setIprStatus: (regNo, status) => {
      if (!IPR_PORTAL_STATUSES.includes(status)) {
        throw new PortalPageError(`status must be one of: ${IPR_PORTAL_STATUSES.join(', ')}`);
      }
      return state.setIprStatus(regNo, status);
    },
    advanceDays: (days) => state.advanceDays(days),
    resolveCases: (opts = {}) => {
      const outcome = opts.outcome ?? 'Listing Removed';
      if (!CASE_OUTCOMES.includes(outcome)) {
        throw new PortalPageError(`outcome must be one of: ${CASE_OUTCOMES.join(', ')}`);
      }
      return state.resolveOpenCases(outcome, opts.caseNumber);
    },
    expireSessions: () => sessions.expireAll(),
    state: () => ({
      ...state.snapshot(),
      faults: faults.current,
      served: { ...faults.served },
      holds: faults.holdState(),
    }),
  };
}

function body(req: { body?: unknown }): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

function run(res: Response, fn: () => unknown, status = 200): void {
  try {
    res.status(status).json(fn());
  } catch (err) {
    if (!(err instanceof PortalPageError)) throw err;
    res.status(400).json({ error: err.message });
  }
}

export function adminRoutes(admin: PortalAdmin): Router {
  const r = Router();
  r.use(json());
  r.post('/__admin/accounts', (req, res) => {
    const { user, password } = body(req);
    run(
      res,
      () => {
        admin.createAccount(String(user ?? ''), String(password ?? ''));
        return { user };
      },
      201,
    );
  });
  r.post('/__admin/iprs/:regNo/verify', (req, res) => {
    run(res, () => notFoundIfZero({ updated: admin.verifyIpr(req.params.regNo) }, req.params.regNo));
  });
  r.post('/__admin/iprs/:regNo/status', (req, res) => {
    const status = String(body(req).status ?? '') as IprPortalStatus;
    run(res, () =>
      notFoundIfZero({ updated: admin.setIprStatus(req.params.regNo, status) }, req.params.regNo),
    );
  });
  r.post('/__admin/clock/advance', (req, res) => {
    run(res, () => ({ now: admin.advanceDays(Number(body(req).days)).toISOString() }));
  });
  r.post('/__admin/cases/resolve', (req, res) => {
    const { outcome, caseNumber } = body(req);
    run(res, () => ({
      resolved: admin.resolveCases({
        ...(outcome ? { outcome: String(outcome) as CasePortalStatus } : {}),
        ...(caseNumber ? { caseNumber: String(caseNumber) } : {}),
      }),
    }));
  });
  r.post('/__admin/sessions/expire', (_req, res) => {
    run(res, () => ({ expired: admin.expireSessions() }));
  });
  r.get('/__admin/faults', (_req, res) => {
    run(res, () => admin.state().faults);
  });
  r.post('/__admin/faults', (req, res) => {
    run(res, () => admin.setFaults(body(req) as FaultsInput));
  });
  r.delete('/__admin/faults', (_req, res) => {
    run(res, () => admin.clearFaults());
  });
  r.post('/__admin/holds', (req, res) => {
    const { action, when, nth } = body(req);
    run(
      res,
      () => {
        admin.hold({
          action: String(action) as Hold['action'],
          when: when === 'before' ? 'before' : 'after',
          nth: Number(nth ?? 1),
        });
        return admin.state().holds;
      },
      201,
    );
  });
  r.delete('/__admin/holds', (_req, res) => {
    run(res, () => {
      admin.releaseHolds();
      return admin.state().holds;
    });
  });
  r.post('/__admin/challenges/pass', (_req, res) => {
    run(res, () => ({ passed: admin.passChallenges() }));
  });
  r.post('/__admin/cases/seed', (req, res) => {
    const { count, iprRegNo, perCase } = body(req);
    run(res, () => ({
      seeded: admin.seedCases({
        count: Number(count),
        iprRegNo: String(iprRegNo ?? ''),
        ...(perCase !== undefined ? { perCase: Number(perCase) } : {}),
      }),
    }));
  });
  r.get('/__admin/state', (_req, res) => {
    run(res, () => admin.state());
  });
  return r;
}

function notFoundIfZero(result: { updated: number }, regNo: string) {
  if (result.updated === 0)
    throw new PortalPageError(`No IPR with the registration number ${regNo} was submitted.`);
  return result;
}
