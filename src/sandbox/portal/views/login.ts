/** Sign-in page. */
import { PATHS } from '../paths.ts';
import { html } from './html.ts';
import { page } from './layout.ts';

export function loginPage(opts: {
  error?: string | undefined;
  user?: string | undefined;
  returnTo?: string | undefined;
}): string {
  return page({
    title: 'Sign in',
    notices: { error: opts.error },
    body: html`<form method="post" action="${PATHS.login}">
  ${opts.returnTo ? html`<input type="hidden" name="returnTo" value="${opts.returnTo}">` : ''}
  <div class="field"><label for="user">User ID</label><br>
    <input id="user" name="user" type="email" autocomplete="username" value="${opts.user ?? ''}" required></div>
  <div class="field"><label for="password">Password</label><br>
    <input id="password" name="password" type="password" autocomplete="current-password" required></div>
  <button type="submit">Sign in</button>
</form>`,
  });
}
