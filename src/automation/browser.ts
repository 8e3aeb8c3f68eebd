/**
 * The browser side of the automation: Debian's Chromium launched once and shared, one context per
 * job, and the signed-in session kept in a file (mode 0600) so the next job need not sign in again.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright';
import { findChromium } from '../config.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserOptions {
  chromiumPath?: string | undefined;
  headless?: boolean | undefined;
}

/** A use of the shared browser; release it when the job is done (the last release closes Chromium). */
export interface BrowserLease {
  browser: Browser;
  release(): Promise<void>;
}

interface Shared {
  browser: Promise<Browser>;
  users: number;
}

const shared = new Map<string, Shared>();

export async function acquireBrowser(opts: BrowserOptions = {}): Promise<BrowserLease> {
  const executablePath = findChromium(opts.chromiumPath);
  const headless = opts.headless ?? true;
  const key = `${executablePath}|${headless}`;
  let entry = shared.get(key);
  if (!entry) {
    const launching = chromium.launch({ executablePath, headless, args: CHROMIUM_ARGS });
    const created: Shared = { browser: launching, users: 0 };
    entry = created;
    shared.set(key, created);
    launching.then(
      (b) => b.on('disconnected', () => shared.get(key) === created && shared.delete(key)),
      () => shared.get(key) === created && shared.delete(key),
    );
  }
  entry.users++;
  const mine = entry;
  let browser: Browser;
  try {
    browser = await mine.browser;
  } catch (err) {
    mine.users--;
    throw err;
  }
  let released = false;
  return {
    browser,
    release: async () => {
      if (released) return;
      released = true;
      mine.users--;
      if (mine.users === 0) {
        if (shared.get(key) === mine) shared.delete(key);
        await browser.close();
      }
    },
  };
}

/** Where the signed-in state of one user on one portal is kept. */
export function sessionFile(sessionDir: string, baseUrl: string, user: string): string {
  const id = createHash('sha256').update(`${baseUrl}\n${user}`).digest('hex').slice(0, 16);
  return join(sessionDir, `portal-session-${id}.json`);
}

/** A fresh context for one job, starting from the saved session when there is one. */
export async function newJobContext(browser: Browser, storagePath: string): Promise<BrowserContext> {
  const saved = await readSession(storagePath);
  return browser.newContext(saved ? { storageState: saved } : {});
}

async function readSession(path: string) {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Exclude<
      Parameters<Browser['newContext']>[0],
      undefined
    >['storageState'];
  } catch {
    // No saved session yet, or an unreadable one: the job signs in afresh and overwrites it.
    return undefined;
  }
}

/** Saves the context's cookies and storage, readable by this user only. */
export async function saveSession(
  context: BrowserContext,
  storagePath: string,
  sessionDir: string,
): Promise<void> {
  await mkdir(sessionDir, { recursive: true, mode: 0o700 });
  const state = await context.storageState();
  await writeFile(storagePath, JSON.stringify(state), { mode: 0o600 });
  await chmod(storagePath, 0o600);
}
