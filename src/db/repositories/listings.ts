/** Listings: one row per product page, unique on (platform, item id). */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Listing, Platform } from '../../core/types.ts';
import type { Db } from '../connection.ts';
import { listings } from '../schema.ts';

type Tx = Pick<Db, 'insert' | 'select'>;

export const listingKey = (platform: Platform, itemId: string) => `${platform}:${itemId}`;

/** Rows per INSERT statement: well under SQLite's limit on bound variables. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts the listings that are new, fills in a title/seller/price that was missing, and returns the id of
 * every listing keyed by `platform:itemId`. One statement per 500 rows; call inside a transaction for many.
 */
export function upsertListings(db: Tx, items: Listing[]): Map<string, number> {
  const ids = new Map<string, number>();
  // One row per listing: SQLite's upsert cannot touch the same row twice in one statement.
  const unique = [...new Map(items.map((l) => [listingKey(l.platform, l.itemId), l])).values()];
  for (let i = 0; i < unique.length; i += ROWS_PER_STATEMENT) {
    const slice = unique.slice(i, i + ROWS_PER_STATEMENT);
    const rows = db
      .insert(listings)
      .values(
        slice.map((l) => ({
          platform: l.platform,
          itemId: l.itemId,
          url: l.url,
          title: l.title,
          seller: l.seller,
          price: l.price,
        })),
      )
      .onConflictDoUpdate({
        target: [listings.platform, listings.itemId],
        set: {
          title: sql`coalesce(${listings.title}, excluded.title)`,
          seller: sql`coalesce(${listings.seller}, excluded.seller)`,
          price: sql`coalesce(${listings.price}, excluded.price)`,
        },
      })
      .returning({ id: listings.id, platform: listings.platform, itemId: listings.itemId })
      .all();
    for (const r of rows) ids.set(listingKey(r.platform, r.itemId), r.id);
  }
  return ids;
}

export function findListing(db: Tx, platform: Platform, itemId: string) {
  return db
    .select()
    .from(listings)
    .where(and(eq(listings.platform, platform), eq(listings.itemId, itemId)))
    .get();
}

export function listingsByIds(db: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(listings).where(inArray(listings.id, ids)).all();
}
