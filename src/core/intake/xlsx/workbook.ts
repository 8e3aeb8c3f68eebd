/**
 * The rows of every sheet of an .xlsx, as text, parsed by exceljs' streaming readers (shared strings,
 * workbook, worksheets, hyperlinks). exceljs' own front-to-back unzipping drops parts that arrive
 * while a sheet is being read (exceljs issues #2790, #3064), so the parts are taken from the archive
 * by name, through its checked directory: relationships, workbook and shared strings first, then each
 * sheet in tab order. Reading stops at the row limit. A cell's hyperlink target wins over its shown
 * text, and so does the URL of a `HYPERLINK("url", "label")` formula.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { TakedownError } from '../../errors.ts';
import { type Archive, openArchive, partError } from './archive.ts';
import { cellText } from './cell-text.ts';

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

const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'emit',
  styles: 'ignore',
  entries: 'ignore',
} as const;

/** The parts of exceljs' streaming readers used here, which its type declarations leave out. */
interface ReaderEvent {
  eventType: string;
  value: unknown;
}
interface StreamWorkbook {
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  workbookRels?: { Id: string; Type: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
}
interface StreamWorksheet {
  name: string;
  parse(): AsyncIterable<ReaderEvent[]>;
}
interface StreamHyperlinks {
  on(event: 'hyperlink', listener: (rel: { rId: string; target: string }) => void): void;
  on(event: 'finished', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  read(): Promise<void>;
}
interface PartReaderOptions {
  workbook: StreamWorkbook;
  id: number;
  iterator: Readable;
  options: typeof READER_OPTIONS;
}

/**
 * exceljs' streaming reader classes on their own (`ExcelJS.stream.xlsx.WorkbookReader` is the first):
 * loading all of exceljs, with its writers and CSV support, takes about as long again.
 */
const load = createRequire(import.meta.url);
const WorkbookReader = load('exceljs/lib/stream/xlsx/workbook-reader.js') as new (
  input: undefined,
  options: typeof READER_OPTIONS,
) => StreamWorkbook;
const WorksheetReader = load('exceljs/lib/stream/xlsx/worksheet-reader.js') as new (
  options: PartReaderOptions,
) => StreamWorksheet;
const HyperlinkReader = load('exceljs/lib/stream/xlsx/hyperlink-reader.js') as new (
  options: PartReaderOptions,
) => StreamHyperlinks;

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

interface SheetRead extends SheetRows {
  /** Cell or range reference → relationship id, from the sheet's hyperlinks. */
  links: { ref: string; rId: string }[];
}

/** Hyperlink targets over the cells they cover, once both the sheet and its relationships are read. */
function applyHyperlinks(sheet: SheetRead, targets: Map<string, string>): void {
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

async function readRows(worksheet: StreamWorksheet, budget: RowBudget): Promise<SheetRead> {
  const sheet: SheetRead = { name: worksheet.name, rows: [], rowNumbers: [], links: [] };
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

/** A part's path from a relationship target, which is relative to xl/ unless it starts with "/". */
function partPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** Reads one part with exceljs; a fault in it is told as the part's, naming the file. */
async function withPart<T>(
  archive: Archive,
  filename: string,
  name: string,
  read: (part: Readable) => Promise<T>,
): Promise<T | null> {
  const part = await archive.open(name);
  if (!part) return null;
  try {
    return await read(part);
  } catch (err) {
    throw err instanceof TakedownError ? err : partError(filename, name, err);
  } finally {
    part.destroy();
  }
}

function hyperlinkTargets(
  workbook: StreamWorkbook,
  id: number,
  part: Readable,
): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const targets = new Map<string, string>();
    const reader = new HyperlinkReader({ workbook, id, iterator: part, options: READER_OPTIONS });
    reader.on('hyperlink', (rel) => targets.set(rel.rId, rel.target));
    reader.on('error', reject);
    reader.on('finished', () => resolve(targets));
    void reader.read();
  });
}

async function readParts(filename: string, archive: Archive, limits: WorkbookLimits): Promise<SheetRows[]> {
  const workbook = new WorkbookReader(undefined, READER_OPTIONS);
  await withPart(archive, filename, 'xl/_rels/workbook.xml.rels', (part) => workbook._parseRels(part));
  await withPart(archive, filename, 'xl/workbook.xml', (part) => workbook._parseWorkbook(part));
  const rels = workbook.workbookRels ?? [];
  const shared = rels.find((r) => r.Type.endsWith('/sharedStrings'));
  await withPart(
    archive,
    filename,
    shared ? partPath(shared.Target) : 'xl/sharedStrings.xml',
    async (part) => {
      for await (const _ of workbook._parseSharedStrings(part)) {
        // the strings are cached on the workbook reader
      }
    },
  );

  const budget: RowBudget = { filename, maxRows: limits.maxRows, rows: 0, sheets: 0 };
  const out: SheetRows[] = [];
  for (const [i, tab] of (workbook.model?.sheets ?? []).entries()) {
    const rel = rels.find((r) => r.Id === tab.rId);
    if (!rel) continue;
    const path = partPath(rel.Target);
    const id = i + 1;
    const targets = await withPart(archive, filename, relsPathOf(path), (part) =>
      hyperlinkTargets(workbook, id, part),
    );
    const sheet = await withPart(archive, filename, path, (part) => {
      const worksheet = new WorksheetReader({ workbook, id, iterator: part, options: READER_OPTIONS });
      worksheet.name = tab.name;
      return readRows(worksheet, budget);
    });
    if (!sheet || sheet.rows.length === 0) continue;
    if (targets) applyHyperlinks(sheet, targets);
    out.push({ name: sheet.name, rows: sheet.rows, rowNumbers: sheet.rowNumbers });
  }
  return out;
}

/** Every sheet with content, in tab order. Throws TakedownError naming the file and the limit. */
export async function readWorkbook(
  filename: string,
  data: Buffer,
  limits: WorkbookLimits,
): Promise<SheetRows[]> {
  const archive = await openArchive(filename, data, {
    maxUnpackedBytes: Math.max(25 * limits.maxBytes, 64 * 1024 * 1024),
    maxEntries: 10_000,
    maxRatio: 1_000,
  });
  try {
    if (!archive.names.has('xl/workbook.xml')) {
      throw new TakedownError(
        'file_unreadable',
        `${filename} is a ZIP archive but not an Excel workbook (there is no xl/workbook.xml in it).`,
        { hint: 'Send the listings as .xlsx, .csv or .txt.' },
      );
    }
    return await readParts(filename, archive, limits);
  } finally {
    archive.close();
  }
}
