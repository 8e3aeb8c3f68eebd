import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.ts';
import { filedLookup } from '../../src/db/filed-lookup.ts';
import { cases, listings } from '../../src/db/schema.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dbWithCases() {
  const dir = mkdtempSync(join(tmpdir(), 'takedown-filed-'));
  dirs.push(dir);
  const db = openDb(join(dir, 'takedown.db'));
  const [a, b] = db
    .insert(listings)
    .values([
      {
        platform: 'aliexpress',
        itemId: '32933148414',
        url: 'https://www.aliexpress.com/item/32933148414.html',
      },
      { platform: '1688', itemId: '682367774901', url: 'https://detail.1688.com/offer/682367774901.html' },
    ])
    .returning()
    .all();
  if (!a || !b) throw new Error('listings not stored');
  const common = { iprRegNo: '2485097', complaintDate: '03/08/2013', lastSeenAt: '2024-01-01T00:00:00Z' };
  db.insert(cases)
    .values([
      {
        ...common,
        caseNumber: 'OLD-1',
        listingId: a.id,
        platform: 'aliexpress',
        status: 'rejected',
        filedAt: '2024-01-01T00:00:00Z',
      },
      {
        ...common,
        caseNumber: 'NEW-2',
        listingId: a.id,
        platform: 'aliexpress',
        status: 'in_progress',
        filedAt: '2024-03-01T00:00:00Z',
      },
      {
        ...common,
        caseNumber: 'C-3',
        listingId: b.id,
        platform: '1688',
        status: 'removed',
        filedAt: '2024-02-01T00:00:00Z',
      },
    ])
    .run();
  return db;
}

describe('what was already filed', () => {
  it('when a listing has cases, the latest case and its status are found; others are not', () => {
    const lookup = filedLookup(dbWithCases());
    const found = lookup([
      { platform: 'aliexpress', itemId: '32933148414' },
      { platform: '1688', itemId: '682367774901' },
      { platform: 'aliexpress', itemId: '682367774901' },
      { platform: 'alibaba', itemId: '1600279918771' },
    ]);
    expect(Object.fromEntries(found)).toEqual({
      'aliexpress:32933148414': { caseNumber: 'NEW-2', status: 'in_progress' },
      '1688:682367774901': { caseNumber: 'C-3', status: 'removed' },
    });
  });

  it('when 100,000 keys are asked for at once, they are looked up in chunks and the filed ones found', () => {
    const lookup = filedLookup(dbWithCases());
    const keys = Array.from({ length: 100_000 }, (_, i) => ({
      platform: 'aliexpress' as const,
      itemId: String(1005000000000000 + i),
    }));
    keys.push({ platform: 'aliexpress', itemId: '32933148414' });
    expect([...lookup(keys).keys()]).toEqual(['aliexpress:32933148414']);
  });
});
