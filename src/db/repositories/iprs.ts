/** IPRs on file: a mirror of the portal's Submitted IPR page. */
import { eq, sql } from 'drizzle-orm';
import type { PortalIpr } from '../../core/ports.ts';
import type { Db } from '../connection.ts';
import { iprs } from '../schema.ts';

/** Records what the portal's Submitted IPR page shows; returns the IPRs whose status changed. */
export function mirrorPortalIprs(db: Db, seen: PortalIpr[]) {
  const changed: PortalIpr[] = [];
  db.transaction((tx) => {
    for (const p of seen) {
      const before = tx.select({ status: iprs.status }).from(iprs).where(eq(iprs.regNo, p.regNo)).get();
      tx.insert(iprs)
        .values({ regNo: p.regNo, name: p.name, owner: p.owner, type: p.type, status: p.status })
        .onConflictDoUpdate({
          target: iprs.regNo,
          set: { name: p.name, owner: p.owner, type: p.type, status: p.status, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` },
        })
        .run();
      if (before?.status !== p.status) changed.push(p);
    }
  });
  return changed;
}

export function verifiedIprs(db: Db) {
  return db.select().from(iprs).where(eq(iprs.status, 'verified')).orderBy(iprs.regNo).all();
}

export function findIpr(db: Db, regNo: string) {
  return db.select().from(iprs).where(eq(iprs.regNo, regNo)).get();
}
