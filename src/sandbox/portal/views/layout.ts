/** The page frame every signed-in portal page shares: header, main nav, side links, notices, footer. */
import { PATHS } from '../paths.ts';
import { html, type Markup } from './html.ts';

export type Section = 'account' | 'ipr' | 'complaint' | 'help';

export interface Notices {
  /** Success text, shown as a status message. */
  notice?: string | undefined;
  /** Page-level error, shown as an alert. */
  error?: string | undefined;
}

const SIDE_LINKS: Record<Section, { label: string; href: string }[]> = {
  account: [{ label: 'My Account', href: PATHS.account }],
  ipr: [
    { label: 'Submit IPR', href: PATHS.submitIpr },
    { label: 'Submitted IPR', href: PATHS.submittedIpr },
  ],
  complaint: [
    { label: 'Submit Listings', href: PATHS.submitListings },
    { label: 'Pending Submissions', href: PATHS.pending },
    { label: 'Pending Counter-Notification', href: PATHS.counterNotification },
    { label: 'History', href: PATHS.history },
  ],
  help: [{ label: 'Help', href: PATHS.help }],
};

const MAIN_LINKS: { section: Section; label: string; href: string }[] = [
  { section: 'account', label: 'My Account', href: PATHS.account },
  { section: 'ipr', label: 'IPR Management', href: PATHS.submitIpr },
  { section: 'complaint', label: 'IPR Complaint', href: PATHS.submitListings },
  { section: 'help', label: 'Help', href: PATHS.help },
];

const STYLE = `
body{font:14px/1.4 Arial,Helvetica,sans-serif;margin:0;color:#333;background:#f4f4f4}
header{background:#fff;border-bottom:3px solid #ff7300;padding:8px 16px}
.brand{font-size:18px}.brand strong{color:#ff7300}
.user{float:right;font-size:12px}
nav.main a{display:inline-block;padding:6px 14px;margin-top:8px;color:#333;text-decoration:none}
nav.main a[aria-current]{background:#1a66b3;color:#fff}
.frame{display:flex;gap:16px;padding:16px}
nav.side{min-width:190px;background:#fff;padding:8px}
nav.side a{display:block;padding:6px;color:#1a66b3}
nav.side a[aria-current]{font-weight:bold;border-left:3px solid #1a66b3}
main{flex:1;background:#fff;padding:12px 20px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
td.nowrap{white-space:nowrap}
td.url{overflow-wrap:anywhere}
th{background:#eef3fa}
[role=alert]{background:#fdecea;border:1px solid #e0a39b;padding:8px;margin:8px 0}
[role=status]{background:#eaf6ea;border:1px solid #9bcf9b;padding:8px;margin:8px 0}
.info{background:#e8f1fb;border:1px solid #9cc0e8;padding:8px}
.field-error{color:#c00;margin:2px 0}
label{font-weight:bold}
.field{margin:10px 0}
button{background:#ff7300;color:#fff;border:0;padding:5px 14px;border-radius:3px;cursor:pointer}
button.secondary{background:#888}
footer{font-size:11px;color:#777;padding:12px 16px}
.pagination a,.pagination span{margin:0 3px}
@media (max-width:960px){.frame{flex-direction:column;padding:8px}nav.side{min-width:0}
nav.side a{display:inline-block}main{padding:8px 10px}th,td{padding:3px 4px}}
`;

export function page(opts: {
  title: string;
  user?: string | undefined;
  section?: Section | undefined;
  current?: string | undefined;
  notices?: Notices | undefined;
  body: Markup;
}): string {
  const { title, user, section, current, notices, body } = opts;
  const side = section ? SIDE_LINKS[section] : [];
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title} - AliProtect</title><style>${STYLE}</style></head>
<body>
<header>
  ${user ? html`<div class="user">User ID: ${user} <a href="${PATHS.logout}">Sign out</a></div>` : ''}
  <div class="brand">Alibaba.com <strong>AliProtect</strong> - Alibaba.com Intellectual Property Protection System</div>
  ${
    user
      ? html`<nav class="main" aria-label="Main">${MAIN_LINKS.map(
          (l) =>
            html`<a href="${l.href}"${l.section === section ? html` aria-current="true"` : ''}>${l.label}</a>`,
        )}</nav>`
      : ''
  }
</header>
<div class="frame">
  ${
    side.length > 1
      ? html`<nav class="side" aria-label="Section">${side.map(
          (l) =>
            html`<a href="${l.href}"${l.label === current ? html` aria-current="page"` : ''}>${l.label}</a>`,
        )}</nav>`
      : ''
  }
  <main>
    <h1>${title}</h1>
    ${notices?.notice ? html`<p role="status">${notices.notice}</p>` : ''}
    ${notices?.error ? html`<div role="alert">${notices.error}</div>` : ''}
    ${body}
  </main>
</div>
<footer>Alibaba Group: Alibaba.com | AliExpress | 1688.com — Intellectual Property Policy and Infringement Claims.
This is a local simulator of the AliProtect portal.</footer>
</body>
</html>`.text;
}

/** "‹ prev 1 2 3 next ›" plus "Go to Page" for a list of `pages` pages; `href(n)` is page n's address. */
export function pagination(
  current: number,
  pages: number,
  href: (n: number) => string,
  formAction: string,
  keep: Record<string, string | undefined> = {},
): Markup {
  const numbers = Array.from({ length: pages }, (_, i) => i + 1);
  return html`<nav class="pagination" aria-label="Pagination">
  ${current > 1 ? html`<a href="${href(current - 1)}">‹ prev</a>` : html`<span aria-disabled="true">‹ prev</span>`}
  ${numbers.map((n) =>
    n === current ? html`<span aria-current="page">${n}</span>` : html`<a href="${href(n)}">${n}</a>`,
  )}
  ${current < pages ? html`<a href="${href(current + 1)}">next ›</a>` : html`<span aria-disabled="true">next ›</span>`}
  </nav>
  <form method="get" action="${formAction}" class="goto">
    ${Object.entries(keep).map(([k, v]) => (v ? html`<input type="hidden" name="${k}" value="${v}">` : ''))}
    <label for="goto-page">Go to Page</label>
    <input id="goto-page" name="page" type="number" min="1" max="${pages}" value="${current}">
    <button type="submit">Go</button>
  </form>`;
}
