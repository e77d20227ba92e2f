import { can } from '../platform/auth/permissions.js';
import { staffRecipients } from '../platform/auth/staff-contacts.js';
import type { AppContext } from '../platform/context.js';
import type { JobDefinition } from '../platform/jobs/jobs.js';
import { inboxOf } from './inbox.service.js';
import { notifyStaff, type StaffNoticeKind } from './staff-messages.js';

/**
 * The morning reminder: for every member of staff who chose e-mail or SMS (个人设置) and gave the address, what
 * waits in their inbox today — overdue cases, cases due within their own "到期前 N 个工作日", correction windows
 * closing, extensions to approve, letters to sign or returned, reviews waiting, items near the 条例第二十六条 limit,
 * 督办 to answer, the annual report's countdown — each as one message to the outbox, keyed per recipient, entry
 * and day: a second run the same day (another process, a manual run, a restart) sends nothing new.
 */
export async function remindStaff(ctx: AppContext): Promise<{ recipients: number; enqueued: number; failed: number }> {
  const people = await staffRecipients(ctx.db, ctx.cipher);
  const names = new Map((await ctx.db.selectFrom('agencies').select(['id', 'name']).execute()).map((a) => [a.id, a.name]));
  let enqueued = 0;
  let failed = 0;
  for (const to of people) {
    try {
      // The page shows the head every deadline of the agency; the reminders of a case's deadline go to its
      // 经办人 only, and those of a case nobody holds yet to the heads (who assign it).
      const approves = can(to.principal, 'cases.approve');
      const items = (await inboxOf(ctx, to.principal, { dueWithinDays: to.remindDays })).items.filter(
        (e) => e.assigneeId === undefined || e.assigneeId === to.principal.userId || (e.assigneeId === null && approves),
      );
      if (!items.length) continue;
      const agency = { id: to.principal.agencyId, name: names.get(to.principal.agencyId) ?? '' };
      await ctx.db.transaction().execute(async (tx) => {
        for (const e of items) {
          enqueued += await notifyStaff(
            ctx,
            tx,
            [to],
            {
              kind: e.kind as StaffNoticeKind,
              title: e.title,
              when: e.when ? e.when.slice(0, 10) : null,
              ...(e.caseId ? { caseId: e.caseId } : {}),
              ...(e.letterId ? { letterId: e.letterId } : {}),
              ...(e.itemId ? { itemId: e.itemId } : {}),
              ...(e.orderId ? { orderId: e.orderId } : {}),
              ...(e.reportId ? { reportId: e.reportId } : {}),
              ...(e.trackingCode ? { trackingCode: e.trackingCode } : {}),
            },
            agency,
          );
        }
      });
    } catch (err) {
      // One person's failure (a bad row) does not hold back the others; the run reports it.
      failed++;
      console.error(`staff reminder for ${to.principal.username} failed:`, err);
    }
  }
  return { recipients: people.length, enqueued, failed };
}

export const remindStaffJob: JobDefinition = {
  name: 'inbox.remind-staff',
  title: '向工作人员发送待办提醒（邮件、短信）',
  schedule: { dailyAt: '08:30' },
  run: async (ctx) => {
    const r = await remindStaff(ctx);
    if (r.failed && !r.enqueued) throw new Error(`待办提醒失败：${r.failed} 人未能生成提醒。`);
    return { changed: r.enqueued, message: `向 ${r.recipients} 名工作人员写入 ${r.enqueued} 条待办提醒${r.failed ? `，${r.failed} 人失败` : ''}。` };
  },
};
