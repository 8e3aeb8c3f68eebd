/** What every page object shares: waiting for an element the page must have, and failing clearly when it is not there. */
import { errors, type Locator, type Page } from 'playwright';
import { portalChanged, portalUnavailable, SessionExpiredError } from '../failures.ts';
import { nextPageLink } from './table.ts';

/** Tries again of a page or an action the portal answered "busy" (HTTP 5xx) before giving up on it. */
export const BUSY_RETRIES = 3;
/** The wait before try again n: 300 ms, 600 ms, 1.2 s…, each with up to half again of jitter. */
export const busyBackoff = (n: number) =>
  new Promise((r) => setTimeout(r, 300 * 2 ** (n - 1) * (1 + Math.random() / 2)));

export interface PageEnv {
  baseUrl: string;
  artifactDir: string;
  /** How long to wait for an element the page must show. */
  timeoutMs: number;
  /** Whether the portal is showing its sign-in form (the session expired). */
  isSignInPage(page: Page): Promise<boolean>;
  /** The HTTP status of the last page the browser loaded. */
  lastStatus(page: Page): number | undefined;
}

export abstract class PortalPage {
  protected abstract readonly pageName: string;

  constructor(
    protected readonly page: Page,
    protected readonly env: PageEnv,
  ) {}

  /** Waits until the element is visible; a missing element means the portal changed (or the session ended). */
  protected async need(locator: Locator, what: string): Promise<Locator> {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: this.env.timeoutMs });
      return locator;
    } catch (err) {
      if (!(err instanceof errors.TimeoutError)) throw err;
      throw await this.missing(what, err);
    }
  }

  protected async missing(what: string, cause?: unknown): Promise<Error> {
    const status = this.env.lastStatus(this.page);
    if (status !== undefined && status >= 500)
      return portalUnavailable(this.env.baseUrl, `HTTP ${status}`, cause);
    if (await this.env.isSignInPage(this.page)) return new SessionExpiredError();
    return portalChanged(this.page, this.env.artifactDir, this.pageName, what, cause);
  }

  /** Clicks something that loads a new page and waits for it to load. */
  protected async clickAndLoad(locator: Locator, what: string): Promise<void> {
    await (await this.need(locator, what)).first().click();
    await this.page.waitForLoadState('load');
  }

  /**
   * Presses a button that makes the portal act (a form that saves, matches, withdraws) and waits for its
   * answer. An answer that is an error page (HTTP 5xx) or the sign-in form is not taken for success: the
   * action may not have happened, so it is thrown (portal unavailable; session expired) and the step reads
   * the portal again before anything is tried again. Never reloaded here: a POST is not safe to repeat.
   */
  protected async act(locator: Locator, what: string): Promise<void> {
    await this.clickAndLoad(locator, what);
    this.throwIfBusy(what);
    if (await this.env.isSignInPage(this.page)) throw new SessionExpiredError();
  }

  /** Throws portal_unavailable when the portal answered the press of `what` with an error page (HTTP 5xx). */
  protected throwIfBusy(what: string): void {
    const status = this.env.lastStatus(this.page);
    if (status !== undefined && status >= 500)
      throw portalUnavailable(this.env.baseUrl, `HTTP ${status} after pressing ${what}`);
  }

  /**
   * Follows a link or a search form (a GET, safe to repeat) and reloads the page, with backoff and
   * jitter, while the portal answers "busy" (HTTP 5xx).
   */
  protected async follow(locator: Locator, what: string): Promise<void> {
    await this.clickAndLoad(locator, what);
    for (let n = 1; n <= BUSY_RETRIES && (this.env.lastStatus(this.page) ?? 200) >= 500; n++) {
      await busyBackoff(n);
      await this.page.reload({ waitUntil: 'load' });
    }
  }

  /** Goes to the next page of a paginated table when there is one; false on the last page. */
  async nextPage(): Promise<boolean> {
    const next = nextPageLink(this.page);
    if ((await next.count()) === 0) return false;
    await this.follow(next, 'the "next" link');
    return true;
  }

  /** The text of the page's error message, when it shows one. */
  protected async textIfVisible(locator: Locator): Promise<string | null> {
    const first = locator.first();
    return (await first.isVisible()) ? visibleText(await first.textContent()) : null;
  }
}

/** Text as a person reads it: whitespace runs collapsed. */
export function visibleText(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
