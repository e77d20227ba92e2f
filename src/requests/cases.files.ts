import { createHash } from 'node:crypto';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, masksApplicantOf, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { checkUpload } from './uploads.js';
import * as store from './cases.store.js';

export async function saveFile(ctx: AppContext, tx: DbOrTx, c: { id: string; agency_id: string }, f: { bytes: Buffer; filename: string; kind: string }) {
  const checked = checkUpload(f.bytes, f.filename, f.kind === 'identity_proof' ? '身份证明文件' : '扫描件');
  await store.insertCaseFile(tx, {
    id: newId(),
    case_id: c.id,
    agency_id: c.agency_id,
    kind: f.kind,
    filename: checked.filename,
    media_type: checked.mediaType,
    size: checked.bytes.length,
    sha256: createHash('sha256').update(checked.bytes).digest('hex'),
    content_enc: ctx.cipher.encrypt(checked.bytes.toString('base64')),
    created_at: nowIso(),
  });
}

/** An uploaded file of a visible case (decrypted); identity proofs only for the agency's own staff. */
export async function getCaseFile(ctx: AppContext, p: Principal, caseId: string, fileId: string) {
  assertCan(p, 'cases.read');
  const row = await store.findVisibleCase(ctx.db, p, caseId);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  if (masksApplicantOf(p, row.agency_id)) throw forbidden('申请材料含有申请人的个人信息，只有办理机关的工作人员可以查看。');
  const f = await store.findCaseFile(ctx.db, caseId, fileId);
  if (!f) throw notFound('未找到该文件。');
  return { filename: f.filename, mediaType: f.media_type, bytes: Buffer.from(ctx.cipher.decrypt(f.content_enc), 'base64') };
}

/** Attaches a scan or identity proof to a visible case (staff). */
export async function attachFile(ctx: AppContext, p: Principal, caseId: string, input: { kind: string; bytes: Buffer; filename: string }) {
  assertCan(p, 'cases.read');
  const row = await store.findVisibleCase(ctx.db, p, caseId);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  assertCan(p, 'cases.write', '您没有上传材料的权限。');
  if (!['scan', 'identity_proof', 'correction'].includes(input.kind)) throw badRequest('材料类型应为扫描件、身份证明或补正材料。');
  await ctx.db.transaction().execute(async (tx) => {
    await saveFile(ctx, tx, row, input);
    await recordAudit(tx, actorOf(p), {
      action: 'case.file_attached',
      entityType: 'case',
      entityId: row.id,
      agencyId: row.agency_id,
      detail: { kind: input.kind, size: input.bytes.length },
    });
  });
}
