/**
 * PortalAdmin: the hand that steers the simulator for tests and the demo — accounts, IPR verification,
 * the clock, case outcomes, sessions. Also served as JSON under /__admin/*.
 */
import { json, type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type FaultControl, type Faults, type FaultsInput, HOLD_ACTIONS, type Hold } from './faults.ts';
import type { SessionStore } from './session.ts';
import {
  CASE_OUTCOMES,
  type CasePortalStatus,
  IPR_PORTAL_STATUSES,
  type IprPortalStatus,
  PortalPageError,
  type PortalState,
} from './state.ts';
import { describeIssues } from './validation.ts';

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

/** A refused admin request: the HTTP status and what was wrong, said for the person writing the script. */
class AdminRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** For a 405: the methods the path takes. */
    readonly allow?: string,
  ) {
    super(message);
  }
}

const oneOf = (values: readonly string[]) => ({ error: `must be one of: ${values.join(', ')}` });
const text = (what: string) => {
  const m = { error: `must be ${what}` };
  return z.string(m).min(1, m);
};
const whole = (what: string) => {
  const m = { error: `must be a whole number ${what}` };
  return z.int(m).min(1, m);
};
const DAYS = { error: 'must be a number of days, 0 or more' };

/** The JSON body each admin request takes; fields not named here are refused. */
const BODIES = {
  none: z.strictObject({}),
  account: z.strictObject({
    user: text('a User ID (a non-empty string)'),
    password: text('a non-empty string'),
  }),
  iprStatus: z.strictObject({ status: z.enum(IPR_PORTAL_STATUSES, oneOf(IPR_PORTAL_STATUSES)) }),
  advance: z.strictObject({ days: z.number(DAYS).min(0, DAYS) }),
  resolve: z.strictObject({
    outcome: z.enum(CASE_OUTCOMES, oneOf(CASE_OUTCOMES)).optional(),
    caseNumber: text('a case number (a string of digits)').optional(),
  }),
  hold: z.strictObject({
    action: z.enum(HOLD_ACTIONS, oneOf(HOLD_ACTIONS)),
    when: z.enum(['before', 'after'], oneOf(['before', 'after'])).optional(),
    nth: whole('from 1 (the first request of the action)').optional(),
    busy: z.boolean({ error: 'must be true or false' }).optional(),
  }),
  seed: z.strictObject({
    count: whole('of cases, 1 or more'),
    iprRegNo: text('an IPR registration number'),
    perCase: whole('of listings a case, 1 or more').optional(),
  }),
} as const;

/** The request's JSON body, checked against `schema`; refused with what was wrong otherwise. */
function parseBody<S extends z.ZodObject>(schema: S, req: Request): z.infer<S> {
  // No body at all is an empty object; a body of `null` is not.
  const input: unknown = req.body === undefined ? {} : req.body;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AdminRequestError(
      400,
      `the body must be a JSON object, {…}; got ${Array.isArray(input) ? 'an array' : JSON.stringify(input)}`,
    );
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AdminRequestError(
      400,
      describeIssues(parsed.error.issues, input, { known: Object.keys(schema.shape) }),
    );
  }
  return parsed.data;
}

type Method = 'get' | 'post' | 'delete';
interface AdminRoute {
  method: Method;
  path: string;
  /** The HTTP status of a success. Default 200. */
  status?: number;
  handle: (req: Request) => unknown;
}

function routeTable(admin: PortalAdmin): AdminRoute[] {
  const none = (req: Request) => parseBody(BODIES.none, req);
  return [
    {
      method: 'post',
      path: '/__admin/accounts',
      status: 201,
      handle: (req) => {
        const { user, password } = parseBody(BODIES.account, req);
        admin.createAccount(user, password);
        return { user };
      },
    },
    {
      method: 'post',
      path: '/__admin/iprs/:regNo/verify',
      handle: (req) => {
        none(req);
        const regNo = String(req.params.regNo);
        return notFoundIfZero({ updated: admin.verifyIpr(regNo) }, regNo);
      },
    },
    {
      method: 'post',
      path: '/__admin/iprs/:regNo/status',
      handle: (req) => {
        const { status } = parseBody(BODIES.iprStatus, req);
        const regNo = String(req.params.regNo);
        return notFoundIfZero({ updated: admin.setIprStatus(regNo, status) }, regNo);
      },
    },
    {
      method: 'post',
      path: '/__admin/clock/advance',
      handle: (req) => ({ now: admin.advanceDays(parseBody(BODIES.advance, req).days).toISOString() }),
    },
    {
      method: 'post',
      path: '/__admin/cases/resolve',
      handle: (req) => {
        const { outcome, caseNumber } = parseBody(BODIES.resolve, req);
        return {
          resolved: admin.resolveCases({
            ...(outcome ? { outcome } : {}),
            ...(caseNumber ? { caseNumber } : {}),
          }),
        };
      },
    },
    {
      method: 'post',
      path: '/__admin/sessions/expire',
      handle: (req) => {
        none(req);
        return { expired: admin.expireSessions() };
      },
    },
    { method: 'get', path: '/__admin/faults', handle: () => admin.state().faults },
    {
      method: 'post',
      path: '/__admin/faults',
      // The faults' own schema names unknown faults and bad values; only the body's shape is checked here.
      handle: (req) => admin.setFaults(parseBody(z.looseObject({}), req) as FaultsInput),
    },
    {
      method: 'delete',
      path: '/__admin/faults',
      handle: () => admin.clearFaults(),
    },
    {
      method: 'post',
      path: '/__admin/holds',
      status: 201,
      handle: (req) => {
        const { action, when, nth, busy } = parseBody(BODIES.hold, req);
        admin.hold({ action, when: when ?? (busy ? 'before' : 'after'), nth: nth ?? 1, busy: busy ?? false });
        return admin.state().holds;
      },
    },
    {
      method: 'delete',
      path: '/__admin/holds',
      handle: () => {
        admin.releaseHolds();
        return admin.state().holds;
      },
    },
    {
      method: 'post',
      path: '/__admin/challenges/pass',
      handle: (req) => {
        none(req);
        return { passed: admin.passChallenges() };
      },
    },
    {
      method: 'post',
      path: '/__admin/cases/seed',
      handle: (req) => {
        const { count, iprRegNo, perCase } = parseBody(BODIES.seed, req);
        return {
          seeded: admin.seedCases({ count, iprRegNo, ...(perCase !== undefined ? { perCase } : {}) }),
        };
      },
    },
    { method: 'get', path: '/__admin/state', handle: () => admin.state() },
  ];
}

/** Whether an express path with :params matches a request path. */
function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  return (
    want.length === got.length && want.every((p, i) => (p.startsWith(':') ? got[i] !== '' : p === got[i]))
  );
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The admin API: JSON in, JSON out. Every refusal is `{"error": "…"}` with a 4xx status that says what was
 * wrong (a body that is not JSON, an unknown field or fault, a value of the wrong type, a path or method
 * it does not have); an unexpected failure is reported to `onError` and answered 500 in JSON, never with
 * the portal's HTML pages.
 */
export function adminRoutes(admin: PortalAdmin, onError: (err: unknown) => void): Router {
  const r = Router();
  const routes = routeTable(admin);
  r.use('/__admin', (req, _res, next) => {
    if (hasBody(req) && !req.is('application/json')) {
      const type = req.headers['content-type'];
      throw new AdminRequestError(
        415,
        `send the body as JSON, with the header Content-Type: application/json (it came ${type ? `as ${type}` : 'without a content type'})`,
      );
    }
    next();
  });
  r.use('/__admin', json({ strict: false }));
  for (const route of routes) {
    r[route.method](route.path, (req, res) => {
      res.status(route.status ?? 200).json(route.handle(req));
    });
  }
  r.use('/__admin', (req) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    const allowed = routes.filter((rt) => pathMatches(rt.path, path));
    if (allowed.length === 0) throw new AdminRequestError(404, `the admin API has no ${req.method} ${path}`);
    const methods = allowed
      .flatMap((rt) => (rt.method === 'get' ? ['GET', 'HEAD'] : [rt.method.toUpperCase()]))
      .join(', ');
    throw new AdminRequestError(405, `${path} takes ${methods}, not ${req.method}`, methods);
  });
  r.use('/__admin', (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { status, error } = adminError(err, onError);
    if (err instanceof AdminRequestError && err.allow) res.setHeader('Allow', err.allow);
    res.status(status).json({ error });
  });
  return r;
}

/** An error of an admin request as its status and message; unexpected ones are reported. */
function adminError(err: unknown, onError: (err: unknown) => void): { status: number; error: string } {
  if (err instanceof AdminRequestError) return { status: err.status, error: err.message };
  if (err instanceof PortalPageError) return { status: 400, error: err.message };
  // body-parser's refusals carry a 4xx status and a type.
  const e = err as { status?: unknown; type?: unknown; message?: unknown; limit?: unknown };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string') {
    if (e.type === 'entity.parse.failed') {
      return { status: 400, error: `the body is not valid JSON: ${String(e.message)}` };
    }
    if (e.type === 'entity.too.large') {
      return { status: 413, error: `the body is larger than the admin API takes (${String(e.limit)} bytes)` };
    }
    return { status: e.status, error: `the body could not be read: ${String(e.message)}` };
  }
  onError(err);
  return {
    status: 500,
    error: `the simulator failed on this request: ${err instanceof Error ? err.message : String(err)}`,
  };
}

function notFoundIfZero(result: { updated: number }, regNo: string) {
  if (result.updated === 0)
    throw new PortalPageError(`No IPR with the registration number ${regNo} was submitted.`);
  return result;
}
