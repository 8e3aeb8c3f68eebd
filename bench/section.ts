/** One part of `npm run bench`: a name and the figures it measured (numbers with their unit in the name). */
export interface BenchSection {
  name: string;
  run(): Promise<Record<string, number | string>>;
}
