/** IPR Complaint: Submit Listings (Option 1 and 2), Pending Submissions, the match form, Match. */
import { Router } from 'express';
import type { Platform } from '../../../core/types.ts';
import { catalogueListing, PLATFORM_SITE, searchCatalogue } from '../catalogue.ts';
import { PATHS } from '../paths.ts';
import { PortalPageError } from '../state.ts';
import {
  listingPage,
  matchPage,
  pendingPage,
  searchResultsPage,
  submitListingsPage,
} from '../views/complaint.ts';
import {
  field,
  ids,
  list,
  type PortalContext,
  pageNumber,
  readMultipart,
  requireUser,
  slice,
  userOf,
} from './context.ts';

/** Option 1's "Select Platform" choices and the platform each means. */
const PLATFORM_BY_LABEL: Record<string, Platform> = {
  'www.alibaba.com': 'alibaba',
  'www.aliexpress.com': 'aliexpress',
  'china.alibaba.com': '1688',
};

export function complaintRoutes(ctx: PortalContext): Router {
  const r = Router();
  const { state, sessions, faults } = ctx;
  r.use(
    [
      PATHS.submitListings,
      PATHS.searchResults,
      PATHS.report,
      PATHS.listing,
      PATHS.saveListings,
      PATHS.pending,
      PATHS.match,
    ],
    requireUser(ctx),
  );

  r.get(PATHS.submitListings, (req, res) => {
    res.send(
      submitListingsPage(userOf(res), {
        chunkLimit: state.options.chunkLimit,
        notices: sessions.takeFlash(req),
      }),
    );
  });

  r.get(PATHS.searchResults, (req, res) => {
    const user = userOf(res);
    const keyword = field(req.query, 'keyword');
    const platformLabel = field(req.query, 'platform');
    const platform = PLATFORM_BY_LABEL[platformLabel];
    if (!keyword || !platform) {
      res.status(400).send(
        submitListingsPage(user, {
          chunkLimit: state.options.chunkLimit,
          notices: { error: !keyword ? 'Please enter a keyword.' : 'Please select a platform.' },
          keyword,
        }),
      );
      return;
    }
    const all = searchCatalogue(state.options.seed, keyword, platform);
    const page = pageNumber(req.query.page, Math.ceil(all.length / state.options.pageSize));
    const { rows, pages } = slice(all, page, state.options.pageSize);
    res.send(searchResultsPage(user, { keyword, platform: platformLabel, rows, page, pages }));
  });

  r.post(PATHS.report, async (req, res) => {
    const user = userOf(res);
    const urls = list(req.body, 'urls');
    await faults.at('report', 'before', res);
    try {
      if (urls.length === 0) throw new PortalPageError('Please select at least one listing.');
      const { saved, refused } = state.saveListings(user, urls.join('\n'));
      sessions.setFlash(req, {
        notice: `A total of ${saved} alleged infringing listing(s) were saved to Pending Submissions.`,
        refused,
      });
      await faults.at('report', 'after', res);
      res.redirect(303, PATHS.pending);
    } catch (err) {
      if (!(err instanceof PortalPageError)) throw err;
      sessions.setFlash(req, { error: err.message });
      res.redirect(303, PATHS.submitListings);
    }
  });

  r.get(PATHS.listing, (req, res) => {
    const platform = field(req.query, 'platform') as Platform;
    const listing = PLATFORM_SITE[platform]
      ? catalogueListing(state.options.seed, platform, field(req.query, 'id'))
      : undefined;
    if (!listing) {
      res.status(404).send(
        submitListingsPage(userOf(res), {
          chunkLimit: state.options.chunkLimit,
          notices: { error: 'That listing does not exist or was removed.' },
        }),
      );
      return;
    }
    res.send(listingPage(userOf(res), listing));
  });

  r.post(PATHS.saveListings, async (req, res) => {
    const user = userOf(res);
    const pasted = field(req.body, 'urls');
    await faults.at('paste', 'before', res);
    try {
      const { saved, refused } = state.saveListings(user, pasted);
      await faults.at('paste', 'after', res);
      sessions.setFlash(req, {
        notice: `A total of ${saved} alleged infringing listing(s) were saved to Pending Submissions.`,
        refused,
      });
      res.redirect(303, PATHS.pending);
    } catch (err) {
      if (!(err instanceof PortalPageError)) throw err;
      res.status(400).send(
        submitListingsPage(user, {
          chunkLimit: state.options.chunkLimit,
          notices: { error: err.message },
          pasted,
        }),
      );
    }
  });

  r.get(PATHS.pending, (req, res) => {
    const user = userOf(res);
    const all = state.pendingOf(user);
    const page = pageNumber(req.query.page, Math.ceil(all.length / state.options.pageSize));
    const { rows, pages } = slice(all, page, state.options.pageSize);
    const flash = sessions.takeFlash(req);
    res.send(pendingPage(user, { rows, page, pages, notices: flash, refused: flash.refused }));
  });

  r.post(PATHS.pending, async (req, res) => {
    const user = userOf(res);
    await faults.at('continue', 'before', res);
    const page = field(req.body, 'page') || '1';
    const again = `${PATHS.pending}?page=${encodeURIComponent(page)}`;
    const deleteId = ids(req.body, 'delete');
    if (deleteId.length) {
      state.removePending(user, deleteId);
      sessions.setFlash(req, { notice: 'The listing was deleted from Pending Submissions.' });
      res.redirect(303, again);
      return;
    }
    const action = field(req.body, 'action');
    if (action === 'back') {
      res.redirect(303, PATHS.submitListings);
      return;
    }
    const selected = state.pendingByIds(user, ids(req.body, 'ids'));
    if (selected.length === 0) {
      sessions.setFlash(req, { error: 'Please select at least one listing.' });
      res.redirect(303, again);
      return;
    }
    if (action === 'remove') {
      const n = state.removePending(
        user,
        selected.map((s) => s.id),
      );
      sessions.setFlash(req, { notice: `${n} listing(s) were removed from Pending Submissions.` });
      res.redirect(303, again);
      return;
    }
    res.send(matchPage(user, { listings: selected, iprs: state.verifiedIprsOf(user) }));
  });

  r.post(PATHS.match, async (req, res) => {
    const user = userOf(res);
    const upload = await readMultipart(req, res);
    if (field(req.body, 'action') === 'cancel') {
      res.redirect(303, PATHS.pending);
      return;
    }
    const listings = state.pendingByIds(user, ids(req.body, 'ids'));
    const ipr = field(req.body, 'ipr');
    const reason = field(req.body, 'reason');
    const problem =
      listings.length === 0
        ? 'The selected listings are no longer in Pending Submissions.'
        : !ipr
          ? 'Please choose an IPR.'
          : !reason
            ? 'Please enter a complaint reason.'
            : upload.error;
    const form = { listings, iprs: state.verifiedIprsOf(user), ipr, reason };
    if (problem) {
      res.status(400).send(matchPage(user, { ...form, notices: { error: problem } }));
      return;
    }
    await faults.at('match', 'before', res);
    try {
      const caseNumber = state.match(
        user,
        listings.map((l) => l.id),
        ipr,
        reason,
        upload.documents,
      );
      await faults.at('match', 'after', res);
      sessions.setFlash(req, {
        notice: `Your complaint about ${listings.length} listing(s) was submitted. Case Number: ${caseNumber}.`,
      });
      res.redirect(303, PATHS.pending);
    } catch (err) {
      if (!(err instanceof PortalPageError)) throw err;
      res.status(400).send(matchPage(user, { ...form, notices: { error: err.message } }));
    }
  });

  return r;
}
