/** Reading a portal table by its column headers, and paging through a paginated one. */
import type { Locator, Page } from 'playwright';

export interface TableRow {
  row: Locator;
  /** Cell texts by column header. */
  cells: Map<string, string>;
  /** The address of the first link in each cell that has one, by column header. */
  links: Map<string, string>;
}

/** The column headers as shown, trimmed (a header holding a checkbox keeps only its text). */
export async function columnHeaders(table: Locator): Promise<string[]> {
  return (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
}

/** Every body row of the table (rows with cells), read in one round trip. */
export async function readRows(table: Locator): Promise<TableRow[]> {
  const headers = await columnHeaders(table);
  const rows = table.getByRole('row');
  const data = await rows.evaluateAll((els) =>
    els.map((row) => {
      const cells = Array.from(row.querySelectorAll('td, [role="cell"], [role="gridcell"]')) as HTMLElement[];
      return {
        texts: cells.map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
        hrefs: cells.map((c) => c.querySelector('a[href]')?.getAttribute('href') ?? null),
      };
    }),
  );
  const out: TableRow[] = [];
  data.forEach((d, i) => {
    if (d.texts.length === 0) return;
    const links = new Map<string, string>();
    headers.forEach((h, col) => {
      const href = d.hrefs[col];
      if (href) links.set(h, href);
    });
    out.push({ row: rows.nth(i), cells: new Map(headers.map((h, col) => [h, d.texts[col] ?? ''])), links });
  });
  return out;
}

/** Columns the caller needs that the table does not have. */
export function missingColumns(headers: string[], needed: readonly string[]): string[] {
  return needed.filter((n) => !headers.includes(n));
}

/** The pager's "next" link; absent on the last page. */
export function nextPageLink(page: Page): Locator {
  return page.getByRole('link', { name: /^next\b/i });
}
