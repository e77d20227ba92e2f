import { hostname } from 'node:os';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { newId, randomToken } from '../ids.js';
import './jobs.tables.js';

/**
 * Named background jobs, registered by capabilities (their descriptor's `jobs`) and run by every server
 * process's ticker or by `gongkai jobs run NAME`.
 *
 * Once across processes: before running, a process must win one conditional UPDATE of the job's row in
 * `job_leases` — the lease is free (or expired) and the schedule slot ("every:N", "daily:YYYY-MM-DD") has not
 * been taken. PostgreSQL re-checks the condition after a concurrent update commits and SQLite serialises
 * writers, so exactly one process wins a slot on both engines. A process that dies mid-run leaves its lease
 * held; once the lease expires the slot may be taken again (jobs must therefore be idempotent).
 *
 * Every run is kept in `job_runs`. A run that changed something, failed, or was started by hand is also
 * recorded in the audit trail as the system; scheduled runs that found nothing to do are not, so that a
 * minute-by-minute job does not flood the audit chain.
 */

export type JobSchedule =
  /** Every N seconds (slots aligned on the epoch, so all processes agree on them). */
  | { everySeconds: number }
  /** Once a day at HH:MM Beijing time; a day missed while no server ran is caught up at the next start. */
  | { dailyAt: string };

export interface JobRunInfo {
  slot: string;
  trigger: 'schedule' | 'manual';
  startedAt: Date;
}

export interface JobResult {
  /** How many records the run changed (0 = nothing to do). */
  changed: number;
  /** One Chinese sentence for `jobs list` and the audit trail. */
  message: string;
}

export interface JobDefinition {
  /** Stable name, `capability.job` ("requests.close-lapsed"). */
  name: string;
  /** What it does, in Chinese. */
  title: string;
  schedule: JobSchedule;
  /** How long a run may hold the lease before another process may assume it died (default 600 s). */
  leaseSeconds?: number;
  run: (ctx: AppContext, info: JobRunInfo) => Promise<JobResult>;
}

export interface JobOutcome {
  name: string;
  ran: boolean;
  slot: string;
  status?: 'ok' | 'failed';
  message: string;
  changed?: number;
}

export interface JobStatus {
  name: string;
  title: string;
  schedule: string;
  lastRun: { startedAt: string; finishedAt: string | null; status: string; message: string | null; trigger: string } | null;
  running: boolean;
}

export interface JobRunner {
  register(def: JobDefinition): void;
  definitions(): JobDefinition[];
  /** Runs one job now (trigger "manual"), unless another process holds its lease. */
  run(name: string): Promise<JobOutcome>;
  /** Runs every job whose current slot has not been taken yet; what a server does every few seconds. */
  tick(): Promise<JobOutcome[]>;
  list(): Promise<JobStatus[]>;
  /** Starts the ticker (server processes only; tests call `tick` or `run`). */
  start(opts?: { tickSeconds?: number }): void;
  /** Stops the ticker and waits for a tick under way. */
  stop(): Promise<void>;
}

const BEIJING_MS = 8 * 3600_000;

function validateSchedule(def: JobDefinition): void {
  const s = def.schedule;
  if ('everySeconds' in s) {
    if (!Number.isInteger(s.everySeconds) || s.everySeconds < 1) throw new Error(`job ${def.name}: everySeconds must be a positive integer`);
  } else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.dailyAt)) throw new Error(`job ${def.name}: dailyAt must be HH:MM`);
}

/** The schedule slot that `now` falls in: the latest due occurrence of the schedule. */
export function currentSlot(schedule: JobSchedule, now: Date): string {
  if ('everySeconds' in schedule) return `every:${schedule.everySeconds}:${Math.floor(now.getTime() / (schedule.everySeconds * 1000))}`;
  const [h, m] = schedule.dailyAt.split(':').map(Number) as [number, number];
  // Shift by the time of day so that the Beijing date of the shifted instant is the slot's day.
  const shifted = new Date(now.getTime() + BEIJING_MS - (h * 60 + m) * 60_000);
  return `daily:${shifted.toISOString().slice(0, 10)}`;
}

export function describeSchedule(s: JobSchedule): string {
  if ('everySeconds' in s) return s.everySeconds % 60 === 0 ? `每 ${s.everySeconds / 60} 分钟` : `每 ${s.everySeconds} 秒`;
  return `每天 ${s.dailyAt}（北京时间）`;
}

export function createJobRunner(getCtx: () => AppContext, opts: { log?: (line: string) => void } = {}): JobRunner {
  const defs = new Map<string, JobDefinition>();
  const holder = `${hostname()}:${process.pid}:${randomToken(6)}`;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<unknown> | null = null;

  async function acquire(def: JobDefinition, slot: string, manual: boolean): Promise<boolean> {
    const { db, clock } = getCtx();
    const now = clock.now();
    const nowIso = now.toISOString();
    await db
      .insertInto('job_leases')
      .values({ name: def.name, holder: null, lease_until: null, last_slot: null, updated_at: nowIso })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const until = new Date(now.getTime() + (def.leaseSeconds ?? 600) * 1000).toISOString();
    const res = await db
      .updateTable('job_leases')
      .set({ holder, lease_until: until, updated_at: nowIso, ...(manual ? {} : { last_slot: slot }) })
      .where('name', '=', def.name)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .$if(!manual, (q) => q.where((eb) => eb.or([eb('last_slot', 'is', null), eb('last_slot', '!=', slot), eb('holder', 'is not', null)])))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async function execute(def: JobDefinition, trigger: 'schedule' | 'manual'): Promise<JobOutcome> {
    const ctx = getCtx();
    const startedAt = ctx.clock.now();
    const slot = trigger === 'manual' ? `manual:${startedAt.toISOString()}` : currentSlot(def.schedule, startedAt);
    if (!(await acquire(def, slot, trigger === 'manual'))) {
      return { name: def.name, ran: false, slot, message: trigger === 'manual' ? '该任务正由另一进程运行，请稍后再试。' : '本时段已由其他进程运行。' };
    }
    try {
      return await runHeld(def, slot, trigger, startedAt);
    } catch (err) {
      // The bookkeeping failed (database unavailable…): free the lease if we still can, or it expires.
      await ctx.db
        .updateTable('job_leases')
        .set({ holder: null, lease_until: null })
        .where('name', '=', def.name)
        .where('holder', '=', holder)
        .execute()
        .catch(() => {});
      throw err;
    }
  }

  async function runHeld(def: JobDefinition, slot: string, trigger: 'schedule' | 'manual', startedAt: Date): Promise<JobOutcome> {
    const ctx = getCtx();
    const runId = newId();
    await ctx.db
      .insertInto('job_runs')
      .values({ id: runId, name: def.name, slot, trigger, holder, started_at: startedAt.toISOString(), finished_at: null, status: 'running', message: null })
      .execute();
    let status: 'ok' | 'failed' = 'ok';
    let result: JobResult;
    try {
      result = await def.run(ctx, { slot, trigger, startedAt });
    } catch (err) {
      status = 'failed';
      result = { changed: 0, message: `运行失败：${err instanceof Error ? err.message : String(err)}` };
      opts.log?.(`任务 ${def.name} ${result.message}`);
    }
    const finishedAt = ctx.clock.nowIso();
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('job_runs')
        .set({ status, finished_at: finishedAt, message: result.message.slice(0, 2000) })
        .where('id', '=', runId)
        .execute();
      if (trigger === 'manual' || status === 'failed' || result.changed > 0) {
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: 'job.run',
          entityType: 'job',
          entityId: def.name,
          detail: { slot, trigger, status, changed: result.changed, message: result.message },
        });
      }
      await tx
        .updateTable('job_leases')
        .set({ holder: null, lease_until: null, updated_at: finishedAt })
        .where('name', '=', def.name)
        .where('holder', '=', holder)
        .execute();
      // Keep 30 days of run history per job.
      await tx
        .deleteFrom('job_runs')
        .where('name', '=', def.name)
        .where('started_at', '<', new Date(startedAt.getTime() - 30 * 86_400_000).toISOString())
        .execute();
    });
    return { name: def.name, ran: true, slot, status, message: result.message, changed: result.changed };
  }

  const runner: JobRunner = {
    register(def) {
      if (defs.has(def.name)) throw new Error(`job ${def.name} is registered twice`);
      validateSchedule(def);
      defs.set(def.name, def);
    },
    definitions: () => [...defs.values()],
    async run(name) {
      const def = defs.get(name);
      if (!def) throw new Error(`unknown job ${name}`);
      return execute(def, 'manual');
    },
    async tick() {
      const out: JobOutcome[] = [];
      for (const def of defs.values()) {
        try {
          out.push(await execute(def, 'schedule'));
        } catch (err) {
          // The database itself failed (connection lost…): try again at the next tick.
          opts.log?.(`任务 ${def.name} 未能启动：${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return out;
    },
    async list() {
      const { db } = getCtx();
      const out: JobStatus[] = [];
      for (const def of defs.values()) {
        const last = await db.selectFrom('job_runs').selectAll().where('name', '=', def.name).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
        const lease = await db.selectFrom('job_leases').select(['holder']).where('name', '=', def.name).executeTakeFirst();
        out.push({
          name: def.name,
          title: def.title,
          schedule: describeSchedule(def.schedule),
          running: !!lease?.holder,
          lastRun: last
            ? { startedAt: last.started_at, finishedAt: last.finished_at, status: last.status, message: last.message, trigger: last.trigger }
            : null,
        });
      }
      return out;
    },
    start({ tickSeconds = 15 } = {}) {
      if (timer) return;
      const once = () => {
        if (ticking) return;
        ticking = runner.tick().finally(() => (ticking = null));
      };
      timer = setInterval(once, tickSeconds * 1000);
      timer.unref();
      once();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await ticking;
    },
  };
  return runner;
}
