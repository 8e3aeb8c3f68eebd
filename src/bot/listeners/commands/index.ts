import type { App } from '@slack/bolt';
import type { ApproverPolicy } from '../../approvers.ts';
import type { BotDeps } from '../../context.ts';
import { registerTakedownCommand } from './takedown.ts';

export function register(app: App, deps: BotDeps, approvers: ApproverPolicy) {
  registerTakedownCommand(app, deps, approvers);
}
