/** Opens the SQLite file (WAL, foreign keys), applies the migrations in drizzle/, returns drizzle. */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export function openDb(path: string) {
  const isMemory = path === ':memory:';
  if (!isMemory) {
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  }
  // Created 0600 before SQLite opens it (never readable by others, not even briefly); SQLite gives its
  // -wal and -shm files the database file's mode.
  if (!isMemory) closeSync(openSync(path, 'a', 0o600));
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return Object.assign(db, { sqlite });
}

export type Db = ReturnType<typeof openDb>;
