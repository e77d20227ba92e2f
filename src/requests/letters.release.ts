/**
 * Sign-off and release (条例第三十三条: 公开工作机构负责人): the head of the disclosure office numbers the letter
 * (文号 per agency per year, e.g. 枣信访依申复〔2026〕3号), the .docx is rendered and archived with its SHA-256,
 * and the release enters the case's ledger.
 */
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx, Tx } from '../platform/db/index.js';
import { renderDocx, sha256Hex } from '../platform/documents/index.js';
import { conflict } from '../platform/errors.js';
import { nowIso, todayInChina } from '../platform/time.js';
import type { Calendar } from '../rules/calendar/index.js';
import { loadCalendar } from './calendar.service.js';
import { STALE } from './cases.core.js';
import { extendCase } from './cases.deadlines.js';
import * as store from './cases.store.js';
import { contextFor } from './letters.context.js';
import { composeOrReject, updateDraftLetter, visibleLetter, type Fields } from './letters.core.js';
import type { LetterKind } from './letters/index.js';
import { notifyApplicant } from './notifications.js';
import { projectCase, toLedger, type CaseEventData } from './projection.js';
import type { CaseLetterTable } from './requests.tables.js';

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
  const doc = composeOrReject(letter.kind as LetterKind, lctx);
  const bytes = await renderDocx(doc);
  const sha256 = sha256Hex(bytes);
  const now = nowIso();
  await updateDraftLetter(tx, letterId, letter.version, {
    status: 'released',
    doc_number: docNumber,
    sha256,
    docx: bytes.toString('base64'),
    released_at: now,
    signed_by: p.displayName,
    content: JSON.stringify({ fields: saved.fields, context: lctx }),
    version: letter.version + 1,
    updated_at: now,
  });
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
