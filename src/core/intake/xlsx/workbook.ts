/**
 * The rows of every sheet of an .xlsx, as text. Sheets are read as a stream; a cell's hyperlink
 * target wins over its shown text, and so does the URL of a `HYPERLINK("url", "label")` formula.
 */
import { TakedownError } from '../../errors.ts';
import { attribute, decodeXmlText, XmlScanner } from './xml-scan.ts';
import { openEntry, readEntryText, readZipDirectory, type ZipEntry } from './zip.ts';

export interface SheetRows {
  name: string;
  rows: string[][];
  rowNumbers: number[];
}

export interface WorkbookLimits {
  maxBytes: number;
  /** Rows with content, all sheets together, before a sheet's reading stops. */
  maxRows: number;
}

const HYPERLINK_REL = /\/hyperlink$/;
const SHARED_STRINGS_REL = /\/sharedStrings$/;
const HYPERLINK_FORMULA = /^\s*HYPERLINK\(\s*"((?:[^"]|"")*)"/i;

function scanAll(xml: string, open: (name: string, attrs: string) => void): void {
  new XmlScanner({ open, close: () => {}, text: () => {} }).write(xml);
}

/** Relationship id → target, for the relationships of one part. */
function readRelationships(xml: string, type: RegExp | null): Map<string, string> {
  const rels = new Map<string, string>();
  scanAll(xml, (name, attrs) => {
    if (name !== 'Relationship') return;
    const id = attribute(attrs, 'Id');
    const target = attribute(attrs, 'Target');
    const relType = attribute(attrs, 'Type') ?? '';
    if (id && target !== undefined && (!type || type.test(relType))) rels.set(id, target);
  });
  return rels;
}

function partPath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
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

function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] = [];
  let inText = false;
  let phonetic = 0;
  new XmlScanner({
    open(name) {
      if (name === 'si') current = [];
      else if (name === 't' && phonetic === 0) inText = true;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(decodeXmlText(current.join('')));
    },
    text(raw, literal) {
      if (inText) current.push(literal ? raw.replace(/&/g, '&amp;').replace(/</g, '&lt;') : raw);
    },
  }).write(xml);
  return strings;
}

/** Column number (0-based) of a cell reference such as "B12". */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

function rowOf(ref: string): number {
  return Number.parseInt(ref.replace(/^[A-Z]+/, ''), 10);
}

interface Hyperlink {
  ref: string;
  target: string;
}

async function readSheet(
  filename: string,
  data: Buffer,
  entry: ZipEntry,
  shared: string[],
  links: Map<string, string>,
  budget: { rowsLeft: number; maxRows: number },
): Promise<{ rows: string[][]; rowNumbers: number[] }> {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const hyperlinks: Hyperlink[] = [];
  let cells: string[] | null = null;
  let rowNumber = 0;
  let col = -1;
  let type = '';
  let value = '';
  let formula = '';
  let into: 'value' | 'formula' | null = null;
  let inInline = false;
  let literalText = false;
  let phonetic = 0;
  const handler = {
    open(name: string, attrs: string) {
      switch (name) {
        case 'row': {
          const r = attribute(attrs, 'r');
          rowNumber = r ? Number.parseInt(r, 10) : rowNumber + 1;
          cells = [];
          col = -1;
          return;
        }
        case 'c': {
          const ref = attribute(attrs, 'r');
          col = ref ? columnOf(ref) : col + 1;
          type = attribute(attrs, 't') ?? 'n';
          value = '';
          formula = '';
          inInline = false;
          return;
        }
        case 'v':
          into = 'value';
          return;
        case 'f':
          into = 'formula';
          return;
        case 'is':
          inInline = true;
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (inInline && phonetic === 0) into = 'value';
          return;
        case 'hyperlink': {
          const ref = attribute(attrs, 'ref');
          const id = attribute(attrs, 'id');
          const target = id ? links.get(id) : undefined;
          if (ref && target) hyperlinks.push({ ref, target });
          return;
        }
      }
    },
    close(name: string) {
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          into = null;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c': {
          if (!cells) return;
          const text = cellText(type, value, formula, shared, literalText);
          literalText = false;
          if (text !== '') cells[col] = text;
          return;
        }
        case 'row': {
          if (cells && cells.length > 0) {
            budget.rowsLeft--;
            if (budget.rowsLeft < 0) throw tooManyRows(filename, budget.maxRows);
            rows.push(cells);
            rowNumbers.push(rowNumber);
          }
          cells = null;
          return;
        }
      }
    },
    text(raw: string, literal: boolean) {
      if (into === 'value') value += raw;
      else if (into === 'formula') formula += raw;
      else return;
      if (literal) literalText = true;
    },
  };
  const scanner = new XmlScanner(handler);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of openEntry(filename, data, entry))
    scanner.write(decoder.decode(chunk as Buffer, { stream: true }));
  scanner.write(decoder.decode());
  if (!scanner.end())
    throw new TakedownError(
      'file_unreadable',
      `${filename} is not a readable .xlsx workbook: a sheet is cut short.`,
    );
  applyHyperlinks(rows, rowNumbers, hyperlinks);
  return { rows, rowNumbers };
}

function cellText(type: string, raw: string, formula: string, shared: string[], literal: boolean): string {
  const link = formula ? decodeXmlText(formula).match(HYPERLINK_FORMULA)?.[1] : undefined;
  if (link) return link.replace(/""/g, '"');
  if (type === 's') return shared[Number.parseInt(raw, 10)] ?? '';
  if (type === 'b') return raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
  return literal ? raw : decodeXmlText(raw);
}

function applyHyperlinks(rows: string[][], rowNumbers: number[], hyperlinks: Hyperlink[]): void {
  if (hyperlinks.length === 0) return;
  const index = new Map(rowNumbers.map((n, i) => [n, i]));
  for (const { ref, target } of hyperlinks) {
    const [from, to = from] = ref.split(':') as [string, string?];
    for (let r = rowOf(from); r <= rowOf(to); r++) {
      const i = index.get(r);
      const row = i === undefined ? undefined : rows[i];
      if (!row) continue;
      for (let c = columnOf(from); c <= columnOf(to); c++) row[c] = target;
    }
  }
}

function tooManyRows(filename: string, maxRows: number): TakedownError {
  return new TakedownError(
    'too_many_rows',
    `${filename} has more than ${maxRows.toLocaleString('en-US')} rows, the limit for one file.`,
    {
      hint: 'Split it into smaller files and send them one by one.',
    },
  );
}

/** Every sheet with content, in workbook order. Throws TakedownError naming the file and the limit. */
export async function readWorkbook(
  filename: string,
  data: Buffer,
  limits: WorkbookLimits,
): Promise<SheetRows[]> {
  const dir = readZipDirectory(filename, data, {
    maxUnpackedBytes: Math.max(25 * limits.maxBytes, 64 * 1024 * 1024),
    maxEntries: 10_000,
    maxRatio: 1_000,
  });
  const workbookEntry = dir.get('xl/workbook.xml');
  if (!workbookEntry) {
    throw new TakedownError(
      'file_unreadable',
      `${filename} is a ZIP archive but not an Excel workbook (there is no xl/workbook.xml in it).`,
      {
        hint: 'Send the listings as .xlsx, .csv or .txt.',
      },
    );
  }
  const text = async (path: string) => {
    const entry = dir.get(path);
    return entry ? readEntryText(filename, data, entry) : '';
  };
  const workbookRels = readRelationships(await text('xl/_rels/workbook.xml.rels'), null);
  const sharedTarget = [
    ...readRelationships(await text('xl/_rels/workbook.xml.rels'), SHARED_STRINGS_REL).values(),
  ][0];
  const shared = readSharedStrings(
    await text(sharedTarget ? partPath('xl/workbook.xml', sharedTarget) : 'xl/sharedStrings.xml'),
  );

  const sheets: { name: string; path: string }[] = [];
  scanAll(await readEntryText(filename, data, workbookEntry), (name, attrs) => {
    if (name !== 'sheet') return;
    const target = workbookRels.get(attribute(attrs, 'id') ?? '');
    if (target)
      sheets.push({
        name: attribute(attrs, 'name') ?? `Sheet${sheets.length + 1}`,
        path: partPath('xl/workbook.xml', target),
      });
  });

  const budget = { rowsLeft: limits.maxRows + sheets.length, maxRows: limits.maxRows };
  const out: SheetRows[] = [];
  for (const sheet of sheets) {
    const entry = dir.get(sheet.path);
    if (!entry) continue;
    const links = readRelationships(await text(relsPathOf(sheet.path)), HYPERLINK_REL);
    const { rows, rowNumbers } = await readSheet(filename, data, entry, shared, links, budget);
    if (rows.length > 0) out.push({ name: sheet.name, rows, rowNumbers });
  }
  return out;
}
