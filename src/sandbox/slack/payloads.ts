/**
 * The bodies Slack sends an app, shaped as Bolt and @slack/types read them: slash commands,
 * block_actions, view_submission, message_action, and Events API envelopes.
 */
import type { JsonObject } from './block-kit.ts';
import { slackId } from './ids.ts';
import type { StoredMessage, StoredView } from './model.ts';
import type { StateValues } from './state-values.ts';
import { viewJson } from './web-api.ts';
import type { Workspace } from './workspace.ts';

/** Slack's legacy verification token, still sent in every payload. */
export const VERIFICATION_TOKEN = 'sandboxverificationtoken';

export function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

function team(ws: Workspace): JsonObject {
  return { id: ws.id.teamId, domain: ws.id.teamDomain };
}

function person(ws: Workspace, userId: string): JsonObject {
  const u = ws.user(userId);
  return { id: u.id, username: u.name, name: u.name, team_id: ws.id.teamId };
}

function channelRef(ws: Workspace, channelId: string): JsonObject {
  const c = ws.channel(channelId);
  return { id: c.id, name: c.id.startsWith('D') ? 'directmessage' : c.name };
}

export function slashCommandBody(
  ws: Workspace,
  a: {
    command: string;
    text: string;
    userId: string;
    channelId: string;
    triggerId: string;
    responseUrl: string;
  },
): Record<string, string> {
  const channel = channelRef(ws, a.channelId);
  return {
    token: VERIFICATION_TOKEN,
    team_id: ws.id.teamId,
    team_domain: ws.id.teamDomain,
    channel_id: String(channel.id),
    channel_name: String(channel.name),
    user_id: a.userId,
    user_name: ws.user(a.userId).name,
    command: a.command,
    text: a.text,
    api_app_id: ws.id.appId,
    is_enterprise_install: 'false',
    response_url: a.responseUrl,
    trigger_id: a.triggerId,
  };
}

export function blockActionsPayload(
  ws: Workspace,
  a: {
    message: StoredMessage;
    userId: string;
    action: JsonObject;
    state: StateValues;
    triggerId: string;
    responseUrl: string;
  },
): JsonObject {
  const { message } = a;
  const ephemeral = message.ephemeralTo !== null;
  return {
    type: 'block_actions',
    user: person(ws, a.userId),
    api_app_id: ws.id.appId,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: ephemeral,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    },
    trigger_id: a.triggerId,
    team: team(ws),
    enterprise: null,
    is_enterprise_install: false,
    channel: channelRef(ws, message.channel),
    ...(ephemeral ? {} : { message: ws.messageJson(message) }),
    state: { values: a.state },
    response_url: a.responseUrl,
    actions: [a.action],
  };
}

export function viewSubmissionPayload(
  ws: Workspace,
  a: { view: StoredView; userId: string; state: StateValues; triggerId: string },
): JsonObject {
  return {
    type: 'view_submission',
    team: team(ws),
    user: person(ws, a.userId),
    api_app_id: ws.id.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: a.triggerId,
    view: { ...viewJson(a.view), state: { values: a.state } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function messageShortcutPayload(
  ws: Workspace,
  a: { callbackId: string; message: StoredMessage; userId: string; triggerId: string; responseUrl: string },
): JsonObject {
  return {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: actionTs(),
    team: team(ws),
    user: person(ws, a.userId),
    channel: channelRef(ws, a.message.channel),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: a.callbackId,
    trigger_id: a.triggerId,
    response_url: a.responseUrl,
    message_ts: a.message.ts,
    message: ws.messageJson(a.message),
  };
}

/** An Events API `event_callback` envelope around one event. */
export function eventEnvelope(ws: Workspace, event: JsonObject): JsonObject {
  return {
    token: VERIFICATION_TOKEN,
    team_id: ws.id.teamId,
    context_team_id: ws.id.teamId,
    context_enterprise_id: null,
    api_app_id: ws.id.appId,
    event,
    type: 'event_callback',
    event_id: slackId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: ws.id.teamId,
        user_id: ws.id.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${ws.id.teamId}:${Date.now()}`).toString('base64url')}`,
  };
}

/** The two events Slack delivers when a person shares a file in a channel. */
export function fileShareEvents(
  ws: Workspace,
  message: StoredMessage,
): { fileShared: JsonObject; message: JsonObject } {
  const [file] = message.files;
  const channelType = message.channel.startsWith('D') ? 'im' : 'channel';
  return {
    fileShared: {
      type: 'file_shared',
      channel_id: message.channel,
      file_id: file?.id,
      user_id: message.user,
      file: { id: file?.id },
      event_ts: message.ts,
    },
    message: {
      ...ws.messageJson(message),
      channel: message.channel,
      event_ts: message.ts,
      channel_type: channelType,
    },
  };
}
