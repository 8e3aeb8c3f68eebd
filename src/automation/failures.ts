/** How the automation turns what it meets on the portal into TakedownErrors, with screenshots as evidence. */
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { TakedownError } from '../core/errors.ts';

/** Thrown inside a step when the portal shows its sign-in form instead: the driver signs in and retries. */
export class SessionExpiredError extends Error {
  constructor() {
    super('The portal session expired.');
    this.name = 'SessionExpiredError';
  }
}

/** Saves a full-page screenshot under artifactDir; returns its path, or a note when that failed too. */
export async function screenshot(page: Page, artifactDir: string, what: string): Promise<string> {
  const slug = what
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);
  const path = join(artifactDir, `portal-${new Date().toISOString().replace(/[:.]/g, '-')}-${slug}.png`);
  try {
    await mkdir(artifactDir, { recursive: true, mode: 0o700 });
    await page.screenshot({ path, fullPage: true });
    await chmod(path, 0o600);
    return path;
  } catch {
    return '(no screenshot: the page could not be captured)';
  }
}

export async function portalChanged(
  page: Page,
  artifactDir: string,
  pageName: string,
  what: string,
  cause?: unknown,
) {
  const shot = await screenshot(page, artifactDir, `${pageName} ${what}`);
  return new TakedownError(
    'portal_changed',
    `The portal's ${pageName} page no longer shows ${what}, so the automation stopped. Screenshot: ${shot}`,
    { hint: 'The portal may have changed its pages; a developer needs to update the page objects.', cause },
  );
}

export function portalUnavailable(baseUrl: string, detail: string, cause?: unknown): TakedownError {
  return new TakedownError(
    'portal_unavailable',
    `The portal at ${baseUrl} did not respond properly (${detail}).`,
    {
      hint: 'This is usually temporary: press Retry on the request once the portal answers again; nothing is filed twice.',
      cause,
    },
  );
}
