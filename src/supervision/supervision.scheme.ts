import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import { badRequest, conflict } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { DEFAULT_SCHEME, schemeProblems, type AssessmentScheme } from '../rules/assessment/index.js';
import type { SchemeView } from './supervision.api.js';
import { assertSupervisor } from './supervision.core.js';
import * as store from './supervision.store.js';

/** The office's assessment scheme (评分细则): read (the default until one is saved) and save with a version check. */

export async function getScheme(db: DbOrTx, p: Principal): Promise<SchemeView> {
  assertSupervisor(p);
  const row = await store.schemeOf(db, p.agencyId);
  return row
    ? { scheme: JSON.parse(row.scheme) as AssessmentScheme, version: row.version, isDefault: false }
    : { scheme: DEFAULT_SCHEME, version: null, isDefault: true };
}

export async function saveScheme(db: DbOrTx, p: Principal, input: { scheme: AssessmentScheme; version: number | null }) {
  assertSupervisor(p);
  const problems = schemeProblems(input.scheme);
  if (problems.length) throw badRequest(`考核方案有误：${problems.join('')}`, { problems });
  return db.transaction().execute(async (tx) => {
    const before = await store.schemeOf(tx, p.agencyId);
    if ((before?.version ?? null) !== input.version) throw conflict('考核方案已被他人修改，请刷新后再保存。');
    const ok = await store.saveScheme(tx, p.agencyId, JSON.stringify(input.scheme), p.displayName, nowIso(), input.version);
    if (!ok) throw conflict('考核方案已被他人修改，请刷新后再保存。');
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.scheme_saved',
      entityType: 'supervision_scheme',
      entityId: p.agencyId,
      agencyId: p.agencyId,
      before: before ? JSON.parse(before.scheme) : null,
      after: input.scheme,
    });
    return getScheme(tx, p);
  });
}
