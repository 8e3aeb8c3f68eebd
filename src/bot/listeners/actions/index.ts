import type { App } from '@slack/bolt';
import type { ApproverPolicy } from '../../approvers.ts';
import type { BotDeps } from '../../context.ts';
import { registerApproval } from './approval.ts';
import { registerSearchTriage } from './search-triage.ts';

export function register(app: App, deps: BotDeps, approvers: ApproverPolicy) {
  registerApproval(app, deps, approvers);
  registerSearchTriage(app, deps);
}
