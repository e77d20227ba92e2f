import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * The counters of @fastify/rate-limit kept in the database (table `rate_limits`, migration 0011-scale), so
 * that a limit holds for the whole deployment: several server processes (WEB_CONCURRENCY) or machines share
 * it. One row per limited route and client key; a window starts with the first request and ends `timeWindow`
 * later. Each hit is one upsert that returns the new count (SQLite and PostgreSQL alike).
 */

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
  /** Routes with the same groupId share one counter (the API and the form sign-in, the applicant's lookups). */
  groupId?: string;
}

const SWEEP_EVERY_MS = 60_000;

export function databaseRateLimitStore(db: Db) {
  let lastSweep = 0;
  let anonymous = 0;
  // The class @fastify/rate-limit instantiates (`new Store(globalParams)`); `child()` gives each route its own
  // namespace, named after the route so that every process uses the same keys, or after its groupId.
  return class DatabaseRateLimitStore {
    constructor(
      _params?: unknown,
      private readonly namespace = 'global',
    ) {}

    child(params: RouteParams): DatabaseRateLimitStore {
      const r = params.routeInfo;
      if (params.groupId) return new DatabaseRateLimitStore(undefined, `group ${params.groupId}`);
      const name = r?.url ? `${Array.isArray(r.method) ? r.method.join(',') : (r.method ?? '')} ${r.url}` : `limiter-${++anonymous}`;
      return new DatabaseRateLimitStore(undefined, name);
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const now = Date.now();
      const id = `${this.namespace}|${key}`;
      db.insertInto('rate_limits')
        .values({ key: id, count: 1, reset_at: now + timeWindow })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.count + 1 end`,
            reset_at: sql<number>`case when rate_limits.reset_at <= ${now} then ${now + timeWindow} else rate_limits.reset_at end`,
          }),
        )
        .returning(['count', 'reset_at'])
        .executeTakeFirstOrThrow()
        .then((row) => {
          cb(null, { current: Number(row.count), ttl: Math.max(0, Number(row.reset_at) - now) });
          if (now - lastSweep > SWEEP_EVERY_MS) {
            lastSweep = now;
            void db
              .deleteFrom('rate_limits')
              .where('reset_at', '<', now - SWEEP_EVERY_MS)
              .execute()
              .catch(() => undefined);
          }
        })
        .catch((err: Error) => cb(err));
    }

    read(key: string, cb: Callback): void {
      const now = Date.now();
      db.selectFrom('rate_limits')
        .select(['count', 'reset_at'])
        .where('key', '=', `${this.namespace}|${key}`)
        .executeTakeFirst()
        .then((row) => {
          if (!row || Number(row.reset_at) <= now) cb(null, { current: 0, ttl: 0 });
          else cb(null, { current: Number(row.count), ttl: Number(row.reset_at) - now });
        })
        .catch((err: Error) => cb(err));
    }
  };
}
