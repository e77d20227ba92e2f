import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { listVisibleAgencies } from '../platform/org/agencies.service.js';
import { maskPhone } from '../rules/identity.js';
import type { DeliveryLogQuery, DeliveryLogRow } from './inbox.api.js';

/**
 * The delivery log of notifications (e-mail, SMS) for the console: the messages of the user's agency (a
 * supervisor: the subtree) with every attempt. Recipients are shown in full to the agency that sent them,
 * masked to anyone overseeing it.
 */
export async function deliveryLog(ctx: AppContext, p: Principal, q: DeliveryLogQuery): Promise<DeliveryLogRow[]> {
  assertCan(p, 'notifications.read', '您没有查看通知发送记录的权限。');
  const agencies = await listVisibleAgencies(ctx.db, p);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const rows = await ctx.outbox.deliveryLog({
    agencyIds: agencies.map((a) => a.id),
    limit: Math.min(Math.max(q.limit ?? 100, 1), 500),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.status ? { status: q.status } : {}),
  });
  return rows.map((r) => ({
    ...r,
    recipient: r.agencyId === p.agencyId ? r.recipient : maskRecipient(r.recipient),
    agencyName: r.agencyId ? (names.get(r.agencyId) ?? null) : null,
  }));
}

function maskRecipient(s: string): string {
  const at = s.indexOf('@');
  if (at > 0) return `${s.slice(0, 1)}***${s.slice(at)}`;
  return maskPhone(s);
}
