/** IPR Complaint → Submit Listings, Option 2: paste the URLs, one per line, and press "Submit Listings". */
import { PortalPage } from './portal-page.ts';

export const PASTE_BOX_LABEL = 'Save alleged infringing listings in batches by pasting the URLs below';

export class SubmitListingsPage extends PortalPage {
  protected readonly pageName = 'Submit Listings';

  readonly pasteBox = this.page.getByLabel(PASTE_BOX_LABEL);
  readonly submitButton = this.page.getByRole('button', { name: 'Submit Listings', exact: true });
  readonly error = this.page.getByRole('alert');

  /** Pastes and submits; returns the page's error when the portal refused the whole submission, else null. */
  async submit(urls: string[]): Promise<string | null> {
    await (await this.need(this.pasteBox, `the box "${PASTE_BOX_LABEL}"`)).fill(urls.join('\n'));
    await this.clickAndLoad(this.submitButton, 'the "Submit Listings" button');
    if ((await this.pasteBox.count()) > 0) return (await this.textIfVisible(this.error)) ?? null;
    return null;
  }
}
