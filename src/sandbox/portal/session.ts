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
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  start(res: Response, user: string): void {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { user, flash: undefined });
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/' });
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
    return token ? this.sessions.get(token) : undefined;
  }
}

function tokenOf(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' ? value : undefined;
}
