import type { Db, DbOrTx } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, canSeeAgency, type Principal } from '../platform/auth/permissions.js';
import { badRequest, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { isIsoDate, nowIso } from '../platform/time.js';
import { getAgency } from '../platform/org/agencies.service.js';
import { computeProactiveTable, type ProactiveTable } from './proactive-table.js';
import type { PubRegisterDocTable, PubRegisterStatTable, RegisterDocKind, RegisterStatKind } from './publishing.tables.js';
import { registerDocsOf, registerStatsUpTo } from './registers.store.js';
import { REGISTER_DOC_LABELS, REGISTER_STAT_LABELS } from './publishing.labels.js';

/**
 * The Art. 20 registers (条例第二十条): rules and normative documents (made, published, repealed), and the
 * yearly figures of licensing, penalties, enforcement, fee items and central procurement. They feed the
 * annual report's 主动公开 table.
 */

export type { ProactiveTable, Proactive2019, Proactive2021 } from './proactive-table.js';

/** The report-data.md `tables.proactive` object for these agencies and year (cell-by-cell sums). */
export async function proactiveTable(db: DbOrTx, agencyIds: string[], year: number, format: '2019' | '2021'): Promise<ProactiveTable> {
  const [docs, stats] = await Promise.all([registerDocsOf(db, agencyIds), registerStatsUpTo(db, agencyIds, year)]);
  return computeProactiveTable(docs, stats, year, format);
}

const isRegisterStatKind = (k: string): k is RegisterStatKind => k in REGISTER_STAT_LABELS;

export { REGISTER_DOC_LABELS, REGISTER_STAT_LABELS };

async function assertAgency(db: DbOrTx, p: Principal, agencyId: string) {
  const agency = await getAgency(db, agencyId);
  if (!agency || !canSeeAgency(p, agency)) throw notFound('未找到该机关。');
  return agency;
}

export interface RegisterDocInput {
  agencyId?: string;
  kind: RegisterDocKind;
  title: string;
  docNumber?: string | null;
  madeOn: string;
  publishedOn?: string | null;
  repealedOn?: string | null;
}

function checkDoc(i: RegisterDocInput) {
  if (!['rule', 'normative'].includes(i.kind)) throw badRequest('文件类别须为规章或行政规范性文件。');
  if (!i.title?.trim()) throw badRequest('请填写文件名称。');
  if (!isIsoDate(i.madeOn)) throw badRequest('制发日期格式不正确（YYYY-MM-DD）。');
  for (const [d, label] of [
    [i.publishedOn, '公开日期'],
    [i.repealedOn, '废止日期'],
  ] as const)
    if (d && !isIsoDate(d)) throw badRequest(`${label}格式不正确（YYYY-MM-DD）。`);
  if (i.repealedOn && i.repealedOn < i.madeOn) throw badRequest('废止日期不能早于制发日期。');
}

/** Records a rule or normative document in the register (staff). */
export async function addRegisterDoc(db: Db, p: Principal, input: RegisterDocInput): Promise<PubRegisterDocTable> {
  assertCan(p, 'publishing.draft');
  checkDoc(input);
  const agencyId = input.agencyId ?? p.agencyId;
  return db.transaction().execute(async (tx) => {
    await assertAgency(tx, p, agencyId);
    const now = nowIso();
    const row: PubRegisterDocTable = {
      id: newId(),
      agency_id: agencyId,
      kind: input.kind,
      title: input.title.trim(),
      doc_number: input.docNumber?.trim() || null,
      made_on: input.madeOn,
      published_on: input.publishedOn ?? null,
      repealed_on: input.repealedOn ?? null,
      item_id: null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('pub_register_docs').values(row).execute();
    await recordAudit(tx, actorOf(p), { action: 'register.doc_added', entityType: 'pub_register_doc', entityId: row.id, agencyId, after: row });
    return row;
  });
}

/** One register's figures for a year (the kind is checked against REGISTER_STAT_LABELS). */
export interface RegisterStatInput {
  agencyId?: string;
  kind: string;
  year: number;
  items?: number | null;
  decisions?: number;
  projects?: number;
  amountYuan?: number;
  note?: string;
}

/** Sets one register's figures for a year (replaces what was there). */
export async function setRegisterStat(db: Db, p: Principal, input: RegisterStatInput): Promise<PubRegisterStatTable> {
  assertCan(p, 'publishing.draft');
  const kind = input.kind;
  if (!isRegisterStatKind(kind)) throw badRequest('登记簿类别不正确。');
  if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100) throw badRequest('年份不正确。');
  for (const v of [input.items, input.decisions, input.projects]) if (v != null && (!Number.isInteger(v) || v < 0)) throw badRequest('数量须为非负整数。');
  if (input.amountYuan != null && (!Number.isFinite(input.amountYuan) || input.amountYuan < 0)) throw badRequest('金额须为非负数。');
  const agencyId = input.agencyId ?? p.agencyId;
  return db.transaction().execute(async (tx) => {
    await assertAgency(tx, p, agencyId);
    const before = await tx
      .selectFrom('pub_register_stats')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('kind', '=', kind)
      .where('year', '=', input.year)
      .executeTakeFirst();
    const row: PubRegisterStatTable = {
      id: before?.id ?? newId(),
      agency_id: agencyId,
      kind,
      year: input.year,
      items: input.items ?? null,
      decisions: input.decisions ?? 0,
      projects: input.projects ?? 0,
      amount_yuan: input.amountYuan ?? 0,
      note: input.note ?? '',
      updated_at: nowIso(),
    };
    if (before) await tx.updateTable('pub_register_stats').set(row).where('id', '=', before.id).execute();
    else await tx.insertInto('pub_register_stats').values(row).execute();
    await recordAudit(tx, actorOf(p), { action: 'register.stat_set', entityType: 'pub_register_stat', entityId: row.id, agencyId, before, after: row });
    return row;
  });
}

/** Both registers of one agency, for the console. */
export async function listRegisters(db: Db, p: Principal, agencyId = p.agencyId) {
  assertCan(p, 'publishing.draft');
  await assertAgency(db, p, agencyId);
  const docs = await db.selectFrom('pub_register_docs').selectAll().where('agency_id', '=', agencyId).orderBy('made_on', 'desc').execute();
  const stats = await db.selectFrom('pub_register_stats').selectAll().where('agency_id', '=', agencyId).orderBy('year', 'desc').orderBy('kind').execute();
  return { docs, stats };
}
