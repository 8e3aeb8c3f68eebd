/**
 * The main job end to end on real parts: the real Bolt app over signed HTTP, the Slack stand-in, the portal
 * simulator driven by Debian's Chromium, a real SQLite file — the demo's flow on a smaller input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demo } from '../../src/sandbox/demo.ts';

const fixtures = new URL('../../../shared/fixtures/', import.meta.url);

describe('the main job, from /takedown to a posted digest', () => {
  it('when the guide’s two links are pasted and a 40-row export is shared, every valid listing is filed once and the digest reports them removed', async () => {
    const csv = readFileSync(new URL('listings-export.csv', fixtures), 'utf8')
      .split('\n')
      .slice(0, 41)
      .join('\n');
    const result = await demo({
      listingsText: readFileSync(new URL('seed-listings.txt', fixtures), 'utf8'),
      csvName: 'export-40.csv',
      csv: Buffer.from(csv),
      log: () => {},
      print: () => {},
    });
    const ready = [...result.transcript.matchAll(/\*(\d+) listings? ready\*/g)].map((m) => Number(m[1]));
    expect(ready[0]).toBe(2);
    const total = (ready[0] ?? 0) + (ready.at(-1) ?? 0);
    expect(result).toMatchObject({ ok: true, filed: total, refused: 0, digestPosted: true });
    expect(result.removed + result.open).toBe(total);
    expect(result.transcript).toContain('already filed: case');
    expect(result.transcript).toContain('Approved by @lee');
    expect(result.transcript).toContain('Portal submission 1 of 1');
    expect(result.transcript).toMatch(/Takedown digest/);
  }, 240_000);
});
