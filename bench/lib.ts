import http from 'node:http';
import { execFile, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createDb, type Db } from '../src/platform/db/index.js';

/** Benchmark helpers: every figure is printed as a ratio against a baseline measured in the same run. */

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /** value / baseline for throughputs; for latencies the caller states the direction in `note`. */
  ratio: number;
  note?: string;
  target?: string;
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n## ${title}`);
  for (const f of figures) {
    const v = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(2);
    const b = f.baseline >= 100 ? f.baseline.toFixed(0) : f.baseline.toFixed(2);
    console.log(
      `- ${f.name}: ${v} ${f.unit} | baseline ${f.baselineName}: ${b} ${f.unit} | ratio ${f.ratio.toFixed(2)}×${f.target ? ` (target ${f.target})` : ''}${f.note ? ` — ${f.note}` : ''}`,
    );
  }
}

const exec = promisify(execFile);

let wrkInstalled: boolean | undefined;
/** Whether wrk (Debian package `wrk`) is installed; BENCH_LOADGEN=node forces the Node.js client. */
export function hasWrk(): boolean {
  if (process.env.BENCH_LOADGEN === 'node') return false;
  wrkInstalled ??= !spawnSync('wrk', ['--version']).error;
  return wrkInstalled;
}

/**
 * Requests per second from wrk, the load generator in its own process (one thread; a Node.js client costs as much
 * CPU per request as the server it measures, and would share the two cores with it). Non-2xx answers fail the bench.
 */
export async function wrk(url: string, seconds: number, connections = 16): Promise<number> {
  const { stdout } = await exec('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, url], { maxBuffer: 1 << 20 });
  const m = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  if (!m) throw new Error(`wrk printed no rate: ${stdout}`);
  if (/Non-2xx or 3xx responses/.test(stdout)) throw new Error(`${url}: non-2xx answers under load:\n${stdout}`);
  return Number(m[1]);
}

/**
 * Requests per second against a URL with `connections` keep-alive connections for `seconds`: wrk when installed,
 * else a Node.js keep-alive client in this process.
 */
export async function throughput(url: string, opts: { seconds?: number; connections?: number; warmup?: number } = {}): Promise<number> {
  const seconds = opts.seconds ?? 3;
  const connections = opts.connections ?? 16;
  if (hasWrk()) {
    if (opts.warmup !== 0) await wrk(url, Math.max(1, Math.round(opts.warmup ?? 0.5)), connections);
    return wrk(url, Math.max(1, Math.round(seconds)), connections);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
        })
        .on('error', reject);
    });
  const loop = async (until: number, counter: { n: number }) => {
    while (performance.now() < until) {
      await get();
      counter.n++;
    }
  };
  const warm = { n: 0 };
  const warmUntil = performance.now() + (opts.warmup ?? 0.5) * 1000;
  await Promise.all(Array.from({ length: connections }, () => loop(warmUntil, warm)));
  const counter = { n: 0 };
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, () => loop(until, counter)));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return counter.n / elapsed;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Throughput of `url` against `baselineUrl`, measured in alternating rounds (baseline, measured, baseline, …)
 * so that a burst of load from other work on the machine hits both; the medians of the rounds are returned.
 * BENCH_ROUNDS (default 5) and BENCH_ROUND_SECONDS (default 1.5) set the rounds.
 */
export async function compareThroughput(
  baselineUrl: string,
  url: string,
  opts: { rounds?: number; seconds?: number; connections?: number } = {},
): Promise<{ value: number; baseline: number; rounds: number }> {
  const rounds = opts.rounds ?? Number(process.env.BENCH_ROUNDS ?? 5);
  const seconds = opts.seconds ?? Number(process.env.BENCH_ROUND_SECONDS ?? 1.5);
  const a: number[] = [];
  const b: number[] = [];
  // One warm-up of each (JIT, caches), not counted.
  await throughput(baselineUrl, { seconds: 0.5, connections: opts.connections });
  await throughput(url, { seconds: 0.5, connections: opts.connections });
  for (let r = 0; r < rounds; r++) {
    a.push(await throughput(baselineUrl, { seconds, connections: opts.connections, warmup: 0.1 }));
    b.push(await throughput(url, { seconds, connections: opts.connections, warmup: 0.1 }));
  }
  return { value: median(b), baseline: median(a), rounds };
}

/** Starts bench/servers.ts in a child process (so the load generator does not share its event loop). */
export async function startServers(env: Record<string, string> = {}): Promise<{ urls: Record<string, string>; stop: () => void; child: ChildProcess }> {
  const child = fork(new URL('./servers.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<string, string>));
    child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
  });
  return { urls, child, stop: () => child.kill('SIGTERM') };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A fresh, empty database for a benchmark: a temporary SQLite file, or a new PostgreSQL database on the server
 *  of BENCH_DATABASE_URL / TEST_DATABASE_URL; `cleanup` closes and removes it. */
export async function openBenchDb(engine: 'sqlite' | 'postgres', prefix: string): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    const db = createDb({ engine: 'sqlite', path: join(dir, 'bench.db') });
    return {
      db,
      cleanup: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await createBenchPgDatabase(prefix);
  const db = createDb({ engine: 'postgres', url });
  return {
    db,
    cleanup: async () => {
      await db.destroy();
      await drop();
    },
  };
}

/** A new, empty PostgreSQL database on the server of BENCH_DATABASE_URL / TEST_DATABASE_URL: its URL, and `drop`. */
export async function createBenchPgDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL!;
  const name = `${prefix.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Latencies of `fn` in ms, sorted: `warmups` calls not counted (JIT, caches), then `runs` timed calls. */
export async function latencies(fn: () => Promise<unknown>, runs: number, warmups = 1): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b);
}

/**
 * A benchmark database kept between runs (seeding millions of rows takes minutes): PostgreSQL database NAME on
 * the server of BENCH_DATABASE_URL / TEST_DATABASE_URL (created when missing), or the SQLite file /tmp/NAME.db.
 * The caller seeds it when it finds it empty; `cleanup` only closes it.
 */
export async function openKeptBenchDb(engine: 'sqlite' | 'postgres', name: string): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const db = createDb({ engine: 'sqlite', path: `/tmp/${name}.db` });
    return { db, cleanup: () => db.destroy() };
  }
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL!;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    if (!(await c.query('select 1 from pg_database where datname = $1', [name])).rowCount) await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = createDb({ engine: 'postgres', url: url.toString() });
  return { db, cleanup: () => db.destroy() };
}

/**
 * Runs a benchmark on SQLite and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL, printing
 * each engine's figures under `title`. `only` (e.g. an env variable's value, "sqlite" or "postgres") picks one.
 */
export async function runOnEngines(title: string, bench: (engine: 'sqlite' | 'postgres') => Promise<Figure[]>, only?: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (!only || only.includes('sqlite')) {
    const f = await bench('sqlite');
    printFigures(title, f);
    figures.push(...f);
  }
  if (only && !only.includes('postgres')) return figures;
  if (process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL) {
    const f = await bench('postgres');
    printFigures(title, f);
    figures.push(...f);
  } else console.log('(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
  return figures;
}

/** The public page of one of the demo data's meeting items (the item page the publishing benches measure). */
export async function demoItemPath(db: Db): Promise<string> {
  const it = await db
    .selectFrom('pub_public_items')
    .innerJoin('agencies', 'agencies.id', 'pub_public_items.agency_id')
    .select(['pub_public_items.id', 'agencies.code'])
    .where('pub_public_items.kind', '=', 'meeting')
    .executeTakeFirstOrThrow();
  return `/a/${it.code}/items/${it.id}`;
}
