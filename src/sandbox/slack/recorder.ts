/** The stand-in's ordered record of everything that happened in the workspace, with waiting and searching. */
import type { SlackRecord } from './model.ts';

export type RecordInput = Partial<Omit<SlackRecord, 'seq' | 'at' | 'kind' | 'via' | 'method'>> &
  Pick<SlackRecord, 'kind' | 'via' | 'method'>;

type Waiter = { pred: (r: SlackRecord) => boolean; resolve: (r: SlackRecord) => void };

export class Recorder {
  private readonly list: SlackRecord[] = [];
  private waiters: Waiter[] = [];

  get records(): readonly SlackRecord[] {
    return this.list;
  }

  add(input: RecordInput): SlackRecord {
    const record: SlackRecord = {
      seq: this.list.length + 1,
      at: new Date().toISOString(),
      channel: null,
      ts: null,
      threadTs: null,
      user: null,
      author: null,
      text: '',
      blocks: [],
      files: [],
      view: null,
      action: null,
      ...input,
    };
    this.list.push(record);
    const ready = this.waiters.filter((w) => w.pred(record));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(record);
    return record;
  }

  find(pred: (r: SlackRecord) => boolean): SlackRecord | undefined {
    return this.list.find(pred);
  }

  /**
   * The first record, already there or still to come, that matches. Rejects after `timeoutMs`
   * with the last records in the message, so a failing test shows what did happen.
   */
  waitFor(pred: (r: SlackRecord) => boolean, timeoutMs = 10_000): Promise<SlackRecord> {
    const existing = this.list.find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        pred,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const recent = this.list
          .slice(-10)
          .map(
            (r) =>
              `#${r.seq} ${r.kind} ${r.method} ${r.channel ?? ''} ${JSON.stringify(r.text.slice(0, 80))}`,
          );
        reject(
          new Error(
            `No Slack record matched within ${timeoutMs} ms. Last records:\n${recent.join('\n') || '(none)'}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
