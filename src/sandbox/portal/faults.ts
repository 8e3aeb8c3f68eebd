/**
 * The portal fighting back, on demand: slow pages, HTTP 500s at a rate, a maintenance page, renamed
 * buttons (a changed page), sessions that expire, a slider check at sign-in, and holds that stop a
 * request dead before or after it takes effect (for the kill tests). Deterministic from the seed.
 */
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { seededRandom } from './random.ts';
import { PortalPageError } from './state.ts';
import { describeIssues } from './validation.ts';

/** The actions a hold can wait at. */
export const HOLD_ACTIONS = [
  'sign-in',
  'paste',
  'continue',
  'match',
  'history',
  'withdraw',
  'report',
] as const;
export type HoldAction = (typeof HOLD_ACTIONS)[number];

const msg = (text: string) => ({ error: text });
const SLOW = msg('must be a whole number of milliseconds from 0 to 120000');
const RATE = msg('must be a number from 0 to 1');
const TTL = msg('must be a whole number of milliseconds, 0 or more (0: never)');
const FLAG = msg('must be true or false');
const LABEL = msg('must map button labels to new labels, e.g. {"Match": "Submit Complaint"}');

export const faultsSchema = z.strictObject({
  /** Extra milliseconds before every page is answered. */
  slowMs: z.int(SLOW).min(0, SLOW).max(120_000, SLOW).default(0),
  /** Share of page requests answered "System busy" with HTTP 500, from 0 to 1. */
  errorRate: z.number(RATE).min(0, RATE).max(1, RATE).default(0),
  /** Every page shows the maintenance notice (HTTP 503). */
  maintenance: z.boolean(FLAG).default(false),
  /** Sessions end this many real milliseconds after sign-in (0: never). */
  sessionTtlMs: z.int(TTL).min(0, TTL).default(0),
  /** Signing in with a password shows a slider check that only a person can pass. */
  challenge: z.boolean(FLAG).default(false),
  /** Button labels the portal renamed: { "Match": "Submit Complaint" }. */
  renamedButtons: z.record(z.string(LABEL).min(1, LABEL), z.string(LABEL).min(1, LABEL), LABEL).default({}),
});
export type Faults = z.infer<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

/**
 * A request held at an action: `when` it takes effect, the `nth` time (1-based). With `busy`, the request
 * is not held but answered "System busy" (HTTP 500) before it takes effect.
 */
export interface Hold {
  action: HoldAction;
  when: 'before' | 'after';
  nth: number;
  busy?: boolean;
}

/** Thrown by a route at a busy hold: the portal's error page answers it with HTTP 500. */
export class PortalBusy extends Error {
  constructor(action: HoldAction) {
    super(`busy at ${action}`);
  }
}

export class FaultControl {
  private faults: Faults;
  private readonly rand: () => number;
  private readonly holds: (Hold & { seen: number; hit: boolean })[] = [];
  private readonly counts = new Map<HoldAction, number>();
  private readonly waiting = new Set<() => void>();
  /** How many requests were answered with a fault, by kind, for tests and the admin API. */
  readonly served = { errors: 0, maintenance: 0, challenges: 0 };

  constructor(seed: number, initial: FaultsInput = {}) {
    this.faults = parseFaults(initial);
    this.rand = seededRandom(seed ^ 0x5eed);
  }

  get current(): Faults {
    return this.faults;
  }

  /** Changes some faults; the others keep their value. */
  set(change: FaultsInput): Faults {
    this.faults = parseFaults({ ...this.faults, ...change });
    return this.faults;
  }

  reset(): Faults {
    this.faults = parseFaults({});
    return this.faults;
  }

  /** Holds the nth request of the action before or after it takes effect, until released. */
  hold(h: Hold): void {
    if (!HOLD_ACTIONS.includes(h.action))
      throw new PortalPageError(`action must be one of: ${HOLD_ACTIONS.join(', ')}`);
    if (!Number.isInteger(h.nth) || h.nth < 1) throw new PortalPageError('nth must be 1 or more');
    if (h.when !== 'before' && h.when !== 'after') throw new PortalPageError('when must be before or after');
    if (h.busy && h.when !== 'before')
      throw new PortalPageError('busy answers come before the action takes effect: when must be before');
    this.holds.push({ ...h, seen: 0, hit: false });
  }

  /** Lets held requests go and forgets every hold. */
  releaseHolds(): void {
    this.holds.length = 0;
    for (const go of this.waiting) go();
    this.waiting.clear();
  }

  holdState() {
    return {
      holds: this.holds.map(({ action, when, nth, busy, hit }) => ({ action, when, nth, busy: !!busy, hit })),
      counts: Object.fromEntries(this.counts),
    };
  }

  /**
   * Called by a route at an action: waits while a hold applies. A held request whose client goes away
   * (a killed worker) never goes on, so a hold "before" means the action never took effect.
   */
  async at(action: HoldAction, when: 'before' | 'after', res: Response): Promise<void> {
    if (when === 'before') this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
    const n = this.counts.get(action) ?? 0;
    const hold = this.holds.find((h) => h.action === action && h.when === when && h.nth === n && !h.hit);
    if (!hold) return;
    hold.hit = true;
    if (hold.busy) {
      this.served.errors++;
      throw new PortalBusy(action);
    }
    await new Promise<void>((resolve) => {
      const go = () => {
        if (!res.writableEnded && !res.destroyed && !res.socket?.destroyed) resolve();
      };
      this.waiting.add(go);
      res.on('close', () => this.waiting.delete(go));
    });
  }

  /** Express middleware for the portal's pages: maintenance, slowness, errors and renamed buttons. */
  middleware() {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/__admin') || req.path === '/healthz' || req.path === '/favicon.ico') {
        next();
        return;
      }
      const f = this.faults;
      if (f.slowMs > 0) await new Promise((r) => setTimeout(r, f.slowMs));
      if (f.maintenance) {
        this.served.maintenance++;
        res.status(503).send(MAINTENANCE_PAGE);
        return;
      }
      if (f.errorRate > 0 && this.rand() < f.errorRate) {
        this.served.errors++;
        res.status(500).send(BUSY_PAGE);
        return;
      }
      const renames = Object.entries(f.renamedButtons);
      if (renames.length > 0) {
        const send = res.send.bind(res);
        res.send = (body?: unknown) => send(typeof body === 'string' ? renameButtons(body, renames) : body);
      }
      next();
    };
  }
}

function parseFaults(input: unknown): Faults {
  const parsed = faultsSchema.safeParse(input);
  if (!parsed.success) {
    const known = Object.keys(faultsSchema.shape);
    throw new PortalPageError(
      `faults: ${describeIssues(parsed.error.issues, input, { known, noun: 'fault' })}`,
    );
  }
  return parsed.data;
}

function renameButtons(html: string, renames: [string, string][]): string {
  let out = html;
  for (const [from, to] of renames) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(<button\\b[^>]*>)\\s*${escaped}\\s*(</button>)`, 'g'), `$1${to}$2`);
  }
  return out;
}

const BUSY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>System busy - AliProtect</title></head>
<body><h1>System busy</h1><p>The system is busy. Please try again later.</p></body></html>`;

const MAINTENANCE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>System maintenance - AliProtect</title></head>
<body><h1>System maintenance</h1><p>The system is under maintenance. Please come back later.</p></body></html>`;
