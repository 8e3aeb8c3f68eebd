/**
 * A 100,000-row file (CSV, then XLSX) dropped in a channel, against the real bot (Bolt in HTTP mode, a SQLite
 * file, the Slack stand-in): how long until the confirmation is posted, and the longest time the bot's event
 * loop was held up meanwhile (a 20 ms ticker; while it is held, no other person's request is read or acked,
 * and Slack gives each 3 s). Intake, classification and storage yield between their steps; this says how
 * long the longest step still is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYST, CHANNEL, startBot } from '../test/helpers/bot.ts';
import { ROWS, writeCsv, writeXlsx } from './check-urls.ts';
import type { BenchSection } from './section.ts';

async function share(path: string): Promise<{ confirmationMs: number; longestStallMs: number }> {
  const bot = await startBot();
  try {
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last - 20);
      last = now;
    }, 20);
    const started = performance.now();
    await bot.driver.shareFile({
      channelId: CHANNEL,
      userId: ANALYST,
      filename: path.split('/').pop() as string,
      content: readFileSync(path),
    });
    await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Takedown request #1'), 120_000);
    const confirmationMs = performance.now() - started;
    clearInterval(ticker);
    return { confirmationMs: Math.round(confirmationMs), longestStallMs: Math.round(Math.max(0, longest)) };
  } finally {
    await bot.stop();
  }
}

export const fileShareBench: BenchSection = {
  name: 'file-share',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'bench-file-share-'));
    try {
      const csv = join(dir, 'listings.csv');
      const xlsx = join(dir, 'listings.xlsx');
      await writeCsv(csv);
      await writeXlsx(xlsx);
      const c = await share(csv);
      const x = await share(xlsx);
      return {
        rows: ROWS,
        'csv.confirmationMs': c.confirmationMs,
        'csv.longestStallMs': c.longestStallMs,
        'xlsx.confirmationMs': x.confirmationMs,
        'xlsx.longestStallMs': x.longestStallMs,
        slackBudgetMs: 3000,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
