/** The Bolt app: HTTP mode at /slack/events (signed requests), or Socket Mode when an app token is set. */
import { App } from '@slack/bolt';
import { TakedownError } from '../core/errors.ts';
import { ApproverPolicy } from './approvers.ts';
import { boltLogger } from './bolt-logger.ts';
import type { BotDeps } from './context.ts';
import { onceEach } from './deliveries.ts';
import { register as registerActions } from './listeners/actions/index.ts';
import { register as registerCommands } from './listeners/commands/index.ts';
import { register as registerEvents } from './listeners/events/index.ts';
import { register as registerShortcuts } from './listeners/shortcuts/index.ts';
import { register as registerViews } from './listeners/views/index.ts';

export function createBoltApp(deps: BotDeps): App {
  const { slack } = deps.config;
  if (!slack.botToken) {
    throw new TakedownError('config', 'SLACK_BOT_TOKEN is not set.', {
      hint: 'Install the app from manifest.json and copy its Bot User OAuth Token (xoxb-…).',
    });
  }
  if (!slack.appToken && !slack.signingSecret) {
    throw new TakedownError(
      'config',
      'Neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is set.',
      {
        hint: 'Copy the Signing Secret from the app’s Basic Information page, or create an app-level token with connections:write.',
      },
    );
  }
  const app = new App({
    token: slack.botToken,
    ...(slack.botId ? { botId: slack.botId } : {}),
    ...(slack.botUserId ? { botUserId: slack.botUserId } : {}),
    logger: boltLogger(deps.logger),
    ...(slack.apiUrl ? { clientOptions: { slackApiUrl: slack.apiUrl } } : {}),
    ...(slack.appToken
      ? { socketMode: true, appToken: slack.appToken }
      : {
          signingSecret: slack.signingSecret as string,
          customRoutes: [
            { path: '/healthz', method: ['GET'], handler: (_req, res) => void res.writeHead(200).end('ok') },
          ],
        }),
  });
  app.use(onceEach());
  const approvers = new ApproverPolicy(slack, app.client);
  registerCommands(app, deps, approvers);
  registerActions(app, deps, approvers);
  registerViews(app, deps);
  registerShortcuts(app, deps);
  registerEvents(app, deps);
  app.error(async (err) => {
    deps.logger.error({ err }, 'unhandled error in a listener');
  });
  return app;
}
