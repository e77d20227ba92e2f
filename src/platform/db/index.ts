import Sqlite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './tables.js';
import { isPostgres } from './dialect.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction: stores take this so use cases can compose them in one transaction. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;
export type Engine = 'sqlite' | 'postgres';

// count(*) and bigint columns come back from pg as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

const engines = new WeakMap<object, Engine>();

/**
 * SQLite transactions take the write lock when they begin (`begin immediate`): with several server processes
 * on one database file (WEB_CONCURRENCY), a deferred transaction that reads and then writes cannot wait for
 * the lock (SQLite answers SQLITE_BUSY at once to avoid a deadlock), while `begin immediate` waits up to
 * busy_timeout for the single writer and then runs without surprises.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class GongkaiSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Statements prepared once per SQL text (Kysely prepares every query anew); bounded, oldest dropped first. */
const PREPARED_CACHE_SIZE = 500;

function cachePreparedStatements(conn: Sqlite.Database): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, Sqlite.Statement>();
  conn.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt === undefined) {
      stmt = prepare(source);
      if (cache.size >= PREPARED_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof conn.prepare;
}

const sqliteConnections = new WeakMap<Db, Sqlite.Database>();

/**
 * The SQLite connection behind `db` (not a transaction), for a synchronous read when no transaction is open on it
 * (platform/db/compiled.ts); undefined on PostgreSQL.
 */
export const sqliteConnectionOf = (db: DbOrTx): Sqlite.Database | undefined => sqliteConnections.get(db as Db);

const pgPools = new WeakMap<Db, pg.Pool>();

/** The PostgreSQL pool behind `db` (not a transaction), for named prepared reads (platform/db/compiled.ts). */
export const pgPoolOf = (db: DbOrTx): pg.Pool | undefined => pgPools.get(db as Db);

/** Opens the database: SQLite (WAL mode, foreign keys on) or a PostgreSQL pool. */
export function createDb(cfg: DatabaseConfig, opts: { poolSize?: number } = {}): Db {
  let db: Db;
  if (cfg.engine === 'sqlite') {
    if (cfg.path !== ':memory:') {
      mkdirSync(dirname(cfg.path), { recursive: true, mode: 0o700 });
      // Personal data lives in this file: readable by the service's user only (SQLite gives its -wal and -shm
      // files the database file's permissions).
      closeSync(openSync(cfg.path, 'a', 0o600));
      chmodSync(cfg.path, 0o600);
    }
    const conn = new Sqlite(cfg.path);
    conn.pragma('journal_mode = WAL');
    conn.pragma('foreign_keys = ON');
    conn.pragma('busy_timeout = 5000');
    conn.pragma('synchronous = NORMAL');
    // 64 MB of page cache (SQLite's default is 2 MB): ranking a few thousand search hits reads one index page per
    // hit, and on a province's corpus those pages would otherwise come back from the OS one system call at a time
    // (issue 13: 20 → 5 ms for 2,500 hits over 2,000,000 documents). It grows only as pages are read.
    conn.pragma('cache_size = -65536');
    cachePreparedStatements(conn);
    db = new Kysely<Database>({ dialect: new GongkaiSqliteDialect({ database: conn }) });
    sqliteConnections.set(db, conn);
  } else {
    const pool = new pg.Pool({ connectionString: cfg.url, max: opts.poolSize ?? 10 });
    // An idle client whose connection the server closes (restart, failover, a dropped test database) must not
    // crash the process: the pool discards it and the next query opens a new connection.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection closed: ${err.message}`));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pgPools.set(db, pool);
  }
  engines.set(db, cfg.engine);
  return db;
}

export function engineOf(db: DbOrTx): Engine {
  return engines.get(db) ?? (isPostgres(db) ? 'postgres' : 'sqlite');
}

/** True when the database answers a trivial query. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
