/** Per-method rate limits, off unless asked for: past `max` calls in a window, Slack answers 429 with Retry-After. */

export interface RateLimit {
  /** Calls allowed per window. */
  max: number;
  /** Window length in seconds (Slack's tiers are per minute). Default 60. */
  windowSec?: number | undefined;
}

export class RateLimiter {
  private readonly limits = new Map<string, Required<RateLimit>>();
  private readonly windows = new Map<string, { start: number; count: number }>();

  set(method: string, limit: RateLimit | null): void {
    this.windows.delete(method);
    if (limit === null) this.limits.delete(method);
    else this.limits.set(method, { max: limit.max, windowSec: limit.windowSec ?? 60 });
  }

  /** Count a call; the seconds to wait when it is over the limit, else null. */
  hit(method: string, now = Date.now()): number | null {
    const limit = this.limits.get(method);
    if (!limit) return null;
    const windowMs = limit.windowSec * 1000;
    let window = this.windows.get(method);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(method, window);
    }
    window.count += 1;
    if (window.count <= limit.max) return null;
    return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
  }
}
