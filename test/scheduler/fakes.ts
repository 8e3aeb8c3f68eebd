/** Fakes for the scheduler tests: a Notifier that records posts and uploads, a History-only portal, a recording logger. */
import type {
  HistoryQuery,
  HistoryRow,
  Notifier,
  OutgoingMessage,
  PortalDriver,
} from '../../src/core/ports.ts';
import type { TaskLogger } from '../../src/scheduler/tasks.ts';

export class RecordingNotifier implements Notifier {
  posts: OutgoingMessage[] = [];
  /** How many of the next posts fail, as Slack being unreachable would. */
  failNext = 0;

  async post(msg: OutgoingMessage) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('connect ECONNREFUSED slack.com');
    }
    this.posts.push(msg);
    return { ts: `1741000000.00000${this.posts.length}`, channel: msg.channel };
  }

  async update() {
    throw new Error('the digest never updates a message');
  }

  uploads: Parameters<Notifier['upload']>[0][] = [];
  /** How many of the next uploads fail. */
  failUploads = 0;

  async upload(file: Parameters<Notifier['upload']>[0]) {
    if (this.failUploads > 0) {
      this.failUploads--;
      throw new Error('files.completeUploadExternal: ratelimited');
    }
    this.uploads.push(file);
  }
}

/** A portal whose History shows `rows`; every other page is out of scope here. */
export class HistoryPortal implements PortalDriver {
  rows: HistoryRow[] = [];
  queries: (HistoryQuery | undefined)[] = [];

  async history(query?: HistoryQuery) {
    this.queries.push(query);
    return [...this.rows];
  }
  async pasteListings(): Promise<never> {
    throw new Error('not used by the status sync');
  }
  async pendingSubmissions(): Promise<never> {
    throw new Error('not used by the status sync');
  }
  async matchPending(): Promise<never> {
    throw new Error('not used by the status sync');
  }
  async listIprs(): Promise<never> {
    throw new Error('not used by the status sync');
  }
  async submitIpr(): Promise<never> {
    throw new Error('not used by the status sync');
  }
  async searchListings(): Promise<never> {
    throw new Error('not used by the status sync');
  }
  async withdraw(): Promise<never> {
    throw new Error('not used by the status sync');
  }
  async close() {}
}

export class RecordingLogger implements TaskLogger {
  lines: { level: 'info' | 'warn' | 'error'; msg: string; obj: object }[] = [];
  info(obj: object, msg: string) {
    this.lines.push({ level: 'info', msg, obj });
  }
  warn(obj: object, msg: string) {
    this.lines.push({ level: 'warn', msg, obj });
  }
  error(obj: object, msg: string) {
    this.lines.push({ level: 'error', msg, obj });
  }
  messages(level: 'info' | 'warn' | 'error') {
    return this.lines.filter((l) => l.level === level).map((l) => l.msg);
  }
}
