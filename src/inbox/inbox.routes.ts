import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requirePermission } from '../platform/http/auth-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DeliveryLogQuery } from './inbox.api.js';
import { inboxOf } from './inbox.service.js';
import { deliveryLog } from './notifications.service.js';

const tags = ['待我处理'];

export async function inboxRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/inbox',
    { schema: { tags, summary: '待我处理：待批准的延期、待签发的告知书、待审核的公开信息、被退回的告知书、补正告知期限、临近到期和已逾期的申请' } },
    async (req) => inboxOf(ctx, requirePermission(req, 'cases.read')),
  );
  r.get('/api/inbox/counts', { schema: { tags, summary: '待我处理的件数（导航栏角标）' } }, async (req) => {
    const inbox = await inboxOf(ctx, requirePermission(req, 'cases.read'));
    return { total: inbox.total, counts: inbox.counts };
  });
  r.get(
    '/api/notifications/log',
    {
      schema: {
        tags: ['通知'],
        summary: '通知发送记录（邮件、短信）：每条消息及每次发送尝试',
        querystring: DeliveryLogQuery,
      },
    },
    async (req) => deliveryLog(ctx, requirePermission(req, 'notifications.read'), req.query),
  );
}
