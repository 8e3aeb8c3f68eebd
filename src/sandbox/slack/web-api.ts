/** The Web API methods the stand-in answers, each as Slack's own: same arguments, same result and error shapes. */
import { SlackApiError } from './api-error.ts';
import { blockErrors, isObject, type JsonObject, MESSAGE_BLOCK_LIMIT, textOf } from './block-kit.ts';
import { permalinkTs } from './ids.ts';
import type { StoredView } from './model.ts';
import type { Workspace } from './workspace.ts';

export type MethodHandler = (ws: Workspace, params: JsonObject) => JsonObject;

/** Slack refuses message text over 40,000 characters. */
const MAX_TEXT = 40_000;

function str(params: JsonObject, name: string): string | undefined {
  const v = params[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function required(params: JsonObject, name: string, error = 'invalid_arguments'): string {
  const v = str(params, name);
  if (!v) {
    if (error === 'invalid_arguments')
      throw SlackApiError.withMessages(error, [`missing required field: ${name}`]);
    throw new SlackApiError(error);
  }
  return v;
}

/** Form-encoded bodies carry JSON arguments as strings; JSON bodies carry them as they are. */
function jsonArg(params: JsonObject, name: string, badFormat: string): unknown {
  const v = params[name];
  if (typeof v !== 'string') return v;
  if (v === '') return undefined;
  try {
    return JSON.parse(v);
  } catch {
    throw new SlackApiError(badFormat);
  }
}

/** The text and blocks of a message, refused as Slack refuses them. */
export function messageContent(params: JsonObject): { text: string; blocks: JsonObject[] | undefined } {
  const text = str(params, 'text') ?? '';
  const blocks = jsonArg(params, 'blocks', 'invalid_blocks_format');
  const attachments = jsonArg(params, 'attachments', 'invalid_attachments');
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
    const errors = blockErrors(blocks, MESSAGE_BLOCK_LIMIT);
    if (errors.length > 0) throw SlackApiError.withMessages('invalid_blocks', errors);
  }
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!text.trim() && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  if (text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  return { text, blocks: blocks as JsonObject[] | undefined };
}

/** A view as the Web API returns it (without the stand-in's own bookkeeping). */
export function viewJson(view: StoredView): JsonObject {
  const { userId: _userId, open: _open, ...json } = view;
  return json;
}

function recordView(
  ws: Workspace,
  kind: 'view_open' | 'view_push' | 'view_update' | 'view_publish',
  method: string,
  view: StoredView,
): JsonObject {
  ws.recorder.add({
    kind,
    via: 'api',
    method,
    user: view.userId,
    text: textOf(view.title),
    blocks: view.blocks,
    view,
  });
  return { view: viewJson(view) };
}

function channelJson(ws: Workspace, id: string): JsonObject {
  const c = ws.channel(id);
  const isIm = c.id.startsWith('D');
  return {
    id: c.id,
    name: isIm ? undefined : c.name,
    name_normalized: isIm ? undefined : c.name,
    is_channel: !isIm,
    is_im: isIm,
    is_private: false,
    is_archived: false,
    is_member: c.botIsMember !== false,
    created: 1_600_000_000,
    ...(isIm ? { user: `U${c.id.slice(1)}` } : {}),
  };
}

export const METHODS: Record<string, MethodHandler> = {
  'auth.test': (ws) => ({
    url: `${ws.id.baseUrl}`,
    team: ws.id.teamDomain,
    user: ws.id.botName,
    team_id: ws.id.teamId,
    user_id: ws.id.botUserId,
    bot_id: ws.id.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (ws, params) => {
    const channel = ws.postable(required(params, 'channel', 'channel_not_found'));
    const { text, blocks } = messageContent(params);
    const msg = ws.post({
      channel: channel.id,
      user: ws.id.botUserId,
      botId: ws.id.botId,
      text,
      blocks,
      threadTs: str(params, 'thread_ts'),
    });
    ws.recorder.add({
      kind: 'post',
      via: 'api',
      method: 'chat.postMessage',
      channel: msg.channel,
      ts: msg.ts,
      threadTs: msg.threadTs,
      user: msg.user,
      author: msg.user,
      text: msg.text,
      blocks: msg.blocks,
    });
    return { channel: msg.channel, ts: msg.ts, message: ws.messageJson(msg) };
  },

  'chat.update': (ws, params) => {
    const channel = ws.channel(required(params, 'channel', 'channel_not_found'));
    const ts = required(params, 'ts', 'message_not_found');
    const existing = ws.message(channel.id, ts);
    if (!existing) throw new SlackApiError('message_not_found');
    if (existing.user !== ws.id.botUserId || existing.ephemeralTo)
      throw new SlackApiError('cant_update_message');
    const { text, blocks } = messageContent(params);
    const msg = ws.update(channel.id, ts, { text, blocks, editor: ws.id.botUserId });
    ws.recorder.add({
      kind: 'update',
      via: 'api',
      method: 'chat.update',
      channel: msg.channel,
      ts: msg.ts,
      threadTs: msg.threadTs,
      user: msg.user,
      author: msg.user,
      text: msg.text,
      blocks: msg.blocks,
    });
    return { channel: msg.channel, ts: msg.ts, text: msg.text, message: ws.messageJson(msg) };
  },

  'chat.delete': (ws, params) => {
    const channel = ws.channel(required(params, 'channel', 'channel_not_found'));
    const ts = required(params, 'ts', 'message_not_found');
    const existing = ws.message(channel.id, ts);
    if (!existing) throw new SlackApiError('message_not_found');
    if (existing.user !== ws.id.botUserId) throw new SlackApiError('cant_delete_message');
    const msg = ws.delete(channel.id, ts);
    ws.recorder.add({
      kind: 'delete',
      via: 'api',
      method: 'chat.delete',
      channel: msg.channel,
      ts,
      threadTs: msg.threadTs,
    });
    return { channel: msg.channel, ts };
  },

  'chat.postEphemeral': (ws, params) => {
    const channel = ws.postable(required(params, 'channel', 'channel_not_found'));
    const user = ws.user(required(params, 'user', 'user_not_found'));
    const { text, blocks } = messageContent(params);
    const msg = ws.post({
      channel: channel.id,
      user: ws.id.botUserId,
      botId: ws.id.botId,
      text,
      blocks,
      threadTs: str(params, 'thread_ts'),
      ephemeralTo: user.id,
    });
    ws.recorder.add({
      kind: 'ephemeral',
      via: 'api',
      method: 'chat.postEphemeral',
      channel: msg.channel,
      ts: msg.ts,
      threadTs: msg.threadTs,
      user: user.id,
      author: msg.user,
      text: msg.text,
      blocks: msg.blocks,
    });
    return { message_ts: msg.ts };
  },

  'chat.getPermalink': (ws, params) => {
    const channel = ws.channel(required(params, 'channel', 'channel_not_found'));
    const msg = ws.message(channel.id, required(params, 'message_ts', 'message_not_found'));
    if (!msg || msg.ephemeralTo) throw new SlackApiError('message_not_found');
    const thread = msg.threadTs ? `?thread_ts=${msg.threadTs}&cid=${channel.id}` : '';
    return {
      channel: channel.id,
      permalink: `${ws.id.baseUrl}archives/${channel.id}/${permalinkTs(msg.ts)}${thread}`,
    };
  },

  'conversations.info': (ws, params) => ({
    channel: channelJson(ws, required(params, 'channel', 'channel_not_found')),
  }),

  'conversations.join': (ws, params) => {
    const channel = ws.join(required(params, 'channel', 'channel_not_found'));
    return { channel: channelJson(ws, channel.id) };
  },

  'users.info': (ws, params) => {
    const u = ws.user(required(params, 'user', 'user_not_found'));
    const realName = u.realName ?? u.name;
    return {
      user: {
        id: u.id,
        team_id: ws.id.teamId,
        name: u.name,
        deleted: false,
        real_name: realName,
        tz: 'UTC',
        is_admin: false,
        is_bot: u.isBot === true,
        profile: {
          real_name: realName,
          display_name: u.name,
          real_name_normalized: realName,
          display_name_normalized: u.name,
        },
      },
    };
  },

  'usergroups.users.list': (ws, params) => ({
    users: [...ws.usergroup(required(params, 'usergroup', 'no_such_subteam')).users],
  }),

  'views.open': (ws, params) => {
    const userId = ws.useTrigger(required(params, 'trigger_id'));
    return recordView(
      ws,
      'view_open',
      'views.open',
      ws.views.open(userId, jsonArg(params, 'view', 'invalid_arguments')),
    );
  },

  'views.push': (ws, params) => {
    const userId = ws.useTrigger(required(params, 'trigger_id'));
    return recordView(
      ws,
      'view_push',
      'views.push',
      ws.views.push(userId, jsonArg(params, 'view', 'invalid_arguments')),
    );
  },

  'views.update': (ws, params) => {
    const ref = {
      viewId: str(params, 'view_id'),
      externalId: str(params, 'external_id'),
      hash: str(params, 'hash'),
    };
    if (!ref.viewId && !ref.externalId)
      throw SlackApiError.withMessages('invalid_arguments', ['missing view_id or external_id']);
    return recordView(
      ws,
      'view_update',
      'views.update',
      ws.views.update(ref, jsonArg(params, 'view', 'invalid_arguments')),
    );
  },

  'views.publish': (ws, params) => {
    const user = ws.user(required(params, 'user_id', 'user_not_found'));
    return recordView(
      ws,
      'view_publish',
      'views.publish',
      ws.views.publish(user.id, jsonArg(params, 'view', 'invalid_arguments')),
    );
  },

  'files.info': (ws, params) => ({
    file: ws.files.info(required(params, 'file', 'file_not_found')),
    comments: [],
    response_metadata: { next_cursor: '' },
  }),

  'files.getUploadURLExternal': (ws, params) => {
    const filename = required(params, 'filename');
    const length = Number(required(params, 'length'));
    if (!Number.isInteger(length) || length < 0)
      throw SlackApiError.withMessages('invalid_arguments', ['length must be a whole number']);
    return ws.files.reserve(filename);
  },

  'files.completeUploadExternal': (ws, params) => {
    const list = jsonArg(params, 'files', 'invalid_arguments');
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((f) => isObject(f) && typeof f.id === 'string')
    ) {
      throw SlackApiError.withMessages('invalid_arguments', [
        'files must be a JSON array of {"id", "title"}',
      ]);
    }
    const channelId = str(params, 'channel_id');
    const channel = channelId ? ws.postable(channelId) : undefined;
    const files = list.map((f) =>
      ws.files.complete(String(f.id), {
        title: typeof f.title === 'string' ? f.title : undefined,
        userId: ws.id.botUserId,
        channel: channel?.id,
      }),
    );
    const text = str(params, 'initial_comment') ?? '';
    const blocks = jsonArg(params, 'blocks', 'invalid_blocks_format');
    const shared = channel
      ? ws.post({
          channel: channel.id,
          user: ws.id.botUserId,
          botId: ws.id.botId,
          text,
          blocks: Array.isArray(blocks) ? (blocks as JsonObject[]) : undefined,
          threadTs: str(params, 'thread_ts'),
          files,
        })
      : undefined;
    ws.recorder.add({
      kind: 'file_upload',
      via: 'api',
      method: 'files.completeUploadExternal',
      channel: shared?.channel ?? null,
      ts: shared?.ts ?? null,
      threadTs: shared?.threadTs ?? null,
      user: ws.id.botUserId,
      author: ws.id.botUserId,
      text,
      blocks: shared?.blocks ?? [],
      files,
    });
    return { files };
  },
};
