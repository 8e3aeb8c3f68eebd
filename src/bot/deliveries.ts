/**
 * Slack delivers an event again when it thinks the first delivery failed (same event_id, with
 * X-Slack-Retry-Num). This global middleware lets each event through once; repeats are acked and dropped.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

const KEEP = 10_000;

export function onceEach(): Middleware<AnyMiddlewareArgs> {
  const seen = new Set<string>();
  return async ({ body, next }) => {
    const id = (body as { event_id?: unknown }).event_id;
    if (typeof id === 'string') {
      if (seen.has(id)) return;
      seen.add(id);
      if (seen.size > KEEP) seen.delete(seen.values().next().value as string);
    }
    await next();
  };
}
