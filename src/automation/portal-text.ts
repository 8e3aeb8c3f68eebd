/** What the portal's words mean: status texts, dates and listing identities as the app records them. */
import { parseListingUrl } from '../core/listing-url.ts';
import type { CaseStatus, IprStatus } from '../core/types.ts';

/** The CaseStatus of a History status text, or null for a text the app does not know. */
export function caseStatusFromText(text: string): CaseStatus | null {
  const t = text.trim().toLowerCase();
  if (/counter[- ]?notif/.test(t)) return 'counter_notified';
  if (/withdr[ae]wn?/.test(t)) return 'withdrawn';
  if (/removed|taken down|delisted/.test(t)) return 'removed';
  if (/reject|declin|invalid|not (approved|accepted)/.test(t)) return 'rejected';
  if (/in progress|processing|pending|under review|submitted/.test(t)) return 'in_progress';
  return null;
}

/** The IprStatus of a Submitted IPR status text, or null for a text the app does not know. */
export function iprStatusFromText(text: string): IprStatus | null {
  const t = text.trim().toLowerCase();
  if (/pending|under review|submitted/.test(t)) return 'submitted';
  if (/additional information|more information|supplement/.test(t)) return 'needs_info';
  if (/reject|declin/.test(t)) return 'rejected';
  if (/verified|approved|valid/.test(t)) return 'verified';
  return null;
}

/** A listing's identity whatever form its URL takes (slugs, country subdomains, query strings). */
export function listingKey(url: string): string {
  const parsed = parseListingUrl(url);
  return parsed.ok ? `${parsed.platform}:${parsed.itemId}` : url.trim();
}

/** The day of a portal date (MM/DD/YYYY) as a UTC timestamp, or null when it is not one. */
export function portalDay(text: string): number | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]));
}

/** "2485097;" or "2485097; 3300112;" as the portal shows it, without the trailing separator. */
export function cleanRegNo(text: string): string {
  return text.trim().replace(/;\s*$/, '');
}
