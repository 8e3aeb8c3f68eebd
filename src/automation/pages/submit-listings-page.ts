/**
 * IPR Complaint → Submit Listings. Option 1: a keyword and a platform, "Search". Option 2: paste the URLs,
 * one per line, and press "Submit Listings".
 */
import { PortalPage } from './portal-page.ts';

export const PASTE_BOX_LABEL = 'Save alleged infringing listings in batches by pasting the URLs below';

export class SubmitListingsPage extends PortalPage {
  protected readonly pageName = 'Submit Listings';

  readonly pasteBox = this.page.getByLabel(PASTE_BOX_LABEL);
  readonly submitButton = this.page.getByRole('button', { name: 'Submit Listings', exact: true });
  readonly error = this.page.getByRole('alert');
  readonly keyword = this.page.getByLabel('Enter keyword');
  readonly platform = this.page.getByLabel('Select Platform');
  readonly searchButton = this.page.getByRole('button', { name: 'Search', exact: true });

  /** The platforms Option 1 offers, as shown. */
  async platforms(): Promise<string[]> {
    const select = await this.need(this.platform, 'the "Select Platform" select');
    return (await select.first().getByRole('option').allTextContents()).map((t) => t.trim());
  }

  /** Option 1: searches the keyword on the platform (an option's text); returns the page's error or null. */
  async search(keyword: string, platformOption: string): Promise<string | null> {
    await (await this.need(this.keyword, 'the "Enter keyword" field')).first().fill(keyword);
    await this.platform.first().selectOption({ label: platformOption });
    await this.follow(this.searchButton, 'the "Search" button');
    if ((await this.keyword.count()) > 0 && (await this.pasteBox.count()) > 0)
      return (await this.textIfVisible(this.error)) ?? null;
    return null;
  }

  /** Pastes and submits; returns the page's error when the portal refused the whole submission, else null. */
  async submit(urls: string[]): Promise<string | null> {
    await (await this.need(this.pasteBox, `the box "${PASTE_BOX_LABEL}"`)).fill(urls.join('\n'));
    await this.act(this.submitButton, 'the "Submit Listings" button');
    if ((await this.pasteBox.count()) > 0) return (await this.textIfVisible(this.error)) ?? null;
    return null;
  }
}
