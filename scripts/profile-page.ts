/**
 * Profiles one public page without the micro-cache (issue 13), on a fresh demo database:
 *
 *   npx tsx scripts/profile-page.ts '/a/zzxfj/statutory/tzgg'            # wrk for 5 s, CPU profile of that window
 *   npx tsx scripts/profile-page.ts '/search?q=信访' --statements         # SQL statements per request (in-process)
 *
 * The CPU profile covers only the loaded window (after a 2 s warm-up), is written to the temporary directory and
 * summarised by self time and by inclusive time. `item` as the path picks a released meeting item of 信访局.
 * Needs Debian's `wrk` for the CPU profile.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoItemPath } from '../bench/lib.js';
import { createRequire } from 'node:module';
import { createApp, openContext } from '../src/capabilities.js';
import { loadConfig } from '../src/platform/config.js';

process.env.PORTAL_CACHE_SECONDS = '0';
const args = process.argv.slice(2);
let path = args.find((a) => !a.startsWith('--')) ?? '/a/zzxfj/statutory/tzgg';
const dir = mkdtempSync(join(tmpdir(), 'gk-profile-'));
const config = loadConfig({ ...process.env, DATABASE_URL: `sqlite:${join(dir, 'demo.db')}`, GONGKAI_DEMO_PASSWORD: 'Profile-Pass-2026!', LOG_LEVEL: 'silent' });

// Per-statement timing: every better-sqlite3 statement run is timed by its SQL text.
const stats = new Map<string, { n: number; ns: bigint }>();
if (args.includes('--statements')) {
  const Sqlite = createRequire(import.meta.url)('better-sqlite3');
  const proto = Object.getPrototypeOf(new Sqlite(':memory:').prepare('select 1'));
  for (const m of ['all', 'get', 'run', 'iterate']) {
    const orig = proto[m];
    proto[m] = function (this: { source: string }, ...params: unknown[]) {
      const start = process.hrtime.bigint();
      try {
        return orig.apply(this, params);
      } finally {
        const e = stats.get(this.source) ?? { n: 0, ns: 0n };
        e.n++;
        e.ns += process.hrtime.bigint() - start;
        stats.set(this.source, e);
      }
    };
  }
}

const ctx = await openContext(config);
const app = await createApp(ctx, { logger: false });
if (path === 'item') path = await demoItemPath(ctx.db);
const url = encodeURI(path);

if (args.includes('--statements')) {
  const n = 2000;
  for (let i = 0; i < 300; i++) await app.inject({ method: 'GET', url });
  stats.clear();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url });
  console.log(`${path}: ${(Number(process.hrtime.bigint() - t0) / n / 1000).toFixed(0)} µs a request (app.inject)`);
  for (const [sql, s] of [...stats].sort((a, b) => Number(b[1].ns - a[1].ns)))
    console.log(`${(Number(s.ns) / n / 1000).toFixed(1).padStart(7)} µs  ${(s.n / n).toFixed(2)}×  ${sql.replace(/\s+/g, ' ').slice(0, 150)}`);
} else {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  // wrk runs in its own process while this one serves.
  const run = (seconds: number) =>
    new Promise<string>((resolve, reject) =>
      execFile('wrk', ['-t1', '-c16', `-d${seconds}s`, `${base}${url}`], (err, out) => (err ? reject(err) : resolve(out))),
    );
  await run(2);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const out = await run(5);
  const { profile } = await session.post('Profiler.stop');
  const file = join(dir, 'page.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  console.log(`${path}: ${out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]} requests/s; profile ${file}`);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = nodes.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|scripts)\//, '$1/')}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples!.forEach((id, i) => {
    const d = profile.timeDeltas![i] ?? 0;
    total += d;
    self.set(name(id), (self.get(name(id)) ?? 0) + d);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = name(at);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + d);
      seen.add(k);
    }
  });
  const top = (m: Map<string, number>, filter: (k: string) => boolean) =>
    [...m]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(`\nBy self time:\n${top(self, () => true)}`);
  console.log(`\nInclusive, application code and the framework:\n${top(inclusive, (k) => /src\/|fastify|helmet|kysely/.test(k))}`);
}
await app.close();
await ctx.db.destroy();
process.exit(0);
