import type { Selectable } from 'kysely';
import { visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import type { OrderStatus, SupervisionCollectedTable, SupervisionFindingTable, SupervisionOrderTable } from './supervision.tables.js';
import './supervision.tables.js';

/** Queries of the supervision capability's own tables; every staff read goes through `visibleAgency`. */

export type OrderRow = Selectable<SupervisionOrderTable>;
export type CollectedRow = Selectable<SupervisionCollectedTable>;
export type FindingRow = Selectable<SupervisionFindingTable>;

export function schemeOf(db: DbOrTx, agencyId: string) {
  return db.selectFrom('supervision_schemes').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

export async function saveScheme(db: DbOrTx, agencyId: string, scheme: string, by: string, at: string, version: number | null) {
  if (version === null) {
    await db.insertInto('supervision_schemes').values({ agency_id: agencyId, scheme, version: 1, updated_by: by, updated_at: at }).execute();
    return true;
  }
  const r = await db
    .updateTable('supervision_schemes')
    .set({ scheme, version: version + 1, updated_by: by, updated_at: at })
    .where('agency_id', '=', agencyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function insertOrder(db: DbOrTx, row: SupervisionOrderTable) {
  return db.insertInto('supervision_orders').values(row).execute();
}

export function findOrder(db: DbOrTx, p: Principal, id: string) {
  return db
    .selectFrom('supervision_orders')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visibleAgency(eb, 'supervision_orders.agency_id', p))
    .executeTakeFirst();
}

export async function answerOrder(db: DbOrTx, id: string, version: number, changes: Partial<SupervisionOrderTable>) {
  const r = await db
    .updateTable('supervision_orders')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface OrderFilter {
  agencyId?: string;
  status?: OrderStatus;
  subjectKind?: string;
  subjectId?: string;
  limit: number;
}

/** 督办 the principal may see, open ones first by due date. */
export function listOrders(db: DbOrTx, p: Principal, f: OrderFilter) {
  let q = db
    .selectFrom('supervision_orders')
    .innerJoin('agencies', 'agencies.id', 'supervision_orders.agency_id')
    .where((eb) => visibleAgency(eb, 'supervision_orders.agency_id', p));
  if (f.agencyId) q = q.where('supervision_orders.agency_id', '=', f.agencyId);
  if (f.status) q = q.where('supervision_orders.status', '=', f.status);
  if (f.subjectKind) q = q.where('supervision_orders.subject_kind', '=', f.subjectKind as SupervisionOrderTable['subject_kind']);
  if (f.subjectId) q = q.where('supervision_orders.subject_id', '=', f.subjectId);
  return q
    .selectAll('supervision_orders')
    .select('agencies.name as agency_name')
    .orderBy('supervision_orders.status', 'desc')
    .orderBy('supervision_orders.due_date')
    .orderBy('supervision_orders.id')
    .limit(f.limit)
    .execute();
}

/** Per agency: open, open and overdue (due before `today`), answered, answered late — for the board. */
export async function orderCounts(db: DbOrTx, p: Principal, today: string) {
  const rows = await db
    .selectFrom('supervision_orders')
    .where((eb) => visibleAgency(eb, 'supervision_orders.agency_id', p))
    .select(['agency_id', 'status', 'due_date', 'answered_at'])
    .execute();
  const out = new Map<string, { open: number; overdue: number; answered: number }>();
  for (const r of rows) {
    const c = out.get(r.agency_id) ?? { open: 0, overdue: 0, answered: 0 };
    if (r.status === 'open') {
      c.open++;
      if (r.due_date < today) c.overdue++;
    } else c.answered++;
    out.set(r.agency_id, c);
  }
  return out;
}

/** 督办 of an agency whose due date fell in [from, to]: the assessment counts those answered late or not at all. */
export function ordersDueIn(db: DbOrTx, p: Principal, agencyId: string, from: string, to: string) {
  return db
    .selectFrom('supervision_orders')
    .selectAll()
    .where((eb) => visibleAgency(eb, 'supervision_orders.agency_id', p))
    .where('agency_id', '=', agencyId)
    .where('due_date', '>=', from)
    .where('due_date', '<=', to)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

export function upsertCollected(db: DbOrTx, row: SupervisionCollectedTable) {
  return db
    .insertInto('supervision_collected')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet({
        filename: row.filename,
        sha256: row.sha256,
        size: row.size,
        content: row.content,
        text: row.text,
        findings: row.findings,
        read_error: row.read_error,
        checked_at: row.checked_at,
        uploaded_by: row.uploaded_by,
        uploaded_at: row.uploaded_at,
      }),
    )
    .execute();
}

/** The collected reports of `year` and `year − 1` without their files (the board and the assessment read their text). */
export function collectedOfYear(db: DbOrTx, p: Principal, year: number) {
  return db
    .selectFrom('supervision_collected')
    .select(['id', 'agency_id', 'year', 'filename', 'sha256', 'size', 'text', 'findings', 'read_error', 'checked_at', 'uploaded_by', 'uploaded_at'])
    .where((eb) => visibleAgency(eb, 'supervision_collected.agency_id', p))
    .where('year', 'in', [year, year - 1])
    .orderBy('agency_id')
    .execute();
}

/** The same with the files (the batch check reads them again). */
export function collectedFilesOfYear(db: DbOrTx, p: Principal, year: number) {
  return db
    .selectFrom('supervision_collected')
    .selectAll()
    .where((eb) => visibleAgency(eb, 'supervision_collected.agency_id', p))
    .where('year', 'in', [year, year - 1])
    .orderBy('agency_id')
    .execute();
}

export function updateCollectedCheck(db: DbOrTx, id: string, changes: Pick<SupervisionCollectedTable, 'text' | 'findings' | 'read_error' | 'checked_at'>) {
  return db.updateTable('supervision_collected').set(changes).where('id', '=', id).execute();
}

export function insertFinding(db: DbOrTx, row: SupervisionFindingTable) {
  return db.insertInto('supervision_findings').values(row).execute();
}

export function findingsOf(db: DbOrTx, p: Principal, agencyId: string, year: number) {
  return db
    .selectFrom('supervision_findings')
    .selectAll()
    .where((eb) => visibleAgency(eb, 'supervision_findings.agency_id', p))
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('found_on')
    .orderBy('id')
    .execute();
}
