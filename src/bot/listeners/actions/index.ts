import type { App } from '@slack/bolt';
import type { BotDeps } from '../../context.ts';
import { registerApproval } from './approval.ts';

export function register(app: App, deps: BotDeps) {
  registerApproval(app, deps);
}
