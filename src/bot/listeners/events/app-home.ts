/** App Home opened: publish the person's home tab. */
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../context.ts';
import { buildHome } from '../../home.ts';

export function registerAppHome(app: App, deps: BotDeps) {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    const now = (deps.now ?? (() => new Date()))();
    const { tz, holidays } = deps.config.digest;
    await deps.notifier.publishHome(event.user, buildHome(deps.db, { now, tz, holidays }));
  });
}
