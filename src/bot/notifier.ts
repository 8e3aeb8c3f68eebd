/** The Notifier port over Slack's Web API: the one place the app posts, updates and uploads. */
import type { WebClient } from '@slack/web-api';
import type { Notifier, OutgoingMessage } from '../core/ports.ts';

export class SlackNotifier implements Notifier {
  constructor(private readonly client: WebClient) {}

  async post(msg: OutgoingMessage) {
    const res = await this.client.chat.postMessage({
      channel: msg.channel,
      text: msg.text,
      ...(msg.blocks ? { blocks: msg.blocks as never } : {}),
      ...(msg.threadTs ? { thread_ts: msg.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
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
}
