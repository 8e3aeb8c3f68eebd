/** Cookie sessions of the simulated portal: who is signed in, and the one-shot message for the next page. */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { PasteRefusal } from './state.ts';

export const SESSION_COOKIE = 'aliprotect_session';

export interface Flash {
  notice?: string | undefined;
  error?: string | undefined;
  refused?: PasteRefusal[] | undefined;
}

interface Session {
  user: string;
  flash: Flash | undefined;
  startedAt: number;
}

/** A slider check shown at sign-in: waiting until a person passes it. */
export interface Challenge {
  account: string;
  returnTo: string;
  passed: boolean;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly challenges = new Map<string, Challenge>();

  /** `ttlMs()`: how long a session lasts (0: until signed out). */
  constructor(private readonly ttlMs: () => number = () => 0) {}

  start(res: Response, user: string): void {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { user, flash: undefined, startedAt: Date.now() });
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/' });
  }

  /** Starts a slider check for a sign-in; returns its token. */
  startChallenge(account: string, returnTo: string): string {
    const token = randomBytes(16).toString('base64url');
    this.challenges.set(token, { account, returnTo, passed: false });
    return token;
  }

  challenge(token: string): Challenge | undefined {
    return this.challenges.get(token);
  }

  /** A person passed the check (or an admin says so); the next look at it signs in. */
  passChallenge(token: string): boolean {
    const c = this.challenges.get(token);
    if (c) c.passed = true;
    return Boolean(c);
  }

  /** Admin: every waiting check counts as passed; returns how many there were. */
  passAllChallenges(): number {
    let n = 0;
    for (const c of this.challenges.values()) {
      if (c.passed) continue;
      c.passed = true;
      n++;
    }
    return n;
  }

  endChallenge(token: string): void {
    this.challenges.delete(token);
  }

  /** The signed-in user of this request, or null. */
  userOf(req: Request): string | null {
    return this.find(req)?.user ?? null;
  }

  end(req: Request, res: Response): void {
    const token = tokenOf(req);
    if (token) this.sessions.delete(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  setFlash(req: Request, flash: Flash): void {
    const s = this.find(req);
    if (s) s.flash = flash;
  }

  takeFlash(req: Request): Flash {
    const s = this.find(req);
    const flash = s?.flash ?? {};
    if (s) s.flash = undefined;
    return flash;
  }

  /** Signs everyone out (a session that expired); returns how many sessions there were. */
  expireAll(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  private find(req: Request): Session | undefined {
    const token = tokenOf(req);
    const s = token ? this.sessions.get(token) : undefined;
    const ttl = this.ttlMs();
    if (s && token && ttl > 0 && Date.now() - s.startedAt >= ttl) {
      this.sessions.delete(token);
      return undefined;
    }
    return s;
  }
}

function tokenOf(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' ? value : undefined;
}
