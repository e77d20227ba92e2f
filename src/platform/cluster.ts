import cluster, { type Worker } from 'node:cluster';

/**
 * WEB_CONCURRENCY: N server processes sharing one port through Node's cluster module (the primary accepts
 * connections and hands them to the workers in turn). The primary prepares the database once (migrations,
 * demo data), then starts the workers, replaces a worker that dies, and on SIGTERM/SIGINT stops them all
 * gracefully (each finishes its requests). Everything the processes must share lives in the database:
 * sessions, rate-limit counters, the public-cache generation, the job runner's claims; SQLite takes one
 * writer at a time (WAL, busy_timeout, transactions that begin immediate).
 */

export interface ClusterOptions {
  workers: number;
  /** Runs in the primary before any worker starts (migrations, demo data). */
  prepare: () => Promise<void>;
  /** Runs in each worker (or in the only process when workers = 1): starts one server. */
  serve: () => Promise<void>;
  /** Called once, in the primary, when every server listens. */
  ready: () => void;
  log: (line: string) => void;
}

/** True in a worker process started by `runCluster`. */
export const isClusterWorker = () => cluster.isWorker;

export async function runCluster(o: ClusterOptions): Promise<void> {
  if (o.workers <= 1) {
    await o.prepare();
    await o.serve();
    o.ready();
    return;
  }
  if (cluster.isWorker) {
    await o.serve();
    return;
  }
  await o.prepare();
  let stopping = false;
  const started = new Map<number, number>();
  let listening = 0;
  let announced = false;
  const fork = (): Worker => {
    const w = cluster.fork();
    started.set(w.id, Date.now());
    w.on('listening', () => {
      listening++;
      if (!announced && listening >= o.workers) {
        announced = true;
        o.log(`已启动 ${o.workers} 个服务进程（WEB_CONCURRENCY=${o.workers}），共用同一端口`);
        o.ready();
      }
    });
    return w;
  };
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (started.get(w.id) ?? 0);
    started.delete(w.id);
    o.log(`服务进程 ${w.process.pid} 意外退出（${signal ?? `退出码 ${code}`}），${lived < 5000 ? '5 秒后' : '立即'}重新启动`);
    // A worker that dies at once (bad configuration, port taken) is not restarted in a tight loop.
    setTimeout(fork, lived < 5000 ? 5000 : 0).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    o.log(`正在停止 ${Object.keys(cluster.workers ?? {}).length} 个服务进程（${signal}）`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    const check = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearTimeout(timer);
        process.exit(0);
      }
    };
    cluster.on('exit', check);
    check();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < o.workers; i++) fork();
}
