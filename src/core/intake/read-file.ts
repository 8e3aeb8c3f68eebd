/**
 * A listing file to entries: .txt, .csv/.tsv (any delimiter, with or without a header) and .xlsx
 * (every sheet), told apart by content: a ZIP is read as a workbook whatever its name, and text named
 * .xlsx (an export renamed) as the CSV or text it is; the name only says whether a text is a table. Every problem with the file itself throws
 * TakedownError with a message naming the file and the limit or the fault.
 */
import { setImmediate as afterIo } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { TakedownError } from '../errors.ts';
import { parseListingUrl } from '../listing-url.ts';
import { extractFromText, findLinks } from './extract-text.ts';
import { detectColumns, rowsToEntries } from './table.ts';
import { decodeText, sniffContent } from './text-decode.ts';
import type { FileLimits, RawEntry } from './types.ts';

export interface ListingFileInput {
  filename: string;
  data: Buffer | NodeJS.ReadableStream;
  limits: FileLimits;
}

function megabytes(bytes: number): string {
  const mb = bytes / 1048576;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

function tooLarge(filename: string, maxBytes: number): TakedownError {
  return new TakedownError(
    'file_too_large',
    `${filename} is larger than ${megabytes(maxBytes)}, the limit for one file.`,
    {
      hint: 'Split it into smaller files and send them one by one.',
    },
  );
}

function tooManyRows(filename: string, rows: number, maxRows: number, readAll = true): TakedownError {
  const count = readAll ? rows.toLocaleString('en-US') : `more than ${maxRows.toLocaleString('en-US')}`;
  return new TakedownError(
    'too_many_rows',
    `${filename} has ${count} rows; the limit for one file is ${maxRows.toLocaleString('en-US')}.`,
    { hint: 'Split it into smaller files and send them one by one.' },
  );
}

function empty(filename: string, why: string): TakedownError {
  return new TakedownError('bad_input', `${filename} ${why}.`, {
    hint: 'Send a file with one listing link per line or per row (CSV, XLSX or plain text).',
  });
}

async function collect(
  filename: string,
  data: Buffer | NodeJS.ReadableStream,
  maxBytes: number,
): Promise<Buffer> {
  if (Buffer.isBuffer(data)) {
    if (data.length > maxBytes) throw tooLarge(filename, maxBytes);
    return data;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of data as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) throw tooLarge(filename, maxBytes);
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof TakedownError) {
      (data as { destroy?: () => void }).destroy?.();
      throw err;
    }
    throw new TakedownError('file_unreadable', `${filename} could not be read to the end.`, {
      cause: err,
      hint: 'Send it again.',
    });
  }
  return Buffer.concat(chunks, size);
}

const DELIMITERS = [',', ';', '\t', '|'];
const QUOTED_FIELD: Record<string, RegExp> = Object.fromEntries(
  DELIMITERS.map((d) => [d, new RegExp(`(^|[${d === '|' ? '\\|' : d}\\n])"(?:[^"]|"")*"`, 'g')]),
);

/** The delimiter the first lines agree on, or null when every line is a single column. */
/** Slack's link markup, `<url|label>`: its "|" is no column delimiter. */
const SLACK_MARKUP = /<[^<>\s|]+\|[^<>\n]*>/g;

export function sniffDelimiter(text: string, preferTab: boolean): string | null {
  const sample = text.slice(0, 64 * 1024).replace(SLACK_MARKUP, '<>');
  // The most consistent column count wins; between equally consistent ones, the one giving more columns.
  let best: { delimiter: string; score: number; columns: number } | null = null;
  for (const delimiter of preferTab ? ['\t', ...DELIMITERS] : DELIMITERS) {
    // A quoted field (one that starts with a quote) is taken out first, with the line breaks and
    // delimiters in it: a description over several lines is one field of one row, not rows of its own.
    const lines = sample
      .replace(QUOTED_FIELD[delimiter] as RegExp, '$1""')
      .split(/\r?\n/)
      .slice(0, 50)
      .filter((l) => l.trim() !== '');
    const counts = lines.map((l) => l.split(delimiter).length - 1);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let columns = 0;
    let top = 0;
    for (const [count, lineCount] of freq) {
      if (lineCount > top || (lineCount === top && count > columns)) [columns, top] = [count, lineCount];
    }
    const score = lines.length > 0 ? top / lines.length : 0;
    if (score >= 0.6 && (!best || score > best.score || (score === best.score && columns > best.columns))) {
      best = { delimiter, score, columns };
    }
  }
  return best?.delimiter ?? null;
}

function unclosedQuote(filename: string, row: number, cause?: unknown): TakedownError {
  return new TakedownError(
    'file_unreadable',
    `${filename} could not be read as CSV: row ${row} opens a quote that is never closed, so the rows after it would be read as one cell.`,
    { cause, hint: 'Close or remove that quote, or save the file again from your spreadsheet program.' },
  );
}

/**
 * The index of a record whose quoted cell swallowed the rows below it: a quote left open, closed only
 * by a later row's quote. Told by a line inside a cell that is a row of its own, with a listing link
 * where the rows have theirs (a description's line breaks never look like that). -1 when there is none.
 */
function mergedByQuote(rows: string[][], delimiter: string, urlColumn: number): number {
  // A line of several fields, with a listing where the rows have theirs. A cell of links one per line
  // (Alt+Enter in Excel) or a note ending in a link has no delimiter on its lines.
  const swallowedRow = (line: string) => {
    const fields = line.split(delimiter);
    return fields.length > 1 && parseListingUrl((fields[urlColumn] ?? '').trim()).ok;
  };
  for (let i = 0; i < rows.length; i++) {
    for (const cell of rows[i] as string[]) {
      if (!cell.includes('\n')) continue;
      if (cell.split(/\r?\n/).slice(1).some(swallowedRow)) return i;
    }
  }
  return -1;
}

const hasContent = (row: string[]) => row.some((c) => c.trim() !== '');

/** Records of a CSV text, the first `to` of them when given; a parse error is said for a person. */
function parseCsv(filename: string, text: string, delimiter: string | null, to?: number): string[][] {
  try {
    return parse(text, {
      delimiter: delimiter ?? '\u0000',
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      to,
    });
  } catch (err) {
    const { code, records } = err as { code?: string; records?: number };
    if (code === 'CSV_QUOTE_NOT_CLOSED' && typeof records === 'number')
      throw unclosedQuote(filename, records + 1, err);
    throw new TakedownError(
      'file_unreadable',
      `${filename} could not be read as CSV: ${(err as Error).message}.`,
      {
        cause: err,
        hint: 'Check its quotes, or save it again from your spreadsheet program.',
      },
    );
  }
}

async function readTable(
  filename: string,
  text: string,
  delimiter: string | null,
  limits: FileLimits,
): Promise<RawEntry[]> {
  await aTurn();
  // Parsing stops two records past the limit (a header, and one too many). Blank records keep the row
  // numbers people see but do not count toward it: when some of those were blank, the whole text is
  // read (the size limit bounds it). A hook counting rows as they come costs csv-parse ~10% more.
  const stopAt = limits.maxRows + 2;
  let rows = parseCsv(filename, text, delimiter, stopAt);
  let complete = rows.length < stopAt;
  if (!complete && rows.filter(hasContent).length < stopAt) {
    await aTurn();
    rows = parseCsv(filename, text, delimiter);
    complete = true;
  }
  await aTurn();
  const columns = detectColumns(rows);
  if (delimiter !== null) {
    const merged = mergedByQuote(rows, delimiter, columns.url);
    if (merged >= 0) throw unclosedQuote(filename, merged + 1);
  }
  const entries = rowsToEntries({ rows, rowNumber: (i) => i + 1, location: (n) => `row ${n}` }, columns);
  const dataRows = rows.filter(hasContent).length - (columns.hasHeader ? 1 : 0);
  if (dataRows > limits.maxRows) throw tooManyRows(filename, dataRows, limits.maxRows, complete);
  return entries;
}

async function readText(filename: string, data: Buffer, limits: FileLimits): Promise<RawEntry[]> {
  const text = decodeText(filename, data);
  if (text.trim() === '') throw empty(filename, 'is empty');
  const lowered = filename.toLowerCase();
  // A workbook's name on text (an export renamed): read as the text it is; refused only without links.
  const namedWorkbook = /\.xls[xm]$/.test(lowered);
  const noLinks = namedWorkbook
    ? () =>
        new TakedownError(
          'file_unreadable',
          `${filename} is not an .xlsx workbook but plain text, and there are no listing links in it.`,
          { hint: 'Open it in Excel or LibreOffice, save it again as .xlsx (or export CSV), and send that.' },
        )
    : () => empty(filename, 'has no listing links in it');
  const isTable = lowered.endsWith('.csv') || lowered.endsWith('.tsv');
  const delimiter = sniffDelimiter(text, lowered.endsWith('.tsv'));
  if (isTable || (delimiter !== null && (delimiter === '\t' || !lowered.endsWith('.txt')))) {
    const entries = await readTable(filename, text, delimiter, limits);
    if (entries.length === 0) throw namedWorkbook ? noLinks() : empty(filename, 'has a header but no rows');
    if (!entries.some((e) => findLinks(e.input).length > 0)) throw noLinks();
    return entries;
  }
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length;
  if (lines > limits.maxRows) throw tooManyRows(filename, lines, limits.maxRows);
  const entries = extractFromText(text);
  if (entries.length === 0) throw noLinks();
  return entries;
}

/**
 * Lets other work run (in the bot: other people's requests) between the steps of reading a large file,
 * each of which holds the event loop for a few hundred milliseconds at 100,000 rows.
 */
const aTurn = () => afterIo();

async function readXlsx(filename: string, data: Buffer, limits: FileLimits): Promise<RawEntry[]> {
  // Loaded on the first workbook only: the XLSX reader takes longer to load than a CSV takes to read.
  const { cellRefusal, readWorkbook } = await import('./xlsx/workbook.ts');
  const sheets = await readWorkbook(filename, data, limits);
  const entries: RawEntry[] = [];
  let dataRows = 0;
  for (const sheet of sheets) {
    const columns = detectColumns(sheet.rows);
    dataRows += sheet.rows.length - (columns.hasHeader ? 1 : 0);
    const location =
      sheets.length > 1 ? (n: number) => `sheet "${sheet.name}" row ${n}` : (n: number) => `row ${n}`;
    const rowNumber = (i: number) => sheet.rowNumbers[i] ?? i + 1;
    await aTurn();
    for (const e of rowsToEntries({ rows: sheet.rows, rowNumber, location }, columns)) {
      // A cell that shows one listing and links to another: its entry is refused, not filed.
      const refusal = sheet.refusals ? cellRefusal(sheet, e) : undefined;
      entries.push(refusal ? { ...e, refusal } : e);
    }
  }
  if (dataRows > limits.maxRows) throw tooManyRows(filename, dataRows, limits.maxRows);
  if (entries.length === 0) throw empty(filename, 'has no rows with content in any sheet');
  return entries;
}

/** The streams an OLE compound file holds are named in UTF-16 in its directory. */
const oleHolds = (data: Buffer, stream: string) => data.includes(Buffer.from(stream, 'utf16le'));

/**
 * An OLE compound file is an old .xls, a workbook saved with a password (Office keeps an encrypted
 * .xlsx in an "EncryptedPackage" stream, whatever the file is named) or another old Office file.
 */
function oleRefusal(filename: string, data: Buffer): TakedownError {
  if (oleHolds(data, 'EncryptedPackage')) {
    return new TakedownError(
      'file_unreadable',
      `${filename} is protected with a password, so I cannot open it.`,
      {
        hint: 'Open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save and send it again, or export the links as CSV.',
      },
    );
  }
  if (oleHolds(data, 'WordDocument') || oleHolds(data, 'PowerPoint Document')) {
    return new TakedownError(
      'file_unreadable',
      `${filename} is an old-style Word or PowerPoint document, not a spreadsheet or a list of links.`,
      { hint: 'Export the links as CSV, XLSX or plain text and send that.' },
    );
  }
  return new TakedownError(
    'file_unreadable',
    `${filename} is an old-style Excel (.xls) workbook, which I cannot read.`,
    { hint: 'Save it as .xlsx or CSV in Excel and send that.' },
  );
}

export async function readListingFile(input: ListingFileInput): Promise<RawEntry[]> {
  const { filename, limits } = input;
  const data = await collect(filename, input.data, limits.maxBytes);
  if (data.length === 0) throw empty(filename, 'is empty (0 bytes)');
  const kind = sniffContent(filename, data);
  if (kind === 'ole') throw oleRefusal(filename, data);
  // By content, whatever the name says: a ZIP is read as a workbook (refused if it is none), and
  // text named .xlsx (an export renamed) as the CSV, TSV or lines of text it is.
  if (kind === 'zip') return readXlsx(filename, data, limits);
  return readText(filename, data, limits);
}
