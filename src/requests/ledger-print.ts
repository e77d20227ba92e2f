import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { PRINT_TOOLBAR, printCss } from '../platform/documents/print.js';
import { getAgency } from '../platform/org/agencies.service.js';
import { html, raw } from '../platform/web/html.js';
import { STATE_LABELS } from './cases.labels.js';
import { LEDGER_COLUMNS, ledgerRows, type LedgerFilter } from './ledger.js';

/**
 * The printable ledger (台账打印): the case list with the list's filters as one A4 landscape table, the
 * columns of the .xlsx less 申请人类型 and 答复方式 (kept for the width of the page). At most PRINT_LIMIT rows: a
 * longer ledger is for the .xlsx, and the page says so.
 */

export const PRINT_LIMIT = 2000;
const PRINTED = ['受理编号', '收到日期', '渠道', '申请人', '申请内容', '经办人', '状态', '答复日期', '办理结果（年度报告表三）', '是否延期', '复议/诉讼'];
const INDEX = PRINTED.map((h) => LEDGER_COLUMNS.findIndex(([c]) => c === h));

const CSS = `${printCss({ landscape: true })}
table.ledger { font-size: 9pt; }
table.ledger th, table.ledger td { padding: 1mm 1.2mm; }
table.ledger td:nth-child(-n+4), table.ledger td:nth-child(9) { white-space: nowrap; }
table.ledger td:nth-child(6) { min-width: 45mm; }
`;

function filterText(f: LedgerFilter & { assignee?: string }, assigneeName?: string): string {
  const parts: string[] = [];
  if (f.state) parts.push(`状态：${f.state === 'open' ? '办理中' : (STATE_LABELS[f.state as keyof typeof STATE_LABELS] ?? f.state)}`);
  if (f.receivedFrom || f.receivedTo) parts.push(`收到日期：${f.receivedFrom ?? '…'} 至 ${f.receivedTo ?? '…'}`);
  if (f.dueBefore) parts.push(`答复期限早于：${f.dueBefore}`);
  if (assigneeName) parts.push(`经办人：${assigneeName}`);
  if (f.trackingCode) parts.push(`受理编号：${f.trackingCode}`);
  if (f.q) parts.push(`关键词：${f.q}`);
  if (f.outcome) parts.push(`办理结果：${f.outcome}`);
  return parts.length ? parts.join('；') : '全部申请';
}

export async function ledgerPrintHtml(ctx: AppContext, p: Principal, f: LedgerFilter, opts: { assigneeName?: string; printedAt: string }): Promise<string> {
  const rows: string[][] = [];
  let more = false;
  for await (const cells of ledgerRows(ctx, p, f)) {
    if (rows.length >= PRINT_LIMIT) {
      more = true;
      break;
    }
    rows.push(INDEX.map((i) => cells[i] ?? ''));
  }
  const agency = await getAgency(ctx.db, f.agencyId ?? p.agencyId);
  const title = `${agency?.name ?? ''}政府信息公开申请办理台账`;
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><style>${raw(CSS)}</style></head><body>
${raw(PRINT_TOOLBAR)}
<h1>${title}</h1>
<p class="meta">筛选条件：${filterText(f, opts.assigneeName)} · 共 ${rows.length}${more ? '+' : ''} 件 · 打印时间 ${opts.printedAt}</p>
${more ? html`<p class="meta"><strong>台账超过 ${PRINT_LIMIT} 件，只打印了前 ${PRINT_LIMIT} 件：请缩小筛选范围，或导出 Excel 台账。</strong></p>` : ''}
<table class="ledger"><thead><tr><th>序号</th>${PRINTED.map((h) => html`<th>${h.replace('（年度报告表三）', '')}</th>`)}</tr></thead><tbody>
${rows.length ? rows.map((r, i) => html`<tr><td>${i + 1}</td>${r.map((c) => html`<td>${c || '—'}</td>`)}</tr>`) : html`<tr><td colspan="${PRINTED.length + 1}" class="none">没有符合条件的申请。</td></tr>`}
</tbody></table>
</body></html>`}`;
}
