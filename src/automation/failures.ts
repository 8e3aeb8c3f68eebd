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

/** What the browser's network error codes mean for a person who set PORTAL_URL. */
const NETWORK_TROUBLE: Record<string, string> = {
  'net::ERR_CONNECTION_REFUSED': 'Nothing answered at that address',
  'net::ERR_CONNECTION_RESET': 'The connection was cut off',
  'net::ERR_CONNECTION_TIMED_OUT': 'It did not answer in time',
  'net::ERR_TIMED_OUT': 'It did not answer in time',
  'net::ERR_NAME_NOT_RESOLVED': 'There is no host of that name',
  'net::ERR_ADDRESS_UNREACHABLE': 'That address cannot be reached from here',
  'net::ERR_INTERNET_DISCONNECTED': 'This machine is not connected to the network',
};

/**
 * A `portalUnavailable` error said for a terminal: the person checks PORTAL_URL and that the portal is up,
 * then runs the command again (Slack's "press Retry" has no meaning there). The message, which names the
 * portal's address, stays as it is; only the hint changes.
 */
export function portalUnavailableInTerminal(err: TakedownError): TakedownError {
  const message = err.userMessage;
  const again = 'then run the command again.';
  const check = 'check that PORTAL_URL is the portal’s address and that the portal is up';
  const code = /net::ERR_[A-Z_]+/.exec(message)?.[0];
  let hint: string;
  if (code === 'net::ERR_UNSAFE_PORT') {
    const address = /^The portal at (\S+) did not/.exec(message)?.[1] ?? '';
    const port = URL.canParse(address) ? new URL(address).port : '';
    hint = `Chromium never connects to ${port ? `port ${port}` : 'that port'} (it is kept for other services): set PORTAL_URL to the portal’s address, ${again}`;
  } else if (/\(HTTP 5\d\d\b/.test(message)) {
    hint = `The portal answered that it is busy or down for maintenance: wait until it answers again, ${again}`;
  } else {
    const trouble = code ? NETWORK_TROUBLE[code] : undefined;
    hint = trouble ? `${trouble}: ${check}, ${again}` : `Please ${check}, ${again}`;
  }
  return new TakedownError(err.code, message, { hint, cause: err });
}
