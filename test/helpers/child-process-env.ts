/**
 * What the worker processes of the kill and fault tests share: their settings from the environment the
 * parent test gives them, the SQLite file and a portal session in Chromium.
 */
import { PlaywrightPortalDriver } from '../../src/automation/portal-driver.ts';
import { PortalSession } from '../../src/automation/portal-session.ts';
import { openDb } from '../../src/db/connection.ts';

export const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

/** The database at DB_PATH and a portal session for PORTAL_URL / PORTAL_USER / PORTAL_PASSWORD. */
export function childWorkerParts(driver: { timeoutMs: number; trace?: boolean }) {
  const db = openDb(env('DB_PATH'));
  const session = new PortalSession(() =>
    PlaywrightPortalDriver.open({
      baseUrl: env('PORTAL_URL'),
      user: env('PORTAL_USER'),
      password: env('PORTAL_PASSWORD'),
      sessionDir: env('SESSION_DIR'),
      artifactDir: env('ARTIFACT_DIR'),
      ...driver,
    }),
  );
  return { db, session };
}
