/** The simulator's History table in Chromium at a narrow width: words stay whole, only listing links break. */
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/automation/browser.ts';
import { findChromium } from '../../src/config.ts';
import {
  DEFAULT_PORTAL_ACCOUNT,
  type PortalSimulator,
  startPortalSimulator,
} from '../../src/sandbox/portal/index.ts';
import { PATHS } from '../../src/sandbox/portal/paths.ts';

let sim: PortalSimulator;
let browser: Browser;

beforeAll(async () => {
  sim = await startPortalSimulator({ iprs: [{ regNo: '2485097', name: 'CRKT', owner: 'CRKT' }] });
  sim.admin.seedCases({ count: 6, iprRegNo: '2485097', perCase: 1 });
  const numbers = sim.admin.state().cases.map((c) => c.caseNumber);
  const outcomes = ['Listing Removed', 'Rejected', 'Pending Counter-Notification', 'Withdrawn'] as const;
  for (const [i, outcome] of outcomes.entries()) {
    sim.admin.resolveCases({ outcome, caseNumber: numbers[i] ?? '' });
  }
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

async function historyAt(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${sim.url}${PATHS.history}`);
  await page.getByLabel('User ID').fill(DEFAULT_PORTAL_ACCOUNT.user);
  await page.getByLabel('Password').fill(DEFAULT_PORTAL_ACCOUNT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table', { name: 'Complaint history' }).waitFor({ timeout: 10_000 });
  return page;
}

/**
 * Every word of the table's headers and cells, outside the Listing column, that the browser laid out over
 * more than one line, as "Column: word".
 */
function wordsSplitAcrossLines(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Complaint history' }).evaluate((table) => {
    const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? '');
    const split: string[] = [];
    const check = (cell: Element, column: string) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        // A line may end after a hyphen ("Counter-" / "Notification"): that is between words.
        for (const m of text.matchAll(/[^\s-]+-?/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          if (lines.size > 1) split.push(`${column}: ${m[0]}`);
        }
      }
    };
    for (const [i, th] of Array.from(table.querySelectorAll('thead th')).entries())
      check(th, headers[i] ?? '');
    for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
      for (const [i, td] of Array.from(row.querySelectorAll('td')).entries()) {
        if (headers[i] !== 'Listing') check(td, headers[i] ?? '');
      }
    }
    return split;
  });
}

describe('the portal simulator’s History page at a narrow width', () => {
  it('at 800px, no case number, date, status or header is split mid-word, and the page does not scroll sideways', async () => {
    const page = await historyAt(800);
    const rows = page.getByRole('table', { name: 'Complaint history' }).locator('tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await page.getByRole('cell', { name: 'Listing Removed' }).count()).toBe(1);
    expect(await wordsSplitAcrossLines(page)).toEqual([]);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.close();
  });

  it('at 800px, a listing link longer than its column breaks inside the link, within the column', async () => {
    const page = await historyAt(800);
    const listing = page.getByRole('cell', { name: /^https:\/\/www\.aliexpress\.com\/item\// }).first();
    const box = await listing.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      return { lines: lines.size, overflow: td.scrollWidth > td.clientWidth };
    });
    expect(box.lines).toBeGreaterThan(1);
    expect(box.overflow).toBe(false);
    await page.close();
  });
});
