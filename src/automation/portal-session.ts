/**
 * One portal session at a time for the account: opened on first use, reused by the worker and the
 * scheduler in turn, closed after it has been idle a while. Calls are serialised, because the portal
 * keeps one signed-in session per account.
 */
import type { PortalDriver } from '../core/ports.ts';

export class PortalSession {
  private driver: Promise<PortalDriver> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly open: () => Promise<PortalDriver>,
    private readonly idleMs = 5 * 60_000,
  ) {}

  /** Runs `fn` with the portal, after any use already under way. */
  use<T>(fn: (portal: PortalDriver) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      try {
        if (!this.driver) this.driver = this.open();
        return await fn(
          await this.driver.catch((err) => {
            this.driver = null;
            throw err;
          }),
        );
      } finally {
        this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
        this.idleTimer.unref();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const d = this.driver;
    this.driver = null;
    if (d) await (await d.catch(() => null))?.close();
  }
}
