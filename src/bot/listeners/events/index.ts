import type { App } from '@slack/bolt';
import type { BotDeps } from '../../context.ts';
import { registerAppHome } from './app-home.ts';
import { registerFileShared } from './file-shared.ts';

export function register(app: App, deps: BotDeps) {
  registerFileShared(app, deps);
  registerAppHome(app, deps);
}
