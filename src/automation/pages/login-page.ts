/** The sign-in page: "User ID", "Password", "Sign in". */
import { PortalPage } from './portal-page.ts';

export type SignInOutcome = { ok: true } | { ok: false; kind: 'refused' | 'human_check'; message: string };

/** Texts of checks only a person can pass (slider, captcha, one-time codes). */
const HUMAN_CHECK = /slide to verify|drag the slider|captcha|verification code|security check/i;

export class LoginPage extends PortalPage {
  protected readonly pageName = 'sign-in';

  readonly userId = this.page.getByLabel('User ID');
  readonly password = this.page.getByLabel('Password', { exact: true });
  readonly signInButton = this.page.getByRole('button', { name: 'Sign in' });
  readonly error = this.page.getByRole('alert');
  readonly humanCheck = this.page.getByText(HUMAN_CHECK);
  readonly signedIn = this.page.getByRole('link', { name: 'Sign out', exact: true });

  async isShown(): Promise<boolean> {
    return (await this.signInButton.count()) > 0 && (await this.userId.count()) > 0;
  }

  /** Waits until the page shows either the sign-in form or a signed-in header; true when signed in. */
  async waitForEitherState(): Promise<boolean> {
    await this.need(this.signedIn.or(this.signInButton), 'a "Sign in" button or a "Sign out" link');
    return (await this.signedIn.count()) > 0;
  }

  /** Signs in; throws portal_unavailable when the portal answers with an error page (try again later). */
  async signIn(user: string, password: string): Promise<SignInOutcome> {
    await (await this.need(this.userId, 'the "User ID" field')).fill(user);
    await (await this.need(this.password, 'the "Password" field')).fill(password);
    await this.clickAndLoad(this.signInButton, 'the "Sign in" button');
    this.throwIfBusy('the "Sign in" button');
    await this.need(
      this.signedIn.or(this.error).or(this.humanCheck),
      'a "Sign out" link or a sign-in message',
    );
    if ((await this.signedIn.count()) > 0) return { ok: true };
    const check = await this.textIfVisible(this.humanCheck);
    if (check) return { ok: false, kind: 'human_check', message: check };
    return {
      ok: false,
      kind: 'refused',
      message: (await this.textIfVisible(this.error)) ?? 'the sign-in was refused',
    };
  }
}
