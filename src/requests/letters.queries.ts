/** Reading letters: a case's list, and the released .docx for staff and for the applicant. */
import { assertCan, masksApplicantOf, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { DOCX_MEDIA_TYPE, renderDocx, sha256Hex } from '../platform/documents/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { authenticateLookup } from './cases.lookup.js';
import * as store from './cases.store.js';
import { letterName, maskLetterContext, visibleLetter } from './letters.core.js';
import { draftLetter, isLetterKind, letterKind, type LetterContext, type LetterKind } from './letters/index.js';

/** The letters of a case, oldest first (drafts, returned drafts and released letters). */
export async function listCaseLetters(ctx: AppContext, p: Principal, caseId: string) {
  assertCan(p, 'cases.read');
  const row = await store.findVisibleCase(ctx.db, p, caseId);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  const rows = await ctx.db
    .selectFrom('case_letters')
    .select([
      'id',
      'kind',
      'doc_number',
      'status',
      'sha256',
      'released_at',
      'signed_by',
      'drafted_by',
      'version',
      'created_at',
      'return_comment',
      'returned_by',
    ])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: letterName(r.kind),
    docNumber: r.doc_number,
    status: r.status,
    sha256: r.sha256,
    releasedAt: r.released_at,
    signedBy: r.signed_by,
    draftedBy: r.drafted_by,
    version: r.version,
    createdAt: r.created_at,
    returnComment: r.return_comment ?? null,
    returnedBy: r.returned_by ?? null,
  }));
}

/** The archived .docx of a released letter, checked against the hash recorded at its release. */
function fileOf(l: { docx: string | null; doc_number: string | null; kind: string; sha256: string | null }) {
  if (!l.docx) throw notFound('该告知书尚未签发。');
  const bytes = Buffer.from(l.docx, 'base64');
  if (l.sha256 && sha256Hex(bytes) !== l.sha256) throw new AppError(500, '归档文件与签发时的哈希值不符，请联系系统管理员。', 'integrity');
  const name = `${l.doc_number ?? (isLetterKind(l.kind) ? letterKind(l.kind).name : 'letter')}.docx`;
  return { bytes, filename: name, mediaType: DOCX_MEDIA_TYPE };
}

/**
 * The released .docx for staff (drafts have no file yet). The handling agency gets the archived file itself;
 * a supervisor or administrator above it gets the same letter rendered again with the applicant masked, marked
 * as a copy (the archive's hash belongs to the unmasked original).
 */
export async function downloadLetter(ctx: AppContext, p: Principal, letterId: string) {
  assertCan(p, 'cases.read');
  const { letter: l, row } = await visibleLetter(ctx, p, letterId);
  const file = fileOf(l);
  if (!masksApplicantOf(p, row.agency_id)) return file;
  const saved = JSON.parse(l.content) as { context?: LetterContext };
  if (!saved.context) throw notFound('该告知书没有可供查看的副本。');
  const doc = draftLetter(l.kind as LetterKind, maskLetterContext(saved.context)).doc;
  return { ...file, bytes: await renderDocx(doc), filename: file.filename.replace(/\.docx$/, '（个人信息已隐去）.docx') };
}

/** The applicant downloads a released letter of their case (tracking code + secret). */
export async function downloadLetterPublic(ctx: AppContext, code: string, secret: string, letterId: string) {
  const row = await authenticateLookup(ctx, code, secret);
  const l = await ctx.db
    .selectFrom('case_letters')
    .selectAll()
    .where('id', '=', letterId)
    .where('case_id', '=', row.id)
    .where('status', '=', 'released')
    .executeTakeFirst();
  if (!l) throw notFound('未找到该告知书。');
  return fileOf(l);
}
