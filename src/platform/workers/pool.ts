/**
 * A small pool of worker threads for work whose cost grows with its input (reading an uploaded report, extracting
 * an attachment's text): it runs off the event loop, so the server keeps answering, and every task has a time limit
 * and every worker a memory limit (resourceLimits). A worker that exceeds a limit is terminated and replaced.
 *
 * A task module exports `handle(input)` (sync or async; its result must be structured-cloneable). From TypeScript
 * sources (tsx, vitest) the worker registers tsx first; the compiled build passes the bundled worker's `.js`.
 */

import { Worker } from 'node:worker_threads';

/** A task that exceeded its time or memory limit (the worker was stopped). */
export class WorkerLimitError extends Error {
  constructor(
    readonly limit: 'time' | 'memory',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerLimitError';
  }
}

/** An error thrown by a task inside the worker, carried back with its name, code and message. */
export class WorkerTaskError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

export interface PoolOptions {
  /** A name for messages and thread names. */
  name: string;
  /** The task module (file URL): a `.ts` source (run through tsx) or compiled `.js`. */
  module: URL;
  /** Workers at most (default 2). */
  size?: number;
  /** Time limit per task, ms. */
  timeoutMs: number;
  /** Heap limit per worker, MB. */
  maxOldGenerationSizeMb: number;
}

// Plain JavaScript run with `eval`, so the same bootstrap works from sources and from the compiled build.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) { const { register } = await import('tsx/esm/api'); register(); }
  const mod = await import(workerData.module);
  parentPort.on('message', async ({ id, input }) => {
    try {
      const output = await mod.handle(input);
      parentPort.postMessage({ id, ok: true, output });
    } catch (e) {
      parentPort.postMessage({ id, ok: false, name: String((e && e.name) || 'Error'), message: String((e && e.message) || e), code: e && typeof e.code === 'string' ? e.code : undefined });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => { parentPort.postMessage({ fatal: String((e && e.stack) || e) }); });
`;

interface Job {
  id: number;
  input: unknown;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
}

type Reply =
  | { ready: true }
  | { fatal: string }
  | { id: number; ok: true; output: unknown }
  | { id: number; ok: false; name: string; message: string; code?: string };

export class WorkerPool<I = unknown, O = unknown> {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;

  constructor(private readonly opts: PoolOptions) {
    this.size = Math.max(1, opts.size ?? 2);
  }

  /** Run one task; rejects with WorkerLimitError when a limit is hit, WorkerTaskError when the task throws. */
  run(input: I, opts: { transfer?: ArrayBuffer[]; timeoutMs?: number } = {}): Promise<O> {
    if (this.closed) return Promise.reject(new Error(`worker pool ${this.opts.name} is closed`));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        input,
        transfer: opts.transfer ?? [],
        timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  /** Stop every worker; queued and running tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error(`worker pool ${this.opts.name} is closed`));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error(`worker pool ${this.opts.name} is closed`))));
  }

  /** Workers running now (for tests). */
  get workers(): number {
    return this.slots.length;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.job);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      this.start(slot, job);
    }
  }

  private spawn(): void {
    const tsx = this.opts.module.pathname.endsWith('.ts');
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      name: `gongkai-${this.opts.name}`,
      workerData: { module: this.opts.module.href, tsx },
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.opts.maxOldGenerationSizeMb / 8)),
      },
    });
    const slot: Slot = { worker, ready: false, job: null };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (msg: Reply) => this.onMessage(slot, msg));
    worker.on('error', (err: Error & { code?: string }) => {
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory|heap/i.test(err.message);
      void this.stop(slot, memory ? new WorkerLimitError('memory', `${this.opts.name}: memory limit (${this.opts.maxOldGenerationSizeMb} MB) exceeded`) : err);
    });
    worker.on('exit', () => void this.stop(slot, new Error(`${this.opts.name}: worker exited`)));
  }

  private onMessage(slot: Slot, msg: Reply): void {
    if ('ready' in msg) {
      slot.ready = true;
      this.dispatch();
      return;
    }
    if ('fatal' in msg) {
      // The task module could not be loaded: fail what waits rather than respawn forever.
      const err = new Error(`${this.opts.name}: worker failed to start: ${msg.fatal}`);
      for (const job of this.queue.splice(0)) job.reject(err);
      void this.stop(slot, err);
      return;
    }
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    clearTimeout(slot.timer);
    slot.job = null;
    slot.worker.unref();
    if (msg.ok) job.resolve(msg.output);
    else job.reject(new WorkerTaskError(msg.name, msg.message, msg.code));
    this.dispatch();
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(
      () => void this.stop(slot, new WorkerLimitError('time', `${this.opts.name}: time limit (${job.timeoutMs} ms) exceeded`)),
      job.timeoutMs,
    );
    try {
      slot.worker.postMessage({ id: job.id, input: job.input }, job.transfer);
    } catch (err) {
      void this.stop(slot, err as Error);
    }
  }

  /** Remove a worker from the pool, failing its task with `reason`, and start a replacement for what waits. */
  private async stop(slot: Slot, reason: Error): Promise<void> {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    if (job) job.reject(reason);
    await slot.worker.terminate().catch(() => undefined);
    if (!this.closed) this.dispatch();
  }
}

/**
 * The task module to load: the TypeScript source beside the caller when running from sources, the bundled worker
 * (dist/workers/NAME.js, built by scripts/build-server.mjs) when running the compiled build.
 */
export function workerModule(callerUrl: string, source: string, bundled: string): URL {
  if (callerUrl.endsWith('.ts')) return new URL(source, callerUrl);
  // Bundled code runs from dist/cli.js or from a shared chunk in dist/chunks/.
  return new URL(`${/\/chunks\/[^/]*$/.test(callerUrl) ? '../' : './'}workers/${bundled}.js`, callerUrl);
}
