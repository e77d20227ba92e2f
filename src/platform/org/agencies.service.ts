import type { Db, DbOrTx } from '../db/index.js';
import type { AgencyTable } from '../db/tables.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit.js';
import { actorOf } from '../auth/accounts.service.js';
import { assertCan, seesSubtree, type Principal } from '../auth/permissions.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';
import { reconsiderationBodyOf, type ReconsiderationBody, type RemedyAgency } from '../../rules/remedies.js';

/** Agencies form a tree: a government, its departments, their units; each with its disclosure office. */

export type Agency = AgencyTable;

export { AGENCY_KIND_LABELS } from './agency-kinds.js';

export interface AgencyInput {
  parentId?: string | null;
  name: string;
  shortName?: string | null;
  kind: Agency['kind'];
  code: string;
  officeName?: string;
  officeAddress?: string;
  officeHours?: string;
  officePhone?: string;
  officeFax?: string;
  officeEmail?: string;
  officePostcode?: string;
  website?: string;
  /** 复议机关 set by hand; empty = derived from the tree (行政复议法第二十四条). */
  reconsiderationBody?: string;
  /** Vertically led (行政复议法第二十七条). */
  verticallyLed?: boolean;
  /** The 复议机关's online filing address (行政复议法第二十二条). */
  reconsiderationOnline?: string;
  court?: string;
  sortOrder?: number;
}

/** Public data of every agency (the disclosure column lists them all), ordered as a tree. */
export async function listAllAgencies(db: DbOrTx): Promise<Agency[]> {
  return db.selectFrom('agencies').selectAll().orderBy('path').execute();
}

export async function findAgencyByName(db: DbOrTx, name: string): Promise<Agency | undefined> {
  return db.selectFrom('agencies').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function getAgency(db: DbOrTx, id: string): Promise<Agency | undefined> {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Agencies the principal may see: its own, or its subtree for supervisors and admins. */
export async function listVisibleAgencies(db: Db, p: Principal): Promise<Agency[]> {
  let q = db.selectFrom('agencies').selectAll();
  q = seesSubtree(p) ? q.where('path', 'like', `${p.agencyPath}%`) : q.where('id', '=', p.agencyId);
  return q.orderBy('path').execute();
}

function validate(input: AgencyInput): void {
  if (!input.name?.trim()) throw badRequest('请填写机关名称。');
  if (input.name.length > 100) throw badRequest('机关名称不能超过 100 个字。');
  if (!['government', 'department', 'unit'].includes(input.kind)) throw badRequest('机关类型不正确。');
  if (!/^[A-Za-z0-9-]{2,40}$/.test(input.code ?? '')) throw badRequest('机关编码须为 2 至 40 位字母、数字或连字符（用于索引号）。');
  if (input.officeEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.officeEmail)) throw badRequest('电子邮箱格式不正确。');
}

const columns = (input: AgencyInput) => ({
  name: input.name.trim(),
  short_name: input.shortName?.trim() || null,
  kind: input.kind,
  code: input.code,
  office_name: input.officeName?.trim() ?? '',
  office_address: input.officeAddress?.trim() ?? '',
  office_hours: input.officeHours?.trim() ?? '',
  office_phone: input.officePhone?.trim() ?? '',
  office_fax: input.officeFax?.trim() ?? '',
  office_email: input.officeEmail?.trim() ?? '',
  office_postcode: input.officePostcode?.trim() ?? '',
  website: input.website?.trim() ?? '',
  reconsideration_body: input.reconsiderationBody?.trim() ?? '',
  vertically_led: input.verticallyLed ? 1 : 0,
  reconsideration_online: input.reconsiderationOnline?.trim() ?? '',
  court: input.court?.trim() ?? '',
  sort_order: input.sortOrder ?? 0,
});

/** Inserts an agency without permission checks (demo data, tests); audited as the system. */
export async function insertAgency(tx: DbOrTx, input: AgencyInput, actor: Actor = SYSTEM_ACTOR): Promise<Agency> {
  validate(input);
  const id = newId();
  let path = `/${id}/`;
  if (input.parentId) {
    const parent = await getAgency(tx, input.parentId);
    if (!parent) throw badRequest('上级机关不存在。');
    path = `${parent.path}${id}/`;
  }
  const now = nowIso();
  const row: Agency = { id, parent_id: input.parentId ?? null, path, ...columns(input), created_at: now, updated_at: now };
  await tx.insertInto('agencies').values(row).execute();
  await recordAudit(tx, actor, { action: 'agency.created', entityType: 'agency', entityId: id, agencyId: id, after: row });
  return row;
}

export async function createAgency(db: Db, p: Principal, input: AgencyInput): Promise<Agency> {
  assertCan(p, 'org.manage');
  if (!input.parentId) throw badRequest('请选择上级机关。');
  const parent = await getAgency(db, input.parentId);
  if (!parent || !parent.path.startsWith(p.agencyPath)) throw notFound('未找到上级机关，或您无权管理。');
  return db.transaction().execute((tx) => insertAgency(tx, input, actorOf(p)));
}

export async function updateAgency(db: Db, p: Principal, id: string, input: AgencyInput & { updatedAt: string }): Promise<Agency> {
  assertCan(p, 'org.manage');
  const before = await getAgency(db, id);
  if (!before || !before.path.startsWith(p.agencyPath)) throw notFound('未找到该机关，或您无权管理。');
  validate(input);
  if (before.updated_at !== input.updatedAt) throw conflict('该机关信息已被他人修改，请刷新后重试。');
  const changes = { ...columns(input), updated_at: nowIso() };
  return db.transaction().execute(async (tx) => {
    const res = await tx.updateTable('agencies').set(changes).where('id', '=', id).where('updated_at', '=', input.updatedAt).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该机关信息已被他人修改，请刷新后重试。');
    const after = { ...before, ...changes };
    await recordAudit(tx, actorOf(p), { action: 'agency.updated', entityType: 'agency', entityId: id, agencyId: id, before, after });
    return after;
  });
}

function remedyAgency(a: Agency): RemedyAgency {
  return { name: a.name, kind: a.kind, verticallyLed: a.vertically_led === 1, override: a.reconsideration_body };
}

/** The ancestors of an agency, nearest first (from its materialised path). */
export async function ancestorsOf(db: DbOrTx, a: Agency): Promise<Agency[]> {
  const ids = a.path.split('/').filter(Boolean).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .reverse()
    .map((id) => byId.get(id))
    .filter((r): r is Agency => r !== undefined);
}

/** The agency's 复议机关 by 行政复议法第二十四条、第二十七条 (or its override), with the basis. */
export async function reconsiderationBodyFor(db: DbOrTx, a: Agency): Promise<ReconsiderationBody> {
  return reconsiderationBodyOf(remedyAgency(a), (await ancestorsOf(db, a)).map(remedyAgency));
}

/** The same for every agency of a list, from one tree in memory (agencies ordered as listAllAgencies). */
export function reconsiderationBodiesOf(all: readonly Agency[]): Map<string, ReconsiderationBody> {
  const byId = new Map(all.map((a) => [a.id, a]));
  const out = new Map<string, ReconsiderationBody>();
  for (const a of all) {
    const ancestors = a.path
      .split('/')
      .filter(Boolean)
      .slice(0, -1)
      .reverse()
      .map((id) => byId.get(id))
      .filter((r): r is Agency => r !== undefined);
    out.set(a.id, reconsiderationBodyOf(remedyAgency(a), ancestors.map(remedyAgency)));
  }
  return out;
}
