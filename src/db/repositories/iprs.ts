/** IPRs on file: a mirror of the portal's Submitted IPR page. */
import { and, eq, sql } from 'drizzle-orm';
import type { NewIpr, PortalIpr } from '../../core/ports.ts';
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
          set: {
            name: p.name,
            owner: p.owner,
            type: p.type,
            status: p.status,
            updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
          },
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

export type IprRecord = typeof iprs.$inferSelect;

export function allIprs(db: Db): IprRecord[] {
  return db.select().from(iprs).orderBy(iprs.regNo).all();
}

/**
 * Records an IPR a person submitted from Slack, as 'submitted', with who asked and where.
 * Returns false when an IPR with this registration number is already on file.
 */
export function recordIprRequest(db: Db, ipr: NewIpr, by: { user: string; channel: string }): boolean {
  const res = db
    .insert(iprs)
    .values({
      regNo: ipr.regNo,
      name: ipr.name,
      owner: ipr.owner,
      type: ipr.type,
      region: ipr.region,
      validFrom: ipr.validFrom,
      validTo: ipr.validTo,
      authFrom: ipr.authFrom ?? null,
      authTo: ipr.authTo ?? null,
      status: 'submitted',
      requestedBy: by.user,
      requestChannel: by.channel,
    })
    .onConflictDoNothing()
    .run();
  return res.changes === 1;
}

/** Forgets an IPR request the portal never took (so it can be submitted again). */
export function dropIprRequest(db: Db, regNo: string) {
  db.delete(iprs)
    .where(and(eq(iprs.regNo, regNo), eq(iprs.status, 'submitted')))
    .run();
}
