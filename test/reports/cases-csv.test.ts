import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest.ts';
import { runExportCli } from '../../src/cli/export.ts';
import type { HistoryRow } from '../../src/core/ports.ts';
import { type Db, openDb } from '../../src/db/connection.ts';
import { recordHistory } from '../../src/db/repositories/cases.ts';
import { EXPORT_COLUMNS, spreadsheetSafe } from '../../src/reports/cases-csv.ts';

let dir: string;
let dbPath: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'takedown-export-'));
  dbPath = join(dir, 'takedown.db');
  db = openDb(dbPath);
});
afterEach(() => {
  db.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

function row(caseNumber: string, itemId: string, over: Partial<HistoryRow> = {}): HistoryRow {
  return {
    complaintDate: '03/03/2025',
    caseNumber,
    iprRegNo: '2485097;',
    supplier: 'mayver2012',
    listingUrl: `https://www.aliexpress.com/item/${itemId}.html`,
    platform: 'Aliexpress.com',
    status: 'in_progress',
    statusText: 'In Progress',
    ...over,
  };
}

function io(env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stderr.on('data', (c: Buffer) => errors.push(c));
  return {
    stdout,
    stderr,
    env: { DB_PATH: dbPath, TZ: 'Europe/Berlin', DIGEST_CHANNEL: 'C0DIGEST', ...env },
    now: () => new Date('2025-03-11T08:00:00Z'),
    out: () => Buffer.concat(chunks).toString('utf8'),
    err: () => Buffer.concat(errors).toString('utf8'),
  };
}

const EVIL = '=HYPERLINK("http://evil.example","click")';

function seed() {
  recordHistory(
    db,
    [
      row('2025030300001', '542508477'),
      row('2025030300002', '542505755', { supplier: EVIL }),
      row('2025030700003', '542500001', { complaintDate: '03/07/2025', supplier: '@SUM(A1:A9)' }),
    ],
    new Date('2025-03-07T15:00:00Z'),
  );
  recordHistory(
    db,
    [
      row('2025030300002', '542505755', {
        supplier: EVIL,
        status: 'rejected',
        statusText: '-1+1 is not evidence, "quote" this',
      }),
    ],
    new Date('2025-03-10T09:00:00Z'),
  );
}

describe('takedown export', () => {
  it('writes every case as CSV with a header, a byte-order mark for spreadsheets, and no cell that starts a formula', async () => {
    seed();
    const t = io();
    expect(await runExportCli([], t)).toBe(0);
    const text = t.out();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records: string[][] = parse(text.slice(1));

    expect(records[0]).toEqual([...EXPORT_COLUMNS]);
    expect(records).toHaveLength(4);
    const byCase = new Map(records.slice(1).map((r) => [r[0], r]));
    const rejected = byCase.get('2025030300002');
    expect(rejected?.slice(1, 4)).toEqual([
      'https://www.aliexpress.com/item/542505755.html',
      'AliExpress',
      '542505755',
    ]);
    expect(rejected?.[5]).toBe(`'${EVIL}`);
    expect(rejected?.[7]).toBe('Rejected');
    expect(rejected?.[8]).toBe('\'-1+1 is not evidence, "quote" this');
    expect(byCase.get('2025030700003')?.[5]).toBe("'@SUM(A1:A9)");
    for (const r of records.slice(1)) {
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('--since keeps the cases filed on or after that day, and --out writes a file', async () => {
    seed();
    const file = join(dir, 'cases.csv');
    const t = io();
    expect(await runExportCli(['--since', '2025-03-05', '--out', file], t)).toBe(0);
    const records: string[][] = parse(readFileSync(file, 'utf8').slice(1));
    expect(records.slice(1).map((r) => r[0])).toEqual(['2025030700003']);
    expect(t.err()).toContain(`1 case written to ${file}`);
  });

  it('a --since that is not a date, or a missing database, is refused with what to do', async () => {
    await expect(runExportCli(['--since', '03/05/2025'], io())).rejects.toThrow(
      /--since "03\/05\/2025" is not a date/,
    );
    await expect(runExportCli([], io({ DB_PATH: join(dir, 'nowhere.db') }))).rejects.toThrow(
      /There is no takedown database at/,
    );
    const t = io();
    expect(await runExportCli(['--sinse', '2025-03-01'], t)).toBe(2);
    expect(t.err()).toContain('unknown option "--sinse"');
  });

  it('a value is changed only when a spreadsheet would read it as a formula', () => {
    expect(spreadsheetSafe('mayver2012')).toBe('mayver2012');
    expect(spreadsheetSafe('+86 shop')).toBe("'+86 shop");
    expect(spreadsheetSafe('\t=cmd')).toBe("'\t=cmd");
    expect(spreadsheetSafe(null)).toBe('');
  });
});

describe('takedown digest --print', () => {
  it('prints the digest as text, links written out, without posting or recording it', async () => {
    seed();
    const chart = join(dir, 'chart.png');
    const t = io();
    expect(runDigestCli(['--print', '--chart', chart], t)).toBe(0);
    const text = t.out();
    expect(text).toContain('Takedown digest — Tue 11 Mar');
    expect(text).toContain('Rejected by the portal (1)');
    expect(text).toContain('-1+1 is not evidence, "quote" this');
    expect(text).toContain('(https://www.aliexpress.com/item/542505755.html)');
    expect(text).not.toMatch(/<https?:|&lt;|\*Figures\*/);
    expect(readFileSync(chart).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(db.sqlite.prepare('select count(*) as n from digests').get()).toEqual({ n: 0 });
  });

  it('without --print it says how to use it', () => {
    const t = io();
    expect(runDigestCli([], t)).toBe(2);
    expect(t.err()).toContain('say --print to print it here');
  });
});
