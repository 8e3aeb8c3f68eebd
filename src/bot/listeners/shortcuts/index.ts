import type { App } from '@slack/bolt';
import type { BotDeps } from '../../context.ts';
import { registerMessageShortcut } from './message-links.ts';

export function register(app: App, deps: BotDeps) {
  registerMessageShortcut(app, deps);
}
