import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createContext, type AppContext } from '../../src/platform/context.js';
import { createDb } from '../../src/platform/db/index.js';
import { currentSlot, type JobDefinition } from '../../src/platform/jobs/jobs.js';
import { createTestContext, ENGINES, type TestContext } from '../helpers/db.js';

describe('job schedule slots', () => {
  it("a daily job's slot is the Beijing date of its latest due time", () => {
    const daily = { dailyAt: '00:05' };
    // 2026-12-01 00:04 Beijing = 2026-11-30 16:04 UTC: the 12-01 run is not due yet, 11-30's is.
    expect(currentSlot(daily, new Date('2026-11-30T16:04:00Z'))).toBe('daily:2026-11-30');
    expect(currentSlot(daily, new Date('2026-11-30T16:05:00Z'))).toBe('daily:2026-12-01');
    expect(currentSlot(daily, new Date('2026-12-01T15:59:00Z'))).toBe('daily:2026-12-01');
    expect(currentSlot({ dailyAt: '23:30' }, new Date('2026-12-01T15:29:00Z'))).toBe('daily:2026-11-30');
  });
  it('interval slots are aligned on the epoch, so every process agrees', () => {
    expect(currentSlot({ everySeconds: 60 }, new Date('2026-12-01T00:00:59.999Z'))).toBe(currentSlot({ everySeconds: 60 }, new Date('2026-12-01T00:00:00Z')));
    expect(currentSlot({ everySeconds: 60 }, new Date('2026-12-01T00:01:00Z'))).not.toBe(currentSlot({ everySeconds: 60 }, new Date('2026-12-01T00:00:59Z')));
  });
});

describe.each(ENGINES)('job runner on %s', (engine) => {
  let t: TestContext;
  const others: AppContext[] = [];
  // Several processes share one database: on SQLite that is a file (an in-memory database is per connection).
  const dir = mkdtempSync(join(tmpdir(), 'gk-jobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const shared = () => createTestContext(engine, engine === 'sqlite' ? { database: { engine: 'sqlite', path: join(dir, `jobs-${++n}.db`) } } : {});
  afterEach(async () => {
    for (const o of others.splice(0)) await o.db.destroy();
    await t?.cleanup();
  });

  // On SQLite the "processes" of this test share one thread: a synchronous writer waiting on another
  // connection's open transaction would block the very thread that must finish it, so they tick in turn
  // (the real multi-process case is test/requests/lapse-job.test.ts). On PostgreSQL they tick at once.
  const all = async <T>(fns: (() => Promise<T>)[]): Promise<T[]> => {
    if (engine === 'postgres') return Promise.all(fns.map((f) => f()));
    const out: T[] = [];
    for (const f of fns) out.push(await f());
    return out;
  };

  /** Another "server process": its own connection (pool) to the same database, its own runner and clock. */
  function sibling(at: string): AppContext {
    const ctx = createContext(createDb(t.config.database, { poolSize: 2 }), t.config, { clock: fixedClock(at) });
    others.push(ctx);
    return ctx;
  }

  function counting(runs: string[], opts: Partial<JobDefinition> = {}): JobDefinition {
    return {
      name: 'test.count',
      title: '计数',
      schedule: { dailyAt: '00:05' },
      run: async (_ctx, info) => {
        runs.push(info.slot);
        await new Promise((r) => setTimeout(r, 30));
        return { changed: 1, message: '计数一次。' };
      },
      ...opts,
    };
  }

  async function auditCount(ctx: AppContext) {
    return Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'job.run')
          .executeTakeFirstOrThrow()
      ).n,
    );
  }

  it('runs a due slot once across four processes ticking at the same moment, and again the next day', async () => {
    t = await shared();
    const runs: string[] = [];
    const procs = [0, 1, 2, 3].map(() => sibling('2026-12-01T02:00:00Z'));
    for (const p of procs) p.jobs.register(counting(runs));
    const outcomes = (await all(procs.map((p) => () => p.jobs.tick()))).flat().filter((o) => o.name === 'test.count');
    expect(runs).toEqual(['daily:2026-12-01']);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    // Ticking again the same day does nothing.
    await all(procs.map((p) => () => p.jobs.tick()));
    expect(runs).toHaveLength(1);
    // The next day, after 00:05 Beijing time, one process runs it again.
    for (const p of procs) (p.clock as ReturnType<typeof fixedClock>).set('2026-12-01T16:06:00Z');
    await all(procs.map((p) => () => p.jobs.tick()));
    expect(runs).toEqual(['daily:2026-12-01', 'daily:2026-12-02']);
    // Each run that changed something is audited as the system.
    expect(await auditCount(procs[0]!)).toBe(2);
    const audit = await procs[0]!.db.selectFrom('audit_log').selectAll().where('action', '=', 'job.run').execute();
    expect(audit.every((a) => a.actor_id === null && a.actor_name === '系统' && a.entity_id === 'test.count')).toBe(true);
    const list = await procs[1]!.jobs.list();
    expect(list.find((j) => j.name === 'test.count')).toMatchObject({
      schedule: '每天 00:05（北京时间）',
      running: false,
      lastRun: { status: 'ok', message: '计数一次。', trigger: 'schedule' },
    });
  });

  it("a manual run waits for nobody's slot but never overlaps a run under way; failures are kept and audited", async () => {
    t = await shared();
    const [a, b] = [sibling('2026-12-01T02:00:00Z'), sibling('2026-12-01T02:00:00Z')];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: JobDefinition = {
      name: 'test.slow',
      title: '慢任务',
      schedule: { everySeconds: 3600 },
      run: async () => {
        await gate;
        return { changed: 0, message: '完成。' };
      },
    };
    a.jobs.register(slow);
    b.jobs.register(slow);
    const first = a.jobs.run('test.slow');
    await new Promise((r) => setTimeout(r, 100));
    const second = await b.jobs.run('test.slow');
    expect(second).toMatchObject({ ran: false, message: '该任务正由另一进程运行，请稍后再试。' });
    release();
    expect(await first).toMatchObject({ ran: true, status: 'ok' });
    expect(await auditCount(a)).toBe(1); // manual runs are audited even when they change nothing

    const failing: JobDefinition = {
      name: 'test.fail',
      title: '失败',
      schedule: { everySeconds: 60 },
      run: async () => {
        throw new Error('磁盘已满');
      },
    };
    a.jobs.register(failing);
    const out = (await a.jobs.tick()).find((o) => o.name === 'test.fail');
    expect(out).toMatchObject({ ran: true, status: 'failed', message: '运行失败：磁盘已满' });
    expect(await auditCount(a)).toBe(2);
    // A scheduled run with nothing to do is in the run history but not in the audit trail.
    const idle: JobDefinition = { name: 'test.idle', title: '空闲', schedule: { everySeconds: 60 }, run: async () => ({ changed: 0, message: '无事可做。' }) };
    a.jobs.register(idle);
    await a.jobs.tick();
    expect(await auditCount(a)).toBe(2);
    expect((await a.jobs.list()).find((j) => j.name === 'test.idle')?.lastRun?.status).toBe('ok');
  });

  it('takes over the slot of a process that died mid-run once its lease expired', async () => {
    t = await shared();
    const runs: string[] = [];
    const a = sibling('2026-12-01T02:00:00Z');
    const def = counting(runs, { leaseSeconds: 60 });
    a.jobs.register(def);
    // A process that took the slot and died: its lease is held and never released.
    await a.db
      .insertInto('job_leases')
      .values({
        name: 'test.count',
        holder: 'dead-host:1',
        lease_until: '2026-12-01T02:00:30.000Z',
        last_slot: 'daily:2026-12-01',
        updated_at: '2026-12-01T01:59:30.000Z',
      })
      .execute();
    await a.jobs.tick();
    expect(runs).toEqual([]); // lease still valid
    (a.clock as ReturnType<typeof fixedClock>).advance(60_000);
    await a.jobs.tick();
    expect(runs).toEqual(['daily:2026-12-01']);
    await a.jobs.tick();
    expect(runs).toHaveLength(1);
  });

  it('refuses a job registered twice or with a bad schedule', async () => {
    t = await shared();
    const def = counting([]);
    t.jobs.register(def);
    expect(() => t.jobs.register(def)).toThrow(/twice/);
    expect(() => t.jobs.register({ ...def, name: 'x', schedule: { dailyAt: '25:00' } })).toThrow(/HH:MM/);
    expect(() => t.jobs.register({ ...def, name: 'y', schedule: { everySeconds: 0 } })).toThrow(/positive/);
    await expect(t.jobs.run('nope')).rejects.toThrow(/unknown job/);
  });
});
