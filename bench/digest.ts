/**
 * Building the digest over 1,000,000 cases and 5,000,000 status events in a real SQLite file
 * (the app's migrations, so the app's indexes): gatherDigestInput + buildDigest, as postDigest
 * runs them. Goal: under 200 ms. The data is made inside SQLite (recursive CTEs, one transaction,
 * indexes dropped during the load and rebuilt after). Also measured: the Slack message and the
 * chart's PNG, which the digest posts once a day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestMessage } from '../src/bot/blocks/digest.ts';
import { buildDigest } from '../src/core/digest.ts';
import { openDb } from '../src/db/connection.ts';
import { gatherDigestInput } from '../src/db/repositories/digests.ts';
import { removalsChartPng } from '../src/reports/chart.ts';
import type { BenchSection } from './section.ts';

const CASES = 1_000_000;
const EVENTS_PER_CASE = 5;
const NOW = new Date('2026-03-10T09:00:00.000Z');
const RUNS = 7;

/**
 * One listing and one case per i, filed over the last year (about 2,700 a day) by 20,000 sellers
 * under 12 IPRs. Cases filed in the last 1–9 days are still in progress; of the older ones 85.5%
 * were removed, 10% rejected, 3% withdrawn, 0.5% are waiting on a counter-notice and 1% are stuck
 * in progress (overdue).
 */
const LOAD_SQL = `
create temp table g as
  with recursive n(i) as (select 1 union all select i + 1 from n where i < ${CASES})
  select i,
    1 + i % 365 as d,
    1 + (i / 7) % 9 as off,
    case when i % 1000 < 5 then 'counter_notified'
         when i % 1000 < 15 then 'in_progress'
         when i % 1000 < 115 then 'rejected'
         when i % 1000 < 145 then 'withdrawn'
         else 'removed' end as st,
    case i % 3 when 0 then 'aliexpress' when 1 then 'alibaba' else '1688' end as platform
  from n;
update g set st = 'in_progress' where d <= off and st in ('removed', 'rejected', 'withdrawn');

insert into listings (id, platform, item_id, url, created_at)
  select i, platform, cast(1005000000000000 + i as text),
    case platform when 'aliexpress' then 'https://www.aliexpress.com/item/' || (1005000000000000 + i) || '.html'
                  when 'alibaba' then 'https://www.alibaba.com/product-detail/Knife_' || (1600000000000 + i) || '.html'
                  else 'https://detail.1688.com/offer/' || (600000000000 + i) || '.html' end,
    '2025-01-01T00:00:00.000Z'
  from g;

insert into cases (id, case_number, listing_id, ipr_reg_no, supplier, platform, status, status_text,
                   complaint_date, filed_at, closed_at, last_seen_at, status_since)
  select i, 'C' || (30000000 + i / 40), i, 'TM-' || (i % 12), 'seller-' || ((i * 7919) % 20000), platform, st,
    case st when 'rejected' then 'Rejected: the IPR does not cover this product' else st end,
    strftime('%Y-%m-%d', :now, '-' || d || ' days'),
    strftime('%Y-%m-%dT12:00:00.000Z', :now, '-' || d || ' days'),
    case when st in ('removed', 'rejected', 'withdrawn') then
      strftime('%Y-%m-%dT%H:00:00.000Z', :now, '-' || d || ' days', '+' || off || ' days', '+' || (2 * (i % 12)) || ' hours') end,
    :now,
    case when st in ('removed', 'rejected', 'withdrawn') then
      strftime('%Y-%m-%dT%H:00:00.000Z', :now, '-' || d || ' days', '+' || off || ' days', '+' || (2 * (i % 12)) || ' hours')
    else strftime('%Y-%m-%dT%H:00:00.000Z', :now, '-' || d || ' days', '+8 hours') end
  from g;

-- Five changes a case, on the sync's two-hour grid: first seen, a counter-notice and its answer,
-- back in progress, then the status it has now.
insert into case_events (case_id, from_status, to_status, detail, observed_at)
  select i,
    case k when 0 then null when 1 then 'in_progress' when 2 then 'counter_notified' when 3 then 'in_progress' else 'in_progress' end,
    case k when 0 then 'in_progress' when 1 then 'counter_notified' when 2 then 'in_progress' when 3 then 'in_progress' else st end,
    case when k = 4 and st = 'rejected' then 'Rejected: the IPR does not cover this product' end,
    case when k < 4 or st in ('in_progress', 'counter_notified') then
      strftime('%Y-%m-%dT%H:00:00.000Z', :now, '-' || d || ' days', '+' || (2 * k) || ' hours')
    else
      strftime('%Y-%m-%dT%H:00:00.000Z', :now, '-' || d || ' days', '+' || off || ' days', '+' || (2 * (i % 12)) || ' hours')
    end
  from g, (select 0 as k union all select 1 union all select 2 union all select 3 union all select 4)
  order by i, k;
drop table g;
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export const digestBench: BenchSection = {
  name: 'digest',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'takedown-bench-digest-'));
    try {
      const db = openDb(join(dir, 'takedown.db'));
      const { sqlite } = db;
      const loadStarted = performance.now();
      const indexes = sqlite
        .prepare<[], { name: string; sql: string }>(
          `select name, sql from sqlite_master where type = 'index' and sql is not null
           and tbl_name in ('listings', 'cases', 'case_events')`,
        )
        .all();
      sqlite.transaction(() => {
        for (const ix of indexes) sqlite.exec(`drop index ${ix.name}`);
        for (const statement of LOAD_SQL.split(/;\s*\n/).filter((s) => s.trim())) {
          const stmt = sqlite.prepare(statement);
          if (statement.includes(':now')) stmt.run({ now: NOW.toISOString() });
          else stmt.run();
        }
        for (const ix of indexes) sqlite.exec(ix.sql);
      })();
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const counts = sqlite
        .prepare<[], { cases: number; events: number }>(
          'select (select count(*) from cases) as cases, (select count(*) from case_events) as events',
        )
        .get();
      if (counts?.cases !== CASES || counts.events !== CASES * EVENTS_PER_CASE) {
        throw new Error(`the bench data is wrong: ${JSON.stringify(counts)}`);
      }

      const build = () =>
        buildDigest(
          gatherDigestInput(db, {
            start: new Date(NOW.getTime() - 86_400_000),
            end: NOW,
            now: NOW,
            tz: 'Europe/Berlin',
            holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25'],
            previous: null,
          }),
        );
      const times: number[] = [];
      let digest = build();
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        digest = build();
        times.push(performance.now() - t);
      }
      let t = performance.now();
      digestMessage(digest);
      const messageMs = performance.now() - t;
      t = performance.now();
      const png = removalsChartPng(digest.removalsPerDay);
      const chartMs = performance.now() - t;
      db.sqlite.close();
      return {
        cases: counts.cases,
        events: counts.events,
        'data load (s)': round(loadSeconds),
        'build digest, median of 7 (ms)': round(median(times)),
        'build digest, slowest of 7 (ms)': round(Math.max(...times)),
        'goal (ms)': 200,
        'removed in the period': digest.removed.count,
        overdue: digest.overdue.total,
        'Slack message (ms)': round(messageMs),
        'chart PNG, first render (ms)': round(chartMs),
        'chart PNG (KB)': Math.round(png.length / 1024),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
