/**
 * Runs in its own process for the bench: one `check-urls --json --offline FILE` with output thrown
 * away, then prints {"ms", "maxRssMB", "exitCode"} on stdout.
 */
import { Writable } from 'node:stream';
import { runCheckUrls } from '../src/cli/check-urls.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: check-urls-child.ts FILE');
const started = performance.now();
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    bytes += chunk.length;
    done();
  },
});
const exitCode = await runCheckUrls([file, '--json', '--offline'], {
  stdin: process.stdin,
  stdout: sink,
  stderr: process.stderr,
  env: { ...process.env, DB_PATH: `${file}.no-database` },
});
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, exitCode, outputBytes: bytes })}\n`,
);
