/**
 * check-urls on 100,000 rows of CSV and of XLSX (written with exceljs' streaming writer): wall time
 * of the whole process (start-up included), time inside check-urls, and peak memory (max RSS), each
 * measured in a child process of its own. Goal: at most 2 s and 300 MB for each.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { BenchSection } from './section.ts';

const ROWS = 100_000;
const CHILD = fileURLToPath(new URL('./check-urls-child.ts', import.meta.url));

/** A realistic mix: the link forms of a crawler export, with tracking noise, some refusals and duplicates. */
function row(i: number): [string, string, string, string] {
  const id16 = String(1005000000000000 + i * 7);
  const forms = [
    `https://www.aliexpress.com/item/${id16}.html?spm=a2g0o.productlist.main.${i % 60}.5c1ae588`,
    `https://es.aliexpress.com/item/${id16}.html?gatewayAdapt=glo2usa&_randl_shipto=US`,
    `http://www.aliexpress.com/item/RIVERSTONE-Knife-${i}/${32000000000 + i}.html`,
    `https://www.alibaba.com/product-detail/RIVERSTONE-Knife-${i}_${1600000000000 + i}.html?spm=a2700.galleryofferlist`,
    `https://detail.1688.com/offer/${600000000000 + i}.html`,
    `https://m.aliexpress.com/item/${4000000000000 + i}.html#nav-specification`,
    `https://www.aliexpress.com/store/${1100000 + i}`,
    `https://www.aliexpress.com/item/${String(1005000000000000 + (i - 1) * 7)}.html`,
  ];
  return [
    forms[i % forms.length] as string,
    `RIVERSTONE knife number ${i}`,
    `Seller ${i % 97}`,
    `US $${(i % 50) + 0.99}`,
  ];
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  let chunk = '"Listing URL","Title","Seller","Price"\n';
  for (let i = 0; i < ROWS; i++) {
    chunk += `${row(i).map(quote).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).on('error', reject));
}

async function writeXlsx(path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('Listings');
  sheet.addRow(['Listing URL', 'Title', 'Seller', 'Price']).commit();
  for (let i = 0; i < ROWS; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
}

function measure(file: string): { wallMs: number; checkMs: number; maxRssMB: number; exitCode: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`bench child failed (${child.status}): ${child.stderr}`);
  const report = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    maxRssMB: number;
    exitCode: number;
  };
  return { wallMs, checkMs: report.ms, maxRssMB: report.maxRssMB, exitCode: report.exitCode };
}

export const checkUrlsBench: BenchSection = {
  name: 'check-urls',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'takedown-bench-'));
    try {
      const csv = join(dir, 'listings-100k.csv');
      const xlsx = join(dir, 'listings-100k.xlsx');
      await writeCsv(csv);
      await writeXlsx(xlsx);
      const round = (n: number) => Math.round(n);
      const figures: Record<string, number | string> = { rows: ROWS };
      for (const [label, file] of [
        ['csv', csv],
        ['xlsx', xlsx],
      ] as const) {
        measure(file); // warm the compile cache so start-up is what a user sees on a second run
        const m = measure(file);
        figures[`${label}.wallMs`] = round(m.wallMs);
        figures[`${label}.checkMs`] = round(m.checkMs);
        figures[`${label}.peakRssMB`] = round(m.maxRssMB);
        figures[`${label}.withinGoal`] = m.wallMs <= 2000 && m.maxRssMB <= 300 ? 'yes' : 'no';
      }
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
