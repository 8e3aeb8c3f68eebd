/** My Account and Help. */
import { html } from './html.ts';
import { page } from './layout.ts';

export function accountPage(user: string, counts: { iprs: number; pending: number; open: number }): string {
  return page({
    title: 'My Account',
    user,
    section: 'account',
    body: html`<table>
  <tr><th scope="row">User ID</th><td>${user}</td></tr>
  <tr><th scope="row">IPRs on file</th><td>${counts.iprs}</td></tr>
  <tr><th scope="row">Pending Submissions</th><td>${counts.pending}</td></tr>
  <tr><th scope="row">Open complaints</th><td>${counts.open}</td></tr>
</table>`,
  });
}

export function helpPage(user: string, chunkLimit: number): string {
  return page({
    title: 'Help',
    user,
    section: 'help',
    body: html`<ol>
  <li>Submit your IPR under IPR Management and wait until it is verified.</li>
  <li>Under IPR Complaint, Submit Listings: paste up to ${chunkLimit} product listing URLs, one per line.</li>
  <li>In Pending Submissions, select the listings, Continue, choose the IPR, enter a complaint reason and Match.</li>
  <li>Follow your complaints in History. Processing can take up to 7 business days.</li>
</ol>`,
  });
}
