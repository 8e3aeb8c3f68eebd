/** The header every signed-in page shows: the main links, the side links, and "Sign out". */
import { PortalPage } from './portal-page.ts';

export type MainLink = 'My Account' | 'IPR Management' | 'IPR Complaint' | 'Help';
export type SideLink =
  | 'Submit IPR'
  | 'Submitted IPR'
  | 'Submit Listings'
  | 'Pending Submissions'
  | 'Pending Counter-Notification'
  | 'History';

export class PortalNav extends PortalPage {
  protected readonly pageName = 'header';

  readonly signOut = this.page.getByRole('link', { name: 'Sign out', exact: true });

  mainLink(name: MainLink) {
    return this.page.getByRole('link', { name, exact: true });
  }

  sideLink(name: SideLink) {
    return this.page.getByRole('link', { name, exact: true });
  }

  /** Opens a page by clicking the visible main link, then the side link, as a person would. */
  async open(main: MainLink, side: SideLink): Promise<void> {
    await this.follow(this.mainLink(main), `the "${main}" link`);
    await this.follow(this.sideLink(side), `the "${side}" link`);
  }
}
