/**
 * Who may approve a takedown request: the user ids in APPROVERS and the members of APPROVER_GROUP
 * (none of either: anyone), and with FOUR_EYES never the person who asked.
 */
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.ts';

export type Verdict = { ok: true } | { ok: false; reason: string };

const GROUP_TTL_MS = 60_000;

export class ApproverPolicy {
  private group: { members: Set<string>; at: number } | null = null;

  constructor(
    private readonly slack: Config['slack'],
    private readonly client: WebClient,
  ) {}

  /** May `user` approve a request `requestedBy` made? */
  async mayApprove(user: string, requestedBy: string): Promise<Verdict> {
    if (this.slack.fourEyes && user === requestedBy) {
      return {
        ok: false,
        reason:
          'You asked for this takedown, and this workspace wants a second person to approve it (four eyes). Ask another approver.',
      };
    }
    if (await this.isApprover(user)) return { ok: true };
    return {
      ok: false,
      reason: `You are not one of the approvers of takedown requests. Ask one of them to approve; the app admin sets who may (APPROVERS${this.slack.approverGroup ? ', or the user group' : ''}).`,
    };
  }

  /** Is `user` an approver (ignoring four eyes)? */
  async isApprover(user: string): Promise<boolean> {
    const { approvers, approverGroup } = this.slack;
    if (approvers.length === 0 && !approverGroup) return true;
    if (approvers.includes(user)) return true;
    return approverGroup ? (await this.groupMembers(approverGroup)).has(user) : false;
  }

  private async groupMembers(group: string): Promise<Set<string>> {
    if (this.group && Date.now() - this.group.at < GROUP_TTL_MS) return this.group.members;
    const res = await this.client.usergroups.users.list({ usergroup: group });
    this.group = { members: new Set(res.users ?? []), at: Date.now() };
    return this.group.members;
  }
}
