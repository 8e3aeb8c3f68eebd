import type { App } from '@slack/bolt';
import type { BotDeps } from '../../context.ts';
import { registerTakedownCommand } from './takedown.ts';

export function register(app: App, deps: BotDeps) {
  registerTakedownCommand(app, deps);
}
