import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requirePermission } from '../platform/http/auth-plugin.js';
import { Type } from '@fastify/type-provider-typebox';
import { inboxOf } from './inbox.service.js';
import { deliveryLog } from './notifications.service.js';

const tags = ['待我处理'];

export async function inboxRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/inbox',
    { schema: { tags, summary: '待我处理：待批准的延期、待签发的告知书、待审核的公开信息、被退回的告知书、补正告知期限、临近到期和已逾期的申请' } },
    async (req) => inboxOf(ctx, requirePermission(req, 'cases.read')),
  );
  app.get('/api/inbox/counts', { schema: { tags, summary: '待我处理的件数（导航栏角标）' } }, async (req) => {
    const r = await inboxOf(ctx, requirePermission(req, 'cases.read'));
    return { total: r.total, counts: r.counts };
  });
  app.get(
    '/api/notifications/log',
    {
      schema: {
        tags: ['通知'],
        summary: '通知发送记录（邮件、短信）：每条消息及每次发送尝试',
        querystring: Type.Object(
          {
            channel: Type.Optional(Type.String({ maxLength: 32 })),
            status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('dead')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => deliveryLog(ctx, requirePermission(req, 'notifications.read'), req.query as { channel?: string; status?: string; limit?: number }),
  );
}
