/** Portal submissions: Option 2 takes at most a profile's limit of URLs at once (AliProtect 200, IPP 300). */
import { TakedownError } from '../errors.ts';
import { PORTAL_PROFILES, type PortalProfile } from '../types.ts';

export function splitIntoChunks<T>(items: T[], limit: number): T[][] {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TakedownError(
      'bad_input',
      `A portal batch size must be a whole number of at least 1, not ${limit}.`,
    );
  }
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += limit) chunks.push(items.slice(i, i + limit));
  return chunks;
}

/** The chunks one profile's portal accepts. */
export function splitForPortal<T>(items: T[], profile: PortalProfile): T[][] {
  return splitIntoChunks(items, PORTAL_PROFILES[profile]);
}
