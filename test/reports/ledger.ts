import { sql } from 'kysely';
import type { DbOrTx } from '../../src/platform/db/index.js';
import { newId } from '../../src/platform/ids.js';

/**
 * Writes ledger rows straight into `cases` and `appeals` with the columns the report reads; every other
 * required column of the requests capability's tables gets a filler value, found by introspection, so these
 * tests do not depend on how the requests capability lays out the rest of a case.
 */

export interface LedgerCase {
  id?: string;
  agency_id: string;
  applicant_type: string;
  received_date: string | null;
  closed_date: string | null;
  outcome: string | null;
}

export interface LedgerAppeal {
  agency_id: string;
  case_id: string;
  kind: string;
  filed_date: string;
  result: string;
  decided_date: string | null;
}

const required = new Map<string, { name: string; dataType: string }[]>();

async function requiredColumns(db: DbOrTx, table: string) {
  if (!required.has(table)) {
    const t = (await db.introspection.getTables()).find((x) => x.name === table);
    if (!t) throw new Error(`table ${table} does not exist`);
    required.set(
      table,
      t.columns.filter((c) => !c.isNullable && !c.hasDefaultValue).map((c) => ({ name: c.name, dataType: c.dataType.toLowerCase() })),
    );
  }
  return required.get(table)!;
}

function fill(cols: { name: string; dataType: string }[], row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const c of cols) {
    if (out[c.name] !== undefined) continue;
    if (c.name === 'state') out[c.name] = row.closed_date ? 'closed' : 'in_progress';
    else if (/int|numeric|real|double/.test(c.dataType)) out[c.name] = 0;
    else if (/_at$/.test(c.name)) out[c.name] = '2020-01-01T00:00:00.000Z';
    else out[c.name] = `${c.name}-${newId()}`;
  }
  return out;
}

export async function insertMany(db: DbOrTx, table: string, rows: Record<string, unknown>[]) {
  const cols = await requiredColumns(db, table);
  const filled = rows.map((r) => fill(cols, r));
  for (let i = 0; i < filled.length; i += 200) {
    await (db as any)
      .insertInto(table)
      .values(filled.slice(i, i + 200))
      .execute();
  }
}

export async function insertCases(db: DbOrTx, cases: LedgerCase[]): Promise<string[]> {
  const rows = cases.map((c) => ({ ...c, id: c.id ?? newId() }));
  await insertMany(db, 'cases', rows);
  return rows.map((r) => r.id);
}

export async function insertAppeals(db: DbOrTx, appeals: LedgerAppeal[]): Promise<void> {
  await insertMany(
    db,
    'appeals',
    appeals.map((a) => ({ ...a, id: newId() })),
  );
}

export async function clearLedger(db: DbOrTx): Promise<void> {
  await sql`delete from appeals`.execute(db);
  await sql`delete from cases`.execute(db);
}
