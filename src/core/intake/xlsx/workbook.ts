/**
 * The rows of every sheet of an .xlsx, as text, read with exceljs' streaming reader once the archive
 * passed the zip-bomb checks. Reading stops at the row limit. A cell's hyperlink target wins over its
 * shown text, and so does the URL of a `HYPERLINK("url", "label")` formula.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { TakedownError } from '../../errors.ts';
import { cellText } from './cell-text.ts';
import { unreadableWorkbook } from './refusals.ts';
import { checkArchive } from './zip-guard.ts';

export interface SheetRows {
  name: string;
  rows: string[][];
  rowNumbers: number[];
}

export interface WorkbookLimits {
  maxBytes: number;
  /** Rows with content, all sheets together, before reading stops (each sheet may add a header). */
  maxRows: number;
}

/** The parts of exceljs' streaming reader used here, which its type declarations leave untyped. */
interface ReaderEvent {
  eventType: string;
  value: unknown;
}
interface StreamWorkbook {
  parse(): AsyncIterable<ReaderEvent>;
  on(event: 'entry', listener: (entry: { type: string; id?: string }) => void): void;
  model?: { sheets?: { name: string }[] };
}
interface StreamWorksheet {
  name: string;
  parse(): AsyncIterable<ReaderEvent[]>;
}
interface StreamHyperlinks {
  id: string;
  on(event: 'hyperlink', listener: (rel: { rId: string; target: string }) => void): void;
  on(event: 'finished', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  read(): Promise<void>;
}

interface SheetRead extends SheetRows {
  /** The sheet's part number: 3 for xl/worksheets/sheet3.xml, which its hyperlink targets share. */
  part: string;
  /** Cell or range reference → relationship id. */
  links: { ref: string; rId: string }[];
}

const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'emit',
  styles: 'ignore',
  entries: 'emit',
} as const;

/**
 * exceljs' streaming reader on its own (the class `ExcelJS.stream.xlsx.WorkbookReader` is): loading
 * all of exceljs, with its writers and CSV support, takes about as long again.
 */
const WorkbookReader = createRequire(import.meta.url)('exceljs/lib/stream/xlsx/workbook-reader.js') as new (
  input: Readable,
  options: typeof READER_OPTIONS,
) => StreamWorkbook;

function tooManyRows(filename: string, maxRows: number): TakedownError {
  return new TakedownError(
    'too_many_rows',
    `${filename} has more than ${maxRows.toLocaleString('en-US')} rows, the limit for one file.`,
    { hint: 'Split it into smaller files and send them one by one.' },
  );
}

/** Column (0-based) and row (1-based) of a reference such as "B12". */
function cellRef(ref: string): { col: number; row: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return { col: col - 1, row: Number.parseInt(ref.slice(i), 10) };
}

function hyperlinkTargets(reader: StreamHyperlinks): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const targets = new Map<string, string>();
    reader.on('hyperlink', (rel) => targets.set(rel.rId, rel.target));
    reader.on('error', reject);
    reader.on('finished', () => resolve(targets));
    void reader.read();
  });
}

/** Hyperlink targets over the cells they cover, once both the sheet and its relationships are read. */
function applyHyperlinks(sheet: SheetRead, targets: Map<string, string> | undefined): void {
  if (sheet.links.length === 0 || !targets) return;
  const index = new Map(sheet.rowNumbers.map((n, i) => [n, i]));
  for (const { ref, rId } of sheet.links) {
    const target = targets.get(rId);
    if (!target) continue;
    const [from, to = from] = ref.split(':') as [string, string?];
    const start = cellRef(from);
    const end = cellRef(to);
    for (let r = start.row; r <= end.row; r++) {
      const i = index.get(r);
      const row = i === undefined ? undefined : sheet.rows[i];
      if (!row) continue;
      for (let c = start.col; c <= end.col; c++) row[c] = target;
    }
  }
}

interface RowBudget {
  filename: string;
  maxRows: number;
  /** Rows with content read so far, and sheets started (each may have a header row). */
  rows: number;
  sheets: number;
}

async function readSheet(worksheet: StreamWorksheet, part: string, budget: RowBudget): Promise<SheetRead> {
  const sheet: SheetRead = { name: worksheet.name, part, rows: [], rowNumbers: [], links: [] };
  budget.sheets++;
  for await (const events of worksheet.parse()) {
    for (const { eventType, value } of events) {
      if (eventType === 'row') {
        const row = value as ExcelJS.Row;
        const cells: string[] = [];
        row.eachCell((cell, col) => {
          const text = cellText(cell.value);
          if (text !== '') cells[col - 1] = text;
        });
        if (cells.length === 0) continue;
        if (++budget.rows > budget.maxRows + budget.sheets)
          throw tooManyRows(budget.filename, budget.maxRows);
        sheet.rows.push(cells);
        sheet.rowNumbers.push(row.number);
      } else if (eventType === 'hyperlink') {
        sheet.links.push(value as { ref: string; rId: string });
      }
    }
  }
  return sheet;
}

/** Sheets in the workbook's own order (the order of its tabs), not the order of its parts. */
function inTabOrder(sheets: SheetRead[], model: StreamWorkbook['model']): SheetRead[] {
  const tabs = (model?.sheets ?? []).map((s) => s.name);
  const rank = (s: SheetRead) => {
    const i = tabs.indexOf(s.name);
    return i < 0 ? tabs.length : i;
  };
  return [...sheets].sort((a, b) => rank(a) - rank(b));
}

/** Every sheet with content, in workbook order. Throws TakedownError naming the file and the limit. */
export async function readWorkbook(
  filename: string,
  data: Buffer,
  limits: WorkbookLimits,
): Promise<SheetRows[]> {
  const parts = await checkArchive(filename, data, {
    maxUnpackedBytes: Math.max(25 * limits.maxBytes, 64 * 1024 * 1024),
    maxEntries: 10_000,
    maxRatio: 1_000,
  });
  if (!parts.has('xl/workbook.xml')) {
    throw new TakedownError(
      'file_unreadable',
      `${filename} is a ZIP archive but not an Excel workbook (there is no xl/workbook.xml in it).`,
      { hint: 'Send the listings as .xlsx, .csv or .txt.' },
    );
  }
  const input = Readable.from([data], { objectMode: false });
  const reader = new WorkbookReader(input, READER_OPTIONS);
  let part = '';
  reader.on('entry', (entry) => {
    if (entry.type === 'worksheet') part = entry.id ?? '';
  });
  const budget: RowBudget = { filename, maxRows: limits.maxRows, rows: 0, sheets: 0 };
  const sheets: SheetRead[] = [];
  const targets = new Map<string, Map<string, string>>();
  try {
    for await (const { eventType, value } of reader.parse()) {
      if (eventType === 'worksheet') sheets.push(await readSheet(value as StreamWorksheet, part, budget));
      else if (eventType === 'hyperlinks') {
        const rels = value as StreamHyperlinks;
        targets.set(rels.id, await hyperlinkTargets(rels));
      }
    }
  } catch (err) {
    if (err instanceof TakedownError) throw err;
    throw unreadableWorkbook(filename, 'a part of it is damaged', err);
  } finally {
    input.destroy();
  }
  for (const sheet of sheets) applyHyperlinks(sheet, targets.get(sheet.part));
  return inTabOrder(sheets, reader.model)
    .filter((s) => s.rows.length > 0)
    .map(({ name, rows, rowNumbers }) => ({ name, rows, rowNumbers }));
}
