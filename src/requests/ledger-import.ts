import { createHash } from 'node:crypto';
import { recordAudit, type Actor } from '../platform/audit/audit.js';
import type { AppContext } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { formatDate, parseDate } from '../rules/calendar/index.js';
import { maskName, residentIdProblem } from '../rules/identity.js';
import { OUTCOMES, type OutcomeKey } from '../rules/outcomes.js';
import { APPLICANT_TYPE_LABELS, identityKeyOf, type ApplicantData, type ApplicantType } from './application.js';
import { loadCalendar } from './calendar.service.js';
import { CHANNEL_LABELS } from './cases.labels.js';
import * as store from './cases.store.js';
import { projectCase, type CaseEventData } from './projection.js';
import type { CaseTable, Channel } from './requests.tables.js';

/**
 * Import of past records (历史台账导入): an office's closed cases from before Gongkai, one row each, validated
 * row by row (dates, outcome labels as printed in the annual report, applicant type, ID numbers). All or
 * nothing: one bad row and nothing is written. A re-import of the same file adds nothing (each row is keyed by
 * the agency and its 受理编号). Imported cases carry an 导入 note in their timeline and feed the annual report
 * like any other closed case.
 */

export const IMPORT_COLUMNS = ['受理编号', '收到日期', '渠道', '申请人类型', '申请人姓名或名称', '证件号码', '申请内容', '办结日期', '办理结果'] as const;

export interface ImportRow {
  line: number;
  ref: string;
  receivedDate: string;
  channel: Channel;
  applicantType: ApplicantType;
  name: string;
  idNumber: string;
  description: string;
  closedDate: string;
  outcome: OutcomeKey;
}

export interface ImportResult {
  rows: number;
  errors: { line: number; message: string }[];
  imported: number;
  skipped: number;
}

const byLabel = <T extends string>(labels: Record<T, string>) => new Map(Object.entries(labels).map(([k, v]) => [String(v), k as T]));
const CHANNELS = byLabel(CHANNEL_LABELS);
const TYPES = byLabel(APPLICANT_TYPE_LABELS);
/** An outcome as the report prints it: its official label, its short label or 「（三）1」-style number. */
const OUTCOME_BY_TEXT = new Map<string, OutcomeKey>(
  OUTCOMES.flatMap(
    (o) =>
      [
        [o.label, o.key],
        [o.short, o.key],
        [o.number, o.key],
      ] as [string, OutcomeKey][],
  ),
);

const cell = (v: unknown): string => {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text ?? '').trim();
  return v === null || v === undefined ? '' : String(v).trim();
};

function date(v: string, label: string, errs: string[]): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    errs.push(`${label}「${v}」应为 YYYY-MM-DD 格式的日期`);
    return '';
  }
  try {
    return formatDate(parseDate(v, label));
  } catch {
    errs.push(`${label}「${v}」不是有效日期`);
    return '';
  }
}

/** Reads and validates the workbook's first sheet; errors are Chinese, one per bad row. */
export async function readImportFile(bytes: Buffer, today: string): Promise<{ rows: ImportRow[]; errors: { line: number; message: string }[] }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: [{ line: 0, message: '无法读取该文件：请上传由导入模板填写的 .xlsx 文件。' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], errors: [{ line: 0, message: '文件中没有工作表。' }] };
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(cell);
  const missing = IMPORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], errors: [{ line: 1, message: `缺少列：${missing.join('、')}（请使用导入模板）` }] };
  const col = (name: string) => header.indexOf(name) + 1;
  const rows: ImportRow[] = [];
  const errors: { line: number; message: string }[] = [];
  const refs = new Map<string, number>();
  for (let line = 2; line <= ws.rowCount; line++) {
    const r = ws.getRow(line);
    const get = (name: string) => cell(r.getCell(col(name)).value);
    if (IMPORT_COLUMNS.every((c) => !get(c))) continue;
    const errs: string[] = [];
    const ref = get('受理编号');
    if (!ref) errs.push('受理编号不能为空');
    else if (refs.has(ref)) errs.push(`受理编号「${ref}」与第 ${refs.get(ref)} 行重复`);
    else refs.set(ref, line);
    const receivedDate = date(get('收到日期'), '收到日期', errs);
    const closedDate = date(get('办结日期'), '办结日期', errs);
    if (receivedDate && closedDate && closedDate < receivedDate) errs.push('办结日期不能早于收到日期');
    if (closedDate && closedDate > today) errs.push('办结日期不能晚于今天');
    const channel = CHANNELS.get(get('渠道'));
    if (!channel) errs.push(`渠道「${get('渠道')}」应为：${Object.values(CHANNEL_LABELS).join('、')}`);
    const applicantType = TYPES.get(get('申请人类型'));
    if (!applicantType) errs.push(`申请人类型「${get('申请人类型')}」应为：${Object.values(APPLICANT_TYPE_LABELS).join('、')}`);
    const name = get('申请人姓名或名称');
    if (!name) errs.push('申请人姓名或名称不能为空');
    const idNumber = get('证件号码').toUpperCase();
    if (applicantType === 'natural_person' && idNumber) {
      const problem = residentIdProblem(idNumber, today);
      if (problem) errs.push(`证件号码：${problem}`);
    }
    const description = get('申请内容');
    if (!description) errs.push('申请内容不能为空');
    const outcome = OUTCOME_BY_TEXT.get(get('办理结果'));
    if (!outcome) errs.push(`办理结果「${get('办理结果')}」不是年度报告表三中的一项（请填写表中的名称，如「予以公开」）`);
    if (errs.length) errors.push({ line, message: errs.join('；') });
    else rows.push({ line, ref, receivedDate, channel: channel!, applicantType: applicantType!, name, idNumber, description, closedDate, outcome: outcome! });
  }
  if (!rows.length && !errors.length) errors.push({ line: 0, message: '文件中没有数据行。' });
  return { rows, errors };
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** A stable tracking code per agency and 受理编号 (re-imports find the same case). */
function codeFor(agencyId: string, ref: string, year: string): string {
  const h = createHash('sha256').update(`import:${agencyId}:${ref}`).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[h[i]! % CODE_ALPHABET.length];
  return `${year}-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Validates, then (unless `dryRun`) writes every new row in one transaction. */
export async function importLedger(
  ctx: AppContext,
  agencyId: string,
  actor: Actor,
  bytes: Buffer,
  opts: { dryRun?: boolean; today: string },
): Promise<ImportResult> {
  const { rows, errors } = await readImportFile(bytes, opts.today);
  if (errors.length) return { rows: rows.length + errors.length, errors, imported: 0, skipped: 0 };
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    let imported = 0;
    let skipped = 0;
    for (const r of rows) {
      const token = `import:${agencyId}:${r.ref}`;
      if (await store.findCaseByFormToken(tx, token)) {
        skipped++;
        continue;
      }
      if (opts.dryRun) {
        imported++;
        continue;
      }
      const a: ApplicantData =
        r.applicantType === 'natural_person'
          ? ({
              kind: 'person',
              name: r.name,
              idType: 'resident_id',
              idNumber: r.idNumber,
              phone: '',
              email: '',
              address: '',
              postcode: '',
            } as unknown as ApplicantData)
          : ({
              kind: 'organization',
              name: r.name,
              orgType: r.applicantType,
              creditCode: '',
              legalRepresentative: '',
              contactName: '',
              phone: '',
              email: '',
              address: '',
              postcode: '',
            } as unknown as ApplicantData);
      const id = newId();
      const now = nowIso();
      const events: CaseEventData[] = [
        { type: 'submitted', channel: r.channel, date: r.receivedDate },
        { type: 'received', date: r.receivedDate, how: r.channel === 'in_person' ? 'handed_in' : r.channel === 'post_signed' ? 'signed_for' : 'confirmed' },
        { type: 'accepted' },
        { type: 'note', text: `（导入的历史记录：受理编号 ${r.ref}，文件第 ${r.line} 行）` },
        { type: 'closed', date: r.closedDate, outcome: r.outcome, reason: '历史记录导入' },
      ] as CaseEventData[];
      const proj = projectCase(
        events.map((data, i) => ({ seq: i + 1, at: now, actor: actor.name, data })),
        calendar,
      );
      const row: CaseTable = {
        id,
        agency_id: agencyId,
        tracking_code: codeFor(agencyId, r.ref, r.receivedDate.slice(0, 4)),
        secret_hash: createHash('sha256').update(`gk-import:${newId()}`).digest('hex'),
        channel: r.channel,
        applicant_type: r.applicantType,
        ...store.projectionColumns(proj),
        assignee_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
        submitted_at: now,
        applicant_enc: ctx.cipher.encrypt(JSON.stringify(a)),
        applicant_masked: r.applicantType === 'natural_person' ? maskName(r.name) : r.name,
        applicant_key: ctx.cipher.blindIndex(identityKeyOf(a)),
        applicant_name_key: ctx.cipher.blindIndex(r.name),
        description: r.description,
        doc_number_requested: null,
        form: 'electronic',
        delivery: 'email',
        form_token: token,
        transferred_from_id: null,
        flags: '[]',
      };
      await store.insertCase(tx, row);
      await store.appendEvents(tx, row, 0, actor, events, now);
      imported++;
    }
    if (!opts.dryRun && imported)
      await recordAudit(tx, actor, { action: 'case.imported', entityType: 'agency', entityId: agencyId, agencyId, detail: { imported, skipped } });
    return { rows: rows.length, errors: [], imported, skipped };
  });
}

/** The import template: the header row and one example row. */
export async function importTemplate(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入模板');
  ws.addRow([...IMPORT_COLUMNS]);
  ws.addRow(['2025-001', '2025-03-02', '网络', '自然人', '张三', '11010519491231002X', '请公开2024年度部门预算', '2025-03-20', '予以公开']);
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
