import { PassThrough, type Writable } from 'node:stream';
import { assertCan, type Principal, masksApplicantOf } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { APPLICANT_TYPE_LABELS, DELIVERIES, FORMS, type ApplicantData } from './application.js';
import { APPEAL_KINDS, APPEAL_RESULTS } from './appeals.service.js';
import { CHANNEL_LABELS, STATE_LABELS } from './cases.labels.js';
import * as store from './cases.store.js';
import { isOutcomeKey, OUTCOME_GROUP_LABELS, outcome } from '../rules/outcomes.js';

/**
 * The ledger (台账) of 依申请公开 as .xlsx: the case list with the list's filters, one row per case, streamed
 * (exceljs' streaming writer, rows read in keyset batches) so memory stays flat for any number of cases.
 * The applicant's name is shown in full to the agency's own staff and masked to anyone overseeing it.
 */

export const LEDGER_COLUMNS = [
  ['受理编号', 18],
  ['收到日期', 12],
  ['渠道', 14],
  ['申请人', 16],
  ['申请人类型', 14],
  ['申请内容', 50],
  ['经办人', 12],
  ['状态', 12],
  ['答复日期', 12],
  ['答复方式', 22],
  ['办理结果（年度报告表三）', 40],
  ['是否延期', 10],
  ['复议/诉讼', 30],
] as const;

export type LedgerFilter = Omit<store.CaseListFilter, 'limit' | 'offset'>;

const BATCH = 1000;

/** The ledger's rows, one array of cells (LEDGER_COLUMNS) per case, read in keyset batches. */
export async function* ledgerRows(ctx: AppContext, p: Principal, f: LedgerFilter): AsyncGenerator<string[]> {
  assertCan(p, 'cases.read');
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const rows = await store.ledgerBatch(ctx.db, p, f, after, BATCH);
    if (!rows.length) break;
    const appeals = await ctx.db
      .selectFrom('appeals')
      .select(['case_id', 'kind', 'result'])
      .where(
        'case_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of rows) {
      // applicant_masked is the masked name of a person, the name of an organisation.
      const applicant = masksApplicantOf(p, r.agency_id) ? r.applicant_masked : (JSON.parse(ctx.cipher.decrypt(r.applicant_enc)) as ApplicantData).name;
      const o = r.outcome && isOutcomeKey(r.outcome) ? outcome(r.outcome) : null;
      const replied =
        r.closed_date && o ? `${FORMS[r.form as keyof typeof FORMS] ?? r.form}，${DELIVERIES[r.delivery as keyof typeof DELIVERIES] ?? r.delivery}` : '';
      const ap = appeals
        .filter((a) => a.case_id === r.id)
        .map((a) => `${APPEAL_KINDS[a.kind]}：${APPEAL_RESULTS[a.result]}`)
        .join('；');
      yield [
        r.tracking_code,
        r.received_date ?? '',
        CHANNEL_LABELS[r.channel],
        applicant,
        APPLICANT_TYPE_LABELS[r.applicant_type as keyof typeof APPLICANT_TYPE_LABELS] ?? r.applicant_type,
        r.description,
        r.assignee_name ?? '未分配',
        STATE_LABELS[r.state],
        r.closed_date ?? '',
        replied,
        o ? `${OUTCOME_GROUP_LABELS[o.group]} ${o.number} ${o.label}` : '',
        Number(r.extended) ? '是' : '否',
        ap,
      ];
    }
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.created_at, id: last.id };
    if (rows.length < BATCH) break;
  }
}

/** Writes the workbook to `out` and resolves with the number of rows written. */
export async function writeLedger(ctx: AppContext, p: Principal, f: LedgerFilter, out: Writable): Promise<number> {
  assertCan(p, 'cases.read');
  const { default: ExcelJS } = await import('exceljs'); // loaded when a ledger is asked for, not at start
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('台账');
  ws.columns = LEDGER_COLUMNS.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const cells of ledgerRows(ctx, p, f)) {
    ws.addRow(cells).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}

/** The ledger as a stream for an HTTP reply (errors end the stream). */
export function ledgerStream(ctx: AppContext, p: Principal, f: LedgerFilter): PassThrough {
  const out = new PassThrough();
  writeLedger(ctx, p, f, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
