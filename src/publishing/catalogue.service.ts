import type { Db, DbOrTx } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, canSeeAgency, type Principal } from '../platform/auth/permissions.js';
import { badRequest, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { getAgency } from '../platform/org/agencies.service.js';
import { DEFAULT_COLUMNS, DEFAULT_INDEX_PATTERN, DEFAULT_REVIEW_LEVELS, validateIndexPattern } from './catalogue.js';
import type { PubColumnTable, Section } from './publishing.tables.js';

/** An agency's catalogue configuration: its columns, index-number pattern and review levels. */

export interface PublishingSettings {
  indexPattern: string;
  reviewLevels: string[];
}

const REVIEW_ROLES = ['office_head', 'deputy_leader', 'principal'];

/** Creates the default catalogue and settings of an agency when it has none yet (idempotent). */
export async function ensureCatalogue(tx: DbOrTx, agencyId: string): Promise<void> {
  const has = await tx.selectFrom('pub_settings').select('agency_id').where('agency_id', '=', agencyId).executeTakeFirst();
  if (has) return;
  const now = nowIso();
  await tx
    .insertInto('pub_settings')
    .values({ agency_id: agencyId, index_pattern: DEFAULT_INDEX_PATTERN, review_levels: JSON.stringify(DEFAULT_REVIEW_LEVELS), updated_at: now })
    .execute();
  const existing = new Set((await tx.selectFrom('pub_columns').select('code').where('agency_id', '=', agencyId).execute()).map((r) => r.code));
  const rows = DEFAULT_COLUMNS.filter((c) => !existing.has(c.code)).map((c, i) => ({
    id: newId(),
    agency_id: agencyId,
    code: c.code,
    name: c.name,
    section: c.section,
    art20: c.art20,
    description: c.description,
    sort_order: (i + 1) * 10,
    hidden: 0,
    created_at: now,
    updated_at: now,
  }));
  if (rows.length) await tx.insertInto('pub_columns').values(rows).execute();
}

export async function settingsOf(db: DbOrTx, agencyId: string): Promise<PublishingSettings> {
  const row = await db.selectFrom('pub_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  return row
    ? { indexPattern: row.index_pattern, reviewLevels: JSON.parse(row.review_levels) }
    : { indexPattern: DEFAULT_INDEX_PATTERN, reviewLevels: [...DEFAULT_REVIEW_LEVELS] };
}

/** The columns of an agency (public: visible ones only), in display order. Falls back to the defaults. */
export async function columnsOf(
  db: DbOrTx,
  agencyId: string,
  opts: { includeHidden?: boolean } = {},
): Promise<Pick<PubColumnTable, 'code' | 'name' | 'section' | 'art20' | 'description' | 'hidden' | 'sort_order'>[]> {
  let q = db.selectFrom('pub_columns').select(['code', 'name', 'section', 'art20', 'description', 'hidden', 'sort_order']).where('agency_id', '=', agencyId);
  if (!opts.includeHidden) q = q.where('hidden', '=', 0);
  const rows = await q.orderBy('sort_order').orderBy('code').execute();
  if (rows.length) return rows;
  return DEFAULT_COLUMNS.map((c, i) => ({ ...c, hidden: 0, sort_order: (i + 1) * 10 }));
}

async function agencyFor(db: DbOrTx, p: Principal, agencyId: string) {
  const agency = await getAgency(db, agencyId);
  if (!agency || !canSeeAgency(p, agency)) throw notFound('未找到该机关。');
  return agency;
}

export interface SettingsInput {
  agencyId?: string;
  indexPattern?: string;
  reviewLevels?: string[];
}

/** Changes the index pattern or review levels (office head). */
export async function updateSettings(db: Db, p: Principal, input: SettingsInput): Promise<PublishingSettings> {
  assertCan(p, 'publishing.review');
  if (p.role !== 'office_head' && p.role !== 'principal') throw badRequest('只有办公室主任或主要负责人可以修改公开设置。');
  const agencyId = input.agencyId ?? p.agencyId;
  if (input.indexPattern !== undefined) {
    const err = validateIndexPattern(input.indexPattern);
    if (err) throw badRequest(err);
  }
  if (input.reviewLevels !== undefined) {
    if (
      !input.reviewLevels.length ||
      input.reviewLevels.length > 3 ||
      input.reviewLevels.some((r) => !REVIEW_ROLES.includes(r)) ||
      new Set(input.reviewLevels).size !== input.reviewLevels.length
    ) {
      throw badRequest('审核层级须为 1 至 3 级，从办公室主任、分管领导、主要负责人中选择，且不能重复。');
    }
  }
  return db.transaction().execute(async (tx) => {
    await agencyFor(tx, p, agencyId);
    await ensureCatalogue(tx, agencyId);
    const before = await settingsOf(tx, agencyId);
    const after = { indexPattern: input.indexPattern ?? before.indexPattern, reviewLevels: input.reviewLevels ?? before.reviewLevels };
    await tx
      .updateTable('pub_settings')
      .set({ index_pattern: after.indexPattern, review_levels: JSON.stringify(after.reviewLevels), updated_at: nowIso() })
      .where('agency_id', '=', agencyId)
      .execute();
    await recordAudit(tx, actorOf(p), { action: 'publishing.settings_changed', entityType: 'pub_settings', entityId: agencyId, agencyId, before, after });
    return after;
  });
}

export interface ColumnInput {
  agencyId?: string;
  code: string;
  name: string;
  section: Section;
  art20?: string | null;
  description?: string;
  sortOrder?: number;
  hidden?: boolean;
}

/** Adds or changes a column of the catalogue. */
export async function saveColumn(db: Db, p: Principal, input: ColumnInput) {
  assertCan(p, 'publishing.draft');
  if (!/^[a-z0-9]{1,20}$/.test(input.code)) throw badRequest('栏目代码须为 1 至 20 位小写字母或数字（用于索引号）。');
  if (!input.name?.trim() || input.name.length > 40) throw badRequest('请填写栏目名称（不超过 40 个字）。');
  if (!['rules', 'statutory'].includes(input.section)) throw badRequest('栏目只能设在“政府信息公开制度”或“法定主动公开内容”之下。');
  const agencyId = input.agencyId ?? p.agencyId;
  return db.transaction().execute(async (tx) => {
    await agencyFor(tx, p, agencyId);
    await ensureCatalogue(tx, agencyId);
    const before = await tx.selectFrom('pub_columns').selectAll().where('agency_id', '=', agencyId).where('code', '=', input.code).executeTakeFirst();
    const now = nowIso();
    const values = {
      name: input.name.trim(),
      section: input.section,
      art20: input.art20 ?? null,
      description: input.description ?? '',
      sort_order: input.sortOrder ?? before?.sort_order ?? 1000,
      hidden: input.hidden ? 1 : 0,
      updated_at: now,
    };
    if (before) await tx.updateTable('pub_columns').set(values).where('id', '=', before.id).execute();
    else
      await tx
        .insertInto('pub_columns')
        .values({ id: newId(), agency_id: agencyId, code: input.code, created_at: now, ...values })
        .execute();
    const after = await tx.selectFrom('pub_columns').selectAll().where('agency_id', '=', agencyId).where('code', '=', input.code).executeTakeFirstOrThrow();
    await recordAudit(tx, actorOf(p), {
      action: before ? 'publishing.column_changed' : 'publishing.column_added',
      entityType: 'pub_column',
      entityId: after.id,
      agencyId,
      before,
      after,
    });
    return after;
  });
}
