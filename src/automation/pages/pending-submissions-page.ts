/** IPR Complaint → Pending Submissions: the saved listings, page by page, with their checkboxes and "Continue". */
import type { PasteRefusal, PendingRow } from '../../core/ports.ts';
import { PortalPage } from './portal-page.ts';
import { missingColumns, readRows, type TableRow } from './table.ts';

const COLUMNS = ['Product Name', 'Company Name'] as const;
const SAVED = /A total of (\d+) alleged infringing listing/i;
const EMPTY = /no listings in Pending Submissions|no (records|data) (found|available)/i;

export interface PendingPageRow extends PendingRow {
  row: TableRow['row'];
}

export class PendingSubmissionsPage extends PortalPage {
  protected readonly pageName = 'Pending Submissions';

  readonly table = this.page
    .getByRole('table')
    .filter({ has: this.page.getByRole('columnheader', { name: 'Product Name' }) });
  readonly emptyText = this.page.getByText(EMPTY);
  readonly savedNotice = this.page.getByText(SAVED);
  readonly refusalTable = this.page
    .getByRole('table')
    .filter({ has: this.page.getByRole('columnheader', { name: 'Reason' }) });
  readonly selectAllBox = this.table.getByRole('checkbox', { name: 'Select all' });
  readonly continueButton = this.page.getByRole('button', { name: 'Continue', exact: true });
  readonly error = this.page.getByRole('alert');

  /** After Submit Listings: how many were saved and each listing the portal refused, with its reason. */
  async saveResult(): Promise<{ saved: number; refused: PasteRefusal[] }> {
    const notice = await (await this.need(this.savedNotice, 'the "A total of N ... saved" message'))
      .first()
      .textContent();
    const count = SAVED.exec(notice ?? '')?.[1];
    if (count === undefined) throw await this.missing('the number of listings saved');
    const saved = Number(count);
    const refused: PasteRefusal[] = [];
    if ((await this.refusalTable.count()) > 0) {
      for (const r of await readRows(this.refusalTable.first())) {
        const url = r.cells.get('Listing') ?? [...r.cells.values()][0] ?? '';
        refused.push({ url, reason: r.cells.get('Reason') ?? '' });
      }
    }
    return { saved, refused };
  }

  /** The rows of the page shown, or [] when Pending Submissions is empty. */
  async rows(): Promise<PendingPageRow[]> {
    await this.need(this.table.or(this.emptyText), 'the table of pending listings');
    if ((await this.table.count()) === 0) return [];
    const rows = await readRows(this.table.first());
    const headers = rows[0] ? [...rows[0].cells.keys()] : [...COLUMNS];
    const missing = missingColumns(headers, COLUMNS);
    if (missing.length) throw await this.missing(`the column(s) ${missing.join(', ')}`);
    const out: PendingPageRow[] = [];
    for (const r of rows) {
      const href = r.links.get('Product Name');
      if (!href) throw await this.missing('the Product Name link of a listing');
      out.push({
        row: r.row,
        productName: r.cells.get('Product Name') ?? '',
        companyName: r.cells.get('Company Name') ?? '',
        listingUrl: new URL(href, this.page.url()).toString(),
      });
    }
    return out;
  }

  /** Ticks "Select all" in the header: every listing of the page shown. */
  async selectAll(): Promise<void> {
    await (await this.need(this.selectAllBox, 'the "Select all" checkbox')).first().check();
  }

  async select(row: PendingPageRow): Promise<void> {
    await (await this.need(row.row.getByRole('checkbox'), `the checkbox of "${row.productName}"`))
      .first()
      .check();
  }

  /** Continue with the selected rows; returns the page's error when it stayed here, else null. */
  async continueWithSelected(): Promise<string | null> {
    await this.act(this.continueButton, 'the "Continue" button');
    if ((await this.continueButton.count()) > 0) return (await this.textIfVisible(this.error)) ?? null;
    return null;
  }
}
