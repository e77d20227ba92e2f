import { assertCan, canSeeAgency, seesSubtree, type Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import { getAgency, type Agency } from '../platform/org/agencies.service.js';
import { isIsoDate, todayInChina } from '../platform/time.js';
import { emptyFigures } from '../requests/oversight.js';
import type { Period } from './supervision.api.js';

/** Helpers every supervision use case shares: who may supervise, the period, the subtree, small arithmetic. */

export type { Period };

export function assertSupervisor(p: Principal): void {
  assertCan(p, 'supervision.manage');
  if (!seesSubtree(p)) throw forbidden('只有政务公开主管部门可以使用监督考核功能。');
}

export function parsePeriod(from: unknown, to: unknown, today = todayInChina()): Period {
  const year = today.slice(0, 4);
  const f = from === undefined || from === '' ? `${year}-01-01` : from;
  const t = to === undefined || to === '' ? today : to;
  if (!isIsoDate(f) || !isIsoDate(t)) throw badRequest('统计期间的日期格式应为“2026-01-01”。');
  if (f > t) throw badRequest('统计期间的开始日期不能晚于结束日期。');
  if (Number(t.slice(0, 4)) - Number(f.slice(0, 4)) > 10) throw badRequest('统计期间最长为十年。');
  return { from: f, to: t };
}

/** Agencies of the principal's subtree (the office itself included), in tree order. */
export async function subtree(db: DbOrTx, p: Principal): Promise<Agency[]> {
  return db.selectFrom('agencies').selectAll().where('path', 'like', `${p.agencyPath}%`).orderBy('path').execute();
}

/** Elements of the disclosure guide (条例第十二条) an agency has not filled in. */
export function guideGaps(a: Agency): string[] {
  const fields: [keyof Agency, string][] = [
    ['office_name', '公开工作机构名称'],
    ['office_address', '办公地址'],
    ['office_hours', '办公时间'],
    ['office_phone', '联系电话'],
    ['office_postcode', '邮政编码'],
    ['office_email', '电子邮箱'],
    ['reconsideration_body', '行政复议机关'],
    ['court', '行政诉讼管辖法院'],
  ];
  return fields.filter(([k]) => !String(a[k] ?? '').trim()).map(([, label]) => label);
}

export const rate = (num: number, den: number) => (den ? Math.round((num / den) * 1000) / 1000 : null);

/** An agency with no cases in the period. */
export const emptyRequests = emptyFigures;

export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export async function visibleAgencyOrThrow(db: DbOrTx, p: Principal, agencyId: string): Promise<Agency> {
  const a = await getAgency(db, agencyId);
  if (!a || !canSeeAgency(p, a)) throw notFound('未找到该机关，或不在您的监督范围内。');
  return a;
}
