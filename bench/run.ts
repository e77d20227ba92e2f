/**
 * `npm run bench`: runs every benchmark and prints each figure as a ratio against a baseline measured in the
 * same run. `npm run bench -- portal` runs only the benchmarks whose name contains "portal".
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { hasWrk } from './lib.js';

const filter = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter.length || filter.some((x) => f.includes(x)))
  .sort();
console.log(
  `Gongkai benchmarks — ${new Date().toISOString()} — node ${process.version}, ${files.length} suites — HTTP load from ${hasWrk() ? 'wrk (its own process)' : 'a Node.js client in this process (install wrk for a load generator of its own)'} — load average ${loadavg()[0]!.toFixed(1)}`,
);
let failed = 0;
for (const f of files) {
  try {
    const mod = await import(new URL(f, import.meta.url).href);
    await mod.run();
  } catch (err) {
    failed++;
    console.error(`\n## ${f} failed: ${err instanceof Error ? err.stack : String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
