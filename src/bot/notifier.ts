/**
 * The Notifier port over Slack's Web API: the one place the app posts, updates, answers privately and
 * uploads. All of it goes through one WebClient, whose request queue pauses for a 429's Retry-After and
 * then retries, so every caller respects Slack's rate limits without knowing them.
 */
import type { WebClient } from '@slack/web-api';
import type { Notifier, OutgoingMessage } from '../core/ports.ts';

export class SlackNotifier implements Notifier {
  constructor(private readonly client: WebClient) {}

  /** Posts; in a public channel the bot was not invited to, it joins first (channels:join) and posts again. */
  async post(msg: OutgoingMessage) {
    const send = () =>
      this.client.chat.postMessage({
        channel: msg.channel,
        text: msg.text,
        ...(msg.blocks ? { blocks: msg.blocks as never } : {}),
        ...(msg.threadTs ? { thread_ts: msg.threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    let res: Awaited<ReturnType<typeof send>>;
    try {
      res = await send();
    } catch (err) {
      if ((err as { data?: { error?: string } }).data?.error !== 'not_in_channel') throw err;
      await this.client.conversations.join({ channel: msg.channel });
      res = await send();
    }
    return { ts: res.ts as string, channel: res.channel as string };
  }

  async update(msg: OutgoingMessage & { ts: string }) {
    await this.client.chat.update({
      channel: msg.channel,
      ts: msg.ts,
      text: msg.text,
      ...(msg.blocks ? { blocks: msg.blocks as never } : {}),
    });
  }

  /** A message only `user` sees. Never throws: a private note that cannot be shown is logged by the caller's client. */
  async ephemeral(msg: OutgoingMessage & { user: string }) {
    await this.client.chat
      .postEphemeral({
        channel: msg.channel,
        user: msg.user,
        text: msg.text,
        ...(msg.blocks ? { blocks: msg.blocks as never } : {}),
        ...(msg.threadTs ? { thread_ts: msg.threadTs } : {}),
      })
      .catch(() => this.direct(msg.user, msg.text));
  }

  /** A direct message to a person (the app's DM with them). */
  async direct(user: string, text: string, blocks?: unknown[]) {
    await this.client.chat.postMessage({
      channel: user,
      text,
      ...(blocks ? { blocks: blocks as never } : {}),
    });
  }

  async upload(file: Parameters<Notifier['upload']>[0]) {
    await this.client.files.uploadV2({
      channel_id: file.channel,
      ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
      filename: file.filename,
      file: file.content,
      ...(file.title ? { title: file.title } : {}),
      ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
    } as never);
  }

  async publishHome(user: string, view: { type: 'home'; blocks: unknown[] }) {
    await this.client.views.publish({ user_id: user, view: view as never });
  }
}
