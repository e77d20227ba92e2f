import { reconsiderationBodyFor } from '../platform/org/agencies.service.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, masksApplicantOf, type Principal } from '../platform/auth/permissions.js';
import { maskName } from '../rules/identity.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx, Tx } from '../platform/db/index.js';
import { DOCX_MEDIA_TYPE, renderDocx, sha256Hex, type OfficialDoc } from '../platform/documents/index.js';
import { AppError, badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso, todayInChina } from '../platform/time.js';
import { isOutcomeKey, type OutcomeKey } from '../rules/outcomes.js';
import type { ApplicantData } from './application.js';
import { STALE } from './cases.core.js';
import { extendCase } from './cases.deadlines.js';
import { authenticateLookup } from './cases.lookup.js';
import * as store from './cases.store.js';
import { loadCalendar } from './calendar.service.js';
import type { Calendar } from '../rules/calendar/index.js';
import {
  draftLetter,
  isLetterKind,
  letterKind,
  LetterValidationError,
  outcomeOfKind,
  replyKind,
  type LetterContext,
  type LetterKind,
} from './letters/index.js';
import { notifyApplicant } from './notifications.js';
import { notifyLetterReturned, notifyLetterToSign } from './staff-notices.js';
import { projectCase, toLedger, type CaseEventData } from './projection.js';
import type { CaseLetterTable } from './requests.schema.js';

/**
 * Letters of a case: a clerk drafts (composed from the case's facts plus the fields the clerk adds), the
 * head of the disclosure office signs off (条例第三十三条: 公开工作机构负责人), and release numbers the letter
 * (文号 per agency per year, e.g. 枣信访依申复〔2026〕3号), renders the GB/T 9704 .docx, archives it with its
 * SHA-256 and makes it downloadable for the applicant on the lookup page.
 */

/** 机关代字: 枣庄市信访局 → 枣信访, 枣庄市人民政府 → 枣政. */
export function agencyAbbreviation(name: string): string {
  const m = /^(.)(?:[^市县区]*?[市县区])(.*)$/.exec(name);
  if (!m) return name.slice(0, 2);
  let rest = m[2].replace(/(人民政府)$/, '政').replace(/(委员会|管理局|局|办公室|委|厅|中心)$/, '');
  if (!rest) rest = '政';
  return m[1] + rest.slice(0, 4);
}

export function letterNumberPrefix(kind: LetterKind): string {
  return kind.startsWith('reply:') ? '依申复' : '依申告';
}

const CHANNEL_FOR_LETTER = { online: 'online', in_person: 'in_person', post_signed: 'post', post_ordinary: 'post', fax: 'fax' } as const;

type Fields = Record<string, unknown>;

/** Builds the letter context from the case and its ledger; `extra` (staff input) fills or overrides kind fields. */
async function contextFor(
  ctx: AppContext,
  db: DbOrTx,
  row: store.CaseRow,
  kind: LetterKind,
  extra: Fields,
  date: string,
  calendar: Calendar,
): Promise<LetterContext> {
  // `calendar` is loaded by the caller before any transaction: on SQLite a query on ctx.db inside one would wait forever.
  const agency = await db.selectFrom('agencies').selectAll().where('id', '=', row.agency_id).executeTakeFirstOrThrow();
  const applicant = JSON.parse(ctx.cipher.decrypt(row.applicant_enc)) as ApplicantData;
  const events = toLedger(await store.loadEvents(db, row.id));
  const proj = projectCase(events, calendar);
  const find = <T extends CaseEventData['type']>(t: T) =>
    [...events].reverse().find((e) => e.data.type === t)?.data as Extract<CaseEventData, { type: T }> | undefined;
  const c: LetterContext = {
    agency: {
      name: agency.name,
      officeName: agency.office_name,
      address: agency.office_address,
      phone: agency.office_phone,
      fax: agency.office_fax,
      email: agency.office_email,
      postcode: agency.office_postcode,
      website: agency.website,
      reconsiderationBody: (await reconsiderationBodyFor(db, agency)).name,
      reconsiderationOnline: agency.reconsideration_online,
      court: agency.court,
    },
    applicant: { name: applicant.name, isOrganization: applicant.kind === 'organization' },
    case: {
      trackingCode: row.tracking_code,
      receivedDate: proj.receivedDate ?? date,
      description: row.description,
      ...(row.doc_number_requested ? { documentNumberRequested: row.doc_number_requested } : {}),
      channel: CHANNEL_FOR_LETTER[row.channel],
      ordinaryMail: row.channel === 'post_ordinary',
    },
    letter: { date },
  };
  const cr = find('correction_requested');
  const ext = find('extended');
  const fee = find('fee_notified');
  const consult = find('consultation_started');
  switch (kind) {
    case 'receipt':
      c.receipt = { dueDate: proj.dueDate ?? '' };
      break;
    case 'correction_notice':
      c.correction = {
        items: cr
          ? cr.items
              .split(/\n+/)
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
        deadline: cr?.deadline ?? '',
      };
      break;
    case 'extension_notice': {
      // Drafted with the request, before the approval: the due dates as they will be once extended.
      const asked = find('extension_requested');
      const last = events.length ? events[events.length - 1].seq : 0;
      const after = proj.extended
        ? proj
        : projectCase([...events, { seq: last + 1, at: nowIso(), actor: '', data: { type: 'extended', date, approvedBy: '', reason: '' } }], calendar);
      const reason = ext?.reason || asked?.reason;
      c.extension = {
        newDueDate: after.dueDate ?? '',
        ...(after.clock ? { originalDueDate: after.clock.firstDue } : {}),
        workingDays: 20,
        ...(reason ? { reason } : {}),
      };
      break;
    }
    case 'third_party_consultation':
      c.thirdPartyConsultation = {
        thirdParty: { name: consult?.party ?? '', isOrganization: true },
        ...(proj.consultations[0] ? { replyBy: proj.consultations[0].limit } : {}),
      };
      break;
    case 'agency_consultation':
      c.agencyConsultation = { otherAgency: consult?.party ?? '', ...(proj.consultations[0] ? { replyBy: proj.consultations[0].limit } : {}) };
      break;
    case 'fee_notice':
      c.fee = {
        method: (fee?.method as 'per_application' | 'per_page') ?? 'per_application',
        quantity: 1,
        amount: fee?.amount ?? 0,
        paymentMethod: '',
        ...(proj.partyDeadline ? { payBy: proj.partyDeadline } : {}),
      };
      break;
    default: {
      const key = outcomeOfKind(kind);
      if (key) {
        const closed = find('closed');
        // The reply recites the notices the applicant was actually given: the released 补正告知书 (for cases
        // from before notices were drafted with their step, the request's date) and 延期答复告知书.
        const cn = proj.correctionNotice;
        const legacyCorrection = cr && !cr.letterId ? { correctionNoticeDate: cr.date } : {};
        c.reply = {
          ...(closed?.reason ? { reason: closed.reason } : {}),
          ...(cr
            ? { correctionDeadline: cr.deadline, ...(cn ? { correctionNoticeDate: cn.date, correctionNoticeNumber: cn.docNumber } : legacyCorrection) }
            : {}),
          ...(proj.extended && proj.extensionNotice && proj.clock
            ? {
                extensionNoticeDate: proj.extensionNotice.date,
                extensionNoticeNumber: proj.extensionNotice.docNumber,
                extendedDueDate: proj.clock.statutoryDue,
              }
            : {}),
          ...(fee ? { feeNoticeDate: fee.date } : {}),
          ...(find('corrected') ? { correctionReceivedDate: find('corrected')!.date } : {}),
        };
      }
    }
  }
  // Staff-supplied fields: letter meta and the kind's own section.
  const section = Object.keys(extra).filter((k) => k !== 'letter');
  for (const k of section) {
    const cur = (c as unknown as Record<string, unknown>)[k];
    const val = extra[k];
    if (val && typeof val === 'object' && !Array.isArray(val))
      (c as unknown as Record<string, unknown>)[k] = { ...((cur as object) ?? {}), ...(val as object) };
  }
  if (extra.letter && typeof extra.letter === 'object') c.letter = { ...c.letter, ...(extra.letter as object), date };
  return c;
}

const ALLOWED_SECTIONS = new Set([
  'receipt',
  'correction',
  'extension',
  'thirdPartyConsultation',
  'agencyConsultation',
  'thirdPartyDisclosure',
  'fee',
  'reasonsRequest',
  'deferral',
  'reply',
  'letter',
]);

/** Drafts a letter (validated and composed now, so the clerk sees what is missing). */
export async function draftCaseLetter(ctx: AppContext, p: Principal, caseId: string, input: { kind: string; fields?: Fields }) {
  assertCan(p, 'cases.write', '您没有起草告知书的权限。');
  const row = await store.findVisibleCase(ctx.db, p, caseId);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  let kind = input.kind;
  if (kind === 'reply' && row.outcome && isOutcomeKey(row.outcome)) kind = replyKind(row.outcome as OutcomeKey);
  if (!isLetterKind(kind)) throw badRequest('告知书类型不正确。');
  const key = outcomeOfKind(kind);
  if (key && row.outcome !== key) throw conflict('答复书须与该申请的办理结果一致：请先以该结果办结，再起草答复书。');
  const fields = input.fields ?? {};
  for (const k of Object.keys(fields)) if (!ALLOWED_SECTIONS.has(k)) throw badRequest(`不允许的字段：${k}。`);
  const date = todayInChina();
  const lctx = await contextFor(ctx, ctx.db, row, kind, fields, date, await loadCalendar(ctx.db));
  let doc: OfficialDoc;
  try {
    doc = draftLetter(kind, lctx).doc;
  } catch (err) {
    if (err instanceof LetterValidationError) throw new AppError(400, err.message, 'letter_incomplete', { issues: err.issues });
    throw err;
  }
  const id = newId();
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    const r = {
      id,
      case_id: row.id,
      agency_id: row.agency_id,
      kind,
      doc_number: null,
      status: 'draft' as const,
      content: JSON.stringify({ fields, context: lctx }),
      sha256: null,
      docx: null,
      released_at: null,
      signed_by: null,
      drafted_by: p.displayName,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('case_letters').values(r).execute();
    await recordAudit(tx, actorOf(p), {
      action: 'letter.drafted',
      entityType: 'case_letter',
      entityId: id,
      agencyId: row.agency_id,
      after: { ...r, content: undefined },
      detail: { caseId: row.id, kind },
    });
    await notifyLetterToSign(ctx, tx, { id, case_id: row.id, agency_id: row.agency_id, name: letterKind(kind).name, created_at: now }, row.tracking_code);
  });
  return { id, kind, name: letterKind(kind).name, status: 'draft' as const, version: 1, preview: doc };
}

/**
 * Composes and stores a draft letter inside the caller's transaction: a step that comes with its notice
 * (补正, 延期) writes the step and the draft together, or neither. `db` must be that transaction.
 */
export async function insertDraftLetter(
  ctx: AppContext,
  tx: Tx,
  p: Principal,
  row: store.CaseRow,
  kind: LetterKind,
  calendar: Calendar,
  opts: { id?: string; date?: string; fields?: Fields } = {},
): Promise<{ id: string; doc: OfficialDoc }> {
  const fields = opts.fields ?? {};
  const date = opts.date ?? todayInChina();
  const lctx = await contextFor(ctx, tx, row, kind, fields, date, calendar);
  let doc: OfficialDoc;
  try {
    doc = draftLetter(kind, lctx).doc;
  } catch (err) {
    if (err instanceof LetterValidationError) throw new AppError(400, err.message, 'letter_incomplete', { issues: err.issues });
    throw err;
  }
  const id = opts.id ?? newId();
  const now = nowIso();
  const r = {
    id,
    case_id: row.id,
    agency_id: row.agency_id,
    kind,
    doc_number: null,
    status: 'draft' as const,
    content: JSON.stringify({ fields, context: lctx }),
    sha256: null,
    docx: null,
    released_at: null,
    signed_by: null,
    drafted_by: p.displayName,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('case_letters').values(r).execute();
  await recordAudit(tx, actorOf(p), {
    action: 'letter.drafted',
    entityType: 'case_letter',
    entityId: id,
    agencyId: row.agency_id,
    after: { ...r, content: undefined },
    detail: { caseId: row.id, kind },
  });
  return { id, doc };
}

async function nextNumber(tx: DbOrTx, agencyId: string, year: number): Promise<number> {
  const cur = await tx.selectFrom('letter_counters').select('last').where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (cur) {
    await tx
      .updateTable('letter_counters')
      .set({ last: cur.last + 1 })
      .where('agency_id', '=', agencyId)
      .where('year', '=', year)
      .where('last', '=', cur.last)
      .execute();
    const again = await tx.selectFrom('letter_counters').select('last').where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirstOrThrow();
    if (again.last !== cur.last + 1) throw conflict('文号分配冲突，请重试。');
    return again.last;
  }
  await tx.insertInto('letter_counters').values({ agency_id: agencyId, year, last: 1 }).execute();
  return 1;
}

/**
 * Sign-off and release by the head of the disclosure office: numbers the letter, renders the .docx with
 * today's date, archives bytes and hash, records the release in the case's ledger.
 */
export async function releaseLetter(ctx: AppContext, p: Principal, letterId: string, input: { version: number }) {
  assertCan(p, 'cases.read');
  const { letter, row } = await visibleLetter(ctx, p, letterId);
  assertCan(p, 'cases.approve', '告知书须经政府信息公开工作机构负责人审核签发。');
  if (letter.status !== 'draft') throw conflict(letter.status === 'released' ? '该告知书已签发。' : '该告知书已退回经办人修改，请经办人重新起草。');
  if (letter.version !== input.version) throw conflict(STALE);
  // Signing the 延期答复告知书 of a pending request is the approval of the extension (one step, 条例第三十三条第二款).
  if (letter.kind === 'extension_notice' && !projectCase(toLedger(await store.loadEvents(ctx.db, row.id)), await loadCalendar(ctx.db)).extended) {
    const drafted = (JSON.parse(letter.content) as { fields?: { extension?: { reason?: unknown } } }).fields?.extension?.reason;
    await extendCase(ctx, p, row.id, { version: row.version, letterId, ...(typeof drafted === 'string' ? { reason: drafted } : {}) });
    const done = await ctx.db
      .selectFrom('case_letters')
      .select(['id', 'doc_number', 'sha256', 'docx', 'version'])
      .where('id', '=', letterId)
      .executeTakeFirstOrThrow();
    return {
      id: letterId,
      docNumber: done.doc_number!,
      sha256: done.sha256!,
      size: Buffer.from(done.docx ?? '', 'base64').length,
      status: 'released' as const,
      version: done.version,
    };
  }
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction().execute((tx) => releaseLetterInTx(ctx, tx, p, letter, row, calendar));
}

/**
 * The release inside the caller's transaction (the extension approval releases its notice with it): numbers the
 * letter, renders it dated today, archives it and appends `letter_released` to the case's ledger.
 */
export async function releaseLetterInTx(ctx: AppContext, tx: Tx, p: Principal, letter: CaseLetterTable, row: store.CaseRow, calendar: Calendar) {
  const letterId = letter.id;
  const date = todayInChina();
  const year = Number(date.slice(0, 4));
  const agency = await tx.selectFrom('agencies').select(['name']).where('id', '=', letter.agency_id).executeTakeFirstOrThrow();
  const saved = JSON.parse(letter.content) as { fields: Fields };
  const n = await nextNumber(tx, letter.agency_id, year);
  const docNumber = `${agencyAbbreviation(agency.name)}${letterNumberPrefix(letter.kind as LetterKind)}〔${year}〕${n}号`;
  const lctx = await contextFor(ctx, tx, row, letter.kind as LetterKind, saved.fields, date, calendar);
  lctx.letter.docNumber = docNumber;
  let doc: OfficialDoc;
  try {
    doc = draftLetter(letter.kind as LetterKind, lctx).doc;
  } catch (err) {
    if (err instanceof LetterValidationError) throw new AppError(400, err.message, 'letter_incomplete', { issues: err.issues });
    throw err;
  }
  const bytes = await renderDocx(doc);
  const sha256 = sha256Hex(bytes);
  const now = nowIso();
  const res = await tx
    .updateTable('case_letters')
    .set({
      status: 'released',
      doc_number: docNumber,
      sha256,
      docx: bytes.toString('base64'),
      released_at: now,
      signed_by: p.displayName,
      content: JSON.stringify({ fields: saved.fields, context: lctx }),
      version: letter.version + 1,
      updated_at: now,
    })
    .where('id', '=', letterId)
    .where('version', '=', letter.version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict(STALE);
  // The release enters the case's ledger (and bumps its version: the case changed).
  const fresh = (await store.findCaseById(tx, row.id))!;
  const events = toLedger(await store.loadEvents(tx, row.id));
  const lastSeq = events.length ? events[events.length - 1].seq : 0;
  const ev: CaseEventData = { type: 'letter_released', letterId, kind: letter.kind, docNumber, date };
  const proj = projectCase([...events, { seq: lastSeq + 1, at: now, actor: p.displayName, data: ev }], calendar);
  if (!(await store.updateCaseLocked(tx, row.id, fresh.version, store.projectionColumns(proj)))) throw conflict(STALE);
  await store.appendEvents(tx, fresh, lastSeq, actorOf(p), [ev], now);
  await notifyApplicant(ctx, tx, row, [ev], proj.dueDate);
  await recordAudit(tx, actorOf(p), {
    action: 'letter.released',
    entityType: 'case_letter',
    entityId: letterId,
    agencyId: letter.agency_id,
    detail: { caseId: row.id, docNumber, sha256, kind: letter.kind },
  });
  return { id: letterId, docNumber, sha256, size: bytes.length, status: 'released' as const, version: letter.version + 1 };
}

/** The draft as the head will sign it (composed from the saved context, no 文号 yet): the inbox shows it in the page. */
export async function previewLetter(ctx: AppContext, p: Principal, letterId: string) {
  assertCan(p, 'cases.read');
  const { letter: l, row } = await visibleLetter(ctx, p, letterId);
  const saved = JSON.parse(l.content) as { context: LetterContext };
  let doc: OfficialDoc;
  try {
    doc = draftLetter(l.kind as LetterKind, masksApplicantOf(p, row.agency_id) ? maskLetterContext(saved.context) : saved.context).doc;
  } catch (err) {
    if (err instanceof LetterValidationError) throw new AppError(400, err.message, 'letter_incomplete', { issues: err.issues });
    throw err;
  }
  return {
    id: l.id,
    caseId: l.case_id,
    trackingCode: row.tracking_code,
    kind: l.kind,
    name: isLetterKind(l.kind) ? letterKind(l.kind).name : l.kind,
    status: l.status,
    version: l.version,
    draftedBy: l.drafted_by,
    createdAt: l.created_at,
    returnComment: l.return_comment ?? null,
    preview: doc,
  };
}

/** The head returns a draft to its drafter with a comment (the clerk's inbox shows it); the clerk drafts anew. */
export async function returnLetter(ctx: AppContext, p: Principal, letterId: string, input: { version: number; comment: string }) {
  assertCan(p, 'cases.read');
  const { letter: l, row } = await visibleLetter(ctx, p, letterId);
  assertCan(p, 'cases.approve', '告知书须经政府信息公开工作机构负责人审核。');
  if (l.status !== 'draft') throw conflict(l.status === 'released' ? '该告知书已签发。' : '该告知书已退回。');
  if (l.version !== input.version) throw conflict(STALE);
  // A pending extension request keeps its notice: returning it would leave the request without one (and the clerk
  // cannot ask again while it is pending). Until a refusal of the request exists, the head edits or signs it.
  if (l.kind === 'extension_notice') throw conflict('延期答复告知书随延期申请一并审批，不能单独退回；如不同意延期，请与经办人沟通后处理。');
  const comment = String(input.comment ?? '').trim();
  if (comment.length < 2) throw badRequest('退回须写明修改意见。');
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('case_letters')
      .set({
        status: 'returned',
        return_comment: comment.slice(0, 2000),
        returned_by: p.displayName,
        returned_at: now,
        version: l.version + 1,
        updated_at: now,
      })
      .where('id', '=', letterId)
      .where('version', '=', input.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict(STALE);
    await recordAudit(tx, actorOf(p), {
      action: 'letter.returned',
      entityType: 'case_letter',
      entityId: letterId,
      agencyId: l.agency_id,
      detail: { caseId: l.case_id, kind: l.kind, comment },
    });
    await notifyLetterReturned(
      ctx,
      tx,
      { id: letterId, case_id: l.case_id, agency_id: l.agency_id, name: isLetterKind(l.kind) ? letterKind(l.kind).name : l.kind, drafted_by: l.drafted_by },
      row.tracking_code,
    );
  });
  return { id: letterId, status: 'returned' as const, version: l.version + 1 };
}

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
    name: isLetterKind(r.kind) ? letterKind(r.kind).name : r.kind,
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

/** A letter and its case, when the case is visible to the principal; otherwise 404 (as if it did not exist). */
async function visibleLetter(ctx: AppContext, p: Principal, letterId: string) {
  const letter = await ctx.db.selectFrom('case_letters').selectAll().where('id', '=', letterId).executeTakeFirst();
  const row = letter ? await store.findVisibleCase(ctx.db, p, letter.case_id) : undefined;
  if (!letter || !row) throw notFound('未找到该告知书，或您无权查看。');
  return { letter, row };
}

function fileOf(l: { docx: string | null; doc_number: string | null; kind: string; sha256: string | null }) {
  if (!l.docx) throw notFound('该告知书尚未签发。');
  const bytes = Buffer.from(l.docx, 'base64');
  if (l.sha256 && sha256Hex(bytes) !== l.sha256) throw new AppError(500, '归档文件与签发时的哈希值不符，请联系系统管理员。', 'integrity');
  const name = `${l.doc_number ?? (isLetterKind(l.kind) ? letterKind(l.kind).name : 'letter')}.docx`;
  return { bytes, filename: name, mediaType: DOCX_MEDIA_TYPE };
}

/** A letter's context with the applicant masked (the case page's rule): name, and the address or e-mail it goes to. */
export function maskLetterContext(c: LetterContext): LetterContext {
  const hidden = '（个人信息已隐去）';
  const out: LetterContext = { ...c, applicant: { ...c.applicant, name: c.applicant.isOrganization ? c.applicant.name : maskName(c.applicant.name) } };
  if (c.reply?.provision?.detail && (c.reply.provision.delivery === 'post' || c.reply.provision.delivery === 'email')) {
    out.reply = { ...c.reply, provision: { ...c.reply.provision, detail: hidden } };
  }
  return out;
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
