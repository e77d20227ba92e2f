import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { publishingInbox } from '../publishing/inbox.js';
import { reportsInbox } from '../reports/inbox.js';
import { requestsInbox } from '../requests/inbox.js';
import { supervisionInbox } from '../supervision/inbox.js';
import type { InboxEntry, InboxView } from './inbox.api.js';
import { INBOX_KIND_LABELS, INBOX_KINDS as ORDER, type InboxKind } from './inbox-kinds.js';

/**
 * 待我处理: one list per person across capabilities. The inbox owns no table: it asks each capability through
 * the small query function that capability exports (requests/inbox.ts, publishing/inbox.ts, supervision/inbox.ts).
 */

/** `dueWithinDays`: the window of "due soon" (the page: 3 working days; a person's reminders: their own setting). */
export async function inboxOf(ctx: AppContext, p: Principal, opts: { dueWithinDays?: number } = {}): Promise<InboxView> {
  assertCan(p, 'cases.read');
  const [req, pub, sup, rep] = await Promise.all([requestsInbox(ctx, p, 100, opts), publishingInbox(ctx, p), supervisionInbox(ctx, p), reportsInbox(ctx, p)]);
  const items: InboxEntry[] = [
    ...req.map((r) => ({
      kind: r.kind,
      caseId: r.caseId,
      ...(r.letterId ? { letterId: r.letterId } : {}),
      ...(r.replyLetterId !== undefined ? { replyLetterId: r.replyLetterId } : {}),
      trackingCode: r.trackingCode,
      title: r.title,
      detail: r.detail,
      when: r.when,
      ...(r.version ? { version: r.version } : {}),
      ...(r.assigneeId !== undefined ? { assigneeId: r.assigneeId } : {}),
    })),
    ...pub.map((r) => ({ kind: r.kind, itemId: r.itemId, title: r.title, detail: r.detail, when: r.when })),
    ...sup.map((r) => ({
      kind: r.kind,
      orderId: r.orderId,
      ...(r.caseId ? { caseId: r.caseId } : {}),
      title: r.title,
      detail: r.detail,
      when: r.when,
      version: r.version,
    })),
    ...rep.map((r) => ({ kind: r.kind, ...(r.reportId ? { reportId: r.reportId } : {}), title: r.title, detail: r.detail, when: r.when })),
  ];
  items.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || String(a.when ?? '').localeCompare(String(b.when ?? '')));
  const counts = Object.fromEntries(ORDER.map((k) => [k, items.filter((i) => i.kind === k).length])) as Record<InboxKind, number>;
  return { items, counts, total: items.length, labels: INBOX_KIND_LABELS };
}
