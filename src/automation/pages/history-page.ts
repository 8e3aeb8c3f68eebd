/** IPR Complaint → History: the search form and the complaints, newest first, page by page, and Withdraw. */
import type { Locator } from 'playwright';
import { PortalPage } from './portal-page.ts';
import { missingColumns, readRows } from './table.ts';

export const HISTORY_COLUMNS = [
  'Complaint Date',
  'Case Number',
  'IPR Reg. No.',
  'Supplier',
  'Listing',
  'Platform',
  'Status',
] as const;
const EMPTY = /no complaints found|no (records|data) (found|available)/i;

export type HistoryCells = Record<(typeof HISTORY_COLUMNS)[number], string>;

export interface HistorySearch {
  iprRegNo?: string | undefined;
  caseNumber?: string | undefined;
  supplier?: string | undefined;
}

export class HistoryPage extends PortalPage {
  protected readonly pageName = 'History';

  readonly iprRegNo = this.page.getByLabel('IPR Reg. No.');
  readonly caseNumber = this.page.getByLabel('Case Number');
  readonly supplier = this.page.getByLabel('Supplier Name');
  readonly searchButton = this.page.getByRole('button', { name: 'Search', exact: true });
  readonly table = this.page
    .getByRole('table')
    .filter({ has: this.page.getByRole('columnheader', { name: 'Case Number' }) });
  readonly emptyText = this.page.getByText(EMPTY);
  readonly error = this.page.getByRole('alert');

  async search(q: HistorySearch): Promise<void> {
    if (q.iprRegNo)
      await (await this.need(this.iprRegNo, 'the "IPR Reg. No." field')).first().fill(q.iprRegNo);
    if (q.caseNumber)
      await (await this.need(this.caseNumber, 'the "Case Number" field')).first().fill(q.caseNumber);
    if (q.supplier)
      await (await this.need(this.supplier, 'the "Supplier Name" field')).first().fill(q.supplier);
    await this.follow(this.searchButton, 'the "Search" button');
  }

  /** The "Withdraw" button of a row of the table. */
  withdrawButton(row: Locator): Locator {
    return row.getByRole('button', { name: 'Withdraw', exact: true });
  }

  /** Presses a row's "Withdraw"; returns the portal's error when it refused, else null. */
  async withdraw(row: Locator): Promise<string | null> {
    await this.act(this.withdrawButton(row), 'the "Withdraw" button');
    return this.textIfVisible(this.error);
  }

  /** The rows of the page shown, or [] when there are none. */
  async rows(): Promise<HistoryCells[]> {
    return (await this.rowsWithLocators()).map((r) => r.cells);
  }

  /** The rows of the page shown with each row's locator (for its buttons). */
  async rowsWithLocators(): Promise<{ row: Locator; cells: HistoryCells }[]> {
    await this.need(this.table.or(this.emptyText), 'the table of complaints');
    if ((await this.table.count()) === 0) return [];
    const rows = await readRows(this.table.first());
    const first = rows[0];
    if (!first) return [];
    const missing = missingColumns([...first.cells.keys()], HISTORY_COLUMNS);
    if (missing.length) throw await this.missing(`the column(s) ${missing.join(', ')}`);
    return rows.map((r) => ({
      row: r.row,
      cells: Object.fromEntries(HISTORY_COLUMNS.map((c) => [c, r.cells.get(c) ?? ''])) as HistoryCells,
    }));
  }
}
