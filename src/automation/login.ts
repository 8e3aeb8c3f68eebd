/**
 * `takedown login`: a person signs in to the portal in a visible browser (passing any slider check or
 * challenge themselves; the app never tries), the signed-in session is saved where the worker finds it,
 * and batches waiting in needs_login go back to the worker's queue.
 */
import { eq, sql } from 'drizzle-orm';
import type { Page, Response } from 'playwright';
import { TakedownError } from '../core/errors.ts';
import type { Db } from '../db/connection.ts';
import { batches } from '../db/schema.ts';
import { acquireBrowser, newJobContext, saveSession, sessionFile } from './browser.ts';
import { portalUnavailable } from './failures.ts';
import { LoginPage } from './pages/login-page.ts';
import type { PageEnv } from './pages/portal-page.ts';

export interface InteractiveLoginOptions {
  baseUrl: string;
  user: string;
  /** Filled in for the person when known; they can still type it. */
  password?: string | undefined;
  chromiumPath?: string | undefined;
  /** Default false: a window a person can use. */
  headless?: boolean | undefined;
  sessionDir: string;
  artifactDir: string;
  /** How long to wait for the person to finish signing in. Default 10 minutes. */
  waitMs?: number | undefined;
  /** Tells the person what to do. */
  say?: ((line: string) => void) | undefined;
}

/** Opens the portal's sign-in page, waits until a person has signed in, saves the session; returns its file. */
export async function interactiveLogin(o: InteractiveLoginOptions): Promise<string> {
  const say = o.say ?? (() => undefined);
  const baseUrl = o.baseUrl.replace(/\/+$/, '');
  const storagePath = sessionFile(o.sessionDir, baseUrl, o.user);
  const headless = o.headless ?? false;
  if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new TakedownError(
      'config',
      'There is no screen here to open the sign-in window on (DISPLAY is not set).',
      {
        hint: 'Run `takedown login` on a machine with a screen, with the same DB_PATH and SESSION_DIR (or copy the saved session file, mode 0600, to SESSION_DIR).',
      },
    );
  }
  const lease = await acquireBrowser({ chromiumPath: o.chromiumPath, headless });
  const context = await newJobContext(lease.browser, storagePath);
  try {
    const page = await context.newPage();
    const env: PageEnv = {
      baseUrl,
      artifactDir: o.artifactDir,
      timeoutMs: 30_000,
      isSignInPage: (p) => new LoginPage(p, env).isShown(),
      lastStatus: () => undefined,
    };
    const login = new LoginPage(page, env);
    await openPortal(page, baseUrl);
    if (!(await login.waitForEitherState())) {
      await login.userId.first().fill(o.user);
      if (o.password) {
        await login.password.first().fill(o.password);
        await login.signInButton.first().click();
      }
      say(
        `A browser window shows the portal's sign-in for ${o.user}. Sign in there and pass any check it shows (a slider, a code); ` +
          `this command saves the session once the portal shows "Sign out".`,
      );
      try {
        await login.signedIn.first().waitFor({ state: 'visible', timeout: o.waitMs ?? 10 * 60_000 });
      } catch (err) {
        throw new TakedownError(
          'needs_login',
          `Nobody finished signing in to the portal as ${o.user} in time.`,
          {
            hint: 'Run `takedown login` again and complete the sign-in in the browser window.',
            cause: err,
          },
        );
      }
    }
    await saveSession(context, storagePath, o.sessionDir);
    return storagePath;
  } finally {
    await context.close().catch(() => undefined);
    await lease.release();
  }
}

/** Opens the portal's address; an address that does not answer (or answers busy) is said as such, not as a browser error. */
async function openPortal(page: Page, baseUrl: string): Promise<void> {
  let res: Response | null;
  try {
    res = await page.goto(baseUrl, { waitUntil: 'load', timeout: 30_000 });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const detail =
      /net::ERR_[A-Z_]+/.exec(message)?.[0] ??
      (/Timeout \d+ms exceeded/.test(message) ? 'no answer within 30 seconds' : 'the page did not load');
    throw portalUnavailable(baseUrl, detail, err);
  }
  if (res && res.status() >= 500) throw portalUnavailable(baseUrl, `HTTP ${res.status()}`);
}

/** Batches stopped for a sign-in go back to the worker (it resumes each from its saved chunk steps); returns how many. */
export function resumeWaitingBatches(db: Db): number {
  return db
    .update(batches)
    .set({ status: 'approved', error: null, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(batches.status, 'needs_login'))
    .run().changes;
}
