import type { App } from '@slack/bolt';
import type { BotDeps } from '../../context.ts';
import { registerIprAdd } from './ipr-add.ts';
import { registerLinksModal } from './links-modal.ts';

export function register(app: App, deps: BotDeps) {
  registerLinksModal(app, deps);
  registerIprAdd(app, deps);
}
