import { can, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { deadlineFor } from './reports.service.js';

/**
 * What 年度报告 puts in a person's inbox (待我处理), asked by the inbox capability through this function: from
 * 1 January until it is published, last year's annual report and the days left to its deadline (条例第四十九条:
 * departments by 31 January, a government's report by 31 March), for the staff who compile it (reports.edit).
 */
export interface ReportsInboxItem {
  kind: 'report_due';
  reportId: string | null;
  title: string;
  detail: string;
  when: string;
}

export async function reportsInbox(ctx: AppContext, p: Principal): Promise<ReportsInboxItem[]> {
  if (!can(p, 'reports.edit')) return [];
  const d = await deadlineFor(ctx.db, p, ctx.clock.today());
  if (!d.countingDown || d.published) return [];
  const left = d.daysLeft >= 0 ? `距公布期限还有 ${d.daysLeft} 天` : `已超过公布期限 ${-d.daysLeft} 天`;
  return [
    {
      kind: 'report_due',
      reportId: d.reportId,
      title: `${d.reportYear}年政府信息公开工作年度报告`,
      detail: `应于 ${d.deadline} 前向社会公布（条例第四十九条），${left}；${d.reportId ? '报告尚未发布' : '报告尚未编制'}。`,
      when: d.deadline,
    },
  ];
}
