import { formFields } from '../platform/http/form-body.js';
import type { AppContext } from '../platform/context.js';
import { requirePermission, requireUser } from '../platform/http/auth-plugin.js';
import { visibleAgency } from '../platform/auth/permissions.js';
import { badRequest, notFound } from '../platform/errors.js';
import {
  addAttachment,
  createItem,
  dueItems,
  reindexPublished,
  getItemDetail,
  listItems,
  releaseItem,
  removeAttachment,
  reviewItem,
  submitItem,
  updateItem,
  withdrawItem,
} from './items.service.js';
import { isItemStatus } from './publishing.labels.js';
import { AttachmentParams, IdParams, ItemBody, type ItemInput, ItemsQuery, ReleaseBody, ReviewBody, WithdrawBody } from './publishing.api.js';
import { spanText } from '../rules/citations.js';
import { tags, type TypedApp, write } from './publishing.http.js';

/** The item's content without the edit's version check. */
const toInput = ({ expectedVersion: _v, ...input }: ItemBody): ItemInput => input;

/** The staff JSON API of items: list, drafting, attachments, the review chain, release and withdrawal. */
export async function itemRoutes(app: TypedApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/publishing/items',
    {
      schema: {
        tags,
        summary: '信息列表（本机关；主管部门为所辖机关）',
        querystring: ItemsQuery,
      },
    },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      const qs = req.query;
      const status = qs.status || undefined;
      if (status !== undefined && !isItemStatus(status)) throw badRequest('状态不正确。');
      return listItems(ctx.db, p, {
        status,
        columnCode: qs.column,
        q: qs.q,
        agencyId: qs.agencyId,
        page: qs.page ?? 1,
        size: qs.size ?? 20,
      });
    },
  );

  app.post('/api/publishing/reindex', { ...write, schema: { tags, summary: '重建全文检索索引（系统管理员；更换分词词典或恢复备份后使用）' } }, async (req) => {
    requirePermission(req, 'org.manage');
    return { indexed: await reindexPublished(ctx.db) };
  });

  app.get('/api/publishing/due', { schema: { tags, summary: `条例第二十六条时限提醒：临近或超过${spanText('proactive')}仍未公开的信息` } }, async (req) => ({
    items: await dueItems(ctx.db, requirePermission(req, 'cases.read')),
  }));

  app.post('/api/publishing/items', { ...write, schema: { tags, summary: '起草信息', body: ItemBody } }, async (req, reply) => {
    const p = requirePermission(req, 'publishing.draft');
    const item = await createItem(ctx.db, p, toInput(req.body));
    return reply.status(201).send({ item });
  });

  app.get(
    '/api/publishing/items/:id',
    { schema: { tags, summary: '信息详情：内容、附件、审核记录、历史版本、第二十六条时限', params: IdParams } },
    async (req) => {
      const p = requirePermission(req, 'cases.read');
      return getItemDetail(ctx.db, p, req.params.id);
    },
  );

  app.put(
    '/api/publishing/items/:id',
    { ...write, schema: { tags, summary: '修改信息（审核后修改须重新审核；已发布信息的修订保留历史）', params: IdParams, body: ItemBody } },
    async (req) => {
      const p = requirePermission(req, 'publishing.draft');
      return { item: await updateItem(ctx.db, p, req.params.id, toInput(req.body), req.body.expectedVersion) };
    },
  );

  app.post(
    '/api/publishing/items/:id/attachments',
    { ...write, schema: { tags, summary: '上传附件（multipart: file + filename，或 JSON: filename + contentBase64）', params: IdParams } },
    async (req, reply) => {
      const p = requirePermission(req, 'publishing.draft');
      const b = formFields(req.body);
      const filename = typeof b.filename === 'string' ? b.filename : '';
      let data: Buffer | null = null;
      if (Buffer.isBuffer(b.file)) data = b.file;
      else if (typeof b.contentBase64 === 'string' && b.contentBase64.length <= 14_000_000) data = Buffer.from(b.contentBase64, 'base64');
      if (!data) throw badRequest('请选择要上传的附件。');
      if (data.length > 10 * 1024 * 1024) throw badRequest('附件不能超过 10 MB。');
      return reply.status(201).send({ attachment: await addAttachment(ctx.db, p, req.params.id, filename, data) });
    },
  );

  app.delete(
    '/api/publishing/items/:id/attachments/:att',
    {
      ...write,
      schema: {
        tags,
        summary: '移除附件',
        params: AttachmentParams,
      },
    },
    async (req) => {
      const p = requirePermission(req, 'publishing.draft');
      const { id, att } = req.params;
      await removeAttachment(ctx.db, p, id, att);
      return { ok: true };
    },
  );

  app.get('/api/publishing/attachments/:id', { schema: { tags, summary: '下载附件（工作人员）', params: IdParams } }, async (req, reply) => {
    const p = requirePermission(req, 'cases.read');
    const row = await ctx.db
      .selectFrom('pub_attachments')
      .select(['filename', 'mime', 'data'])
      .where('id', '=', req.params.id)
      .where((eb) => visibleAgency(eb, 'pub_attachments.agency_id', p))
      .executeTakeFirst();
    if (!row) throw notFound('未找到该附件。');
    return reply
      .type(row.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
      .send(Buffer.from(row.data));
  });

  app.post('/api/publishing/items/:id/submit', { ...write, schema: { tags, summary: '提交审核', params: IdParams } }, async (req) => ({
    item: await submitItem(ctx.db, requirePermission(req, 'publishing.draft'), req.params.id),
  }));

  app.post(
    '/api/publishing/items/:id/review',
    {
      ...write,
      schema: {
        tags,
        summary: '审核（同意须完成保密审查清单；审核绑定所阅版本的哈希）',
        params: IdParams,
        body: ReviewBody,
      },
    },
    async (req) => ({
      item: await reviewItem(ctx.db, requirePermission(req, 'publishing.review'), req.params.id, req.body),
    }),
  );

  app.post(
    '/api/publishing/items/:id/release',
    {
      ...write,
      schema: {
        tags,
        summary: '发布（立即或定时；政策解读随政策文件同步发布）',
        params: IdParams,
        body: ReleaseBody,
      },
    },
    async (req) => {
      const p = requireUser(req);
      return { items: await releaseItem(ctx.db, p, req.params.id, { at: req.body?.at }) };
    },
  );

  app.post(
    '/api/publishing/items/:id/withdraw',
    {
      ...write,
      schema: {
        tags,
        summary: '撤回（须说明理由；撤出列表和检索，保留历史）',
        params: IdParams,
        body: WithdrawBody,
      },
    },
    async (req) => ({ item: await withdrawItem(ctx.db, requireUser(req), req.params.id, req.body.reason) }),
  );
}
