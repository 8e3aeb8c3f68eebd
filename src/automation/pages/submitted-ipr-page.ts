/** IPR Management → Submitted IPR: the IPRs on file and their verification status. */
import { PortalPage } from './portal-page.ts';
import { missingColumns, readRows } from './table.ts';

const COLUMNS = ['IPR Reg. No.', 'IPR Name', 'IPR Owner', 'IPR Type', 'Status'] as const;
const EMPTY = /not submitted any IPR|no (records|data) (found|available)/i;

export type IprCells = Record<(typeof COLUMNS)[number], string>;

export class SubmittedIprPage extends PortalPage {
  protected readonly pageName = 'Submitted IPR';

  readonly table = this.page
    .getByRole('table')
    .filter({ has: this.page.getByRole('columnheader', { name: 'IPR Reg. No.' }) });
  readonly emptyText = this.page.getByText(EMPTY);

  async rows(): Promise<IprCells[]> {
    await this.need(this.table.or(this.emptyText), 'the table of submitted IPRs');
    if ((await this.table.count()) === 0) return [];
    const rows = await readRows(this.table.first());
    const first = rows[0];
    if (!first) return [];
    const missing = missingColumns([...first.cells.keys()], COLUMNS);
    if (missing.length) throw await this.missing(`the column(s) ${missing.join(', ')}`);
    return rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r.cells.get(c) ?? ''])) as IprCells);
  }
}
