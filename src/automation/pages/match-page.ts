/** The match form after "Continue": "Choose IPR", "Complaint reason", "Match". */
import { PortalPage } from './portal-page.ts';

export class MatchPage extends PortalPage {
  protected readonly pageName = 'match';

  readonly chooseIpr = this.page.getByLabel('Choose IPR');
  readonly reason = this.page.getByLabel('Complaint reason');
  readonly matchButton = this.page.getByRole('button', { name: 'Match', exact: true });
  readonly cancelButton = this.page.getByRole('button', { name: 'Cancel', exact: true });
  readonly error = this.page.getByRole('alert');

  /** The IPR choices offered, as shown (without "please select"). */
  async iprChoices(): Promise<string[]> {
    const select = await this.need(this.chooseIpr, 'the "Choose IPR" select');
    const texts = await select.first().getByRole('option').allTextContents();
    return texts.map((t) => t.trim()).filter((t) => t && !/please select/i.test(t));
  }

  /** Fills the form and presses Match; returns the page's error when the portal refused it, else null. */
  async match(iprChoice: string, reason: string): Promise<string | null> {
    await (await this.need(this.chooseIpr, 'the "Choose IPR" select'))
      .first()
      .selectOption({ label: iprChoice });
    await (await this.need(this.reason, 'the "Complaint reason" box')).first().fill(reason);
    await this.act(this.matchButton, 'the "Match" button');
    if ((await this.matchButton.count()) > 0)
      return (await this.textIfVisible(this.error)) ?? 'the portal did not accept the match';
    return null;
  }

  async cancel(): Promise<void> {
    await this.clickAndLoad(this.cancelButton, 'the "Cancel" button');
  }
}
