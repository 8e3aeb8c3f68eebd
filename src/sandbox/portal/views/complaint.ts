/** IPR Complaint: Submit Listings, Pending Submissions and the match form. */

import type { CatalogueListing } from '../catalogue.ts';
import { PATHS } from '../paths.ts';
import type { PasteRefusal, SimIpr, SimPending } from '../state.ts';
import { html, type Markup } from './html.ts';
import { type Notices, page, pagination } from './layout.ts';

export const PASTE_LABEL = 'Save alleged infringing listings in batches by pasting the URLs below';
export const PLATFORMS = ['www.alibaba.com', 'www.aliexpress.com', 'china.alibaba.com'];
const THUMBNAIL =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="48" height="48"%3E%3Crect width="48" height="48" fill="%23ddd"/%3E%3C/svg%3E';

export function submitListingsPage(
  user: string,
  opts: { chunkLimit: number; notices?: Notices; pasted?: string; keyword?: string },
): string {
  return page({
    title: 'Submit Listings',
    user,
    section: 'complaint',
    current: 'Submit Listings',
    notices: opts.notices,
    body: html`<h2>Identify and save alleged infringing listings to Pending Submissions</h2>
<p class="info">Complaints can only be submitted after an IPR submission is verified.</p>
<p>*Please select one of the following options</p>
<section aria-labelledby="option1">
  <h3 id="option1">Option 1: Search for alleged infringing listing by keyword</h3>
  <p>On the search results page, select alleged infringing products and click "Report".</p>
  <form method="get" action="${PATHS.searchResults}">
    <label for="keyword">Enter keyword:</label> <input id="keyword" name="keyword" value="${opts.keyword ?? ''}">
    <label for="platform">Select Platform</label>
    <select id="platform" name="platform">${PLATFORMS.map((p) => html`<option>${p}</option>`)}</select>
    <button type="submit">Search</button>
  </form>
</section>
<section aria-labelledby="option2">
  <h3 id="option2">Option 2: Save alleged infringing listings in batches</h3>
  <p>Please note the following when using the batch submission option:</p>
  <ol><li>There is a maximum of ${opts.chunkLimit} listings per submission</li>
  <li>Only product listings can be submitted</li><li>Each URL must be placed on a separate line</li></ol>
  <form method="post" action="${PATHS.saveListings}">
    <label for="urls">${PASTE_LABEL}</label><br>
    <textarea id="urls" name="urls" rows="12" cols="100">${opts.pasted ?? ''}</textarea><br>
    <button type="submit">Submit Listings</button>
  </form>
</section>`,
  });
}

function refusalTable(refused: PasteRefusal[]): Markup | string {
  if (refused.length === 0) return '';
  return html`<table>
  <caption>Listings not saved (${refused.length})</caption>
  <thead><tr><th scope="col">Listing</th><th scope="col">Reason</th></tr></thead>
  <tbody>${refused.map((r) => html`<tr><td class="url">${r.url}</td><td>${r.reason}</td></tr>`)}</tbody>
</table>`;
}

export function pendingPage(
  user: string,
  opts: { rows: SimPending[]; page: number; pages: number; notices?: Notices; refused?: PasteRefusal[] },
): string {
  const { rows } = opts;
  return page({
    title: 'Pending Submissions',
    user,
    section: 'complaint',
    current: 'Pending Submissions',
    notices: opts.notices,
    body: html`${refusalTable(opts.refused ?? [])}
${
  rows.length === 0
    ? html`<p>There are no listings in Pending Submissions.</p>`
    : html`<form id="pending-form" method="post" action="${PATHS.pending}">
  <input type="hidden" name="page" value="${opts.page}">
  <table>
    <caption>Pending Submissions</caption>
    <thead><tr><th scope="col"><input type="checkbox" id="select-all" aria-label="Select all"> Image</th>
    <th scope="col">Product Name</th><th scope="col">Company Name</th><th scope="col">Action</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr>
      <td><input type="checkbox" name="ids" value="${r.id}" aria-label="Select ${r.productName}">
        <img src="${THUMBNAIL}" alt="" width="48" height="48"></td>
      <td><a href="${r.url}" target="_blank" rel="noreferrer">${r.productName}</a></td>
      <td>${r.companyName}</td>
      <td><button type="submit" class="secondary" name="delete" value="${r.id}">Delete</button></td></tr>`,
    )}</tbody>
  </table>
</form>
${pagination(opts.page, opts.pages, (n) => `${PATHS.pending}?page=${n}`, PATHS.pending)}
<p><button type="submit" form="pending-form" name="action" value="continue">Continue</button>
<button type="submit" form="pending-form" class="secondary" name="action" value="remove">Remove from List</button>
<button type="submit" form="pending-form" class="secondary" name="action" value="back">Back</button></p>
<script>
  const all = document.getElementById('select-all');
  const boxes = [...document.querySelectorAll('input[name=ids]')];
  all.addEventListener('change', () => boxes.forEach((b) => { b.checked = all.checked; }));
  boxes.forEach((b) => b.addEventListener('change', () => { all.checked = boxes.every((x) => x.checked); }));
</script>`
}`,
  });
}

export function matchPage(
  user: string,
  opts: { listings: SimPending[]; iprs: SimIpr[]; notices?: Notices; ipr?: string; reason?: string },
): string {
  return page({
    title: 'Match IPR',
    user,
    section: 'complaint',
    current: 'Pending Submissions',
    notices: opts.notices,
    body: html`<form method="post" action="${PATHS.match}" enctype="multipart/form-data">
  ${opts.listings.map((l) => html`<input type="hidden" name="ids" value="${l.id}">`)}
  <table>
    <caption>Selected listings (${opts.listings.length})</caption>
    <thead><tr><th scope="col">Product Name</th><th scope="col">Company Name</th></tr></thead>
    <tbody>${opts.listings.map((l) => html`<tr><td>${l.productName}</td><td>${l.companyName}</td></tr>`)}</tbody>
  </table>
  <div class="field"><label for="ipr">* Choose IPR</label>
    <select id="ipr" name="ipr"><option value="">please select</option>${opts.iprs.map(
      (i) =>
        html`<option value="${i.regNo}"${opts.ipr === i.regNo ? html` selected` : ''}>${i.regNo} - ${i.name}</option>`,
    )}</select></div>
  <div class="field"><label for="reason">* Complaint reason</label>
    <p id="reason-hint">Please ensure the complaint reason relates to this IPR case</p>
    <textarea id="reason" name="reason" rows="4" cols="80" maxlength="2000" aria-describedby="reason-hint">${opts.reason ?? ''}</textarea></div>
  <fieldset class="field"><legend>Upload certificate</legend>
    <p>Please provide the complete patent certificate.</p>
    <label for="documents">Add Documents</label> <input id="documents" name="documents" type="file" multiple>
    <small>Each file must not exceed 2MB</small></fieldset>
  <button type="submit" name="action" value="match">Match</button>
  <button type="submit" class="secondary" name="action" value="cancel">Cancel</button>
</form>`,
  });
}

export function searchResultsPage(
  user: string,
  opts: {
    keyword: string;
    platform: string;
    rows: CatalogueListing[];
    page: number;
    pages: number;
    notices?: Notices;
  },
): string {
  const { rows } = opts;
  const query = (n: number) =>
    `${PATHS.searchResults}?${new URLSearchParams({ keyword: opts.keyword, platform: opts.platform, page: String(n) })}`;
  return page({
    title: 'Search Results',
    user,
    section: 'complaint',
    current: 'Submit Listings',
    notices: opts.notices,
    body: html`<p>Search results for "${opts.keyword}" on ${opts.platform}</p>
${
  rows.length === 0
    ? html`<p>No listings were found.</p>`
    : html`<form id="report-form" method="post" action="${PATHS.report}">
  <table>
    <caption>Search results</caption>
    <thead><tr><th scope="col"><input type="checkbox" id="select-all" aria-label="All"> All</th>
    <th scope="col">Image</th><th scope="col">Product Name</th><th scope="col">Company Name</th>
    <th scope="col">Price</th><th scope="col">Listing</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr>
      <td><input type="checkbox" name="urls" value="${r.url}" aria-label="Select ${r.title}"></td>
      <td><img src="${THUMBNAIL}" alt="${r.title}" width="48" height="48"></td>
      <td><a href="${PATHS.listing}?platform=${r.platform}&amp;id=${r.itemId}">${r.title}</a></td>
      <td>${r.seller}</td><td class="nowrap">${r.price}</td><td class="url">${r.url}</td></tr>`,
    )}</tbody>
  </table>
  <button type="submit">Report</button>
</form>
${pagination(opts.page, opts.pages, query, PATHS.searchResults, { keyword: opts.keyword, platform: opts.platform })}
<script>
  const all = document.getElementById('select-all');
  const boxes = [...document.querySelectorAll('input[name=urls]')];
  all.addEventListener('change', () => boxes.forEach((b) => { b.checked = all.checked; }));
</script>`
}`,
  });
}

export function listingPage(user: string, l: CatalogueListing): string {
  return page({
    title: l.title,
    user,
    section: 'complaint',
    current: 'Submit Listings',
    body: html`<img src="${THUMBNAIL}" alt="${l.title}" width="240" height="240">
<table>
  <tr><th scope="row">Product Name</th><td>${l.title}</td></tr>
  <tr><th scope="row">Seller</th><td>${l.seller}</td></tr>
  <tr><th scope="row">Price</th><td>${l.price}</td></tr>
  <tr><th scope="row">Listing</th><td class="url">${l.url}</td></tr>
</table>`,
  });
}
