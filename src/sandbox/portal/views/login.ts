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

/**
 * The slider check shown after the password when the portal distrusts a sign-in. Dragging the slider to
 * the end passes it; the page also asks every second whether the check was passed elsewhere.
 */
export function challengePage(token: string): string {
  const check = `${PATHS.loginCheck}?token=${encodeURIComponent(token)}`;
  return page({
    title: 'Security check',
    body: html`<p>Please slide to verify that you are not a robot.</p>
<form id="slider-form" method="post" action="${PATHS.loginCheck}" data-check="${check}">
  <input type="hidden" name="token" value="${token}">
  <input id="slider" name="slider" type="range" min="0" max="100" value="0" aria-label="Slide to verify" style="width:300px">
</form>
<script>
  const form = document.getElementById('slider-form');
  const slider = document.getElementById('slider');
  slider.addEventListener('change', () => { if (Number(slider.value) === 100) form.submit(); });
  setInterval(async () => {
    const res = await fetch(form.dataset.check + '&poll=1').catch(() => null);
    if (res && res.ok && (await res.json()).passed) location.href = form.dataset.check;
  }, 1000);
</script>`,
  });
}
