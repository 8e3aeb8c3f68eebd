/**
 * The rows of every sheet of an .xlsx, as text. The parts are taken from the archive by name, through
 * its checked directory (relationships, workbook and shared strings first, then each sheet in tab order),
 * and each is read as a stream of XML (xml-reader.ts) by what intake needs of it (parts.ts). Reading stops
 * at the row limit. A cell's hyperlink target wins over its shown text, and so does the URL of a
 * `HYPERLINK("url", "label")` formula; when the shown text is another listing's link, the entry is
 * refused (SheetRows.refusals, matched to the entries by row and target in read-file.ts).
 * A sheet the workbook names but does not hold, and a cell whose shared string is not in the table, are
 * refused as damage: reading on would lose their listings without a word.
 *
 * exceljs' streaming reader did this before; it is not used here because its parser (saxes, a SAX event
 * object per tag, then a cell model per cell) took about 2.5 times as long on the same XML, and its chunk
 * decoding broke characters split between two 16 KB chunks (a Chinese title came back with U+FFFD in it).
 */
import type { Readable } from 'node:stream';
import { TakedownError } from '../../errors.ts';
import { parseListingUrl, showsOtherListing } from '../../listing-url.ts';
import { findLinks } from '../extract-text.ts';
import { listingKey, type RawEntry } from '../types.ts';
import { type Archive, openArchive, partError } from './archive.ts';
import {
  cellRef,
  RelationshipsPart,
  SharedStringsPart,
  type SheetLink,
  WorkbookPart,
  WorksheetPart,
} from './parts.ts';
import { unreadableWorkbook } from './refusals.ts';
import { readXml, type XmlHandler } from './xml-reader.ts';

export interface SheetRows {
  name: string;
  rows: string[][];
  rowNumbers: number[];
  /**
   * Cells whose hyperlink leads to one listing while they show another: by row number, then by the
   * target's key (linkKey), why the entry it gives is not filed. Only cells with a hyperlink are looked at.
   */
  refusals?: Map<number, Map<string, string>>;
}

/** What a link is matched by: its listing (platform and item id) when it is one, else its text. */
function linkKey(link: string): string {
  const parsed = parseListingUrl(link);
  return parsed.ok ? listingKey(parsed.platform, parsed.itemId) : link;
}

/**
 * Why a cell's hyperlink target is not filed, when the cell shows a different listing's link: which
 * one is meant is not certain. A label ("see the knife"), a shortened URL or the same listing shown
 * is not such a case: the target wins.
 */
function shownConflict(shown: string, target: string): string | undefined {
  if (!/https?:|www\./i.test(shown)) return undefined;
  const leadsTo = parseListingUrl(target);
  for (const link of findLinks(shown)) {
    // A target that is no listing (a store page, a short link) cannot be compared: any listing shown conflicts.
    const conflict = leadsTo.ok ? showsOtherListing(link, leadsTo) : parseListingUrl(link).ok;
    if (conflict) {
      return `the cell shows ${link} but its link leads to ${target}: not filed, since it is not certain which is meant; put the listing's own link in the cell`;
    }
  }
  return undefined;
}

/** The refusal the workbook's cells give an entry read from a sheet's rows, if any. */
export function cellRefusal(sheet: SheetRows, entry: RawEntry): string | undefined {
  const byTarget = sheet.refusals?.get(entry.position);
  if (!byTarget) return undefined;
  return byTarget.get(entry.input) ?? byTarget.get(linkKey(entry.input));
}

export interface WorkbookLimits {
  maxBytes: number;
  /** Rows with content, all sheets together, before reading stops (each sheet may add a header). */
  maxRows: number;
}

function tooManyRows(filename: string, maxRows: number): TakedownError {
  return new TakedownError(
    'too_many_rows',
    `${filename} has more than ${maxRows.toLocaleString('en-US')} rows, the limit for one file.`,
    { hint: 'Split it into smaller files and send them one by one.' },
  );
}

interface SheetRead extends SheetRows {
  links: SheetLink[];
}

/**
 * Hyperlink targets over the cells they cover, once both the sheet and its relationships are read.
 * A range only reaches the rows and cells the sheet has (a link over A1:XFD1048576 touches what is
 * there, not 17 billion cells).
 */
function applyHyperlinks(filename: string, sheet: SheetRead, targets: Map<string, string>): void {
  const index = new Map(sheet.rowNumbers.map((n, i) => [n, i]));
  // Rows visited, over all links: a real sheet's links visit each of its rows a few times at most.
  let visits = 0;
  const visitLimit = 20 * Math.max(sheet.rows.length, sheet.links.length);
  const visit = () => {
    if (++visits > visitLimit) {
      throw new TakedownError(
        'file_unreadable',
        `${filename} is not a readable .xlsx workbook: the hyperlinks of sheet "${sheet.name}" cover its rows over and over (${sheet.links.length.toLocaleString('en-US')} links).`,
        { hint: 'Open it in Excel or LibreOffice, save it again as .xlsx (or export CSV), and send that.' },
      );
    }
  };
  for (const { ref, relationshipId } of sheet.links) {
    const target = targets.get(relationshipId);
    if (!target) continue;
    const [from, to = from] = ref.split(':') as [string, string?];
    const start = cellRef(from);
    const end = cellRef(to);
    if (!Number.isFinite(start.col + start.row + end.col + end.row)) continue;
    let targetKey: string | undefined;
    const apply = (row: string[], rowNumber: number) => {
      const last = Math.min(end.col, row.length - 1);
      for (let c = start.col; c <= last; c++) {
        const shown = row[c];
        if (shown !== undefined && shown !== target) {
          const refusal = shownConflict(shown, target);
          if (refusal) {
            targetKey ??= linkKey(target);
            refuse(sheet, rowNumber, target, targetKey, refusal);
          }
        }
        row[c] = target;
      }
    };
    if (end.row - start.row < sheet.rows.length) {
      for (let r = start.row; r <= end.row; r++) {
        visit();
        const i = index.get(r);
        if (i !== undefined) apply(sheet.rows[i] as string[], r);
      }
    } else {
      sheet.rowNumbers.forEach((n, i) => {
        visit();
        if (n >= start.row && n <= end.row) apply(sheet.rows[i] as string[], n);
      });
    }
  }
}

/** Records why the entry a cell's target gives on a row is not filed (the first reason, if several). */
function refuse(sheet: SheetRead, rowNumber: number, target: string, key: string, refusal: string): void {
  sheet.refusals ??= new Map();
  let byTarget = sheet.refusals.get(rowNumber);
  if (!byTarget) {
    byTarget = new Map();
    sheet.refusals.set(rowNumber, byTarget);
  }
  if (!byTarget.has(target)) byTarget.set(target, refusal);
  if (!byTarget.has(key)) byTarget.set(key, refusal);
}

interface RowBudget {
  filename: string;
  maxRows: number;
  /** Rows with content read so far, and sheets started (each may have a header row). */
  rows: number;
  sheets: number;
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

/** Reads one part through a handler; a fault in it is told as the part's, naming the file. */
async function readPart<H extends XmlHandler>(
  archive: Archive,
  filename: string,
  name: string,
  handler: H,
): Promise<H | null> {
  const part: Readable | null = await archive.open(name);
  if (!part) return null;
  try {
    await readXml(part, handler);
    return handler;
  } catch (err) {
    throw err instanceof TakedownError ? err : partError(filename, name, err);
  } finally {
    part.destroy();
  }
}

async function readParts(filename: string, archive: Archive, limits: WorkbookLimits): Promise<SheetRows[]> {
  const rels =
    (await readPart(archive, filename, 'xl/_rels/workbook.xml.rels', new RelationshipsPart()))
      ?.relationships ?? [];
  const book = await readPart(archive, filename, 'xl/workbook.xml', new WorkbookPart());
  const shared = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const strings =
    (
      await readPart(
        archive,
        filename,
        shared ? partPath(shared.target) : 'xl/sharedStrings.xml',
        new SharedStringsPart(),
      )
    )?.strings ?? [];

  const budget: RowBudget = { filename, maxRows: limits.maxRows, rows: 0, sheets: 0 };
  const out: SheetRows[] = [];
  const seen = new Set<string>();
  for (const tab of book?.tabs ?? []) {
    const rel = rels.find((r) => r.id === tab.relationshipId);
    const path = rel ? partPath(rel.target) : null;
    // A sheet the workbook names but does not hold would lose its listings without a word.
    if (path === null || !archive.names.has(path)) {
      throw unreadableWorkbook(
        filename,
        `it names the sheet "${tab.name}" but does not hold its part${path ? ` (${path})` : ''}; the file is damaged`,
      );
    }
    // Tabs that name a sheet part already read would read it again (a workbook of 100,000 tabs over
    // one part took hours): each part is read once, under its first tab.
    if (seen.has(path)) continue;
    seen.add(path);
    const sheet: SheetRead = { name: tab.name, rows: [], rowNumbers: [], links: [] };
    budget.sheets++;
    const part = new WorksheetPart(strings, (cells, rowNumber) => {
      if (++budget.rows > budget.maxRows + budget.sheets) throw tooManyRows(budget.filename, budget.maxRows);
      sheet.rows.push(cells);
      sheet.rowNumbers.push(rowNumber);
    });
    if (!(await readPart(archive, filename, path, part))) continue;
    if (part.missingString !== null) {
      // Such cells would read as empty: their listings would be dropped without a word.
      throw unreadableWorkbook(
        filename,
        `cell ${part.missingString} of sheet "${tab.name}" refers to shared text the file does not hold${strings.length === 0 ? ' (there is no shared-strings part)' : ''}; the file is damaged`,
      );
    }
    sheet.links = part.links;
    if (sheet.rows.length === 0) continue;
    if (sheet.links.length > 0) {
      const sheetRels = await readPart(archive, filename, relsPathOf(path), new RelationshipsPart());
      const targets = new Map((sheetRels?.relationships ?? []).map((r) => [r.id, r.target]));
      applyHyperlinks(filename, sheet, targets);
    }
    out.push({ name: sheet.name, rows: sheet.rows, rowNumbers: sheet.rowNumbers, refusals: sheet.refusals });
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
    // A real workbook unpacks to about 5–15 times its size (the bench's 100,000 rows: 9 times).
    maxUnpackedBytes: Math.max(10 * limits.maxBytes, 64 * 1024 * 1024),
    maxEntries: 10_000,
    maxRatio: 200,
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
