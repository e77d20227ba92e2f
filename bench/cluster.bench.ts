import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createBenchPgDatabase, printFigures, wrk, type Figure } from './lib.js';

/**
 * All cores (issue 13, must show 2): `gongkai serve` with WEB_CONCURRENCY=2 against WEB_CONCURRENCY=1 on this
 * machine, on SQLite and on PostgreSQL, the micro-cache off (PORTAL_CACHE_SECONDS=0, the real render path), an
 * item page and a search page. The load generator is wrk, in its own process (Debian package `wrk`; the bench
 * says so and skips when it is missing). Each figure: requests per second of two processes against one, in
 * alternating rounds (medians). Target ≥ 1.3×.
 */

const exec = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function serve(env: Record<string, string>, workers: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const p: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEB_CONCURRENCY: String(workers), PORTAL_CACHE_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 180_000);
    p.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('已启动')) {
        clearTimeout(t);
        resolve();
      }
    });
    p.stderr!.on('data', (d) => (out += String(d)));
    p.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (p.exitCode !== null) return resolve();
        p.once('exit', () => resolve());
        p.kill('SIGTERM');
      }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-cluster-'));
  let url = `sqlite:${join(dir, 'gk.db')}`;
  let drop = async () => {};
  if (engine === 'postgres') ({ url, drop } = await createBenchPgDatabase('gk-cluster'));
  const env = { DATABASE_URL: url, DATA_DIR: dir, GONGKAI_DEMO_PASSWORD: 'Bench-Pass-2026!' };
  try {
    // First start: migrations and the demo data; find an item page.
    const first = await serve(env, 1);
    const home = await (await fetch(`${first.url}/`)).text();
    await first.stop();
    const item = /href="(\/a\/[^"]+\/items\/[^"]+)"/.exec(home)?.[1];
    if (!item) throw new Error('no item link on the home page');
    const paths: [string, string][] = [
      ['item page', item],
      ['search page', `/search?q=${encodeURIComponent('信访')}`],
    ];
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
    // Steady state is what is compared: a process's first seconds are slower (JIT, and on PostgreSQL each pooled
    // connection's new backend loading its caches and planning the prepared statements: 1,800 req/s in the first
    // two seconds against 4,900 after, for one process). One second of warm-up left the two-process rounds, with
    // twice the new backends, measured partly cold (0.90× on PostgreSQL's item page); three are enough.
    const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
    const rates: Record<string, { one: number[]; two: number[] }> = {};
    for (const [label] of paths) rates[label] = { one: [], two: [] };
    for (let r = 0; r < rounds; r++) {
      for (const workers of [1, 2] as const) {
        const s = await serve(env, workers);
        try {
          for (const [label, path] of paths) {
            await wrk(`${s.url}${path}`, warmup, 32); // warm-up (JIT, caches) in every process
            rates[label]![workers === 1 ? 'one' : 'two'].push(await wrk(`${s.url}${path}`, seconds, 32));
          }
        } finally {
          await s.stop();
        }
      }
    }
    return paths.map(([label]) => {
      const one = median(rates[label]!.one);
      const two = median(rates[label]!.two);
      return {
        name: `${engine}: ${label}, micro-cache off, WEB_CONCURRENCY=2`,
        value: two,
        unit: 'req/s',
        baselineName: 'WEB_CONCURRENCY=1',
        baseline: one,
        ratio: two / one,
        target: '≥ 1.3×',
        note: `${rounds} alternating rounds of ${seconds} s, wrk -c32 in its own process`,
      };
    });
  } finally {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  try {
    await exec('wrk', ['--version']).catch((e: { stdout?: string; code?: unknown }) => {
      if (e.code === 'ENOENT') throw e;
    });
  } catch {
    console.log('\n## Cluster throughput: skipped — wrk is not installed (apt-get install wrk)');
    return figures;
  }
  const engines: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) engines.push('postgres');
  for (const e of engines) if (!process.env.BENCH_CLUSTER_ENGINES || process.env.BENCH_CLUSTER_ENGINES.includes(e)) figures.push(...(await benchEngine(e)));
  printFigures('All cores: two server processes against one (higher is better)', figures);
  return figures;
}
