import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/index.js';
import { compiledOnce } from '../platform/db/compiled.js';
import { visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { ItemStatus, PubItemTable, PubPublicItemTable } from './publishing.tables.js';
import './publishing.tables.js';

/** Queries of items: staff queries are always scoped by visibleAgency; public ones read only pub_public_items. */

export async function findItemForStaff(db: DbOrTx, p: Principal, id: string): Promise<PubItemTable | undefined> {
  return db
    .selectFrom('pub_items')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visibleAgency(eb, 'pub_items.agency_id', p))
    .executeTakeFirst();
}

export interface StaffListFilter {
  status?: ItemStatus;
  columnCode?: string;
  q?: string;
  agencyId?: string;
  page: number;
  size: number;
}

export async function listItemsForStaff(db: DbOrTx, p: Principal, f: StaffListFilter) {
  let q = db.selectFrom('pub_items').where((eb) => visibleAgency(eb, 'pub_items.agency_id', p));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.columnCode) q = q.where('column_code', '=', f.columnCode);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  if (f.q) q = q.where('title', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'id',
      'agency_id',
      'column_code',
      'kind',
      'index_no',
      'title',
      'doc_number',
      'created_on',
      'changed_on',
      'validity',
      'attribute',
      'status',
      'version',
      'policy_id',
      'release_at',
      'published_at',
      'withdrawn_at',
      'updated_at',
    ])
    .orderBy('updated_at', 'desc')
    .limit(f.size)
    .offset((f.page - 1) * f.size)
    .execute();
  return { total: Number(total.n), rows };
}

export async function reviewsOf(db: DbOrTx, itemId: string) {
  return db.selectFrom('pub_reviews').selectAll().where('item_id', '=', itemId).orderBy('created_at').execute();
}

export async function attachmentsOf(db: DbOrTx, itemId: string) {
  return db
    .selectFrom('pub_attachments')
    .select(['id', 'filename', 'mime', 'size', 'sha256', 'text_content', 'created_at'])
    .where('item_id', '=', itemId)
    .where('removed', '=', 0)
    .orderBy('created_at')
    .execute();
}

export async function interpretationsOf(db: DbOrTx, policyId: string) {
  return db.selectFrom('pub_items').selectAll().where('policy_id', '=', policyId).where('status', '!=', 'withdrawn').execute();
}

export interface PublicListFilter {
  agencyId: string;
  columnCode?: string;
  /** Any of these columns (e.g. every column of the 制度 section). */
  columnCodes?: string[];
  year?: number;
  validity?: string;
  page: number;
  size: number;
  /**
   * The number of matching items when the caller already knows it (the per-column counts memoised per
   * generation of public data), or 'skip' when the caller does not show it: the rows are then read alone,
   * along the list index, with no count.
   */
  total?: number | 'skip';
}

const LISTED = ['id', 'column_code', 'kind', 'index_no', 'title', 'summary', 'doc_number', 'created_on', 'validity', 'published_at'] as const;

// Every unfiltered column page: built and compiled once (platform/db/compiled.ts).
const listColumnQuery = compiledOnce((db: DbOrTx, agencyId: string, columnCode: string, size: number, offset: number) =>
  db
    .selectFrom('pub_public_items')
    .select(LISTED)
    .where('agency_id', '=', agencyId)
    .where('column_code', '=', columnCode)
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(size)
    .offset(offset),
);

export async function listPublic(db: DbOrTx, f: PublicListFilter) {
  let q = db.selectFrom('pub_public_items').where('agency_id', '=', f.agencyId);
  if (f.columnCode) q = q.where('column_code', '=', f.columnCode);
  if (f.columnCodes) q = f.columnCodes.length ? q.where('column_code', 'in', f.columnCodes) : q.where(sql<boolean>`1 = 0`);
  if (f.year) q = q.where('published_at', '>=', `${f.year}-01-01`).where('published_at', '<', `${f.year + 1}-01-01`);
  if (f.validity) q = q.where('validity', '=', f.validity as PubPublicItemTable['validity']);
  const offset = (f.page - 1) * f.size;
  if (f.total !== undefined) {
    const known = f.total === 'skip' ? undefined : f.total;
    // A page past the end reads nothing. One column without filters (every unfiltered column page) is one
    // statement compiled once.
    const rows =
      known !== undefined && offset >= known
        ? []
        : f.columnCode && !f.columnCodes && !f.year && !f.validity
          ? await listColumnQuery(db, f.agencyId, f.columnCode, f.size, offset)
          : await q.select(LISTED).orderBy('published_at', 'desc').orderBy('id').limit(f.size).offset(offset).execute();
    return { total: known ?? rows.length, rows };
  }
  // One round trip: the page's rows carry the total (a window count); only a page past the end counts apart.
  const found = await q
    .select(LISTED)
    .select((eb) => eb.fn.countAll<number>().over().as('total_count'))
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(f.size)
    .offset(offset)
    .execute();
  if (found.length === 0 && f.page > 1) {
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { total: Number(total.n), rows: [] };
  }
  const rows = found.map(({ total_count: _, ...row }) => row);
  return { total: found.length ? Number(found[0].total_count) : 0, rows };
}

// Every uncached public item page runs this: built and compiled once (platform/db/compiled.ts).
const findPublicQuery = compiledOnce((db: DbOrTx, id: string, agencyId: string) =>
  db.selectFrom('pub_public_items').selectAll().where('id', '=', id).where('agency_id', '=', agencyId),
);

export async function findPublic(db: DbOrTx, agencyId: string, id: string): Promise<PubPublicItemTable | undefined> {
  return (await findPublicQuery(db, id, agencyId))[0];
}

export interface PublicInterpretation {
  id: string;
  title: string;
  kind: PubPublicItemTable['kind'];
  published_at: string;
}

/** Every released interpretation, by the policy it interprets (oldest first), for one agency. */
export async function publicInterpretationsByPolicy(db: DbOrTx, agencyId: string): Promise<Map<string, PublicInterpretation[]>> {
  const rows = await db
    .selectFrom('pub_public_items')
    .select(['id', 'title', 'kind', 'published_at', 'policy_id'])
    .where('agency_id', '=', agencyId)
    .where('policy_id', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  const out = new Map<string, PublicInterpretation[]>();
  for (const { policy_id, ...r } of rows) {
    const list = out.get(policy_id!);
    if (list) list.push(r);
    else out.set(policy_id!, [r]);
  }
  return out;
}

export async function recentPublic(db: DbOrTx, limit: number) {
  return db
    .selectFrom('pub_public_items')
    .innerJoin('agencies', 'agencies.id', 'pub_public_items.agency_id')
    .select([
      'pub_public_items.id',
      'pub_public_items.title',
      'pub_public_items.summary',
      'pub_public_items.kind',
      'pub_public_items.published_at',
      'pub_public_items.first_published_at',
      'agencies.code as agency_code',
      'agencies.name as agency_name',
    ])
    .orderBy('pub_public_items.published_at', 'desc')
    .limit(limit)
    .execute();
}

export async function publicYears(db: DbOrTx, agencyId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('pub_public_items')
    .select(sql<string>`substr(published_at, 1, 4)`.as('y'))
    .where('agency_id', '=', agencyId)
    .groupBy(sql`substr(published_at, 1, 4)`)
    .execute();
  return rows.map((r) => Number(r.y)).sort((a, b) => b - a);
}

export async function publicCountsByColumn(db: DbOrTx, agencyId: string) {
  const rows = await db
    .selectFrom('pub_public_items')
    .select(['column_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agency_id', '=', agencyId)
    .groupBy('column_code')
    .execute();
  return new Map(rows.map((r) => [r.column_code, Number(r.n)]));
}
