/** IPR Management: Submit IPR and Submitted IPR. */
import { Router } from 'express';
import { type IprField, parseIprForm } from '../ipr-form.ts';
import { PATHS } from '../paths.ts';
import { PortalPageError } from '../state.ts';
import { submitIprPage, submittedIprPage } from '../views/ipr.ts';
import { field, type PortalContext, readMultipart, requireUser, userOf } from './context.ts';

const FIELDS: IprField[] = [
  'regNo',
  'name',
  'owner',
  'type',
  'region',
  'validFrom',
  'validTo',
  'authFrom',
  'authTo',
];

export function iprRoutes(ctx: PortalContext): Router {
  const r = Router();
  r.use([PATHS.submitIpr, PATHS.submittedIpr], requireUser(ctx));

  r.get(PATHS.submitIpr, (req, res) => {
    res.send(submitIprPage(userOf(res), { notices: ctx.sessions.takeFlash(req) }));
  });

  r.post(PATHS.submitIpr, async (req, res) => {
    const user = userOf(res);
    const upload = await readMultipart(req, res);
    const values = Object.fromEntries(FIELDS.map((f) => [f, field(req.body, f)]));
    const parsed = parseIprForm(values);
    const errors = parsed.ok ? {} : parsed.errors;
    if (upload.error) errors.documents = upload.error;
    if (!parsed.ok || upload.error) {
      res.status(400).send(submitIprPage(user, { values, errors }));
      return;
    }
    try {
      ctx.state.submitIpr(user, parsed.value, upload.documents);
    } catch (err) {
      if (!(err instanceof PortalPageError)) throw err;
      res.status(400).send(submitIprPage(user, { values, errors: { regNo: err.message } }));
      return;
    }
    ctx.sessions.setFlash(req, {
      notice: `Your IPR ${parsed.value.regNo} was submitted. It will be verified within a few days.`,
    });
    res.redirect(303, PATHS.submittedIpr);
  });

  r.get(PATHS.submittedIpr, (req, res) => {
    const user = userOf(res);
    res.send(submittedIprPage(user, ctx.state.iprsOf(user), ctx.sessions.takeFlash(req)));
  });

  return r;
}
