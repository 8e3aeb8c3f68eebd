/** Listings: one row per product page, unique on (platform, item id). */
import type { Statement } from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import type { Listing, Platform } from '../../core/types.ts';
import type { Db } from '../connection.ts';
import { listings } from '../schema.ts';

type Tx = Pick<Db, 'insert' | 'select'>;

export const listingKey = (platform: Platform, itemId: string) => `${platform}:${itemId}`;

/** The upsert of one listing, prepared once per connection (drizzle's builder costs more than SQLite's work). */
const UPSERT_SQL = `insert into listings (platform, item_id, url, title, seller, price) values (?, ?, ?, ?, ?, ?)
  on conflict (platform, item_id) do update set
    title = coalesce(listings.title, excluded.title),
    seller = coalesce(listings.seller, excluded.seller),
    price = coalesce(listings.price, excluded.price)
  returning id`;
const upserts = new WeakMap<Db['sqlite'], Statement<unknown[], { id: number }>>();

/**
 * Inserts the listings that are new, fills in a title/seller/price that was missing, and returns the id of
 * every listing keyed by `platform:itemId`. Call inside a transaction for many.
 */
export function upsertListings(db: Pick<Db, 'sqlite'>, items: Listing[]): Map<string, number> {
  let upsert = upserts.get(db.sqlite);
  if (!upsert) {
    upsert = db.sqlite.prepare<unknown[], { id: number }>(UPSERT_SQL);
    upserts.set(db.sqlite, upsert);
  }
  const ids = new Map<string, number>();
  for (const l of items) {
    const row = upsert.get(l.platform, l.itemId, l.url, l.title ?? null, l.seller ?? null, l.price ?? null);
    if (row) ids.set(listingKey(l.platform, l.itemId), row.id);
  }
  return ids;
}

/**
 * upsertListings in transactions of `per` listings, waiting for `between()` after each: 100,000 listings
 * are most of a second of SQLite work, which in one go would hold up every other request that long. A
 * crash between two leaves some listings stored and no batch naming them, which is harmless.
 */
export async function storeListings(
  db: Db,
  items: Listing[],
  between: () => Promise<void>,
  per = 5000,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < items.length; start += per) {
    const part = db.sqlite.transaction(() => upsertListings(db, items.slice(start, start + per)))();
    for (const [key, id] of part) ids.set(key, id);
    await between();
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
