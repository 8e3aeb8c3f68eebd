import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/db/connection.ts';

/** A real SQLite file in a fresh temporary folder, migrated. */
export function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'takedown-test-'));
  return openDb(join(dir, 'takedown.db'));
}
