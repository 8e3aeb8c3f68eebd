/**
 * `npm run bench`: every section below runs in turn and returns named figures. Prints one JSON document
 * (the machine, every section's figures, and each comparison) and then a table of every figure; a figure
 * with a baseline measured in the same run, or a goal, shows its ratio to it. Add a section: a module under
 * bench/ exporting a BenchSection, listed in SECTIONS; add its comparisons to COMPARISONS.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { checkUrlsBench } from './check-urls.ts';
import { digestBench } from './digest.ts';
import { fileShareBench } from './file-share.ts';
import { loadBench } from './load.ts';
import { portalFilingBench, portalSyncBench } from './portal.ts';
import type { BenchSection } from './section.ts';
import { slackAckBench } from './slack.ts';

const SECTIONS: BenchSection[] = [
  checkUrlsBench,
  portalFilingBench,
  portalSyncBench,
  slackAckBench,
  loadBench,
  fileShareBench,
  digestBench,
];

/** A figure set against a baseline figure of the same section (measured in this run) or against a goal. */
interface Comparison {
  section: string;
  figure: string;
  baseline: { figure: string } | { goal: number; unit: string };
}

const against = (section: string, pairs: [string, string][]): Comparison[] =>
  pairs.map(([figure, baseline]) => ({ section, figure, baseline: { figure: baseline } }));
const goal = (section: string, figure: string, value: number, unit: string): Comparison => ({
  section,
  figure,
  baseline: { goal: value, unit },
});

const COMPARISONS: Comparison[] = [
  goal(checkUrlsBench.name, 'csv.wallMs', 2000, 'ms'),
  goal(checkUrlsBench.name, 'csv.peakRssMB', 300, 'MB'),
  goal(checkUrlsBench.name, 'xlsx.wallMs', 2000, 'ms'),
  goal(checkUrlsBench.name, 'xlsx.peakRssMB', 300, 'MB'),
  ...against(slackAckBench.name, [
    ['takedown300_median_ms', 'bare_bolt_median_ms'],
    ['takedown300_p99_ms', 'bare_bolt_p99_ms'],
    ['takedown300_back_to_back_median_ms', 'bare_bolt_median_ms'],
    ['takedown300_back_to_back_p99_ms', 'bare_bolt_p99_ms'],
  ]),
  goal(slackAckBench.name, 'takedown300_back_to_back_p99_ms', 3000, 'ms (Slack)'),
  ...against(loadBench.name, [
    ['command ack median (ms)', 'bare Bolt ack median (ms)'],
    ['command ack p99 (ms)', 'bare Bolt ack p99 (ms)'],
    ['command ack slowest (ms)', 'Slack budget (ms)'],
    ['approval ack slowest (ms)', 'Slack budget (ms)'],
  ]),
  ...against(fileShareBench.name, [
    ['csv.longestStallMs', 'slackBudgetMs'],
    ['xlsx.longestStallMs', 'slackBudgetMs'],
  ]),
  goal(digestBench.name, 'build digest, median of 7 (ms)', 200, 'ms'),
];

const machine = {
  cpus: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  'load average at start': loadavg().map((l) => Math.round(l * 10) / 10),
};

// `npm run bench -- check-urls digest` runs only the named sections.
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: no section named ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(2);
}
const chosen = wanted.length > 0 ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;

const results: Record<string, Record<string, number | string>> = {};
const failures: Record<string, string> = {};
for (const section of chosen) {
  process.stderr.write(`bench: ${section.name}…\n`);
  try {
    results[section.name] = await section.run();
  } catch (err) {
    failures[section.name] = err instanceof Error ? err.message : String(err);
    process.stderr.write(`bench: ${section.name} failed: ${failures[section.name]}\n`);
  }
}

interface Row {
  section: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
}

const comparisons = COMPARISONS.flatMap((c) => {
  const value = results[c.section]?.[c.figure];
  if (typeof value !== 'number') return [];
  const [base, label] =
    'goal' in c.baseline
      ? [c.baseline.goal, `goal ${c.baseline.goal} ${c.baseline.unit}`]
      : [results[c.section]?.[c.baseline.figure], c.baseline.figure];
  if (typeof base !== 'number' || base === 0) return [];
  return [
    { section: c.section, figure: c.figure, baseline: label, baselineValue: base, ratio: value / base },
  ];
});

const ratioText = (x: number) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;
const rows: Row[] = Object.entries(results).flatMap(([section, figures]) =>
  Object.entries(figures).flatMap(([figure, value]) => {
    const cs = comparisons.filter((c) => c.section === section && c.figure === figure);
    if (cs.length === 0) return [{ section, figure, value: String(value), baseline: '', ratio: '' }];
    return cs.map((c) => ({
      section,
      figure,
      value: String(value),
      baseline: c.baseline.startsWith('goal') ? c.baseline : `${c.baseline} = ${c.baselineValue}`,
      ratio: ratioText(c.ratio),
    }));
  }),
);
for (const [section, message] of Object.entries(failures)) {
  rows.push({ section, figure: 'FAILED', value: message.slice(0, 120), baseline: '', ratio: '' });
}

const document = {
  machine: { ...machine, 'load average at end': loadavg().map((l) => Math.round(l * 10) / 10) },
  sections: results,
  comparisons: comparisons.map((c) => ({ ...c, ratio: Math.round(c.ratio * 100) / 100 })),
  failures,
};
process.stdout.write(`${JSON.stringify(document, null, 2)}\n\n`);

const HEADER: Row = {
  section: 'section',
  figure: 'figure',
  value: 'value',
  baseline: 'baseline',
  ratio: 'ratio',
};
const keys = Object.keys(HEADER) as (keyof Row)[];
const widths = keys.map((k) => Math.max(HEADER[k].length, ...rows.map((r) => r[k].length)));
const line = (r: Row) =>
  keys
    .map((k, i) => r[k].padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
process.stdout.write(`${line(HEADER)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
for (const r of rows) process.stdout.write(`${line(r)}\n`);
process.exitCode = Object.keys(failures).length > 0 ? 1 : 0;
