/** IPR Management → Submit IPR: the IPR details, validity periods and documents. */
import type { NewIpr } from '../../core/ports.ts';
import { PortalPage } from './portal-page.ts';

export class SubmitIprPage extends PortalPage {
  protected readonly pageName = 'Submit IPR';

  readonly regNo = this.page.getByLabel('IPR Registration Number');
  readonly name = this.page.getByLabel('IPR Name/Description');
  readonly owner = this.page.getByLabel('IPR Owner');
  readonly region = this.page.getByLabel('IPR Registration Region');
  readonly validity = this.page.getByRole('group', { name: /IPR Validity Period/ });
  readonly authorization = this.page.getByRole('group', { name: /Authorization Validity Period/ });
  readonly documents = this.page.getByLabel('Add Documents');
  readonly submitButton = this.page.getByRole('button', { name: 'Submit', exact: true });
  readonly error = this.page.getByRole('alert');

  type(name: string) {
    return this.page.getByRole('radio', { name, exact: true });
  }

  /** The regions the form offers. */
  async regions(): Promise<string[]> {
    const select = await this.need(this.region, 'the "IPR Registration Region" select');
    return (await select.first().getByRole('option').allTextContents()).map((t) => t.trim());
  }

  /** Fills and submits the form; returns the page's errors when it refused the IPR, else null. */
  async submit(ipr: NewIpr): Promise<string | null> {
    await (await this.need(this.regNo, 'the "IPR Registration Number" field')).first().fill(ipr.regNo);
    await (await this.need(this.name, 'the "IPR Name/Description" field')).first().fill(ipr.name);
    await (await this.need(this.owner, 'the "IPR Owner" field')).first().fill(ipr.owner);
    await (await this.need(this.type(ipr.type), `the IPR Type "${ipr.type}"`)).first().check();
    await this.region.first().selectOption({ label: ipr.region });
    await this.fillPeriod(this.validity, 'IPR Validity Period', ipr.validFrom, ipr.validTo);
    if (ipr.authFrom && ipr.authTo) {
      await this.fillPeriod(this.authorization, 'Authorization Validity Period', ipr.authFrom, ipr.authTo);
    }
    if (ipr.documents?.length) {
      await (await this.need(this.documents, 'the "Add Documents" input'))
        .first()
        .setInputFiles(ipr.documents.map((d) => d.path));
    }
    await this.act(this.submitButton, 'the "Submit" button');
    if ((await this.submitButton.count()) > 0 && (await this.regNo.count()) > 0) {
      return (await this.textIfVisible(this.error)) ?? 'the portal did not accept the IPR';
    }
    return null;
  }

  private async fillPeriod(
    group: typeof this.validity,
    label: string,
    from: string,
    to: string,
  ): Promise<void> {
    const g = (await this.need(group, `the "${label}" dates`)).first();
    await (await this.need(g.getByLabel('From'), `the "${label}" start date`)).first().fill(from);
    await (await this.need(g.getByLabel('To'), `the "${label}" end date`)).first().fill(to);
  }
}
