/**
 * Rows of a spreadsheet or CSV to entries: the header (when there is one) is recognised, the URL
 * column found by name or by content, and the other columns kept as title, seller and price.
 * Every row with any content becomes at least one entry; a cell holding several links gives several.
 */
import { parseListingUrl } from '../listing-url.ts';
import { findLinks } from './extract-text.ts';
import type { RawEntry } from './types.ts';

const URL_HEADER = /url|link|href|listing|address|网址|链接/i;
const TITLE_HEADER = /title|name|product|item|description|标题|商品/i;
const SELLER_HEADER = /seller|store|shop|supplier|vendor|company|merchant|卖家|店铺|供应商/i;
const PRICE_HEADER = /price|cost|amount|价格/i;
const PRICE_VALUE = /^[^\d\n]{0,6}\s?\d[\d.,\s]*\s?[^\d\n]{0,6}$/;
const SAMPLE = 200;

export interface TableColumns {
  hasHeader: boolean;
  url: number;
  title: number | null;
  seller: number | null;
  price: number | null;
}

function looksLikeLink(cell: string | undefined): boolean {
  return cell !== undefined && cell !== '' && findLinks(cell).length > 0;
}

function isEmptyRow(row: string[]): boolean {
  return row.every((c) => c.trim() === '');
}

/** Which columns hold what, judged on the first rows. */
export function detectColumns(rows: string[][]): TableColumns {
  const firstIndex = rows.findIndex((r) => !isEmptyRow(r));
  const first = rows[firstIndex] ?? [];
  const headerish = first.some(
    (c) => URL_HEADER.test(c) || TITLE_HEADER.test(c) || SELLER_HEADER.test(c) || PRICE_HEADER.test(c),
  );
  const hasHeader = headerish && !first.some(looksLikeLink);
  const width = rows.slice(0, SAMPLE + 1).reduce((w, r) => Math.max(w, r.length), 0);
  const sample = rows.slice(hasHeader ? firstIndex + 1 : firstIndex, firstIndex + 1 + SAMPLE);
  const linkCounts = Array.from(
    { length: width },
    (_, col) => sample.filter((r) => looksLikeLink(r[col])).length,
  );
  const pick = (pattern: RegExp, taken: number[]) =>
    hasHeader ? first.findIndex((c, i) => c !== undefined && pattern.test(c) && !taken.includes(i)) : -1;

  let url = pick(URL_HEADER, []);
  // Several URL-like headers ("Store URL", "Product URL"): the one whose cells are product listings.
  if (hasHeader) {
    const listings = (col: number) => sample.filter((r) => parseListingUrl(r[col] ?? '').ok).length;
    let best = url >= 0 ? listings(url) : 0;
    first.forEach((c, i) => {
      if (i === url || c === undefined || !URL_HEADER.test(c)) return;
      const n = listings(i);
      if (n > best) [url, best] = [i, n];
    });
  }
  if (url < 0 || (linkCounts[url] === 0 && Math.max(...linkCounts) > 0)) {
    const best = Math.max(0, ...linkCounts);
    url = best > 0 ? linkCounts.indexOf(best) : 0;
  }
  const taken = [url];
  const price = hasHeader ? pick(PRICE_HEADER, taken) : guessPrice(sample, width, taken);
  if (price >= 0) taken.push(price);
  let seller = pick(SELLER_HEADER, taken);
  if (seller >= 0) taken.push(seller);
  let title = pick(TITLE_HEADER, taken);
  if (title >= 0) taken.push(title);
  if (!hasHeader) {
    const rest = Array.from({ length: width }, (_, i) => i).filter((i) => !taken.includes(i));
    title = rest[0] ?? -1;
    seller = rest[1] ?? -1;
  }
  const orNull = (i: number) => (i >= 0 ? i : null);
  return { hasHeader, url, title: orNull(title), seller: orNull(seller), price: orNull(price) };
}

function guessPrice(sample: string[][], width: number, taken: number[]): number {
  for (let col = 0; col < width; col++) {
    if (taken.includes(col)) continue;
    const values = sample.map((r) => (r[col] ?? '').trim()).filter(Boolean);
    if (values.length > 0 && values.filter((v) => PRICE_VALUE.test(v)).length >= values.length * 0.8)
      return col;
  }
  return -1;
}

/** The inputs one cell holds: itself when it is one link (with its wrapping), else each link in it. */
function cellInputs(cell: string): string[] {
  if (!/\s/.test(cell)) return [cell];
  const links = findLinks(cell);
  if (links.length === 0) return [cell];
  if (
    links.length === 1 &&
    links[0] !== undefined &&
    cell.replace(links[0], '').replace(/[\s"'()[\]<>.,;:]/g, '') === ''
  ) {
    return [cell];
  }
  return links;
}

function cellAt(row: string[], col: number | null): string | undefined {
  if (col === null) return undefined;
  const value = row[col];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export interface RowSource {
  rows: string[][];
  /** The 1-based row number shown to people for rows[i]. */
  rowNumber: (index: number) => number;
  /** "row 12", or `sheet "Q3" row 12`. */
  location: (rowNumber: number) => string;
}

export function rowsToEntries(
  source: RowSource,
  columns: TableColumns = detectColumns(source.rows),
): RawEntry[] {
  const { rows } = source;
  const entries: RawEntry[] = [];
  let headerSeen = !columns.hasHeader;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as string[];
    if (isEmptyRow(row)) continue;
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    const position = source.rowNumber(i);
    const location = source.location(position);
    const title = cellAt(row, columns.title);
    const seller = cellAt(row, columns.seller);
    const price = cellAt(row, columns.price);
    const urlCell = row[columns.url]?.trim() ?? '';
    let inputs = urlCell === '' ? [] : cellInputs(urlCell);
    if (inputs.length === 0) {
      // The URL column is empty here: a link elsewhere in the row is still this row's listing.
      inputs = row.flatMap((c, col) => (col === columns.url ? [] : findLinks(c)));
      if (inputs.length === 0) inputs = [''];
    }
    for (const input of inputs) entries.push({ input, position, location, title, seller, price });
  }
  return entries;
}
