/**
 * What was already filed, for intake: one query per 500 item ids (cases joined with listings), so a
 * 100,000-row file costs a few hundred queries, not 100,000. When a listing has several cases, the
 * most recently filed one is reported.
 */
import { desc, eq, inArray } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { type FiledCase, type FiledLookup, listingKey } from '../core/intake/types.ts';
import type * as schema from './schema.ts';
import { cases, listings } from './schema.ts';

const CHUNK = 500;

/** Accepts the app's Db (src/db/connection.ts) or any drizzle handle on the same schema, read-only ones too. */
export function filedLookup(db: BetterSQLite3Database<typeof schema>): FiledLookup {
  return (keys) => {
    const found = new Map<string, FiledCase>();
    const wanted = new Set(keys.map((k) => listingKey(k.platform, k.itemId)));
    const ids = [...new Set(keys.map((k) => k.itemId))];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = db
        .select({
          platform: listings.platform,
          itemId: listings.itemId,
          caseNumber: cases.caseNumber,
          status: cases.status,
        })
        .from(cases)
        .innerJoin(listings, eq(cases.listingId, listings.id))
        .where(inArray(listings.itemId, ids.slice(i, i + CHUNK)))
        .orderBy(desc(cases.filedAt), desc(cases.id))
        .all();
      for (const row of rows) {
        const key = listingKey(row.platform, row.itemId);
        if (wanted.has(key) && !found.has(key))
          found.set(key, { caseNumber: row.caseNumber, status: row.status });
      }
    }
    return found;
  };
}
