/** The simulator's express app: parsers, the portal's pages, the admin API, and a plain error page. */
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { adminRoutes, type PortalAdmin } from './admin.ts';
import { PortalBusy } from './faults.ts';
import { authRoutes } from './routes/auth.ts';
import { complaintRoutes } from './routes/complaint.ts';
import type { PortalContext } from './routes/context.ts';
import { historyRoutes } from './routes/history.ts';
import { iprRoutes } from './routes/ipr.ts';
import { html } from './views/html.ts';
import { page } from './views/layout.ts';

export function createPortalApp(ctx: PortalContext, admin: PortalAdmin, onError: (err: unknown) => void) {
  const app = express();
  app.disable('x-powered-by');
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: '2mb' }));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(adminRoutes(admin, onError));
  app.use(ctx.faults.middleware());
  app.use(authRoutes(ctx));
  app.use(iprRoutes(ctx));
  app.use(complaintRoutes(ctx));
  app.use(historyRoutes(ctx));
  app.use((_req, res) => {
    res
      .status(404)
      .send(page({ title: 'Page not found', body: html`<p>The page you requested does not exist.</p>` }));
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (!(err instanceof PortalBusy)) onError(err);
    res
      .status(500)
      .send(page({ title: 'System busy', body: html`<p>The system is busy. Please try again later.</p>` }));
  });
  return app;
}
