/** IPR Complaint: History, a case's details and Pending Counter-Notification. */
import { PATHS } from '../paths.ts';
import { caseStatusText, type HistoryFilter, portalDate, type SimCaseRow } from '../state.ts';
import { html, type Markup } from './html.ts';
import { type Notices, page, pagination } from './layout.ts';

function caseTable(rows: SimCaseRow[], caption: string): Markup {
  return html`<table>
  <caption>${caption}</caption>
  <thead><tr><th scope="col">Complaint Date</th><th scope="col">Case Number</th><th scope="col">IPR Reg. No.</th>
  <th scope="col">Supplier</th><th scope="col">Listing</th><th scope="col">Platform</th><th scope="col">Status</th>
  <th scope="col">Action</th></tr></thead>
  <tbody>${rows.map(
    (
      r,
    ) => html`<tr><td class="nowrap">${portalDate(r.filedAt)}</td><td class="nowrap">${r.caseNumber}</td><td class="nowrap">${r.iprRegNo};</td><td>${r.supplier}</td>
    <td class="url">${r.listingUrl}</td><td class="nowrap">${r.site}</td><td>${caseStatusText(r)}</td>
    <td><a href="${PATHS.caseDetails}?id=${r.id}">Details</a>
    ${
      r.status === 'In Progress'
        ? html`<form method="post" action="${PATHS.withdraw}" style="display:inline">
      <input type="hidden" name="id" value="${r.id}"><button type="submit" class="secondary">Withdraw</button></form>`
        : ''
    }</td></tr>`,
  )}</tbody>
</table>`;
}

export function historyPage(
  user: string,
  opts: { rows: SimCaseRow[]; page: number; pages: number; filter: HistoryFilter; notices?: Notices },
): string {
  const f = opts.filter;
  const keep = {
    iprRegNo: f.iprRegNo,
    caseNumber: f.caseNumber,
    supplier: f.supplier,
    from: f.from,
    to: f.to,
  };
  const query = new URLSearchParams(Object.entries(keep).filter((e): e is [string, string] => Boolean(e[1])));
  return page({
    title: 'History',
    user,
    section: 'complaint',
    current: 'History',
    notices: opts.notices,
    body: html`<form method="get" action="${PATHS.history}" role="search" aria-label="Search complaints">
  <label for="iprRegNo">IPR Reg. No.</label> <input id="iprRegNo" name="iprRegNo" value="${f.iprRegNo ?? ''}">
  <label for="caseNumber">Case Number</label> <input id="caseNumber" name="caseNumber" value="${f.caseNumber ?? ''}">
  <label for="supplier">Supplier Name</label> <input id="supplier" name="supplier" value="${f.supplier ?? ''}">
  <fieldset style="display:inline;border:0"><legend>Period</legend>
    <label for="from">From</label> <input id="from" name="from" type="date" value="${f.from ?? ''}">
    <label for="to">To</label> <input id="to" name="to" type="date" value="${f.to ?? ''}"></fieldset>
  <button type="submit">Search</button>
</form>
${
  opts.rows.length
    ? html`${caseTable(opts.rows, 'Complaint history')}
${pagination(opts.page, opts.pages, (n) => `${PATHS.history}?${withPage(query, n)}`, PATHS.history, keep)}`
    : html`<p>No complaints found.</p>`
}`,
  });
}

function withPage(query: URLSearchParams, n: number): string {
  const q = new URLSearchParams(query);
  q.set('page', String(n));
  return q.toString();
}

export function caseDetailsPage(user: string, row: SimCaseRow): string {
  return page({
    title: `Case ${row.caseNumber}`,
    user,
    section: 'complaint',
    current: 'History',
    body: html`<table>
  <tr><th scope="row">Case Number</th><td>${row.caseNumber}</td></tr>
  <tr><th scope="row">Complaint Date</th><td>${portalDate(row.filedAt)}</td></tr>
  <tr><th scope="row">IPR Reg. No.</th><td>${row.iprRegNo}</td></tr>
  <tr><th scope="row">Complaint reason</th><td>${row.reason}</td></tr>
  <tr><th scope="row">Product Name</th><td>${row.productName}</td></tr>
  <tr><th scope="row">Supplier</th><td>${row.supplier}</td></tr>
  <tr><th scope="row">Listing</th><td class="url">${row.listingUrl}</td></tr>
  <tr><th scope="row">Platform</th><td>${row.site}</td></tr>
  <tr><th scope="row">Status</th><td>${caseStatusText(row)}</td></tr>
  <tr><th scope="row">Documents</th><td>${row.documents.map((d) => d.name).join(', ') || 'None'}</td></tr>
</table>
<p><a href="${PATHS.history}">Back to History</a></p>`,
  });
}

export function counterNotificationPage(user: string, rows: SimCaseRow[]): string {
  return page({
    title: 'Pending Counter-Notification',
    user,
    section: 'complaint',
    current: 'Pending Counter-Notification',
    body: rows.length
      ? caseTable(rows, 'Complaints awaiting your response to a counter-notification')
      : html`<p>There are no complaints with a counter-notification.</p>`,
  });
}
