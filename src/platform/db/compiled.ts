import { createHash } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import { engineOf, pgPoolOf, sqliteConnectionOf, type DbOrTx, type Engine } from './index.js';

/**
 * A read query built and compiled once per database engine, then run with new argument values.
 *
 * Kysely builds an operation tree and compiles it to SQL on every call — on an uncached public page that is as
 * much CPU as the statement itself. The portal's hot reads are built once with placeholder arguments; the
 * compiled statement's parameters that were those placeholders are replaced by the call's arguments. An argument
 * must reach the statement as a parameter exactly as given (not transformed, e.g. wrapped in `%…%`): otherwise
 * building fails at once, before any query runs.
 *
 * On SQLite, when no transaction is open on the connection, the statement runs at once on it (a synchronous read
 * is an autocommit read: nothing can interleave with it); inside a transaction it waits for its turn through
 * Kysely like every other query. On PostgreSQL, outside a transaction, it is a named prepared statement: each pooled
 * connection parses and plans it once.
 */
type Arg = string | number;

interface Entry {
  compiled: CompiledQuery;
  /** For each parameter of the compiled statement: the argument it takes (its index), or -1 for a constant. */
  slots: number[];
}

const placeholder = (i: number, sample: Arg): Arg => (typeof sample === 'number' ? -7_340_000_001 - i : `\u0000gk-arg-${i}\u0000`);

export function compiledOnce<A extends Arg[], R>(build: (db: DbOrTx, ...args: A) => Compilable<R>): (db: DbOrTx, ...args: A) => Promise<R[]> {
  const byEngine = new Map<Engine, Entry>();
  const entryFor = (db: DbOrTx, args: A): Entry => {
    const engine = engineOf(db);
    let entry = byEngine.get(engine);
    if (entry === undefined) {
      const holders = args.map((a, i) => placeholder(i, a)) as A;
      const compiled = build(db, ...holders).compile();
      const slots = compiled.parameters.map((p) => holders.indexOf(p as Arg));
      for (const [i, p] of compiled.parameters.entries()) {
        if (slots[i] === -1 && typeof p === 'string' && p.includes('\u0000gk-arg-'))
          throw new Error(`compiledOnce: argument used inside a transformed value: ${compiled.sql}`);
      }
      holders.forEach((_, i) => {
        if (!slots.includes(i)) throw new Error(`compiledOnce: argument ${i} does not reach the statement as a parameter: ${compiled.sql}`);
      });
      entry = { compiled, slots };
      byEngine.set(engine, entry);
    }
    return entry;
  };
  return async (db, ...args) => {
    const { compiled, slots } = entryFor(db, args);
    const parameters = slots.map((s, i) => (s === -1 ? compiled.parameters[i] : args[s]));
    return runRead<R>(db, { query: compiled.query, queryId: createQueryId(), sql: compiled.sql, parameters });
  };
}

/**
 * Runs a compiled read statement the way compiledOnce's statements run: on SQLite outside a transaction at once on
 * the connection, on PostgreSQL outside a transaction as a named prepared statement (named by its SQL text, so a
 * statement whose text depends on the call — search with its filters — is prepared once per variant and
 * connection). For statements whose SQL has few variants; otherwise use Kysely's execute.
 */
export async function runRead<R>(db: DbOrTx, compiled: CompiledQuery<R>): Promise<R[]> {
  const conn = sqliteConnectionOf(db);
  if (conn !== undefined && !conn.inTransaction) return rawReader(conn, compiled.sql).read(compiled.parameters) as R[];
  const pool = pgPoolOf(db);
  if (pool !== undefined) {
    let name = namesBySql.get(compiled.sql);
    if (name === undefined) {
      name = `gk_sql_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`;
      if (namesBySql.size < 1000) namesBySql.set(compiled.sql, name);
    }
    return (await pool.query({ name, text: compiled.sql, values: compiled.parameters as unknown[] })).rows as R[];
  }
  return (await db.executeQuery<R>(compiled)).rows;
}

const namesBySql = new Map<string, string>();

/**
 * SQLite rows read as arrays and turned into objects in JavaScript: better-sqlite3 builds each row object in C++ one
 * property at a time, which costs more than the statement itself on a page of rows (a 15-row column page: ~40 %
 * of the read). Objects made here share one shape, so the templates that read them stay fast too. The raw
 * statement is the reader's own (not the connection's shared statement, which Kysely reads as objects).
 */
interface RawReader {
  read(parameters: readonly unknown[]): Record<string, unknown>[];
}

const READERS_PER_CONNECTION = 500;
const rawReaders = new WeakMap<Sqlite.Database, Map<string, RawReader>>();

function rawReader(conn: Sqlite.Database, sqlText: string): RawReader {
  let readers = rawReaders.get(conn);
  if (readers === undefined) {
    readers = new Map();
    rawReaders.set(conn, readers);
  }
  let reader = readers.get(sqlText);
  if (reader === undefined) {
    // The prototype's prepare: a statement of its own, not the one conn.prepare shares (platform/db/index.ts).
    const stmt = Sqlite.prototype.prepare.call(conn, sqlText).raw(true);
    const names = stmt.columns().map((c) => c.name);
    const n = names.length;
    reader = {
      read(parameters) {
        const rows = stmt.all(parameters as unknown[]) as unknown[][];
        const out = new Array<Record<string, unknown>>(rows.length);
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r];
          const o: Record<string, unknown> = {};
          for (let i = 0; i < n; i++) o[names[i]] = row[i];
          out[r] = o;
        }
        return out;
      },
    };
    if (readers.size >= READERS_PER_CONNECTION) readers.delete(readers.keys().next().value as string);
    readers.set(sqlText, reader);
  }
  return reader;
}
