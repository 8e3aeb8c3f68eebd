/**
 * Every case as CSV, for a spreadsheet: one row per case with its listing, newest filing last.
 * Safe to open in Excel, LibreOffice or Sheets: UTF-8 with a byte-order mark, every field quoted,
 * and no cell starts a formula (text from the portal or a seller's name such as "=HYPERLINK(…)"
 * gets a leading apostrophe, as OWASP advises for CSV injection).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { CASE_STATUS_LABEL, type CaseStatus, PLATFORM_LABEL, type Platform } from '../core/types.ts';
import type { Db } from '../db/connection.ts';

export const EXPORT_COLUMNS = [
  'Case number',
  'Listing URL',
  'Platform',
  'Item ID',
  'Listing title',
  'Seller',
  'IPR registration number',
  'Status',
  'Portal status text',
  'Complaint date',
  'Filed at (UTC)',
  'Status since (UTC)',
  'Closed at (UTC)',
  'Last seen on the portal (UTC)',
] as const;

/** Characters that make a spreadsheet read a cell as a formula (or a DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The value as a spreadsheet will show it, never as a formula. */
export function spreadsheetSafe(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

interface CaseRow {
  caseNumber: string;
  url: string;
  platform: Platform;
  itemId: string;
  title: string | null;
  supplier: string | null;
  iprRegNo: string;
  status: CaseStatus;
  statusText: string | null;
  complaintDate: string;
  filedAt: string;
  statusSince: string | null;
  closedAt: string | null;
  lastSeenAt: string;
}

function cells(r: CaseRow): string[] {
  return [
    r.caseNumber,
    r.url,
    PLATFORM_LABEL[r.platform] ?? r.platform,
    r.itemId,
    r.title,
    r.supplier,
    r.iprRegNo,
    CASE_STATUS_LABEL[r.status] ?? r.status,
    r.statusText,
    r.complaintDate,
    r.filedAt,
    r.statusSince,
    r.closedAt,
    r.lastSeenAt,
  ].map(spreadsheetSafe);
}

/**
 * Streams the cases filed at or after `since` (all of them without it) to `out` as CSV, reading
 * them one by one from SQLite, so a million cases take little memory. Returns how many rows.
 */
export async function writeCasesCsv(
  db: Db,
  out: NodeJS.WritableStream,
  opts: { since?: Date | undefined } = {},
): Promise<number> {
  const statement = db.sqlite.prepare<{ since: string }, CaseRow>(
    `select c.case_number as caseNumber, l.url as url, c.platform as platform, l.item_id as itemId,
            l.title as title, c.supplier as supplier, c.ipr_reg_no as iprRegNo, c.status as status,
            c.status_text as statusText, c.complaint_date as complaintDate, c.filed_at as filedAt,
            c.status_since as statusSince, c.closed_at as closedAt, c.last_seen_at as lastSeenAt
     from cases c join listings l on l.id = c.listing_id
     where c.filed_at >= :since
     order by c.filed_at, c.id`,
  );
  let rows = 0;
  const records = Readable.from(
    (function* () {
      for (const r of statement.iterate({ since: opts.since?.toISOString() ?? '' })) {
        rows++;
        yield cells(r);
      }
    })(),
  );
  await pipeline(
    records,
    stringify({
      header: true,
      columns: [...EXPORT_COLUMNS],
      bom: true,
      quoted: true,
      record_delimiter: 'windows',
    }),
    out,
    { end: false },
  );
  return rows;
}
