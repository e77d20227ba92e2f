import type { Db, Tx } from '../platform/db/index.js';
import { recordAudit, type Actor } from '../platform/audit/audit.js';
import { assertCan, type Principal } from '../platform/auth/permissions.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { DATE_RANGE_MESSAGE, isIsoDate, nowIso } from '../platform/time.js';
import { getAgency } from '../platform/org/agencies.service.js';
import { checkAttachment, extractTextInWorker, sha256Hex } from './attachments.js';
import { columnsOf, ensureCatalogue } from './catalogue.service.js';
import { ATTRIBUTE_LABELS, KIND_LABELS, VALIDITY_LABELS, publishInTx } from './items.service.js';
import type { ItemKind, PubItemTable, Validity } from './publishing.tables.js';
import { contentHash } from './review.js';
import { plainText, sanitizeBody } from './sanitize.js';

/**
 * Import of already published documents (已公开信息导入) into the catalogue: one row per document, from the
 * template's workbook. Every row is validated first (date, column, 文号, link, attachment file and its content);
 * one bad row and nothing is written; the rows are written in one transaction. Each document is keyed by its
 * agency and 文号 (normalised brackets) or, without a 文号, by its title and 发布日期: a row whose key is already
 * in the agency's catalogue (imported or not) is skipped, so a re-import adds nothing.
 *
 * Imported documents were published in the past, under the office's own review at the time: they are released
 * at once (at their 发布日期), not sent through the review chain again, and their history starts with an
 * `imported` entry naming the file's line. Released like any other item, they appear in the column, search and —
 * rules and normative documents — the Art. 20 register, dated by their 发布日期, so the annual report's
 * 主动公开 table counts them for that year.
 */

export const DOC_IMPORT_COLUMNS = ['标题', '发布日期', '文号', '栏目', '链接', '附件文件名', '索引号', '公开属性', '有效性', '信息类别'] as const;
const REQUIRED = ['标题', '发布日期', '栏目'] as const;

export interface DocImportRow {
  line: number;
  key: string;
  title: string;
  date: string;
  docNumber: string | null;
  columnCode: string;
  link: string | null;
  files: { name: string; data: Buffer; mime: string; text: string }[];
  indexNo: string | null;
  validity: Validity;
  kind: ItemKind;
}

export interface DocImportResult {
  rows: number;
  errors: { line: number; message: string }[];
  imported: number;
  skipped: number;
}

/** Finds an attachment file by its name (the CLI's `--files DIR`); null when there is none. */
export type FileSource = (name: string) => Buffer | null;

const cell = (v: unknown): string => {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object') {
    if ('text' in v) return String((v as { text: unknown }).text ?? '').trim(); // hyperlink cells
    if ('richText' in v)
      return ((v as { richText: { text: string }[] }).richText ?? [])
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return String((v as { result: unknown }).result ?? '').trim();
  }
  return v === null || v === undefined ? '' : String(v).trim();
};

const OPEN = '[〔\\[［(（【]';
const CLOSE = '[〕\\]］)）】]';
/** 文号: an issuer's abbreviation, the year in brackets, a serial number and 号, e.g. 枣信访发〔2024〕3号. */
const DOC_NUMBER = new RegExp(`^[\\u4e00-\\u9fa5A-Za-z0-9]{1,30}${OPEN}(\\d{4})${CLOSE}(第)?\\d{1,6}号$`);
/** The 文号 written with 〔〕, the form the documents use (and the import's key). */
export const normaliseDocNumber = (s: string) => s.replace(/\s+/g, '').replace(new RegExp(OPEN, 'g'), '〔').replace(new RegExp(CLOSE, 'g'), '〕');

const keyOf = (docNumber: string | null, title: string, date: string) => (docNumber ? `文号:${docNumber}` : `标题:${title}|${date}`);

const byLabel = <T extends string>(labels: Record<T, string>) => new Map(Object.entries(labels).map(([k, v]) => [String(v), k as T]));
const VALIDITIES = byLabel(VALIDITY_LABELS);
const IMPORT_KINDS: ItemKind[] = ['general', 'normative', 'rule'];
const KINDS = new Map(IMPORT_KINDS.map((k) => [KIND_LABELS[k], k]));

async function loadSheet(bytes: Buffer) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  return wb.worksheets[0] ?? null;
}

/** Reads and validates the workbook against the agency's catalogue; errors are Chinese, one line per bad row. */
export async function readDocumentImport(
  db: Db | Tx,
  agencyId: string,
  bytes: Buffer,
  opts: { today: string; files?: FileSource },
): Promise<{ rows: DocImportRow[]; errors: { line: number; message: string }[] }> {
  const ws = await loadSheet(bytes);
  if (!ws) return { rows: [], errors: [{ line: 0, message: '无法读取该文件：请上传由导入模板填写的 .xlsx 文件。' }] };
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(cell);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], errors: [{ line: 1, message: `缺少列：${missing.join('、')}（请使用导入模板）` }] };
  if (!header.includes('链接') && !header.includes('附件文件名'))
    return { rows: [], errors: [{ line: 1, message: '缺少列：链接或附件文件名（请使用导入模板）' }] };
  const columns = await columnsOf(db, agencyId, { includeHidden: true });
  const byCode = new Map(columns.map((c) => [c.code, c.code]));
  const byName = new Map(columns.map((c) => [c.name, c.code]));
  const usedIndex = new Set(
    (await db.selectFrom('pub_items').select('index_no').where('agency_id', '=', agencyId).where('index_no', 'is not', null).execute()).map((r) => r.index_no!),
  );
  const rows: DocImportRow[] = [];
  const errors: { line: number; message: string }[] = [];
  const keys = new Map<string, number>();
  const indexes = new Map<string, number>();
  for (let line = 2; line <= ws.rowCount; line++) {
    const r = ws.getRow(line);
    const get = (name: string) => (header.includes(name) ? cell(r.getCell(header.indexOf(name) + 1).value) : '');
    if (DOC_IMPORT_COLUMNS.every((c) => !get(c))) continue;
    const errs: string[] = [];
    const title = get('标题').replace(/\s+/g, ' ');
    if (!title) errs.push('标题不能为空');
    else if (title.length > 200) errs.push('标题不能超过 200 个字');
    const date = get('发布日期');
    if (!isIsoDate(date)) errs.push(`发布日期「${date}」：${DATE_RANGE_MESSAGE}`);
    else if (date > opts.today) errs.push(`发布日期「${date}」晚于今天：只能导入已经公开的信息`);
    const rawNo = get('文号');
    let docNumber: string | null = null;
    if (rawNo) {
      const m = DOC_NUMBER.exec(rawNo.replace(/\s+/g, ''));
      if (!m) errs.push(`文号「${rawNo}」格式不正确（应如「枣信访发〔2024〕3号」）`);
      else {
        docNumber = normaliseDocNumber(rawNo);
        if (isIsoDate(date) && Number(m[1]) > Number(date.slice(0, 4))) errs.push(`文号「${rawNo}」的年份晚于发布日期`);
      }
    }
    const colText = get('栏目');
    const columnCode = byCode.get(colText) ?? byName.get(colText);
    if (!colText) errs.push('栏目不能为空');
    else if (!columnCode) errs.push(`栏目「${colText}」不是本机关目录中的栏目（填写栏目名称或代码，如「政策文件」或「zcwj」）`);
    const kindText = get('信息类别');
    const kind = kindText ? KINDS.get(kindText) : 'general';
    if (!kind) errs.push(`信息类别「${kindText}」应为：${IMPORT_KINDS.map((k) => KIND_LABELS[k]).join('、')}`);
    if ((kind === 'normative' || kind === 'rule') && !docNumber && !rawNo) errs.push('规章和行政规范性文件须填写文号');
    const attrText = get('公开属性');
    if (attrText && attrText !== ATTRIBUTE_LABELS.proactive)
      errs.push(`公开属性「${attrText}」：只能导入主动公开的信息（依申请公开、不予公开的信息不在公开目录中发布）`);
    const validityText = get('有效性');
    const validity = validityText ? VALIDITIES.get(validityText) : 'valid';
    if (!validity) errs.push(`有效性「${validityText}」应为：${Object.values(VALIDITY_LABELS).join('、')}`);
    const link = get('链接') || null;
    if (link) {
      let ok = false;
      try {
        const u = new URL(link);
        ok = (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname && !u.username && !u.password;
      } catch {
        ok = false;
      }
      if (!ok) errs.push(`链接「${link.slice(0, 80)}」不是以 http:// 或 https:// 开头的网址`);
    }
    const files: DocImportRow['files'] = [];
    const names = get('附件文件名')
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!link && !names.length) errs.push('链接和附件文件名须至少填写一项');
    if (names.length > 20) errs.push('每条信息最多 20 个附件');
    for (const name of names.slice(0, 20)) {
      if (!opts.files) {
        errs.push(`附件「${name}」：在线导入不含附件文件，请用命令行 gongkai publishing import --files 目录 导入附件`);
        break;
      }
      const data = /[\\/\0]/.test(name) || name === '.' || name === '..' ? null : opts.files(name);
      if (!data) {
        errs.push(`附件「${name}」在附件目录中不存在`);
        continue;
      }
      try {
        const type = await checkAttachment(name, data);
        files.push({ name, data, mime: type.mime, text: await extractTextInWorker(type.ext, data, name) });
      } catch (err) {
        errs.push(err instanceof AppError ? err.message.replace(/[。]$/, '') : `附件「${name}」无法读取`);
      }
    }
    const indexNo = get('索引号') || null;
    if (indexNo) {
      if (indexNo.length > 80 || /[\s<>]/.test(indexNo)) errs.push(`索引号「${indexNo.slice(0, 80)}」格式不正确`);
      else if (indexes.has(indexNo)) errs.push(`索引号「${indexNo}」与第 ${indexes.get(indexNo)} 行重复`);
      else indexes.set(indexNo, line);
    }
    const key = keyOf(docNumber, title, date);
    if (!errs.length) {
      if (keys.has(key)) errs.push(`${docNumber ? `文号「${docNumber}」` : '标题和发布日期'}与第 ${keys.get(key)} 行重复`);
      else keys.set(key, line);
    }
    if (errs.length) errors.push({ line, message: errs.join('；') });
    else rows.push({ line, key, title, date, docNumber, columnCode: columnCode!, link, files, indexNo, validity: validity!, kind: kind! });
  }
  if (!rows.length && !errors.length) errors.push({ line: 0, message: '文件中没有数据行。' });
  // An 索引号 already given to another item is an error unless the row is a re-import of that item.
  if (!errors.length && indexes.size) {
    const existing = await existingKeys(db, agencyId);
    for (const r of rows) {
      if (r.indexNo && usedIndex.has(r.indexNo) && !existing.has(r.key))
        errors.push({ line: r.line, message: `索引号「${r.indexNo}」已被本机关的其他信息使用` });
    }
  }
  return { rows, errors };
}

/** The import keys of the agency's catalogue as it stands (withdrawn items excluded). */
async function existingKeys(db: Db | Tx, agencyId: string): Promise<Set<string>> {
  const items = await db
    .selectFrom('pub_items')
    .select(['title', 'doc_number', 'created_on'])
    .where('agency_id', '=', agencyId)
    .where('status', '!=', 'withdrawn')
    .execute();
  const keys = new Set<string>();
  for (const it of items) {
    if (it.doc_number) keys.add(keyOf(normaliseDocNumber(it.doc_number), it.title, it.created_on));
    keys.add(keyOf(null, it.title.replace(/\s+/g, ' '), it.created_on));
  }
  return keys;
}

/** Beijing midnight of a date, as a stored instant. */
const beijingMidnight = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Validates, then (unless `dryRun`) writes and releases every new row in one transaction. The principal must be
 * allowed both to draft and to review (the office head): the import puts documents on the portal.
 */
export async function importDocuments(
  db: Db,
  p: Principal,
  agencyId: string,
  bytes: Buffer,
  opts: { dryRun?: boolean; today: string; files?: FileSource; actor: Actor },
): Promise<DocImportResult> {
  assertCan(p, 'publishing.draft');
  assertCan(p, 'publishing.review');
  const agency = await getAgency(db, agencyId);
  if (!agency || agency.id !== p.agencyId) throw notFound('未找到该机关。');
  const { rows, errors } = await readDocumentImport(db, agencyId, bytes, opts);
  if (errors.length) return { rows: rows.length + errors.length, errors, imported: 0, skipped: 0 };
  return db.transaction().execute(async (tx) => {
    const existing = await existingKeys(tx, agencyId);
    const fresh = rows.filter((r) => !existing.has(r.key));
    const skipped = rows.length - fresh.length;
    if (opts.dryRun) return { rows: rows.length, errors: [], imported: fresh.length, skipped };
    await ensureCatalogue(tx, agencyId);
    const now = nowIso();
    for (const r of fresh) {
      const body_html = r.link ? sanitizeBody(`<p>原文链接：<a href="${escapeAttr(r.link)}">${escapeAttr(r.link)}</a></p>`) : '';
      const item: PubItemTable = {
        id: newId(),
        agency_id: agencyId,
        column_code: r.columnCode,
        kind: r.kind,
        index_no: r.indexNo,
        index_year: r.indexNo ? Number(r.date.slice(0, 4)) : null,
        index_seq: null,
        title: r.title,
        summary: '',
        body_html,
        body_text: plainText(body_html),
        doc_number: r.docNumber,
        publisher: agency.name,
        created_on: r.date,
        changed_on: null,
        validity: r.validity,
        attribute: 'proactive',
        withheld_reason: null,
        policy_id: null,
        comment_opens: null,
        comment_closes: null,
        feedback_html: null,
        status: 'approved',
        version: 1,
        content_hash: '',
        release_at: null,
        published_at: null,
        withdrawn_at: null,
        withdraw_reason: null,
        created_by: opts.actor.id,
        created_at: now,
        updated_at: now,
      };
      const atts = r.files.map((f) => ({
        id: newId(),
        item_id: item.id,
        agency_id: agencyId,
        filename: f.name,
        mime: f.mime,
        size: f.data.length,
        sha256: sha256Hex(f.data),
        data: f.data,
        text_content: f.text,
        removed: 0,
        created_at: now,
      }));
      item.content_hash = contentHash({ ...item, attachments: atts.map((a) => a.sha256) });
      await tx.insertInto('pub_items').values(item).execute();
      if (atts.length) await tx.insertInto('pub_attachments').values(atts).execute();
      const { body_text: _t, ...snap } = item;
      await tx
        .insertInto('pub_item_versions')
        .values({
          id: newId(),
          item_id: item.id,
          agency_id: agencyId,
          version: 1,
          event: 'imported',
          content_hash: item.content_hash,
          snapshot: JSON.stringify({ ...snap, attachments: atts.map(({ data: _d, text_content: _x, ...a }) => a) }),
          note: `导入的已公开信息（文件第 ${r.line} 行，原发布日期 ${r.date}）`,
          actor_name: opts.actor.name,
          created_at: now,
        })
        .execute();
      await publishInTx(tx, item, opts.actor, beijingMidnight(r.date));
    }
    if (fresh.length)
      await recordAudit(tx, opts.actor, {
        action: 'publishing.items_imported',
        entityType: 'agency',
        entityId: agencyId,
        agencyId,
        detail: { imported: fresh.length, skipped },
      });
    return { rows: rows.length, errors: [], imported: fresh.length, skipped };
  });
}

/** The import template: the header row and two example rows (a link, an attachment). */
export async function documentImportTemplate(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入模板');
  ws.addRow([...DOC_IMPORT_COLUMNS]);
  ws.addRow([
    '枣庄市信访局关于规范信访事项办理程序的规定',
    '2024-03-15',
    '枣信访发〔2024〕3号',
    '政策文件',
    'https://www.example.gov.cn/art/2024/3/15/art_1.html',
    '',
    '',
    '主动公开',
    '有效',
    '行政规范性文件',
  ]);
  ws.addRow(['2023年度部门决算', '2024-07-20', '', '财政预决算', '', '2023年度部门决算.pdf', '', '主动公开', '有效', '一般信息']);
  const notes = wb.addWorksheet('填写说明');
  for (const line of [
    ['标题、发布日期（YYYY-MM-DD，不晚于今天）、栏目（本机关目录的栏目名称或代码）必填。'],
    ['链接（http:// 或 https://）和附件文件名至少填写一项；多个附件用分号分隔，附件文件放在导入时指定的目录中（命令行 --files）。'],
    ['文号如「枣信访发〔2024〕3号」；规章和行政规范性文件须填写文号，并计入年度报告主动公开情况表。'],
    ['索引号可不填（按本机关的索引号规则编制）；公开属性只能为主动公开；有效性为有效、失效或废止；信息类别为一般信息、行政规范性文件或规章，不填为一般信息。'],
    ['同一机关、同一文号（无文号的按标题和发布日期）的信息只导入一次：重复导入同一文件不会重复发布。'],
  ])
    notes.addRow(line);
  ws.columns.forEach((c) => {
    c.width = 22;
  });
  notes.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
