import { afterAll, describe, expect, it } from 'vitest';
import { WorkerLimitError, WorkerPool, WorkerTaskError } from '../../src/platform/workers/pool.js';

/** The platform's worker pool: limits stop the worker, the pool goes on with a fresh one. */

const task = new URL('./fixtures/pool-task.worker.ts', import.meta.url);
type In = { op: 'echo' | 'spin' | 'allocate' | 'throw'; value?: unknown };

describe('WorkerPool', () => {
  const pool = new WorkerPool<In, unknown>({ name: 'test', module: task, size: 1, timeoutMs: 1500, maxOldGenerationSizeMb: 48 });
  afterAll(() => pool.close());

  it('runs tasks off the main thread and returns their results', async () => {
    expect(await pool.run({ op: 'echo', value: { a: [1, 2, '三'] } })).toEqual({ a: [1, 2, '三'] });
  }, 30_000);

  it('stops a task over its time limit while the event loop stays free, then runs the next task', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = Date.now();
    const err = await pool.run({ op: 'spin' }, { timeoutMs: 600 }).catch((e) => e);
    clearInterval(timer);
    expect(err).toBeInstanceOf(WorkerLimitError);
    expect((err as WorkerLimitError).limit).toBe('time');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ticks).toBeGreaterThan(10); // the main thread kept running timers while the worker spun
    expect(await pool.run({ op: 'echo', value: 1 })).toBe(1);
  }, 30_000);

  it('stops a worker over its memory limit', async () => {
    const err = await pool.run({ op: 'allocate' }, { timeoutMs: 20_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkerLimitError);
    expect((err as WorkerLimitError).limit).toBe('memory');
    expect(await pool.run({ op: 'echo', value: 2 })).toBe(2);
  }, 40_000);

  it('carries a task error back with its name, code and message', async () => {
    const err = await pool.run({ op: 'throw' }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkerTaskError);
    expect(err).toMatchObject({ errorName: 'TaskFailure', code: 'failed', message: '测试错误' });
  }, 30_000);

  it('queues tasks beyond its size', async () => {
    const out = await Promise.all([1, 2, 3, 4].map((v) => pool.run({ op: 'echo', value: v })));
    expect(out).toEqual([1, 2, 3, 4]);
    expect(pool.workers).toBe(1);
  }, 30_000);
});
