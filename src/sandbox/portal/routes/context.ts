/** What every route module gets: the state, the sessions, and helpers shared by the forms. */
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import type { FaultControl } from '../faults.ts';
import { documentProblem, MAX_DOCUMENT_BYTES } from '../ipr-form.ts';
import { PATHS } from '../paths.ts';
import type { SessionStore } from '../session.ts';
import type { PortalState, StoredDocument } from '../state.ts';

export interface PortalContext {
  state: PortalState;
  sessions: SessionStore;
  faults: FaultControl;
}

/** Sends visitors who are not signed in to the sign-in page; sets res.locals.user for the others. */
export function requireUser(ctx: PortalContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = ctx.sessions.userOf(req);
    if (!user) {
      const back = req.method === 'GET' ? req.originalUrl : '';
      res.redirect(303, back ? `${PATHS.login}?returnTo=${encodeURIComponent(back)}` : PATHS.login);
      return;
    }
    res.locals.user = user;
    next();
  };
}

export function userOf(res: Response): string {
  return String(res.locals.user);
}

/** A form field as one trimmed string ('' when absent). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A repeated text form field as trimmed, non-empty strings. */
export function list(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A repeated numeric form field (checkbox ids) as numbers. */
export function ids(body: unknown, name: string): number[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0);
}

export function pageNumber(raw: unknown, pages: number): number {
  const n = Number(raw);
  return Number.isInteger(n) ? Math.min(Math.max(n, 1), Math.max(pages, 1)) : 1;
}

export function slice<T>(items: T[], page: number, pageSize: number): { rows: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return { rows: items.slice((page - 1) * pageSize, page * pageSize), pages };
}

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_DOCUMENT_BYTES, files: 10 },
}).array('documents');

/** Parses a multipart form ("Add Documents"); returns the accepted documents or what is wrong with them. */
export function readMultipart(
  req: Request,
  res: Response,
): Promise<{ documents: StoredDocument[]; error?: string }> {
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        resolve({
          documents: [],
          error:
            err.code === 'LIMIT_FILE_SIZE'
              ? 'Each file must not exceed 2MB.'
              : `The upload failed: ${err.message}.`,
        });
        return;
      }
      if (err) {
        reject(err);
        return;
      }
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const problems = files.map(documentProblem).filter((p): p is string => p !== null);
      resolve({
        documents: files.map((f) => ({ name: f.originalname, size: f.size })),
        ...(problems.length ? { error: problems.join(' ') } : {}),
      });
    });
  });
}
