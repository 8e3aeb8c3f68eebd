/** Option 1's search results: the listings found, with their checkboxes, page by page, and "Report". */
import { PortalPage } from './portal-page.ts';
import { missingColumns, readRows } from './table.ts';

const COLUMNS = ['Product Name', 'Company Name'] as const;
const EMPTY = /no listings were found|no (records|data|results) (found|available)/i;

export interface SearchResultRow {
  title: string;
  seller: string;
  price: string | undefined;
  listingUrl: string;
}

export class SearchResultsPage extends PortalPage {
  protected readonly pageName = 'search results';

  readonly table = this.page
    .getByRole('table')
    .filter({ has: this.page.getByRole('columnheader', { name: 'Product Name' }) });
  readonly emptyText = this.page.getByText(EMPTY);
  readonly reportButton = this.page.getByRole('button', { name: 'Report', exact: true });

  /** The listings of the page shown, or [] when the search found none. */
  async rows(): Promise<SearchResultRow[]> {
    await this.need(this.table.or(this.emptyText), 'the table of search results');
    if ((await this.table.count()) === 0) return [];
    const rows = await readRows(this.table.first());
    const headers = rows[0] ? [...rows[0].cells.keys()] : [...COLUMNS];
    const missing = missingColumns(headers, COLUMNS);
    if (missing.length) throw await this.missing(`the column(s) ${missing.join(', ')}`);
    const out: SearchResultRow[] = [];
    for (const r of rows) {
      // The marketplace address: a "Listing" column when the portal shows one, else the product link.
      const shown = r.cells.get('Listing') || r.links.get('Listing') || r.links.get('Product Name');
      if (!shown) throw await this.missing('the address of a listing found');
      out.push({
        title: r.cells.get('Product Name') ?? '',
        seller: r.cells.get('Company Name') ?? '',
        price: r.cells.get('Price') || undefined,
        listingUrl: new URL(shown, this.page.url()).toString(),
      });
    }
    return out;
  }
}
