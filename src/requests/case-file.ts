import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { PRINT_TOOLBAR, printCss } from '../platform/documents/print.js';
import { html, raw } from '../platform/web/html.js';
import { APPLICANT_TYPE_LABELS, DELIVERIES, FORMS } from './application.js';
import { listAppeals } from './appeals.service.js';
import { getCaseDetail } from './cases.queries.js';
import { listCaseLetters } from './letters.service.js';

/**
 * The printable case file (一案一档): the application, the timeline, how the deadline was computed, the letters
 * and the appeals, as one A4 document (仿宋 for the text, 黑体 for headings, as the letters). Staff open it from the
 * case page and print it with the browser (or save it as PDF).
 */

const EVENT_LABELS: Record<string, string> = {
  submitted: '提交申请',
  received: '收到申请',
  accepted: '受理',
  correction_requested: '告知补正',
  corrected: '收到补正',
  consultation_started: '征求意见',
  consultation_answered: '收到意见',
  fee_notified: '收费通知',
  fee_paid: '缴费',
  extended: '延期答复',
  later_deadline: '另行确定答复期限',
  assigned: '分派经办人',
  note: '备注',
  closed: '办结',
  transferred: '转交',
  transferred_in: '转入',
  letter_released: '签发告知书',
};

const DETAIL_KEYS: Record<string, string> = {
  date: '日期',
  deadline: '期限',
  items: '事项',
  reason: '理由',
  party: '对象',
  opinion: '意见',
  amount: '金额',
  outcome: '办理结果',
  assigneeName: '经办人',
  fromName: '原经办人',
  approvedBy: '批准人',
  docNumber: '文号',
  text: '内容',
  toAgencyName: '接收机关',
  fromAgencyName: '转出机关',
};

function eventDetail(data: Record<string, unknown>): string {
  return Object.entries(DETAIL_KEYS)
    .filter(([k]) => data[k] !== undefined && data[k] !== null && data[k] !== '')
    .map(([k, label]) => `${label}：${String(data[k])}`)
    .join('；');
}

const CSS = `${printCss()}
.tl td:nth-child(-n+3), .tr td:first-child { white-space: nowrap; }
`;

export async function caseFileHtml(ctx: AppContext, p: Principal, caseId: string): Promise<string> {
  const d = await getCaseDetail(ctx, p, caseId);
  const [letters, appeals] = await Promise.all([listCaseLetters(ctx, p, caseId), listAppeals(ctx, p, { caseId })]);
  const a = d.applicant as unknown as Record<string, string | undefined>;
  const row = (k: string, v: unknown) => html`<tr><th>${k}</th><td>${v === null || v === undefined || v === '' ? '—' : v}</td></tr>`;
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><title>案卷 ${d.trackingCode}</title><style>${raw(CSS)}</style></head><body>
${raw(PRINT_TOOLBAR)}
<h1>政府信息公开申请案卷</h1>
<p class="meta">${d.agencyName} · 查询码 ${d.trackingCode} · ${d.stateLabel}</p>
<section id="part-application"><h2>一、申请</h2><table>
${row('申请人', a.name)}${row('申请人类型', APPLICANT_TYPE_LABELS[d.applicantType as keyof typeof APPLICANT_TYPE_LABELS] ?? d.applicantType)}
${row('联系电话', a.phone)}${row('电子邮箱', a.email)}${row('通信地址', a.address)}
${row('提交渠道', d.channelLabel)}${row('收到日期', d.receivedDate)}${row('所需信息', d.description)}${row('文号', d.docNumberRequested)}
${row('获取方式', `${FORMS[d.form as keyof typeof FORMS] ?? d.form}，${DELIVERIES[d.delivery as keyof typeof DELIVERIES] ?? d.delivery}`)}
${row('经办人', d.assigneeName ?? '未分配')}${row('答复期限', d.dueDate ? `${d.dueDate}${d.dueProvisional ? '（暂定）' : ''}` : null)}
${row('办理结果', d.outcomeLabel)}${row('办结日期', d.closedDate)}
</table></section>
<section id="part-timeline"><h2>二、办理记录</h2><table class="tl"><tr><th>时间</th><th>事项</th><th>办理人</th><th>内容</th></tr>
${d.timeline.map((e) => html`<tr><td>${e.at.slice(0, 16).replace('T', ' ')}</td><td>${EVENT_LABELS[e.type] ?? e.type}</td><td>${e.actor}</td><td>${eventDetail(e.data as Record<string, unknown>)}</td></tr>`)}
</table></section>
<section id="part-clock"><h2>三、答复期限计算</h2>${d.trace.length ? html`<table class="tr"><tr><th>日期</th><th>说明</th></tr>${d.trace.map((t) => html`<tr><td>${t.date}</td><td>${t.note}</td></tr>`)}</table>` : html`<p class="none">无。</p>`}</section>
<section id="part-letters"><h2>四、告知书与答复书</h2>${letters.length ? html`<table><tr><th>文书</th><th>文号</th><th>状态</th><th>起草人</th><th>签发人</th><th>签发时间</th></tr>${letters.map((l) => html`<tr><td>${l.name}</td><td>${l.docNumber ?? '—'}</td><td>${l.status === 'released' ? '已签发' : l.status === 'returned' ? '已退回' : '草稿'}</td><td>${l.draftedBy}</td><td>${l.signedBy ?? '—'}</td><td>${l.releasedAt ? l.releasedAt.slice(0, 10) : '—'}</td></tr>`)}</table>` : html`<p class="none">无。</p>`}</section>
<section id="part-appeals"><h2>五、行政复议和行政诉讼</h2>${appeals.length ? html`<table><tr><th>类型</th><th>提起日期</th><th>机关</th><th>结果</th></tr>${appeals.map((x) => html`<tr><td>${x.kindLabel}</td><td>${x.filedDate}</td><td>${x.body}</td><td>${x.resultLabel}</td></tr>`)}</table>` : html`<p class="none">无。</p>`}</section>
</body></html>`.toString()}`;
}
