/**
 * Checking a report off the event loop: the task runs in the platform's worker pool with a time limit per file and
 * a memory limit per worker, so one pathological upload cannot stall the server (and the CLI's other files).
 */

import { WorkerLimitError, WorkerPool, WorkerTaskError, workerModule } from '../../platform/workers/pool.js';
import type { CheckResult } from './check.js';
import type { CheckTask } from './check.worker.js';
import { ReportReadError, type ReadErrorCode } from './errors.js';

export interface CheckLimits {
  /** Time limit per file (ms), reading and checking. */
  timeoutMs: number;
  /** Heap per worker (MB). */
  memoryMb: number;
  /** Workers at most. */
  workers: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { timeoutMs: 30_000, memoryMb: 512, workers: 2 };

const pools = new Map<string, WorkerPool<CheckTask, CheckResult>>();

function pool(limits: CheckLimits): WorkerPool<CheckTask, CheckResult> {
  const key = `${limits.timeoutMs}/${limits.memoryMb}/${limits.workers}`;
  let p = pools.get(key);
  if (!p) {
    p = new WorkerPool<CheckTask, CheckResult>({
      name: 'report-check',
      module: workerModule(import.meta.url, './check.worker.ts', 'report-check'),
      size: limits.workers,
      timeoutMs: limits.timeoutMs,
      maxOldGenerationSizeMb: limits.memoryMb,
    });
    pools.set(key, p);
  }
  return p;
}

/**
 * The memory of `bytes` when it can be moved to the worker instead of copied: a view over the whole of its own
 * ArrayBuffer (an upload collected into one Buffer is; a small Buffer cut from Node's shared pool is not, and moving
 * that would detach the pool).
 */
function ownBuffer(bytes: Uint8Array | undefined): ArrayBuffer | null {
  if (!bytes || !(bytes.buffer instanceof ArrayBuffer)) return null;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.byteLength >= 64 * 1024 ? bytes.buffer : null;
}

/**
 * Check a report in a worker thread. Throws ReportReadError, including for a limit exceeded ('timeout', 'too-large').
 * With `transfer`, the bytes' memory is moved to the worker rather than copied (a 10 MB upload cost the event loop
 * ~100 ms to copy): the caller's `bytes` and `previousBytes` are unusable afterwards.
 */
export async function checkInWorker(task: CheckTask, limits: Partial<CheckLimits> = {}, opts: { transfer?: boolean } = {}): Promise<CheckResult> {
  const l = { ...DEFAULT_CHECK_LIMITS, ...limits };
  const transfer = opts.transfer ? [ownBuffer(task.bytes), ownBuffer(task.previousBytes)].filter((b): b is ArrayBuffer => b !== null) : [];
  try {
    return await pool(l).run(task, { timeoutMs: l.timeoutMs, transfer: [...new Set(transfer)] });
  } catch (err) {
    if (err instanceof WorkerLimitError) {
      throw err.limit === 'time'
        ? new ReportReadError('timeout', `检查超过${Math.round(l.timeoutMs / 1000)}秒仍未完成，已停止；文件可能过大、过于复杂或已损坏。`)
        : new ReportReadError('too-large', `检查时占用内存超过${l.memoryMb}MB，已停止；文件可能过大或已损坏。`);
    }
    if (err instanceof WorkerTaskError && err.errorName === 'ReportReadError') throw new ReportReadError((err.code ?? 'corrupt') as ReadErrorCode, err.message);
    throw err;
  }
}

/** Stop the checker's workers (tests, shutdown). */
export async function closeCheckWorkers(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
  pools.clear();
}
