import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../platform/db/index.js';
import { visibleAgency, type Principal } from '../platform/auth/permissions.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { CaseEventData, CaseProjection } from './projection.js';
import type { CaseEventTable, CaseFileTable, CaseState, CaseTable } from './requests.tables.js';

/** Kysely queries of the case ledger: cases, their events and projection columns, files, letters, agencies, staff. */

export type CaseRow = Selectable<CaseTable>;
export type EventRow = Selectable<CaseEventTable>;

export const OPEN_STATES: CaseState[] = ['submitted', 'received', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_fee', 'extended', 'replied'];
/** States in which the reply clock runs (the due date is meaningful for the workbench). */
export const CLOCK_STATES: CaseState[] = ['received', 'in_progress', 'consulting', 'awaiting_fee', 'extended', 'replied'];

export async function findVisibleCase(db: DbOrTx, p: Principal, id: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visibleAgency(eb, 'cases.agency_id', p))
    .executeTakeFirst();
}

export async function findCaseById(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCaseByTrackingCode(db: DbOrTx, code: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}

export async function findCaseByFormToken(db: DbOrTx, token: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('form_token', '=', token).executeTakeFirst();
}

export async function loadEvents(db: DbOrTx, caseId: string): Promise<EventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function insertCase(db: DbOrTx, row: CaseTable): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

/** Appends events after `lastSeq`; the (case_id, seq) key refuses a concurrent duplicate. */
export async function appendEvents(
  db: DbOrTx,
  c: { id: string; agency_id: string },
  lastSeq: number,
  actor: { name: string; id: string | null },
  events: CaseEventData[],
  at = nowIso(),
): Promise<number> {
  let seq = lastSeq;
  for (const e of events) {
    const { type, ...data } = e;
    seq += 1;
    await db
      .insertInto('case_events')
      .values({ id: newId(), case_id: c.id, agency_id: c.agency_id, seq, at, actor: actor.name, actor_id: actor.id, type, data: JSON.stringify(data) })
      .execute();
  }
  return seq;
}

/** The columns of `cases` that mirror the projection. */
export function projectionColumns(p: CaseProjection) {
  return {
    state: p.state,
    received_date: p.receivedDate,
    closed_date: p.closedDate,
    outcome: p.outcome,
    due_date: p.dueDate,
    due_provisional: p.dueProvisional ? 1 : 0,
    party_deadline: p.partyDeadline,
  };
}

/**
 * Writes the projection with the optimistic lock: only when the row still has `version`; returns false when
 * someone else changed the case first (the caller answers 409 and the transaction rolls back).
 */
export async function updateCaseLocked(db: DbOrTx, id: string, version: number, changes: Partial<CaseTable>): Promise<boolean> {
  const res = await db
    .updateTable('cases')
    .set({ ...changes, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ------------------------------------------------------------------------------------------ open cases in batches

/** The next 500 open cases after `after` (by id), for a recomputation over all agencies. */
export function openCasesAfter(db: DbOrTx, after: string) {
  return db.selectFrom('cases').selectAll().where('state', 'in', OPEN_STATES).where('id', '>', after).orderBy('id').limit(500).execute();
}

/** The next 500 open cases after `after` (by id) that the principal can see, with their agency's name. */
export function visibleOpenCasesAfter(db: DbOrTx, p: Principal, after: string) {
  return db
    .selectFrom('cases')
    .innerJoin('agencies', 'agencies.id', 'cases.agency_id')
    .selectAll('cases')
    .select('agencies.name as agency_name')
    .where('cases.state', 'in', OPEN_STATES)
    .where('cases.id', '>', after)
    .where((eb) => visibleAgency(eb, 'cases.agency_id', p))
    .orderBy('cases.id')
    .limit(500)
    .execute();
}

export async function setProjectionColumns(db: DbOrTx, id: string, cols: ReturnType<typeof projectionColumns>): Promise<void> {
  await db
    .updateTable('cases')
    .set({ ...cols, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

// ------------------------------------------------------------------------------------------ files, letters, agencies, staff

export async function insertCaseFile(db: DbOrTx, row: Insertable<CaseFileTable>): Promise<void> {
  await db.insertInto('case_files').values(row).execute();
}

export function findCaseFile(db: DbOrTx, caseId: string, fileId: string) {
  return db.selectFrom('case_files').selectAll().where('id', '=', fileId).where('case_id', '=', caseId).executeTakeFirst();
}

/** The files of a case without their content, oldest first. */
export function caseFileList(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('case_files')
    .select(['id', 'kind', 'filename', 'media_type', 'size', 'created_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export function findCaseLetter(db: DbOrTx, caseId: string, letterId: string) {
  return db.selectFrom('case_letters').select(['id', 'kind', 'status']).where('id', '=', letterId).where('case_id', '=', caseId).executeTakeFirst();
}

/** The released letters of a case, in release order (what the applicant may see). */
export function releasedLettersOf(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('case_letters')
    .select(['id', 'kind', 'doc_number', 'released_at'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'released')
    .orderBy('released_at')
    .execute();
}

export function findAgency(db: DbOrTx, id: string) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getAgency(db: DbOrTx, id: string) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function findUser(db: DbOrTx, id: string) {
  return db.selectFrom('users').select(['id', 'agency_id', 'display_name', 'role', 'disabled']).where('id', '=', id).executeTakeFirst();
}

/** The enabled staff of an agency in the given roles, by name. */
export function activeStaffIn(db: DbOrTx, agencyId: string, roles: string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('agency_id', '=', agencyId)
    .where('disabled', '=', 0)
    .where('role', 'in', roles as never[])
    .orderBy('display_name')
    .execute();
}
