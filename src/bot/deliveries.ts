/**
 * Each delivery from Slack is handled once.
 * - Events: Slack delivers an event again when it thinks the first delivery failed (same event_id, with
 *   X-Slack-Retry-Num); repeats are dropped (Bolt has acked them already).
 * - Commands, clicks, view submissions and shortcuts: Slack gives each one a fresh trigger_id, which the
 *   signature covers. Bolt accepts an identical signed request again for 5 minutes, so a request whose
 *   trigger_id was seen is a replay: it is acked empty and dropped.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

const KEEP = 10_000;

/** The ids seen most recently, at most KEEP of them (Slack's replay window holds far fewer). */
class RecentIds {
  private readonly seen = new Set<string>();

  /** True the first time an id is offered. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > KEEP) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

export function onceEach(): Middleware<AnyMiddlewareArgs> {
  const events = new RecentIds();
  const triggers = new RecentIds();
  return async (args) => {
    const body = args.body as { event_id?: unknown; trigger_id?: unknown };
    if (typeof body.event_id === 'string' && !events.firstTime(body.event_id)) return;
    if (typeof body.trigger_id === 'string' && !triggers.firstTime(body.trigger_id)) {
      args.logger.warn(`dropped a replayed Slack request (trigger ${body.trigger_id})`);
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    await args.next();
  };
}
