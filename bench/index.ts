/**
 * `npm run bench`: every section below runs in turn and returns named figures. Prints one JSON
 * document (all sections) and a readable table. Add a section: a module under bench/ exporting a
 * BenchSection, listed in SECTIONS.
 */
import { checkUrlsBench } from './check-urls.ts';
import { digestBench } from './digest.ts';
import { portalFilingBench, portalSyncBench } from './portal.ts';
import type { BenchSection } from './section.ts';
import { slackAckBench } from './slack.ts';

const SECTIONS: BenchSection[] = [
  checkUrlsBench,
  portalFilingBench,
  portalSyncBench,
  slackAckBench,
  digestBench,
];

const results: Record<string, Record<string, number | string>> = {};
for (const section of SECTIONS) {
  process.stderr.write(`bench: ${section.name}…\n`);
  results[section.name] = await section.run();
}

process.stdout.write(`${JSON.stringify(results, null, 2)}\n\n`);
const rows = Object.entries(results).flatMap(([section, figures]) =>
  Object.entries(figures).map(([name, value]) => [section, name, String(value)] as const),
);
const HEADER = ['section', 'figure', 'value'] as const;
const widths = HEADER.map((title, i) => Math.max(title.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write(`${line(HEADER)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
for (const r of rows) process.stdout.write(`${line(r)}\n`);
