/** IPR Complaint: History (search, pages, details, withdraw) and Pending Counter-Notification. */
import { Router } from 'express';
import { PATHS } from '../paths.ts';
import { type HistoryFilter, PortalPageError } from '../state.ts';
import { caseDetailsPage, counterNotificationPage, historyPage } from '../views/history.ts';
import { field, ids, type PortalContext, pageNumber, requireUser, slice, userOf } from './context.ts';

export function historyRoutes(ctx: PortalContext): Router {
  const r = Router();
  const { state, sessions, faults } = ctx;
  r.use([PATHS.history, PATHS.caseDetails, PATHS.withdraw, PATHS.counterNotification], requireUser(ctx));

  r.get(PATHS.history, async (req, res) => {
    const user = userOf(res);
    await faults.at('history', 'before', res);
    const filter: HistoryFilter = {
      iprRegNo: field(req.query, 'iprRegNo') || undefined,
      caseNumber: field(req.query, 'caseNumber') || undefined,
      supplier: field(req.query, 'supplier') || undefined,
      from: field(req.query, 'from') || undefined,
      to: field(req.query, 'to') || undefined,
    };
    const all = state.historyOf(user, filter);
    const page = pageNumber(req.query.page, Math.ceil(all.length / state.options.pageSize));
    const { rows, pages } = slice(all, page, state.options.pageSize);
    res.send(historyPage(user, { rows, page, pages, filter, notices: sessions.takeFlash(req) }));
  });

  r.get(PATHS.caseDetails, (req, res) => {
    const user = userOf(res);
    const row = state.caseRow(user, Number(field(req.query, 'id')));
    if (!row) {
      sessions.setFlash(req, { error: 'That complaint was not found.' });
      res.redirect(303, PATHS.history);
      return;
    }
    res.send(caseDetailsPage(user, row));
  });

  r.post(PATHS.withdraw, async (req, res) => {
    const user = userOf(res);
    await faults.at('withdraw', 'before', res);
    try {
      const row = state.withdraw(user, ids(req.body, 'id')[0] ?? 0);
      await faults.at('withdraw', 'after', res);
      sessions.setFlash(req, {
        notice: `The complaint about ${row.listingUrl} (case ${row.caseNumber}) was withdrawn.`,
      });
    } catch (err) {
      if (!(err instanceof PortalPageError)) throw err;
      sessions.setFlash(req, { error: err.message });
    }
    res.redirect(303, PATHS.history);
  });

  r.get(PATHS.counterNotification, (_req, res) => {
    const user = userOf(res);
    res.send(counterNotificationPage(user, state.counterNotifiedOf(user)));
  });

  return r;
}
