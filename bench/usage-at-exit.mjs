// Preloaded (`node --import`) into a measured command: at exit, writes its peak memory (max RSS) and CPU
// time as JSON to the file named by TAKEDOWN_BENCH_USAGE. Leaves the command itself untouched.
import { writeFileSync } from 'node:fs';

const out = process.env.TAKEDOWN_BENCH_USAGE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({
        maxRssMB: usage.maxRSS / 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      }),
    );
  });
}
