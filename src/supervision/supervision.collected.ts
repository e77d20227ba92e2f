import { createHash } from 'node:crypto';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { checkCollectedReport, publishedData } from '../reports/oversight.js';
import { assertSupervisor, subtree, visibleAgencyOrThrow } from './supervision.core.js';
import * as store from './supervision.store.js';

/** Annual reports collected as files from agencies that use another system, checked at once and again in one batch. */

/** Stores an agency's report file for a year (replacing an earlier one) and checks it with the checker at once. */
export async function collectReport(ctx: AppContext, p: Principal, input: { agencyId: string; year: number; filename: string; bytes: Buffer }) {
  assertSupervisor(p);
  const agency = await visibleAgencyOrThrow(ctx.db, p, input.agencyId);
  if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100) throw badRequest('报告年度不正确。');
  if (!input.bytes.length) throw badRequest('上传的文件是空的。');
  const check = await checkCollectedReport(input.bytes, await previousOf(ctx, agency.id, input.year));
  const now = nowIso();
  const row = {
    id: newId(),
    agency_id: agency.id,
    year: input.year,
    filename: input.filename.slice(0, 200),
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    size: input.bytes.length,
    content: input.bytes.toString('base64'),
    text: check.text,
    findings: JSON.stringify(check.findings),
    read_error: check.readError,
    checked_at: now,
    uploaded_by: p.displayName,
    uploaded_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await store.upsertCollected(tx, row);
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.report_collected',
      entityType: 'supervision_collected',
      entityId: `${agency.id}:${input.year}`,
      agencyId: agency.id,
      after: { filename: row.filename, sha256: row.sha256, size: row.size },
    });
  });
  return { agencyId: agency.id, agencyName: agency.name, year: input.year, filename: row.filename, readError: check.readError, findings: check.findings };
}

async function previousOf(ctx: AppContext, agencyId: string, year: number) {
  return publishedData(ctx.db, agencyId, year - 1);
}

/** Checks every collected report of a year again, in one batch, and lists each agency's findings. */
export async function batchCheck(ctx: AppContext, p: Principal, year: number) {
  assertSupervisor(p);
  const all = await store.collectedFilesOfYear(ctx.db, p, year);
  const agencies = new Map((await subtree(ctx.db, p)).map((a) => [a.id, a]));
  const results = [];
  for (const c of all.filter((x) => x.year === year)) {
    const check = await checkCollectedReport(Buffer.from(c.content, 'base64'), await previousOf(ctx, c.agency_id, year));
    await store.updateCollectedCheck(ctx.db, c.id, {
      text: check.text,
      findings: JSON.stringify(check.findings),
      read_error: check.readError,
      checked_at: nowIso(),
    });
    results.push({
      agencyId: c.agency_id,
      agencyName: agencies.get(c.agency_id)?.name ?? '',
      filename: c.filename,
      readError: check.readError,
      errors: check.findings.filter((f) => f.severity === 'error').length,
      warnings: check.findings.filter((f) => f.severity === 'warning').length,
      findings: check.findings,
    });
  }
  return { year, checked: results.length, results };
}
