import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import { isSafeMethod } from './methods.js';

/**
 * Caches of public pages and public data, per server process, kept correct across processes.
 *
 * - The page micro-cache (used by `cachedHtml` in platform/web/page-cache.ts): a rendered page is reused for a few seconds
 *   (PORTAL_CACHE_SECONDS, default 5; 0 turns it off). It is a layer on top: the render path is fast without it.
 * - Data that every public page needs and that rarely changes (agencies, an agency's catalogue columns):
 *   loaded once and reused until public data changes (`memoPublic`).
 * - Both are dropped when public data changes. A change made by this process drops them at once; the change
 *   is also counted in the database (`cache_generations`, 'public', migration 0011-scale), and every process
 *   looks at that count at most every PUBLIC_CACHE_CHECK_MS (default 250 ms), so a release, a withdrawal or an
 *   edited agency is seen by every process of a deployment (WEB_CONCURRENCY, several machines) within that time.
 */

export interface PageEntry {
  body: Buffer;
  etag: string;
  expires: number;
  generation: number;
}

export const MAX_PAGE_ENTRIES = 2000;
const MAX_DATA_ENTRIES = 5000;

export const pageTtlMs = () => {
  const raw = process.env.PORTAL_CACHE_SECONDS;
  const s = raw === undefined || raw === '' ? 5 : Number(raw);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 0;
};

const checkMs = () => {
  const raw = Number(process.env.PUBLIC_CACHE_CHECK_MS ?? 250);
  return Number.isFinite(raw) && raw >= 0 ? raw : 250;
};

/** The caches of one application instance (one database). */
export class PublicCache {
  readonly pages = new Map<string, PageEntry>();
  private readonly data = new Map<string, Promise<unknown>>();
  private generation = 0;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<number> | undefined;
  /** How long a rendered page is reused (PORTAL_CACHE_SECONDS; 0: not at all), read when the application starts. */
  readonly pageTtlMs = pageTtlMs();
  private readonly checkMs = checkMs();

  constructor(private readonly db: Db) {}

  /** The generation of public data when it was looked at less than the check interval ago, else undefined. */
  fresh(): number | undefined {
    return performance.now() - this.checkedAt < this.checkMs ? this.generation : undefined;
  }

  /** The generation of public data as last seen (queried again when older than the check interval). */
  current(): Promise<number> {
    const fresh = this.fresh();
    if (fresh !== undefined) return Promise.resolve(fresh);
    this.pending ??= this.db
      .selectFrom('cache_generations')
      .select('value')
      .where('name', '=', 'public')
      .executeTakeFirst()
      .then((row) => {
        this.seen(Number(row?.value ?? 0));
        this.checkedAt = performance.now();
        return this.generation;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  private seen(generation: number): void {
    if (generation !== this.generation) {
      this.generation = generation;
      this.pages.clear();
      this.data.clear();
    }
  }

  /** A value loaded once per generation of public data (`key` names it: 'agencies', 'columns:ID', …). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    // Fast path, taken by nearly every request: the generation was looked at recently, no promise chain.
    return this.fresh() !== undefined ? this.lookup(key, load) : this.current().then(() => this.lookup(key, load));
  }

  private lookup<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.data.get(key) as Promise<T> | undefined;
    if (hit === undefined) {
      if (this.data.size >= MAX_DATA_ENTRIES) this.data.clear();
      hit = load();
      this.data.set(key, hit);
      // A failed load is not kept.
      hit.catch(() => this.data.get(key) === hit && this.data.delete(key));
    }
    return hit;
  }

  /** Public data changed: drop this process's caches now and tell the other processes through the database. */
  async invalidate(): Promise<void> {
    this.pages.clear();
    this.data.clear();
    await bumpPublicGeneration(this.db);
    this.checkedAt = Number.NEGATIVE_INFINITY;
    await this.current();
  }
}

/** Counts a change of public data in the database (for code that changes it outside a server process, e.g. a
 *  job run from the command line); server processes drop their caches when they next look. */
export async function bumpPublicGeneration(db: Db): Promise<void> {
  await db
    .updateTable('cache_generations')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'public')
    .execute();
}

const live = new Set<PublicCache>();
const byDb = new WeakMap<Db, PublicCache>();

/** The public caches of the application on this database (undefined outside a running application). */
export const publicCacheFor = (db: Db): PublicCache | undefined => byDb.get(db);

/** `load()` memoised in the public caches of `db` when there are some (else simply loaded). */
export function memoPublic<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const cache = byDb.get(db);
  return cache ? cache.memo(key, load) : load();
}

declare module 'fastify' {
  interface FastifyInstance {
    publicCache: PublicCache;
  }
}

/** Successful writes under these paths change what the portal shows. */
const PUBLIC_WRITE_PREFIXES = ['/api/publishing', '/api/agencies', '/api/reports', '/api/calendar'];

/** Gives the application its public caches, and drops them after every successful write to public data. */
export function registerPublicCache(app: FastifyInstance, db: Db): PublicCache {
  const cache = new PublicCache(db);
  live.add(cache);
  byDb.set(db, cache);
  app.decorate('publicCache', cache);
  app.addHook('onSend', (req, reply, payload, done) => {
    if (isSafeMethod(req.method) || reply.statusCode >= 400 || !PUBLIC_WRITE_PREFIXES.some((p) => req.url.startsWith(p))) return done(null, payload);
    cache.invalidate().then(
      () => done(null, payload),
      (err: Error) => done(err),
    );
  });
  app.addHook('onClose', async () => {
    live.delete(cache);
    if (byDb.get(db) === cache) byDb.delete(db);
  });
  return cache;
}

/** The public caches of the application serving this request. */
export const publicCacheOf = (req: FastifyRequest): PublicCache => req.server.publicCache;

/**
 * Public data changed (after a write in this process): every application's caches are dropped, and the change
 * is counted in the database so that other processes drop theirs too. Given `db`, the change is counted even
 * when no server runs in this process (a job run from the command line).
 */
export async function invalidatePages(db?: Db): Promise<void> {
  const mine = [...live];
  await Promise.all(mine.map((cache) => cache.invalidate().catch(() => undefined)));
  if (db !== undefined && !byDb.has(db)) await bumpPublicGeneration(db);
}
