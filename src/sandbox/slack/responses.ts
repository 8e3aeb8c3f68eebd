/**
 * What Slack does with a POST to a response_url: replace or delete the message acted on,
 * post in the channel (`in_channel`), or show the person an ephemeral message (the default).
 */
import { SlackApiError } from './api-error.ts';
import { isObject, type JsonObject } from './block-kit.ts';
import { messageContent } from './web-api.ts';
import type { Workspace } from './workspace.ts';

function flag(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Body of a response_url POST: JSON (what Bolt's respond() sends), or form-encoded `payload=`. */
export function responseBody(raw: unknown): JsonObject {
  if (isObject(raw) && typeof raw.payload === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw.payload);
      if (isObject(parsed)) return parsed;
    } catch {
      throw new SlackApiError('invalid_payload');
    }
  }
  if (!isObject(raw)) throw new SlackApiError('invalid_payload');
  return raw;
}

export function respond(ws: Workspace, urlId: string, body: JsonObject): void {
  const target = ws.useResponseUrl(urlId);
  const via = 'response_url' as const;
  const method = 'response_url';

  if (flag(body.delete_original)) {
    if (!target.messageTs) throw new SlackApiError('no_original_message');
    const msg = ws.delete(target.channel, target.messageTs);
    ws.recorder.add({
      kind: 'delete',
      via,
      method,
      channel: msg.channel,
      ts: msg.ts,
      threadTs: msg.threadTs,
      user: msg.ephemeralTo,
    });
    return;
  }

  const { text, blocks } = messageContent(body);
  if (flag(body.replace_original) && target.messageTs) {
    const msg = ws.update(target.channel, target.messageTs, { text, blocks, editor: ws.id.botUserId });
    ws.recorder.add({
      kind: msg.ephemeralTo ? 'ephemeral' : 'update',
      via,
      method,
      channel: msg.channel,
      ts: msg.ts,
      threadTs: msg.threadTs,
      user: msg.ephemeralTo ?? msg.user,
      author: msg.user,
      text: msg.text,
      blocks: msg.blocks,
    });
    return;
  }

  const inChannel = body.response_type === 'in_channel';
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : target.threadTs;
  const msg = ws.post({
    channel: target.channel,
    user: ws.id.botUserId,
    botId: ws.id.botId,
    text,
    blocks,
    threadTs,
    ephemeralTo: inChannel ? null : target.userId,
  });
  ws.recorder.add({
    kind: inChannel ? 'post' : 'ephemeral',
    via,
    method,
    channel: msg.channel,
    ts: msg.ts,
    threadTs: msg.threadTs,
    user: inChannel ? msg.user : target.userId,
    author: msg.user,
    text: msg.text,
    blocks: msg.blocks,
  });
}
