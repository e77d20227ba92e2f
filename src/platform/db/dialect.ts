import type { Kysely } from 'kysely';

/** True when a Kysely instance (database or transaction) talks to PostgreSQL; used where SQL differs. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
}
