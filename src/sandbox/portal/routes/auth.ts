/** Sign in, sign out, My Account and Help. */
import { Router } from 'express';
import { PATHS } from '../paths.ts';
import { accountPage, helpPage } from '../views/account.ts';
import { challengePage, loginPage } from '../views/login.ts';
import { field, type PortalContext, requireUser, userOf } from './context.ts';

/** Only local paths may be returned to after signing in. */
function safeReturn(raw: string): string {
  return raw.startsWith('/') && !raw.startsWith('//') ? raw : PATHS.account;
}

export function authRoutes(ctx: PortalContext): Router {
  const r = Router();

  r.get('/', (req, res) => {
    res.redirect(303, ctx.sessions.userOf(req) ? PATHS.account : PATHS.login);
  });

  r.get(PATHS.login, (req, res) => {
    if (ctx.sessions.userOf(req)) {
      res.redirect(303, PATHS.account);
      return;
    }
    res.send(loginPage({ returnTo: field(req.query, 'returnTo') }));
  });

  r.post(PATHS.login, async (req, res) => {
    await ctx.faults.at('sign-in', 'before', res);
    const user = field(req.body, 'user');
    const returnTo = field(req.body, 'returnTo');
    const account = ctx.state.signIn(user, field(req.body, 'password'));
    if (!account) {
      res
        .status(401)
        .send(
          loginPage({ user, returnTo, error: 'The User ID or Password is incorrect. Please try again.' }),
        );
      return;
    }
    if (ctx.faults.current.challenge) {
      ctx.faults.served.challenges++;
      res.send(challengePage(ctx.sessions.startChallenge(account, safeReturn(returnTo))));
      return;
    }
    ctx.sessions.start(res, account);
    res.redirect(303, safeReturn(returnTo));
  });

  // The slider check: polled by its page, passed by dragging the slider (or by the admin API).
  r.get(PATHS.loginCheck, (req, res) => {
    const token = field(req.query, 'token');
    const challenge = ctx.sessions.challenge(token);
    if (field(req.query, 'poll')) {
      res.json({ passed: Boolean(challenge?.passed) });
      return;
    }
    if (!challenge) {
      res.redirect(303, PATHS.login);
      return;
    }
    if (!challenge.passed) {
      res.send(challengePage(token));
      return;
    }
    ctx.sessions.endChallenge(token);
    ctx.sessions.start(res, challenge.account);
    res.redirect(303, challenge.returnTo);
  });

  r.post(PATHS.loginCheck, (req, res) => {
    const token = field(req.body, 'token');
    if (Number(field(req.body, 'slider')) === 100) ctx.sessions.passChallenge(token);
    res.redirect(303, `${PATHS.loginCheck}?token=${encodeURIComponent(token)}`);
  });

  r.get(PATHS.logout, (req, res) => {
    ctx.sessions.end(req, res);
    res.redirect(303, PATHS.login);
  });

  r.get(PATHS.account, requireUser(ctx), (_req, res) => {
    const user = userOf(res);
    res.send(
      accountPage(user, {
        iprs: ctx.state.iprsOf(user).length,
        pending: ctx.state.pendingOf(user).length,
        open: ctx.state.historyOf(user).filter((c) => c.status === 'In Progress').length,
      }),
    );
  });

  r.get(PATHS.help, requireUser(ctx), (_req, res) => {
    res.send(helpPage(userOf(res), ctx.state.options.chunkLimit));
  });

  return r;
}
