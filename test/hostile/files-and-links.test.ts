/**
 * Hostile files and links, shared or pasted in Slack as a person would: huge, empty, binary, corrupt, zip
 * bombs, a million links, look-alike hosts. Each gets a private refusal that says what was wrong and what
 * to do; nothing is filed from it; the app keeps answering.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbook, zipArchive } from '../core/intake/helpers.ts';
import { ANALYST, type BotHarness, blockText, CHANNEL, startBot } from '../helpers/bot.ts';

const LINK = 'https://www.aliexpress.com/item/1005001234567890.html';
const MB = 1024 * 1024;

describe('hostile files and links', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot({ MAX_FILE_BYTES: String(20 * MB) });
  });
  afterAll(async () => {
    await bot.stop();
  });

  const batchCount = () => bot.db.get<{ n: number }>(sql`select count(*) as n from batches`)?.n ?? 0;

  /** Shares a file and returns the private note the sharer gets; no request may come of it. */
  async function refusalFor(filename: string, content: Buffer): Promise<string> {
    const before = batchCount();
    const seen = bot.slack.records.length;
    await bot.driver.shareFile({ channelId: CHANNEL, userId: ANALYST, filename, content });
    const note = await bot.slack.waitFor(
      (r) => r.seq > seen && r.kind === 'ephemeral' && r.user === ANALYST,
      30_000,
    );
    expect(batchCount()).toBe(before);
    return note.text;
  }

  it('a file over the size limit is refused naming its size and the limit, before it is read', async () => {
    const text = await refusalFor('huge.csv', Buffer.alloc(21 * MB, 'a'));
    expect(text).toContain('huge.csv');
    expect(text).toContain('20 MB');
    expect(text).toMatch(/split it/i);
  });

  it('a million links in one text file are refused by size, saying to split the file', async () => {
    const million = Buffer.from(
      Array.from(
        { length: 1_000_000 },
        (_, i) => `https://www.aliexpress.com/item/${1005000000000000 + i}.html`,
      ).join('\n'),
    );
    const text = await refusalFor('million.txt', million);
    expect(text).toContain('million.txt');
    expect(text).toMatch(/split it/i);
  });

  it('an empty file is refused as empty', async () => {
    expect(await refusalFor('empty.csv', Buffer.alloc(0))).toContain('empty.csv is empty');
  });

  it('a binary file named .csv is refused as unreadable', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(4096, 7),
    ]);
    const text = await refusalFor('photo.csv', png);
    expect(text).toContain('photo.csv');
  });

  it('a workbook cut short is refused as damaged, naming the file', async () => {
    const real = await workbook({ S: [[LINK]] });
    const text = await refusalFor('cut.xlsx', real.subarray(0, real.length - 40));
    expect(text).toContain('cut.xlsx');
  });

  it('a zip bomb posing as a workbook (80 MB of XML in a few KB) is refused without unpacking it', async () => {
    const bomb = zipArchive([
      { name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(80 * MB, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(MB);
    const text = await refusalFor('bomb.xlsx', bomb);
    expect(text).toContain('bomb.xlsx');
  });

  it('look-alike hosts are refused with the real site named; forms a browser maps to the genuine host are filed canonically', async () => {
    const before = batchCount();
    const links = [
      'https://www.аliexpress.com/item/1005001234567801.html', // Cyrillic а
      'https://www.xn--liexpress-8ve.com/item/1005001234567802.html', // its punycode
      'https://www.aliexpress.com@evil.example/item/1005001234567803.html',
      'https://www.aliexpress.com.evil.example/item/1005001234567804.html',
      'https://www.aliexpress.com\u202e/item/1005001234567805.html', // right-to-left override
      'https://ｗｗｗ.ａｌｉｅｘｐｒｅｓｓ.ｃｏｍ/item/1005001234567806.html', // full-width: the real host
    ];
    await bot.driver.slashCommand({
      command: '/takedown',
      text: links.join('\n'),
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const msg = await bot.slack.waitFor(
      (r) => r.kind === 'post' && r.text.startsWith(`Takedown request #${before + 1}:`),
      10_000,
    );
    const text = blockText(msg.blocks);
    expect(text).toContain('1 listing ready');
    expect(text).toContain('5 rejected');
    expect(text).toContain('evil.example');
    expect(text).toMatch(/look-alike/);
    const stored = bot.db.all<{ url: string }>(sql`select url from listings`);
    expect(stored.map((s) => s.url)).toEqual(['https://www.aliexpress.com/item/1005001234567806.html']);
  });

  it('after all of this the app still answers a plain /takedown', async () => {
    const before = batchCount();
    const res = await bot.driver.slashCommand({
      command: '/takedown',
      text: LINK,
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect(res.status).toBe(200);
    await bot.slack.waitFor(
      (r) => r.kind === 'post' && r.text.startsWith(`Takedown request #${before + 1}:`),
    );
  });
});
